import { ensureBuild } from "./server";

// Integration tests run the production build; make sure there is one before workers start.
export default function setup() {
  ensureBuild();
}
