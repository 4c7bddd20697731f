// Every lesson notebook (notebooks/NN-*.ipynb):
//   - is committed without outputs or execution counts, and uses the tslab kernel;
//   - runs top to bottom in a fresh kernel with no error and nothing on stderr;
//   - gives the same outputs when executed again in another fresh kernel (determinism);
//   - survives "Run All" a second time in the same kernel (a class re-running everything);
//   - passes its content checks, if test/notebook-content.ts has some for it.
// Plus the harness itself, proven on test/fixtures/notebooks (a passing and a failing notebook), and the
// offline HTML handouts of `npm run build`.
//
// Determinism compares every code cell's outputs exactly (stream text, display data, in order). Nothing
// is normalised: executions use record_timing=False, so no timestamps are stored, and the executed
// notebooks carry no kernel ids or paths. A cell whose output is truly volatile (wall-clock timings)
// can be tagged `volatile-output` in its metadata.tags; it must still run without error.
//
// Executions run two at a time (2 cores) and start as soon as this file loads; tests await them.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { after, describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import { amsgrad, derivative, objective } from "amsgrad";
import { contentChecks } from "./notebook-content.ts";
import { executedLesson } from "./support/executed-lessons.ts";
import { chromiumAvailable, launchBrowser } from "./support/browser.ts";
import {
  cellSource,
  cellStdout,
  cellSvg,
  cellText,
  codeCells,
  createPool,
  executeNotebook,
  firstHeading,
  NotebookExecutionError,
  notebookSources,
  readNotebook,
  ROOT,
  text,
  type CellRun,
  type ExecutedNotebook,
  type Notebook,
  type Output,
} from "./support/notebooks.ts";
import { jupyterEnv } from "../scripts/setup.mjs";

const FIXTURES = join(ROOT, "test", "fixtures", "notebooks");
const PASSING = join(FIXTURES, "passing.ipynb");
const FAILING = join(FIXTURES, "failing.ipynb");
const LESSON_NAME = /^\d\d-[A-Za-z0-9][A-Za-z0-9._-]*\.ipynb$/;
const VOLATILE_TAG = "volatile-output";

const run = createPool();

function runCommand(command: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: jupyterEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code: code ?? 1, stdout, stderr }));
  });
}

// --- Schedule every execution now (fixtures first: their tests come first). ---------------------------

const buildDir = mkdtempSync(join(tmpdir(), "amsgrad-build-test-"));
after(() => rmSync(buildDir, { recursive: true, force: true }));

const fixtureRuns = {
  passingTwice: run(() => executeNotebook(PASSING, { twice: true, allowErrors: true })),
  passingFresh: run(() => executeNotebook(PASSING, { allowErrors: true })),
  failingStrict: run(() => executeNotebook(FAILING).then((nb) => nb as unknown, (error: unknown) => error)),
  failingAll: run(() => executeNotebook(FAILING, { allowErrors: true })),
  build: run(() =>
    runCommand(process.execPath, ["scripts/build.mjs", "--jobs", "1", "--out", join(buildDir, "ok"), PASSING]),
  ),
  buildFailing: run(() =>
    runCommand(process.execPath, ["scripts/build.mjs", "--jobs", "1", "--out", join(buildDir, "bad"), FAILING]),
  ),
};

const lessons = notebookSources();
const lessonRuns = new Map(
  lessons.map((path) => [
    path,
    {
      twice: run(() => executeNotebook(path, { twice: true, allowErrors: true })),
      // The second fresh execution is the one every front-end test reads (executed once per library build).
      fresh: executedLesson(path, "tslab", run),
    },
  ]),
);

// --- Checks shared by lessons and the passing fixture. -------------------------------------------------

function assertCommittedClean(nb: Notebook): void {
  const dirty = codeCells(nb)
    .filter(({ cell }) => (cell.outputs?.length ?? 0) > 0 || (cell.execution_count ?? null) !== null)
    .map(({ index, cell }) => `cell ${index} (${cell.outputs?.length ?? 0} outputs, execution_count ${cell.execution_count})`);
  assert.deepEqual(
    dirty,
    [],
    "commit notebooks without outputs: in Jupyter use Cell → All Output → Clear, then save; or run\n" +
      "  /usr/bin/python3 -m nbconvert --clear-output --inplace notebooks/NN-name.ipynb",
  );
}

