// The tslab kernel as this project runs it (patches/tslab+*.patch, the kernel spec of scripts/setup.mjs),
// through real Jupyter (jupyter_client), one fresh kernel per test:
//   - a class re-running cells for an hour: 1,000 cells in one kernel, every output and every `idle`
//     arrives, in order (unpatched tslab loses one about every 170 cells: zeromq.js refuses a send while
//     one is delayed, and tslab never waited for its sends);
//   - one cell showing 2,000 figures gets all 2,000, in order, even to a client that reads late (zeromq's
//     default high-water mark dropped what was not read);
//   - Run All (every cell sent at once, as the Notebook page does): each cell's output arrives while the
//     later cells are still running, not all of them at the end;
//   - the kernel's compiler sees only the types the notebooks need (no global `d3` from the project's
//     @types), and still reports type errors in cells and reads the library's .d.ts;
// plus the messages of show() and showExplorer() when tslab itself fails to send (in this process).

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { jupyterEnv, missingJupyterModules, PYTHON, ROOT, writeKernelSpec } from "../scripts/setup.mjs";

const DRIVER = join(ROOT, "test", "support", "kernel-messages.py");

interface CellRecord {
  index: number;
  reply: string | null;
  idle: boolean;
  /** [type, detail], and with --all-at-once the arrival time in seconds. */
  messages: [string, string, number?][];
  /** With --all-at-once: when the execute_reply arrived, in seconds. */
  reply_at?: number | null;
}
interface Report {
  cells: CellRecord[];
  late: [number, string, string][];
  stopped: string | null;
}

/** Runs `sources` one after the other in one fresh tslab kernel; resolves with every message each produced. */
function runCells(sources: string[], waitSeconds: number, lagSeconds = 0, allAtOnce = false): Promise<Report> {
  assert.deepEqual(missingJupyterModules(), [], "Jupyter is installed (npm test installs it)");
  writeKernelSpec();
  // The report goes through a file: the kernel shares the driver's stdout and Node makes that pipe
  // non-blocking, which can cut a large report written there.
  const work = mkdtempSync(join(tmpdir(), "amsgrad-kernel-"));
  const reportPath = join(work, "report.json");
  return new Promise<Report>((resolvePromise, reject) => {
    const flags = allAtOnce ? ["--all-at-once"] : [];
    const child = spawn(PYTHON, [DRIVER, "--cells", "-", "--wait", String(waitSeconds), "--lag", String(lagSeconds), ...flags, "--report", reportPath], {
      cwd: ROOT,
      env: jupyterEnv(),
      stdio: ["pipe", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) reject(new Error(`kernel-messages.py exited with ${code}:\n${stderr}`));
      else resolvePromise(JSON.parse(readFileSync(reportPath, "utf8")) as Report);
    });
    child.stdin.end(JSON.stringify(sources));
  }).finally(() => rmSync(work, { recursive: true, force: true }));
}

/** The first cell whose messages differ from what it should have sent, described; null when all match. */
function firstMismatch(report: Report, expected: (index: number) => [string, string][]): string | null {
  for (const cell of report.cells) {
    const want = expected(cell.index);
    if (cell.reply !== "ok" || JSON.stringify(cell.messages) !== JSON.stringify(want)) {
      const got = cell.messages.slice(0, 8).map(([type, detail]) => `${type} ${detail.slice(0, 60)}`);
      return `cell ${cell.index}: reply ${cell.reply}, ${cell.messages.length} messages (want ${want.length}): ${got.join(" | ")}`;
    }
  }
  return null;
}

