#!/usr/bin/env node
// Bundles the figure machinery (lib/dist/figures and the explorer's Node side, with Observable Plot, d3
// and linkedom) into one minified CommonJS file, lib/dist/lazy/figures.cjs, which the main entry loads on
// the first figure (lib/src/figures/lazy.ts). Loading one file instead of the ~200 ES modules behind it is
// what a fresh kernel's first figure waits for: measured 260–290 ms for the modules against 60–110 ms for
// the bundle on this machine kind (bench/kernel-start.py measures the whole first figure).
// Run by `npm run build:lib` after tsc.
//
// Usage: node lib/scripts/bundle-figures.mjs

import { statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const LIB = join(dirname(fileURLToPath(import.meta.url)), "..");
const DIST = join(LIB, "dist");
const OUT = join(DIST, "lazy", "figures.cjs");

await build({
  stdin: {
    contents: 'export * from "./figures/index.js";\nexport { explorer, showExplorer } from "./explorer/index.js";\n',
    resolveDir: DIST,
    sourcefile: "lazy-figures-entry.js",
    loader: "js",
  },
  outfile: OUT,
  bundle: true,
  format: "cjs",
  platform: "node",
  target: ["node20.19"],
  minify: true,
  charset: "utf8",
  // The explorer finds its page script next to itself (new URL(…, import.meta.url)): give the bundle's URL.
  banner: { js: 'var __amsgradBundleUrl=require("url").pathToFileURL(__filename).href;' },
  define: { "import.meta.url": "__amsgradBundleUrl" },
  logLevel: "error",
});
console.log(`bundle-figures: ${relative(process.cwd(), OUT)} ${(statSync(OUT).size / 1024).toFixed(0)} KB`);
