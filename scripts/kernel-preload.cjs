// Loaded into the tslab kernel before tslab itself (the kernel spec's `node --require …`): on Node ≥ 22.1,
// V8's code cache for every module (module.enableCompileCache), so that a fresh kernel does not compile
// TypeScript's 9 MB compiler from source each time (measured on Node 24: requiring it 130 → 70 ms, kernel
// ready 1.25 → 1.13 s). Node 20 has no such cache. A hand-made cache of the two largest files with V8's
// cached data was tried there and measured side by side: no gain (first figure 2.51 s with it, 2.25 s
// without, in one run of bench/kernel-start.py), so it was not kept. A general hook of every module
// (the v8-compile-cache package) breaks Node's require() of ES modules, which the kernel needs.
"use strict";
const nodeModule = require("node:module");

if (typeof nodeModule.enableCompileCache === "function") nodeModule.enableCompileCache();
