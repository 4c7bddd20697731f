#!/usr/bin/env node
// Bundles the explorer's page script (lib/src/explorer/page.ts and the library core it imports: the run
// loop, the optimizer, the test problems, the checks) into one minified IIFE,
// lib/dist/explorer/page.bundle.js, that every explorer output inlines. Run by `npm run build:lib` after
// tsc. It stays small by construction: the page imports the loop (loop.ts), not the drivers (run.ts, which
// draw random starts with seedrandom), and no figure module but the frame's pixel map (figures/figure.ts).
//
// Usage: node lib/scripts/bundle-explorer.mjs [--metafile]   (--metafile prints what the bundle holds)

import { mkdirSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const LIB = join(dirname(fileURLToPath(import.meta.url)), "..");
const ENTRY = join(LIB, "src", "explorer", "page.ts");
const OUT = join(LIB, "dist", "explorer", "page.bundle.js");
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
});

const root = join(LIB, "..");
const inputs = Object.keys(result.metafile.inputs).map((p) =>
  p.includes(":") ? p : relative(root, join(process.cwd(), p)).replace(/\\/g, "/"),
);
const bytes = statSync(OUT).size;
console.log(`bundle-explorer: ${relative(process.cwd(), OUT)} ${(bytes / 1024).toFixed(1)} KB from ${inputs.length} modules`);
if (process.argv.includes("--metafile")) {
  for (const [path, info] of Object.entries(result.metafile.outputs[relative(process.cwd(), OUT)]?.inputs ?? {})) {
    console.log(`  ${String(info.bytesInOutput).padStart(7)}  ${path}`);
  }
}
