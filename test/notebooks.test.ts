// Every lesson notebook (notebooks/NN-*.ipynb):
//   - is committed without outputs or execution counts, and uses the tslab kernel;
//   - runs top to bottom in a fresh kernel with no error and nothing on stderr;
//   - gives the same outputs when executed again in another fresh kernel (determinism);
//   - survives "Run All" a second time in the same kernel (a class re-running everything);
//   - passes its content checks, if test/notebook-content.ts has some for it, and every claim of its prose
//     holds (the claims table there);
//   - shows the same output when any cell is run twice in a row (Shift+Enter, then again);
//   - runs clean after each of its answers' edits and its typical edits of the hyperparameter cell, the
//     edit reaches the cells that use the edited value, and the answers' claims hold on the edited run.
// What the prose says without running anything (claims quoted, numbers covered, answers, navigation,
// LaTeX) is checked in test/notebook-prose.test.ts.
// Plus the harness itself, proven on test/fixtures/notebooks (a passing and a failing notebook), and the
// offline HTML handouts of `npm run build`.
//
// Determinism compares every code cell's outputs exactly (stream text, display data, in order), with one
// thing normalised: the explorer's ids, which count the explorers built in the kernel's process (the
// second kernel runs every cell twice in a row, so it builds each explorer twice). Executions use
// record_timing=False, so no timestamps are stored, and the executed notebooks carry no kernel ids or paths. A cell whose output is truly volatile (wall-clock timings)
// can be tagged `volatile-output` in its metadata.tags; it must still run without error.
//
// Executions run two at a time (2 cores) and start as soon as this file loads; tests await them.

import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { after, describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import { amsgrad, derivative, objective } from "amsgrad";
import { claims, contentChecks, HYPERPARAMETERS_MARK, typicalEdits, type Claim } from "./notebook-content.ts";
import { chromiumAvailable, launchBrowser } from "./support/browser.ts";
import { runCommand } from "./support/run-command.ts";
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
  type NotebookEdit,
  type Output,
} from "./support/notebooks.ts";
import { jupyterEnv } from "../scripts/setup.mjs";

const FIXTURES = join(ROOT, "test", "fixtures", "notebooks");
const PASSING = join(FIXTURES, "passing.ipynb");
const FAILING = join(FIXTURES, "failing.ipynb");
const LESSON_NAME = /^\d\d-[A-Za-z0-9][A-Za-z0-9._-]*\.ipynb$/;
const VOLATILE_TAG = "volatile-output";

const run = createPool();


// --- Schedule every execution now (fixtures first: their tests come first). ---------------------------

const buildDir = mkdtempSync(join(tmpdir(), "amsgrad-build-test-"));
after(() => rmSync(buildDir, { recursive: true, force: true }));

const fixtureRuns = {
  passingTwice: run(() => executeNotebook(PASSING, { twice: true, allowErrors: true })),
  passingFresh: run(() => executeNotebook(PASSING, { allowErrors: true })),
  failingStrict: run(() => executeNotebook(FAILING).then((nb) => nb as unknown, (error: unknown) => error)),
  failingAll: run(() => executeNotebook(FAILING, { allowErrors: true })),
  build: run(() =>
    runCommand(process.execPath, ["scripts/build.mjs", "--jobs", "1", "--out", join(buildDir, "ok"), PASSING], { env: jupyterEnv() }),
  ),
  buildFailing: run(() =>
    runCommand(process.execPath, ["scripts/build.mjs", "--jobs", "1", "--out", join(buildDir, "bad"), FAILING], { env: jupyterEnv() }),
  ),
};

const lessons = notebookSources();

/** The edits a notebook is run with besides its committed form: its answers' edits and its typical edits, each once. */
function editsOf(name: string): (readonly NotebookEdit[])[] {
  const all = [...(claims[name] ?? []).flatMap((claim) => (claim.edit ? [claim.edit] : [])), ...(typicalEdits[name] ?? [])];
  return [...new Map(all.map((edit) => [JSON.stringify(edit), edit])).values()];
}

