#!/usr/bin/env node
// Two Nodes, both tested: the project declares `engines: >=20.19`. The kernel runs on Node 24 from the npm
// registry where the machine's Node is older than 22.1 (setup.mjs kernelNode()), and on the machine's Node
// otherwise. The test suite runs on the machine's Node and also runs the library tests on Node 24, and it
// executes every lesson with a second kernel on the Node the project's kernel does not use, which must print
// what the project's kernel prints (test/node24.test.ts).
//
//   node scripts/node24.mjs          installs Node 24 if missing and prints its path (.ci/run does this first)
//
// Importing this module has no side effects; call the functions.

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { LOCAL_JUPYTER, NODE24_VERSION, ensureNode24, kernelSpec, runMain } from "./setup.mjs";

export { NODE24_BIN, NODE24_DIR, NODE24_VERSION, ensureNode24 } from "./setup.mjs";

/** The name of the second kernel spec (beside the project's `tslab`). */
export const OTHER_NODE_KERNEL = "tslab-other-node";

/**
 * The Node the project's kernel does not run on: the machine's Node when the kernel runs on Node 24, Node 24
 * otherwise. Returns its path and version.
 */
export function otherNode() {
  const kernelBinary = kernelSpec().argv[0];
  const node24 = ensureNode24();
  if (kernelBinary === node24) return { binary: process.execPath, version: process.versions.node };
  return { binary: node24, version: NODE24_VERSION };
}

/**
 * Writes .jupyter-local/kernels/tslab-other-node/kernel.json: the project's kernel spec (setup.mjs) on
 * otherNode(). Returns the spec's name and that Node's version.
 */
export function writeOtherNodeKernelSpec() {
  const { binary, version } = otherNode();
  const base = kernelSpec();
  const spec = { ...base, argv: [binary, ...base.argv.slice(1)], display_name: `${base.display_name.replace(/\)$/, "")}, Node ${version})` };
  const path = join(LOCAL_JUPYTER, "kernels", OTHER_NODE_KERNEL, "kernel.json");
  const text = `${JSON.stringify(spec, null, 2)}\n`;
  mkdirSync(dirname(path), { recursive: true });
  if (!existsSync(path) || readFileSync(path, "utf8") !== text) writeFileSync(path, text);
  return { kernel: OTHER_NODE_KERNEL, version };
}

/**
 * Removes what writeOtherNodeKernelSpec() wrote: the spec is for the tests only, and left in
 * .jupyter-local it would show as a second TypeScript kernel in `npm start`'s menus.
 */
export function removeOtherNodeKernelSpec() {
  rmSync(join(LOCAL_JUPYTER, "kernels", OTHER_NODE_KERNEL), { recursive: true, force: true });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runMain(() => {
    process.stdout.write(`${ensureNode24()}\n`);
  });
}
