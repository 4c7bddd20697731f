#!/usr/bin/env node
// `npm test`: the one test command. Installs what is missing (node_modules, lib build, Debian's Jupyter,
// chromium, JupyterHub and Jupyter Server, the tslab kernel spec), then runs every test/**/*.test.ts (unit, notebook, start and
// browser tests) with Node's test runner and its spec reporter. Exit code: the test runner's.
//
//   npm test                       everything
//   npm test -- test/run.test.ts   only these files (same setup)

import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { ROOT, SetupError, runMain, setup } from "./setup.mjs";

const HELP = `Usage: npm test [-- FILE.test.ts ...]

Installs what is missing (node_modules, the amsgrad library build, Debian's Jupyter, chromium,
JupyterHub and Jupyter Server, the tslab kernel spec), then runs test/**/*.test.ts with:

  node --import tsx --test --test-reporter=spec <files>

Give test files to run only those. Node test-runner flags (--test-name-pattern=..., --test-only) are
passed on.
`;

function testFiles(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === "node_modules" || entry.name === "fixtures" || entry.name.startsWith(".")) continue;
      found.push(...testFiles(path));
    } else if (entry.name.endsWith(".test.ts")) {
      found.push(path);
    }
  }
  return found.sort();
}

async function main() {
  const args = process.argv.slice(2);
  if (args.includes("--help") || args.includes("-h")) {
    process.stdout.write(HELP);
    return 0;
  }
  const flags = args.filter((a) => a.startsWith("--"));
  const named = args.filter((a) => !a.startsWith("--"));
  for (const file of named) {
    if (!existsSync(resolve(file)) || !statSync(resolve(file)).isFile()) throw new SetupError(`no such test file: ${file}`);
  }

  const env = setup({ chromium: true, hub: true, server: true, need: ["tslab", "tsx", "playwright-core"] });
  const files = named.length ? named.map((f) => relative(ROOT, resolve(f))) : testFiles(join(ROOT, "test")).map((f) => relative(ROOT, f));
  if (files.length === 0) throw new SetupError("no test files found under test/");

  const nodeArgs = ["--import", "tsx", "--test", "--test-reporter=spec", ...flags, ...files];
  process.stderr.write(`[test] node ${nodeArgs.join(" ")}\n`);
  const child = spawn(process.execPath, nodeArgs, { cwd: ROOT, env, stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => child.kill(signal));
  }
  const started = performance.now();
  const code = await new Promise((resolvePromise) => {
    child.on("exit", (exitCode, signal) => resolvePromise(exitCode ?? (signal ? 1 : 0)));
  });
  process.stderr.write(`[test] finished in ${((performance.now() - started) / 1000).toFixed(1)} s, exit code ${code}\n`);
  return code;
}

runMain(main);