const lessonRuns = new Map(
  lessons.map((path) => [
    path,
    {
      twice: run(() => executeNotebook(path, { twice: true, allowErrors: true })),
      // The second fresh kernel, for determinism, also runs every cell twice in a row.
      repeated: run(() => executeNotebook(path, { repeatEach: true, allowErrors: true })),
      edited: new Map(
        editsOf(basename(path)).map((edit) => [JSON.stringify(edit), run(() => executeNotebook(path, { edits: edit, allowErrors: true }))]),
      ),
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

/** The notebook as the first run of each cell left it (a `repeatEach` execution also runs each cell again). */
function firstRuns(nb: ExecutedNotebook): Notebook {
  const copy = structuredClone(nb) as Notebook;
  for (const c of nb.execution.cells) if (c.pass === 1 && c.run === 1) copy.cells[c.index]!.outputs = c.outputs;
  return copy;
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
    // Explorer ids count the explorers built in the kernel's process (a cell run twice builds two).
    assert.deepEqual(
      y && withoutExplorerIds(y.outputs),
      x && withoutExplorerIds(x.outputs),
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

/** Skips without Chromium; otherwise waits for the fixture's build and gives `use` a page in a fresh browser. */
async function withBuiltHandoutPage(
  t: { skip: (message: string) => void },
  use: (page: import("playwright-core").Page) => Promise<void>,
): Promise<void> {
  if (!chromiumAvailable()) {
    t.skip("chromium is missing (npm test installs it)");
    return;
  }
  const { code } = await fixtureRuns.build;
  assert.equal(code, 0);
  const browser = await launchBrowser();
  try {
    await use(await browser.context.newPage());
  } finally {
    await browser.close();
  }
}

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
    assert.match(html, /href="passing\.html#A-figure"/, "links between notebooks point at the handouts");
  });

  test("writes three editions: answers collapsed, open (teacher's), left out (student's); markdown inside an answer is rendered", async () => {
    const { code } = await fixtureRuns.build;
    assert.equal(code, 0);
    const page = (folder: string) => readFileSync(join(buildDir, "ok", folder, "passing.html"), "utf8");
    const answer = (html: string) => /<details class="answer"([^>]*)>([\s\S]*?)<\/details>/.exec(html);
    const reader = answer(page("html"));
    assert.ok(reader, "the reader's edition has the answer");
    assert.equal(reader[1], "", "collapsed");
    // mistune would leave the list as text inside a raw <details> block; the handout template renders it.
    assert.match(reader[2], /<li>the option <code>nIter: 60<\/code>;<\/li>/);
    assert.match(reader[2], /<em>last<\/em>/);
    const teacher = answer(page("html-teacher"));
    assert.ok(teacher, "the teacher's edition has the answer");
    assert.equal(teacher[1], " open", "open");
    assert.doesNotMatch(teacher[2], /click to show/);
    const student = page("html-student");
    assert.equal(answer(student), null, "the student's edition has no answer");
    assert.doesNotMatch(student, /Sixty, for two reasons/);
    assert.match(student, /How many iterations does the fixture run\?/, "but it has the exercise");
    for (const folder of ["html-teacher", "html-student"]) {
      assert.ok(existsSync(join(buildDir, "ok", folder, "mathjax", "MathJax.js")), `${folder} has its own MathJax`);
      assert.match(readFileSync(join(buildDir, "ok", folder, "index.html"), "utf8"), /<a href="passing\.html">/);
    }
    assert.match(readFileSync(join(buildDir, "ok", "html-teacher", "index.html"), "utf8"), /teacher&#39;s edition/);
  });

  test("the answer opens in Chromium, is open in the teacher's edition and absent in the student's", async (t) => {
    await withBuiltHandoutPage(t, async (page) => {
      const shown = () => page.getByText("Sixty, for two reasons").isVisible();
      await page.goto(pathToFileURL(join(buildDir, "ok", "html", "passing.html")).href);
      assert.equal(await shown(), false, "collapsed at first");
      await page.locator("details.answer summary").click();
      assert.equal(await shown(), true, "a click shows it");
      await page.goto(pathToFileURL(join(buildDir, "ok", "html-teacher", "passing.html")).href);
      assert.equal(await shown(), true, "the teacher's edition shows it without a click");
      await page.goto(pathToFileURL(join(buildDir, "ok", "html-student", "passing.html")).href);
      assert.equal(await page.getByText("Sixty, for two reasons").count(), 0);
    });
  });

  test("the handout renders offline in Chromium: formulas typeset, figure drawn, no network request", async (t) => {
    await withBuiltHandoutPage(t, async (page) => {
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
    });
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
        const [a, b] = await Promise.all([runs.twice, runs.repeated]);
        assert.equal(failures(b, 1).length, 0, `the second fresh execution failed:\n\n${describeRuns(failures(b, 1))}`);
        assertSameOutputs(a, firstRuns(b));
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

      const ownClaims = (claims[name] ?? []).filter((claim) => !claim.edit);
      if (ownClaims.length > 0) {
        test(`its ${ownClaims.length} claims hold for the committed settings (test/notebook-content.ts)`, async () => {
          const nb = await runs.twice;
          assert.equal(failures(nb, 1).length, 0, "the notebook must run before its claims can be checked");
          await checkClaims(ownClaims, nb);
        });
      }

      test("running any cell twice in a row shows the same output the second time", async () => {
        const nb = await runs.repeated;
        const failed = nb.execution.cells.filter((c) => c.status !== "ok" || c.stderr !== "");
        assert.deepEqual(failed.map((c) => `cell ${c.index} (run ${c.run}): ${c.status} ${c.stderr}`), []);
        const byCell = new Map<number, CellRun[]>();
        for (const c of nb.execution.cells) byCell.set(c.index, [...(byCell.get(c.index) ?? []), c]);
        const changed = [...byCell.values()]
          .filter((runsOfCell) => !(readNotebook(path).cells[runsOfCell[0]!.index]!.metadata.tags ?? []).includes(VOLATILE_TAG))
          .filter(([first, again]) => sameOutputs(first!.outputs, again!.outputs) === false)
          .map(([first, again]) => `cell ${first!.index}:\n${first!.source}\n--- first run:\n${show(first!.outputs)}\n--- run again:\n${show(again!.outputs)}`);
        assert.deepEqual(changed, [], "a cell run again must not advance state that its own output depends on");
      });

      for (const edit of editsOf(name)) {
        const label = edit.map((e) => `${e.find.trim()} → ${e.replace.trim()}`).join("; ");
        test(`after the edit ${label}: runs clean, the edit reaches the cells that use it, and its claims hold`, async () => {
          const [nb, committed] = await Promise.all([runs.edited.get(JSON.stringify(edit))!, runs.twice]);
          assertCleanFirstPass(nb);
          const source = readNotebook(path);
          const marked = codeCells(source).find(({ cell }) => text(cell.source).includes(HYPERPARAMETERS_MARK));
          assert.ok(marked, "the notebook has a hyperparameter cell");
          const typical = (typicalEdits[name] ?? []).some((e) => JSON.stringify(e) === JSON.stringify(edit));
          if (typical) {
            for (const e of edit) assert.ok(text(marked.cell.source).includes(e.find), `a typical edit changes the hyperparameter cell: ${e.find}`);
          }
          // Not silently overridden: of the cells that use a name the edit changed, at least one prints something else.
          const names = edit.flatMap((e) => {
            const cell = codeCells(source).find(({ cell }) => text(cell.source).includes(e.find))!;
            const line = text(cell.cell.source).split("\n").find((l) => l.includes(e.find.split("\n")[0]!)) ?? "";
            return [...line.matchAll(/\bconst\s+(\w+)/g)].map((m) => m[1]!);
          });
          assert.ok(names.length > 0, `the edit changes a declared value: ${label}`);
          const users = codeCells(source).filter(
            ({ index, cell }) => index !== marked.index && names.some((n) => new RegExp(`\\b${n}\\b`).test(text(cell.source))),
          );
          const changed = users.filter(({ index }) => !sameOutputs(nb.cells[index]!.outputs ?? [], committed.cells[index]!.outputs ?? []));
          assert.ok(changed.length > 0, `no cell that uses ${names.join(", ")} printed anything different after the edit`);
          const editClaims = (claims[name] ?? []).filter((claim) => JSON.stringify(claim.edit) === JSON.stringify(edit));
          await checkClaims(editClaims, nb);
        });
      }
    });
  }
});

/** Runs every claim's check, collecting all failures (one message per claim that is false). */
async function checkClaims(list: readonly Claim[], nb: ExecutedNotebook): Promise<void> {
  const wrong: string[] = [];
  for (const claim of list) {
    try {
      await claim.check(nb);
    } catch (error) {
      wrong.push(`"${claim.says.slice(0, 140)}…" (${claim.kind}):\n  ${(error as Error).message.split("\n").join("\n  ")}`);
    }
  }
  assert.deepEqual(wrong, [], `claims that are false:\n${wrong.join("\n")}`);
}

/**
 * Outputs as comparable text: keys sorted and multi-line strings joined (the harness reports outputs as the
 * kernel sent them, nbformat saves them split into lines), and explorer ids replaced: an id counts the
 * explorers built in the kernel's process, so a cell run again makes a new one.
 */
function withoutExplorerIds(outputs: Output[]): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.every((v) => typeof v === "string") ? value.join("") : value.map(canonical);
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]));
    }
    return value;
  };
  return JSON.stringify(outputs.map(canonical)).replace(/amsgrad-explorer-\d+-[0-9a-f]{8}/g, "amsgrad-explorer-N");
}

function sameOutputs(a: Output[], b: Output[]): boolean {
  return withoutExplorerIds(a) === withoutExplorerIds(b);
}

function show(outputs: Output[]): string {
  return JSON.stringify(outputs).slice(0, 1500);
}