function assertTslab(nb: Notebook): void {
  assert.equal(nb.nbformat, 4, "nbformat 4");
  const spec = nb.metadata.kernelspec;
  assert.deepEqual(
    { name: spec?.name, language: spec?.language, display_name: spec?.display_name },
    { name: "tslab", language: "typescript", display_name: "TypeScript (tslab)" },
    "metadata.kernelspec must name the project's tslab kernel",
  );
}

function failures(nb: ExecutedNotebook, pass: number): CellRun[] {
  return nb.execution.cells.filter((c) => c.pass === pass && c.status !== "ok");
}

function describeRuns(runs: CellRun[]): string {
  return runs
    .map((c) => `cell ${c.index} (${c.status}):\n${c.source.trim()}\n--- stderr ---\n${c.stderr.trim() || c.message || "(empty)"}`)
    .join("\n\n");
}

function assertCleanFirstPass(nb: ExecutedNotebook): void {
  const failed = failures(nb, 1);
  assert.equal(failed.length, 0, `cells failed in a fresh kernel:\n\n${describeRuns(failed)}`);
  const noisy = nb.execution.cells.filter((c) => c.pass === 1 && c.stderr !== "");
  assert.equal(noisy.length, 0, `cells wrote to stderr:\n\n${describeRuns(noisy)}`);
  const ran = nb.execution.cells.filter((c) => c.pass === 1).length;
  const code = codeCells(nb).filter(({ cell }) => text(cell.source).trim() !== "").length;
  assert.equal(ran, code, "every code cell ran");
}

function assertSecondPassOk(nb: ExecutedNotebook): void {
  assert.equal(nb.execution.passes, 2);
  const failed = failures(nb, 2);
  assert.equal(failed.length, 0, `cells failed when run a second time in the same kernel:\n\n${describeRuns(failed)}`);
}

function comparable(nb: Notebook): { index: number; outputs: Output[] }[] {
  return codeCells(nb)
    .filter(({ cell }) => !(cell.metadata.tags ?? []).includes(VOLATILE_TAG))
    .map(({ index, cell }) => ({ index, outputs: cell.outputs ?? [] }));
}

function assertSameOutputs(a: Notebook, b: Notebook): void {
  const left = comparable(a);
  const right = comparable(b);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const x = left[i];
    const y = right[i];
    const show = (o: Output[] | undefined) => JSON.stringify(o ?? null).slice(0, 1500);
    assert.deepEqual(
      y?.outputs,
      x?.outputs,
      `cell ${x?.index ?? y?.index} gave different outputs in two fresh kernels (tag it "${VOLATILE_TAG}" only ` +
        `if it prints timings):\nfirst:  ${show(x?.outputs)}\nsecond: ${show(y?.outputs)}`,
    );
  }
}

// --- The harness, on fixtures. --------------------------------------------------------------------------

