#!/usr/bin/env node
// Bundles the explorer's page script (lib/src/explorer/page.ts and the library core it imports:
// optimizer, run, objectives, errors) into one minified IIFE, lib/dist/explorer/page.bundle.js, that
// every explorer output inlines. Run by `npm run build:lib` after tsc. No figures, Plot or DOM libraries:
// the page only draws paths into markup made in Node.
//
// Usage: node lib/scripts/bundle-explorer.mjs [--metafile]   (--metafile prints what the bundle holds)

import { mkdirSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const LIB = join(dirname(fileURLToPath(import.meta.url)), "..");
const ENTRY = join(LIB, "src", "explorer", "page.ts");
const OUT = join(LIB, "dist", "explorer", "page.bundle.js");
/** The page may only contain these (anything else means a Node or figure module slipped in). */
const ALLOWED = /^(lib\/src\/(explorer\/(page|compute|controls|draw|settings)|optimizer|run|objectives|errors|random)\.ts|explorer-stub:seedrandom)$/;

/**
 * seedrandom (random.ts, reached through run.ts) draws a start point from `bounds`; the page always passes
 * `start`, so that code never runs there. A stub that says so keeps its 7 KB of generators out of every
 * notebook output.
 */
const noSeedrandom = {
  name: "no-seedrandom",
  setup(b) {
    b.onResolve({ filter: /^seedrandom$/ }, () => ({ path: "seedrandom", namespace: "explorer-stub" }));
    b.onLoad({ filter: /.*/, namespace: "explorer-stub" }, () => ({
      contents: 'export default function seedrandom() { throw new Error("explorer: the page draws no random start"); }',
      loader: "js",
    }));
  },
};

mkdirSync(dirname(OUT), { recursive: true });
const result = await build({
  entryPoints: [ENTRY],
  outfile: OUT,
  bundle: true,
  format: "iife",
  globalName: "__amsgradExplorerBundle",
  platform: "browser",
  target: ["es2020", "chrome90", "firefox90", "safari15"],
  minify: true,
  legalComments: "none",
  charset: "utf8",
  metafile: true,
  logLevel: "warning",
  plugins: [noSeedrandom],
});

const root = join(LIB, "..");
const inputs = Object.keys(result.metafile.inputs).map((p) =>
  p.includes(":") ? p : relative(root, join(process.cwd(), p)).replace(/\\/g, "/"),
);
const strays = inputs.filter((p) => !ALLOWED.test(p));
if (strays.length) {
  console.error(`bundle-explorer: unexpected modules in the page script:\n  ${strays.join("\n  ")}`);
  process.exit(1);
}
const bytes = statSync(OUT).size;
console.log(`bundle-explorer: ${relative(process.cwd(), OUT)} ${(bytes / 1024).toFixed(1)} KB from ${inputs.length} modules`);
if (process.argv.includes("--metafile")) {
  for (const [path, info] of Object.entries(result.metafile.outputs[relative(process.cwd(), OUT)]?.inputs ?? {})) {
    console.log(`  ${String(info.bytesInOutput).padStart(7)}  ${path}`);
  }
}
