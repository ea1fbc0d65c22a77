// `npm test`: everything, in the order a failure is cheapest to find — types, lint, the
// production build, Vitest (unit + integration), Playwright (end-to-end in Chromium).
// Runs every step it can and exits non-zero if any failed. Extra arguments go to Vitest.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const results = [];

function run(name, command, args, options = {}) {
  console.log(`\n━━ ${name} ━━ ${command} ${args.join(" ")}`);
  const started = Date.now();
  const { status } = spawnSync(command, args, { stdio: "inherit", ...options });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.push({ name, ok: status === 0, seconds });
  return status === 0;
}

function hasBrowser() {
  try {
    const { chromium } = require("@playwright/test");
    if (existsSync(chromium.executablePath())) return true;
  } catch {
    // fall through to the system browser
  }
  return ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].some((p) => existsSync(p));
}

function ensureBrowser() {
  if (hasBrowser()) return true;
  console.log("\nNo Chromium found for the browser tests: installing Playwright's Chromium…");
  const { status } = spawnSync("npx", ["playwright", "install", "chromium"], { stdio: "inherit" });
  if (status === 0 && hasBrowser()) return true;
  console.error(
    "\nCould not install a browser for the end-to-end tests. Install Chromium and run `npm test` again:\n" +
      "  Debian/Ubuntu: sudo apt-get install chromium\n" +
      "  macOS:         brew install --cask chromium   (or: npx playwright install chromium)\n" +
      "  anywhere with internet access: npx playwright install chromium",
  );
  return false;
}

const bin = (name) => `node_modules/.bin/${name}`;
run("typecheck", bin("tsc"), ["--noEmit"]);
run("lint", bin("eslint"), ["--max-warnings=0", "."]);
const built = run("build", bin("next"), ["build"]);
if (built) {
  run("unit + integration", bin("vitest"), ["run", ...process.argv.slice(2)]);
  if (ensureBrowser()) run("end-to-end", bin("playwright"), ["test"]);
  else results.push({ name: "end-to-end", ok: false, seconds: "0.0" });
}

console.log("\n━━ summary ━━");
for (const r of results) console.log(`${r.ok ? "✓" : "✗"} ${r.name.padEnd(20)} ${r.seconds}s`);
const failed = results.filter((r) => !r.ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
