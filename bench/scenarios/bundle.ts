// 6: /chat first-load JavaScript, gzipped, from the build output.
//
// `next build` with Turbopack no longer prints "First Load JS", so it is computed here, the way
// Next used to: every JavaScript file a browser must fetch before /chat is interactive, each
// gzipped on its own (zlib, default level, as the server sends it), summed. That set is
//   - the runtime chunks every app page loads (`rootMainFiles` of .next/build-manifest.json;
//     the `polyfillFiles` are `nomodule`, which modern browsers skip), plus
//   - the chunks of the route's entries and of every client component the route renders, from
//     its client reference manifest (.next/server/app/(app)/chat/page_client-reference-manifest.js:
//     `entryJSFiles` for the page and its layouts, `clientModules[*].chunks`).
// Chunks loaded later (next/dynamic, React.lazy) are not first-load and are not in that set.
// The route's folder is found through .next/app-path-routes-manifest.json, so the measurement
// follows the page wherever it lives. As a cross-check, the scripts a signed-in browser is
// actually sent in /chat's HTML are summed the same way.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";
import { type ScenarioResult, infoRow, targetRow } from "../report";
import { root } from "../server";

const next = path.join(root, ".next");
const KB = 1024;

type ClientManifest = {
  clientModules: Record<string, { chunks: string[] }>;
  entryJSFiles?: Record<string, string[]>;
};

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(next, file), "utf8")) as T;
}

/** "/_next/static/chunks/a.js" or "static/chunks/a.js" → the file in .next */
function staticFile(url: string): string {
  return path.join(next, url.replace(/^\/?_next\//, "").replace(/^\//, ""));
}

function gzippedSize(files: Iterable<string>): { bytes: number; files: { file: string; raw: number; gzip: number }[] } {
  const sizes = [...new Set(files)].map((file) => {
    const content = readFileSync(staticFile(file));
    return { file: path.basename(file), raw: content.length, gzip: gzipSync(content).length };
  });
  return { bytes: sizes.reduce((sum, s) => sum + s.gzip, 0), files: sizes.sort((a, b) => b.gzip - a.gzip) };
}

/** The JavaScript files /chat needs on first load, from the build manifests. */
export function firstLoadFiles(route: string): string[] {
  const appPaths = readJson<Record<string, string>>("app-path-routes-manifest.json");
  const entry = Object.keys(appPaths).find((key) => appPaths[key] === route && key.endsWith("/page"));
  if (!entry) throw new Error(`no app route ${route} in the build`);
  const manifestFile = path.join(next, "server", "app", `${entry}_client-reference-manifest.js`);
  if (!existsSync(manifestFile)) throw new Error(`missing ${manifestFile}`);
  const sandbox: { globalThis?: unknown; __RSC_MANIFEST?: Record<string, ClientManifest> } = {};
  sandbox.globalThis = sandbox;
  vm.runInNewContext(readFileSync(manifestFile, "utf8"), sandbox);
  const manifest = sandbox.__RSC_MANIFEST?.[entry];
  if (!manifest) throw new Error(`no client reference manifest for ${entry}`);

  const { rootMainFiles } = readJson<{ rootMainFiles: string[] }>("build-manifest.json");
  return (
    [
      ...rootMainFiles,
      ...Object.values(manifest.entryJSFiles ?? {}).flat(),
      ...Object.values(manifest.clientModules).flatMap((m) => m.chunks),
    ]
      .filter((file) => file.endsWith(".js"))
      // The manifests name a chunk as "/_next/static/…" or "static/…": count each file once.
      .map((file) => file.replace(/^\/?_next\//, "").replace(/^\//, ""))
  );
}

/** The module scripts in a page's HTML (what the browser fetches before hydrating). */
export function scriptsInHtml(html: string): string[] {
  return [...html.matchAll(/<script\b([^>]*)>/g)]
    .map((m) => m[1]!)
    .filter((attrs) => !/\bnomodule\b/i.test(attrs))
    .map((attrs) => /\bsrc="([^"]+)"/.exec(attrs)?.[1])
    .filter((src): src is string => Boolean(src?.startsWith("/_next/static/") && src.endsWith(".js")));
}

export function measureBundle(route: string, html?: string): ScenarioResult {
  const fromManifests = gzippedSize(firstLoadFiles(route));
  const fromHtml = html ? gzippedSize(scriptsInHtml(html)) : undefined;
  const measured = Math.max(fromManifests.bytes, fromHtml?.bytes ?? 0);
  const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;
  return {
    title: `6. ${route} first-load JavaScript (gzipped, from the build output)`,
    rows: [
      infoRow("from the build manifests", `${kb(fromManifests.bytes)} in ${fromManifests.files.length} files`),
      ...(fromHtml
        ? [infoRow("scripts in the served HTML (signed in)", `${kb(fromHtml.bytes)} in ${fromHtml.files.length} files`)]
        : []),
      targetRow("first-load JS", measured / KB, 250, (v) => `${v.toFixed(1)} KB`),
    ],
    notes: [
      `largest: ${fromManifests.files
        .slice(0, 3)
        .map((f) => `${f.file} ${kb(f.gzip)}`)
        .join(", ")}`,
    ],
    data: { route, bytes: measured, fromManifests, fromHtml },
  };
}
