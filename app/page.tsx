import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/current-user";

// `/` sends a visitor to the app or to sign-in.
export default async function Home() {
  redirect((await getCurrentUser()) ? "/chat" : "/sign-in");
}