describe("the tslab kernel sends every message, in order", () => {
  test("1,000 cells in one kernel: every output and every idle arrives, in order", async () => {
    const count = 1000;
    const sources = Array.from({ length: count }, (_, i) => `console.log("cell ${i}")`);
    const report = await runCells(sources, 20);
    assert.equal(report.stopped, null, `the run stopped: ${report.stopped}`);
    assert.equal(report.cells.length, count);
    const mismatch = firstMismatch(report, (i) => [
      ["status", "busy"],
      ["stream", `stdout:cell ${i}\n`],
      ["status", "idle"],
    ]);
    assert.equal(mismatch, null);
    assert.deepEqual(report.late, [], "no message arrives after its cell's idle");
  });

  test("one cell showing 2,000 figures gets all 2,000, in order, also when the client reads them late", async () => {
    // 10 KB each (the tutorial's contour is 17 KB), read by a client that starts reading 3 s late (a busy
    // Notebook server): more than the kernel's socket and TCP hold, which zeromq's default high-water mark
    // of 1,000 messages answered by dropping them.
    const count = 2000;
    const pad = "x".repeat(10_000);
    const svg = (i: number | string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>figure ${i}</title><desc>${pad}</desc></svg>`;
    const source =
      'import { show } from "amsgrad";\n' +
      `for (let i = 0; i < ${count}; i++) show(\`${svg("${i}")}\`);`;
    const report = await runCells([source], 60, 3);
    assert.equal(report.stopped, null, `the run stopped: ${report.stopped}`);
    const mismatch = firstMismatch(report, () => [
      ["status", "busy"],
      ...Array.from({ length: count }, (_, i): [string, string] => ["display_data", `image/svg+xml:${svg(i).slice(0, 200)}`]),
      ["status", "idle"],
    ]);
    assert.equal(mismatch, null);
    assert.deepEqual(report.late, []);
  });

  test("Run All: each cell's output arrives while the next cells still run, not after the last one", async () => {
    // Six cells sent at once; each works for 300 ms, then prints. The output of cell k was sent 300 ms
    // before cell k + 1 could even finish, so it must arrive before cell k + 1's reply. (A send queue that
    // waits for zeromq's promises held every output until the kernel was idle: they all came last.)
    const cells = Array.from({ length: 6 }, (_, k) => `{ const t0 = Date.now(); while (Date.now() - t0 < 300) {} }\nconsole.log("cell ${k} done");`);
    const report = await runCells(cells, 120, 0, true);
    assert.equal(report.stopped, null, `the run stopped: ${report.stopped}`);
    for (let k = 0; k + 1 < report.cells.length; k++) {
      const output = report.cells[k].messages.find(([type, text]) => type === "stream" && text === `stdout:cell ${k} done\n`);
      assert.ok(output, `cell ${k} printed: ${JSON.stringify(report.cells[k].messages)}`);
      const next = report.cells[k + 1].reply_at!;
      assert.ok(output[2]! < next, `cell ${k}'s output came at ${output[2]} s, after cell ${k + 1}'s reply at ${next} s`);
    }
  });

  test("the compiler sees only the types notebooks need; type errors are still reported; the library's types are read", async () => {
    const report = await runCells(
      [
        // The library's .d.ts (TypeScript 5.0 reads it) and the notebook globals (process) are there.
        'import { amsgrad, bowl } from "amsgrad";\n' +
          "const score: number = amsgrad(bowl.objective, bowl.derivative, { bounds: bowl.bounds, nIter: 3 }).score;\n" +
          "console.log(typeof score, typeof process.version);",
        // Node's modules still load in a cell (typed loosely without @types/node).
        'import { readFileSync } from "node:fs";\nconsole.log(readFileSync("/proc/self/stat", "utf8").length > 0);',
        // A type error is reported in the cell.
        'const wrong: number = "text";',
        // The project's node_modules/@types/d3 declares a global `d3` namespace: not the kernel's business.
        "let scale: d3.ScaleLinear<number, number> | undefined;\nconsole.log('d3 is global');",
      ],
      60,
    );
    assert.equal(report.stopped, null, `the run stopped: ${report.stopped}`);
    const [library, nodeModule, typeError, d3] = report.cells as [CellRecord, CellRecord, CellRecord, CellRecord];
    const stream = (cell: CellRecord) => cell.messages.filter(([type]) => type === "stream").map(([, detail]) => detail).join("");
    assert.equal(library.reply, "ok", stream(library));
    assert.equal(stream(library), "stdout:number string\n");
    assert.equal(nodeModule.reply, "ok", stream(nodeModule));
    assert.equal(stream(nodeModule), "stdout:true\n");
    assert.equal(typeError.reply, "error");
    assert.match(stream(typeError), /^stderr:.*Type 'string' is not assignable to type 'number'/);
    assert.equal(d3.reply, "error", `a global d3 namespace was visible: ${stream(d3)}`);
    assert.match(stream(d3), /Cannot find namespace 'd3'/);
  });
});

describe("show() and showExplorer() say what failed", () => {
  // tslab's own modules, as the kernel loads them (show() finds tslab from the working directory).
  const tslabRequire = createRequire(join(ROOT, "package.json"));
  const jupyter = tslabRequire("tslab/dist/jupyter.js") as { lastWriteDisplayData: unknown };
  const busy = "Socket is busy writing; only one send operation may be in progress at any time";

  async function failureOf(action: () => void): Promise<string> {
    try {
      action();
    } catch (error) {
      return (error as Error).message;
    }
    return "(no error)";
  }

  test("outside a kernel they say so; when tslab fails to send, they say that and quote tslab", async () => {
    const { show, showExplorer } = await import("amsgrad");
    const figure = '<svg xmlns="http://www.w3.org/2000/svg"></svg>';
    const previous = jupyter.lastWriteDisplayData;
    try {
      jupyter.lastWriteDisplayData = null; // no cell is running: this process is no kernel
      assert.match(await failureOf(() => show(figure)), /show: not running inside a tslab kernel/);
      jupyter.lastWriteDisplayData = () => {
        throw new Error(busy);
      };
      for (const [name, action] of [
        ["show", () => show(figure)],
        ["showExplorer", () => showExplorer()],
      ] as const) {
        const message = await failureOf(action);
        assert.doesNotMatch(message, /not running (inside|in) a tslab/, `${name} blames the wrong thing: ${message}`);
        assert.ok(message.startsWith(`${name}: `), message);
        assert.match(message, /tslab could not send/, message);
        assert.ok(message.includes(busy), `${name} quotes tslab: ${message}`);
      }
    } finally {
      jupyter.lastWriteDisplayData = previous;
    }
  });
});
