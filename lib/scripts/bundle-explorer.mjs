#!/usr/bin/env node
// Bundles the explorer's page script (lib/src/explorer/page.ts and the library core it imports: the run
// loop, the optimizer, the test problems, the checks) into one minified IIFE,
// lib/dist/explorer/page.bundle.js, that every explorer output inlines, and the step-by-step panel
// (scrubber-page.ts) into lib/dist/explorer/scrubber.bundle.js, inlined only where `scrub` is set. Run by `npm run build:lib` after
// tsc. It stays small by construction: the page imports the loop (loop.ts), not the drivers (run.ts, which
// draw random starts with seedrandom), and no figure module but the frame's pixel map (figures/figure.ts).
//
// Usage: node lib/scripts/bundle-explorer.mjs [--metafile]   (--metafile prints what the bundle holds)

import { mkdirSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const LIB = join(dirname(fileURLToPath(import.meta.url)), "..");
const root = join(LIB, "..");
/**
 * Two bundles: the explorer's page script, and the step-by-step panel's (inlined only in outputs made
 * with `scrub`, so that every other explorer output stays within its size budget; it brings numpy's
 * number printing along).
 */
const BUNDLES = [
  { entry: join(LIB, "src", "explorer", "page.ts"), out: join(LIB, "dist", "explorer", "page.bundle.js"), globalName: "__amsgradExplorerBundle" },
  { entry: join(LIB, "src", "explorer", "scrubber-page.ts"), out: join(LIB, "dist", "explorer", "scrubber.bundle.js"), globalName: "__amsgradScrubberBundle" },
];

for (const { entry, out, globalName } of BUNDLES) {
  mkdirSync(dirname(out), { recursive: true });
  const result = await build({
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    format: "iife",
    globalName,
    platform: "browser",
    target: ["es2020", "chrome90", "firefox90", "safari15"],
    minify: true,
    legalComments: "none",
    charset: "utf8",
    metafile: true,
    logLevel: "warning",
  });
  const inputs = Object.keys(result.metafile.inputs);
  const bytes = statSync(out).size;
  console.log(`bundle-explorer: ${relative(process.cwd(), out)} ${(bytes / 1024).toFixed(1)} KB from ${inputs.length} modules`);
  if (process.argv.includes("--metafile")) {
    for (const [path, info] of Object.entries(result.metafile.outputs[relative(process.cwd(), out)]?.inputs ?? {})) {
      console.log(`  ${String(info.bytesInOutput).padStart(7)}  ${relative(root, join(process.cwd(), path))}`);
    }
  }
}