describe("notebook harness (test/fixtures/notebooks)", () => {
  test("a passing notebook runs in a fresh tslab kernel against the built amsgrad library", async (t) => {
    const nb = await fixtureRuns.passingTwice;
    t.diagnostic(`passing.ipynb: ${nb.execution.seconds.toFixed(2)} s for two passes`);
    assertCommittedClean(readNotebook(PASSING));
    assertTslab(readNotebook(PASSING));
    assertCleanFirstPass(nb);
    const expected = amsgrad(objective, derivative, { start: [0.5, -0.25], nIter: 60 });
    assert.deepEqual(
      JSON.parse(cellStdout(nb, "amsgrad(objective, derivative")),
      { best: expected.best, score: expected.score },
      "the notebook printed what the library computes",
    );
    assert.equal(cellText(nb, "result.solutions.length").trim(), "60", "a last expression is printed");
    const svgs = cellSvg(nb, "tslab.display.svg");
    assert.equal(svgs.length, 1);
    assert.match(svgs[0]!, /<circle [^>]*fill="steelblue"/);
    assert.equal(firstHeading(nb), "Fixture: AMSGrad on the bowl");
    assert.equal(nb.metadata.kernelspec?.name, "tslab");
    assert.equal(cellSource(nb, 1), 'import { amsgrad, objective, derivative } from "amsgrad";');
  });

  test("twice mode re-runs every cell in the same kernel", async () => {
    const nb = await fixtureRuns.passingTwice;
    assertSecondPassOk(nb);
    const second = nb.execution.passNotebooks[1]!;
    assert.equal(cellStdout(second, "result.solutions.length").trim(), "60");
    assert.ok(nb.execution.cells.every((c) => c.pass === 1 || c.status === "ok"));
  });

  test("two fresh executions give identical outputs", async () => {
    assertSameOutputs(await fixtureRuns.passingTwice, await fixtureRuns.passingFresh);
  });

  test("a failing cell rejects with its index, its source and the error message from stderr", async () => {
    const error = await fixtureRuns.failingStrict;
    assert.ok(error instanceof NotebookExecutionError, `expected a NotebookExecutionError, got ${String(error)}`);
    assert.match(error.message, /cell 2 failed/);
    assert.match(error.message, /throw new Error\("boom"\);/, "the source is shown");
    assert.match(error.message, /Error: boom/, "tslab's stderr text is shown");
    // It stopped there: the cells after the failure did not run.
    assert.deepEqual(
      error.notebook?.execution.cells.map((c) => [c.index, c.status]),
      [
        [1, "ok"],
        [2, "error"],
      ],
    );
  });

  test("--allow-errors runs every cell and reports each failure with its message (runtime and type errors)", async () => {
    const nb = await fixtureRuns.failingAll;
    assert.equal(nb.execution.ok, false);
    assert.deepEqual(
      nb.execution.cells.map((c) => [c.index, c.status]),
      [
        [1, "ok"],
        [2, "error"],
        [3, "error"],
        [4, "ok"],
      ],
      "tslab's post-error abort window must not swallow the following cells",
    );
    assert.match(nb.execution.cells[1]!.stderr, /Error: boom/);
    assert.match(nb.execution.cells[2]!.stderr, /Type 'string' is not assignable to type 'number'/);
    assert.equal(cellStdout(nb, "after the failures"), "after the failures\n");
  });

  test("the command-line harness exits 1 and prints the failure", async () => {
    // executeNotebook runs `/usr/bin/python3 test/support/execute-notebook.py NB --quiet ...`: its exit code
    // and stderr are what `npm run build` and a person at the terminal see.
    const error = await fixtureRuns.failingStrict;
    assert.ok(error instanceof NotebookExecutionError && error.notebook);
    const { exitCode: code, log: stderr } = error.notebook.execution;
    assert.equal(code, 1, stderr);
    assert.match(stderr, /cell 2 failed: error/);
    assert.match(stderr, /throw new Error\("boom"\)/);
    assert.match(stderr, /Error: boom/);
    assert.match(stderr, /1 cells ok, 1 failed/);
  });
});

// --- npm run build on fixtures: executed notebooks and offline HTML handouts. ---------------------------

describe("HTML handouts (scripts/build.mjs)", () => {
  test("writes the executed notebook, its handout and an index, with nothing loaded from the network", async () => {
    const { code, stdout, stderr } = await fixtureRuns.build;
    assert.equal(code, 0, `${stdout}\n${stderr}`);
    const out = join(buildDir, "ok");
    const executed = readNotebook(join(out, "notebooks", "passing.ipynb"));
    assert.ok(codeCells(executed).some(({ cell }) => (cell.outputs?.length ?? 0) > 0), "outputs are saved");
    assert.equal(executed.metadata.title, "Fixture: AMSGrad on the bowl");

    const index = readFileSync(join(out, "html", "index.html"), "utf8");
    assert.match(index, /<a href="passing\.html">Fixture: AMSGrad on the bowl<\/a>/);
    const html = readFileSync(join(out, "html", "passing.html"), "utf8");
    assert.match(html, /<title>Fixture: AMSGrad on the bowl<\/title>/);
    assert.match(html, /<circle [^>]*fill="steelblue"/, "SVG outputs keep their content (nbconvert 6.5 would strip it)");
    assert.doesNotMatch(html, /<script[^>]+src=["']?(https?:)?\/\//i, "no script from the network");
    assert.doesNotMatch(html, /<link[^>]+href=["']?(https?:)?\/\//i, "no stylesheet from the network");
    assert.match(html, /src="mathjax\/MathJax\.js\?config=/, "formulas use the local MathJax copy");
    assert.ok(existsSync(join(out, "html", "mathjax", "MathJax.js")));
  });

  test("the handout renders offline in Chromium: formulas typeset, figure drawn, no network request", async (t) => {
    if (!chromiumAvailable()) {
      t.skip("chromium is missing (npm test installs it)");
      return;
    }
    const { code } = await fixtureRuns.build;
    assert.equal(code, 0);
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      const network: string[] = [];
      const missing: string[] = [];
      await page.route("**/*", (route) => {
        const url = route.request().url();
        if (url.startsWith("file:") || url.startsWith("data:")) return route.continue();
        network.push(url);
        return route.abort();
      });
      page.on("requestfailed", (request) => {
        if (request.url().startsWith("file:")) missing.push(request.url());
      });
      await page.goto(pathToFileURL(join(buildDir, "ok", "html", "passing.html")).href);
      await page.waitForSelector(".MathJax_CHTML", { timeout: 15_000 });
      assert.equal(await page.locator(".jp-RenderedSVG svg circle").count(), 1, "the SVG figure is drawn");
      assert.equal(await page.locator("nav.handout-nav a[href='index.html']").count(), 1);
      assert.deepEqual(network, [], "no request left the machine");
      assert.deepEqual(missing, [], "every local file the page asked for exists");
    } finally {
      await browser.close();
    }
  });

  test("a failing notebook fails the build with the cell's message", async () => {
    const { code, stdout, stderr } = await fixtureRuns.buildFailing;
    assert.equal(code, 1, `${stdout}\n${stderr}`);
    assert.match(stderr, /Error: boom/);
    assert.match(stderr, /1 of 1 notebooks failed to execute/);
    assert.ok(!existsSync(join(buildDir, "bad", "html", "failing.html")), "no handout for a broken notebook");
  });
});

// --- The lessons. -----------------------------------------------------------------------------------------

describe("lesson notebooks (notebooks/*.ipynb)", () => {
  test("notebooks are named NN-name.ipynb", (t) => {
    if (lessons.length === 0) {
      t.skip("notebooks/ has no notebooks yet");
      return;
    }
    const badNames = lessons.map((p) => basename(p)).filter((name) => !LESSON_NAME.test(name));
    assert.deepEqual(badNames, [], "name notebooks NN-name.ipynb (two digits give the order)");
  });

  test("every content check names an existing notebook", () => {
    const names = new Set(lessons.map((p) => basename(p)));
    assert.deepEqual(
      Object.keys(contentChecks).filter((name) => !names.has(name)),
      [],
      "test/notebook-content.ts has checks for notebooks that do not exist",
    );
  });

  for (const path of lessons) {
    const name = basename(path);
    const runs = lessonRuns.get(path)!;
    describe(name, () => {
      test("is committed without outputs or execution counts", () => {
        assertCommittedClean(readNotebook(path));
      });

      test("uses the tslab kernel", () => {
        assertTslab(readNotebook(path));
      });

      test("runs top to bottom in a fresh kernel with no error and nothing on stderr", async (t) => {
        const nb = await runs.twice;
        const first = nb.execution.cells.filter((c) => c.pass === 1);
        const seconds = first.reduce((sum, c) => sum + c.seconds, 0);
        t.diagnostic(`${first.length} cells in ${seconds.toFixed(2)} s (plus kernel start-up)`);
        assertCleanFirstPass(nb);
      });

      test("gives the same outputs when executed again in another fresh kernel", async () => {
        const [a, b] = await Promise.all([runs.twice, runs.fresh]);
        assert.equal(failures(b, 1).length, 0, `the second fresh execution failed:\n\n${describeRuns(failures(b, 1))}`);
        assertSameOutputs(a, b);
      });

      test("runs all cells a second time in the same kernel without error", async () => {
        assertSecondPassOk(await runs.twice);
      });

      const check = contentChecks[name];
      if (check) {
        test("content checks (test/notebook-content.ts)", async () => {
          const nb = await runs.twice;
          assert.equal(failures(nb, 1).length, 0, "the notebook must run before its content can be checked");
          await check(nb);
        });
      }
    });
  }
});
