// Classroom-ready, tested as a class would use it:
//
// 1. The real interface: `npm start` (scripts/start.mjs) on a free port, classic Notebook in Debian's
//    chromium; notebook 5 gets Kernel → Restart & Run All through the menu and its dialog; every code
//    cell finishes without error and the contour figure shows the search path; then alpha is retyped in
//    the hyperparameter cell with the keyboard, Cell → Run All Below re-runs it and everything under it,
//    and the path on the page is now exactly amsgrad() with the new alpha, mapped through the figure's
//    frame. The server is stopped (SIGINT, then SIGKILL) whatever happens, no kernel is left behind, and
//    the notebook on disk is untouched (autosave off, every write refused by the browser).
//    Screenshots: /tmp/classroom-shots/ (CLASSROOM_SHOTS=DIR to put them elsewhere).
// 2. Robustness: every lesson, in one kernel, runs top to bottom, then every code cell again bottom to
//    top, then in a shuffled (seeded) order, then Run All again, then restarts and runs all: no cell may
//    fail or write to stderr at any point (test/support/run-cells-in-order.py).
// 3. Binder/JupyterHub: in binder.test.ts and class.test.ts.
// 4. Printable handouts: `npm run build` for notebook 5, printed to PDF by chromium; the PDF has pages,
//    its figures are vectors (no raster images), and no cell or figure is cut by a page break.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { runInNewContext } from "node:vm";
import { inflateSync } from "node:zlib";
import { after, describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import { amsgrad, contourFigure, derivative, framePixel, objective } from "../lib/src/index.ts";
import { jupyterEnv, NOTEBOOKS_DIR, ROOT } from "../scripts/setup.mjs";
import { chromiumAvailable, launchBrowser } from "./support/browser.ts";
import { runPython } from "./support/run-command.ts";
import { freePort, startNotebookServer, type NotebookServer } from "./support/jupyter-server.ts";
import {
  codeCellStates,
  failedCells,
  figureImagesWith,
  confirm,
  findCodeCell,
  menu,
  openNotebook,
  pathVertices,
  prompts,
  retypeInCell,
  svgPathData,
  waitUntilIdle,
  watchExecutions,
} from "./support/notebook-ui.ts";
import { createPool, notebookSources, readNotebook, text } from "./support/notebooks.ts";

const SHOTS = process.env.CLASSROOM_SHOTS || "/tmp/classroom-shots";
const LESSON = "05-visualization.ipynb";
const HYPERPARAMETERS_MARK = "── Hyperparameters: edit these and re-run";
const NEW_ALPHA = "0.05";
/**
 * The contour figure's search path: its dots, one per iteration (lib/src/figures/marks.ts, pathsMark), inside
 * the figures' SVG (classic Notebook shows each figure as an <img> of it: test/support/notebook-ui.ts). The
 * lesson's first figure with search paths is the run of the hyperparameter cell; later ones (the bias
 * correction side by side) come after it, so the first match is that run's path.
 */
const PATH_DOTS = 'g[aria-label="search paths"] > g[aria-label^="path "] > path[aria-label="points"]';
const PATH_LINE = 'g[aria-label="search paths"] > g[aria-label^="path "] > path:not([aria-label])';

const pool = createPool();

function sha256(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

/** Processes whose command line mentions `needle` (Linux /proc). */
function processesWith(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(needle)) pids.push(Number(entry));
    } catch {
      // gone
    }
  }
  return pids;
}

function gitDiffQuiet(path: string): boolean | null {
  const result = spawnSync("git", ["diff", "--quiet", "--", path], { cwd: ROOT });
  if (result.error || (result.status !== 0 && result.status !== 1)) return null; // not a git checkout
  return result.status === 0;
}

/**
 * What the contour figure must show for the hyperparameter cell's source: evaluates that cell (plain
 * JavaScript: `const hyperparameters = {…}; const start = […];`), runs amsgrad() with it, and maps every
 * point through the figure's frame to pixels, as contourFigure draws them (0.1 px resolution).
 */
function expectedPathPixels(hyperparameterSource: string): { pixels: [number, number][]; alpha: number } {
  const scope: Record<string, unknown> = {};
  runInNewContext(`${hyperparameterSource}\n;__out.hyperparameters = hyperparameters; __out.start = start;`, { __out: scope });
  const hyperparameters = scope.hyperparameters as { alpha: number } & Record<string, number>;
  const start = scope.start as number[];
  const result = amsgrad(objective, derivative, { ...hyperparameters, start: [...start] });
  // As the lesson draws it: with the zoomed panel beside (its first panel's frame is the one the dots are in).
  const { frame } = contourFigure(objective, { bounds: [[-1, 1], [-1, 1]], paths: [result], title: "frame only", levels: 4, zoom: true });
  const clamp = (v: number) => Math.max(-2000, Math.min(4000, v));
  const pixels = result.solutions.map((p) => framePixel(frame!, p[0]!, p[1]!).map(clamp) as [number, number]);
  return { pixels, alpha: hyperparameters.alpha };
}

describe("classroom: the real Notebook interface (npm start + chromium)", () => {
  let server: NotebookServer | null = null;
  let closeBrowser: (() => Promise<void>) | null = null;
  const lessonPath = join(NOTEBOOKS_DIR, LESSON);
  const checkpoints = join(NOTEBOOKS_DIR, ".ipynb_checkpoints");
  const hadCheckpoints = existsSync(checkpoints);

  after(async () => {
    // Whatever happened: browser closed, server stopped (SIGINT, SIGKILL after 10 s), nothing left.
    await closeBrowser?.().catch(() => {});
    if (server) await stopEverything(server);
    if (!hadCheckpoints) rmSync(checkpoints, { recursive: true, force: true });
  });

  test(`${LESSON}: Restart & Run All, retype alpha, Run All Below; the path follows`, async (t) => {
    if (!chromiumAvailable()) {
      t.skip("chromium is missing (npm test installs it)");
      return;
    }
    assert.ok(existsSync(lessonPath), `${LESSON} is missing from notebooks/`);
    // (Opening a notebook lists its checkpoints, which creates an empty .ipynb_checkpoints/: only a
    // checkpoint *file* would mean the page saved something.)
    const checkpointFile = join(checkpoints, LESSON.replace(/\.ipynb$/, "-checkpoint.ipynb"));
    const fingerprint = (path: string) => (existsSync(path) ? sha256(path) : null);
    const before = { hash: sha256(lessonPath), git: gitDiffQuiet("notebooks/"), checkpoint: fingerprint(checkpointFile) };
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    const began = Date.now();
    const timings: string[] = [];
    const lap = (what: string) => timings.push(`${what} ${((Date.now() - began) / 1000).toFixed(1)} s`);

    // The main command, as a teacher types it (plus a free port).
    server = await startNotebookServer(["--port", String(await freePort()), "--notebook", LESSON]);
    lap("server up");
    const browser = await launchBrowser({ viewport: { width: 1280, height: 1000 } });
    closeBrowser = browser.close;
    const page = await browser.context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(String(error)));
    page.on("dialog", (dialog) => void dialog.dismiss());

    try {
      const opened = await openNotebook(page, server, LESSON);
      assert.equal(opened.kernel, "tslab", "the lesson opens with the TypeScript (tslab) kernel");
      const kernelId = await page.evaluate(() => (window as unknown as { Jupyter: { notebook: { kernel: { id: string } } } }).Jupyter.notebook.kernel.id);
      lap("notebook open, kernel connected");
      await page.screenshot({ path: join(SHOTS, "01-opened.png") });

      // Kernel → Restart & Run All, confirmed in the dialog.
      const codeCount = (await prompts(page)).length;
      await watchExecutions(page);
      await menu(page, "Kernel", "Restart & Run All");
      await page.locator(".modal.in .modal-dialog").waitFor({ state: "visible" });
      await page.waitForTimeout(400); // the dialog fades in
      await page.screenshot({ path: join(SHOTS, "02-restart-dialog.png") });
      await confirm(page, "Restart and Run All Cells");
      await waitUntilIdle(page, { cells: codeCount, restarted: true, fresh: true });
      lap("Restart & Run All done");
      const first = await codeCellStates(page);
      assert.deepEqual(failedCells(first), [], "every code cell finished without error or stderr");

      const figures = await figureImagesWith(page, 'g[aria-label="search paths"]');
      assert.ok((await figures.count()) >= 1, "the contour figure with its search path is on the page");
      const figure = figures.first();
      await figure.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, "03-run-all.png") });
      await figure.screenshot({ path: join(SHOTS, "04-contour-alpha-0.007.png") });
      const [dots1] = await svgPathData(page, PATH_DOTS);
      const [line1] = await svgPathData(page, PATH_LINE);
      assert.ok(dots1 && line1, "the path has its dots and its line");
      const points1 = pathVertices(dots1).moves;

      // The hyperparameter cell, as in the file; its path must match amsgrad() with those settings.
      const hp = await findCodeCell(page, HYPERPARAMETERS_MARK);
      const source0 = first.find((c) => c.index === hp.index)!.source;
      const alphaText = /alpha:\s*([0-9.e-]+)/.exec(source0)?.[1];
      assert.ok(alphaText, `the hyperparameter cell sets alpha:\n${source0}`);
      assertPathMatches(points1, expectedPathPixels(source0), "before the edit");

      // Retype alpha with the keyboard, then Cell → Run All Below (this cell and all below).
      const edited = await retypeInCell(page, hp.index, `alpha: ${alphaText}`, `alpha: ${NEW_ALPHA}`);
      assert.match(edited, new RegExp(`alpha: ${NEW_ALPHA.replace(".", "\\.")}\\b`), "the cell now says the new alpha");
      assert.equal(edited, source0.replace(`alpha: ${alphaText}`, `alpha: ${NEW_ALPHA}`), "only alpha changed");
      await page.screenshot({ path: join(SHOTS, "05-alpha-typed.png"), clip: await clipAround(page, hp.index) });
      const promptsBefore = await prompts(page);
      await watchExecutions(page);
      await menu(page, "Cell", "Run All Below");
      await waitUntilIdle(page, { cells: codeCount - hp.codeIndex, after: promptsBefore, from: hp.codeIndex });
      lap("Run All Below done");
      const second = await codeCellStates(page);
      assert.deepEqual(failedCells(second), [], "every code cell finished without error or stderr after the edit");

      const figuresAgain = await figureImagesWith(page, 'g[aria-label="search paths"]');
      assert.ok((await figuresAgain.count()) >= 1, "still the contour figure with a search path");
      await figuresAgain.first().scrollIntoViewIfNeeded();
      await figuresAgain.first().screenshot({ path: join(SHOTS, `06-contour-alpha-${NEW_ALPHA}.png`) });
      await page.screenshot({ path: join(SHOTS, "07-after-run-all-below.png") });
      const [dots2] = await svgPathData(page, PATH_DOTS);
      assert.notEqual(dots2, dots1, "the path changed");
      const points2 = pathVertices(dots2!).moves;
      assert.equal(points2.length, points1.length, "as many points as iterations");
      const moved = points2.filter((p, i) => Math.hypot(p[0] - points1[i]![0], p[1] - points1[i]![1]) > 0.5).length;
      assert.ok(moved > points2.length / 2, `most points moved (${moved} of ${points2.length})`);
      const expected = expectedPathPixels(edited);
      assert.equal(expected.alpha, Number(NEW_ALPHA));
      assertPathMatches(points2, expected, `after alpha: ${NEW_ALPHA}`);

      assert.deepEqual(opened.refusedWrites, [], "the page never tried to save (autosave off)");
      assert.deepEqual(pageErrors, [], "no JavaScript error on the page");

      // Stop the server the way a teacher does (Ctrl+C): the kernel goes with it.
      await browser.close();
      closeBrowser = null;
      const stopped = await server.stop(10_000);
      lap("server stopped");
      assert.equal(stopped.killed, false, "the server stopped by itself after SIGINT");
      assert.equal(stopped.code, 0);
      assert.deepEqual(processesWith(`kernel-${kernelId}.json`), [], "no kernel process is left");
      t.diagnostic(timings.join("; "));
    } catch (error) {
      await page.screenshot({ path: join(SHOTS, "failure.png"), fullPage: true }).catch(() => {});
      t.diagnostic(`start.mjs stdout:\n${server.stdout()}\nstderr:\n${server.stderr().slice(-4000)}`);
      throw error;
    }
    assert.equal(sha256(lessonPath), before.hash, `${LESSON} on disk is unchanged`);
    assert.equal(fingerprint(checkpointFile), before.checkpoint, "no checkpoint was written");
    if (before.git !== null) assert.equal(gitDiffQuiet("notebooks/"), before.git, "git diff notebooks/ is as before");
  });
});

/**
 * Stops a server started by the test for good: the kernels it runs are noted first, then SIGINT (SIGKILL
 * after 10 s) to start.mjs; if that had to be killed, its Jupyter and kernels could outlive it, so any
 * process still serving that port or running one of those kernels is killed by its pid.
 */
async function stopEverything(server: NotebookServer): Promise<void> {
  let kernels: string[] = [];
  if (server.child.exitCode === null && server.child.signalCode === null) {
    try {
      const response = await server.api("/api/kernels", { signal: AbortSignal.timeout(3000) });
      kernels = ((await response.json()) as { id: string }[]).map((k) => k.id);
    } catch {
      // not answering: the process checks below still apply
    }
  }
  await server.stop(10_000);
  const leftovers = new Set([
    ...processesWith(`--port=${server.port}`),
    ...kernels.flatMap((id) => processesWith(`kernel-${id}.json`)),
  ]);
  for (const pid of leftovers) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

/** A screenshot clip around cell `index` (its input area). */
async function clipAround(page: import("playwright-core").Page, index: number) {
  const box = await page.locator("#notebook-container > .cell").nth(index).boundingBox();
  assert.ok(box);
  return { x: Math.max(0, box.x - 10), y: Math.max(0, box.y - 10), width: box.width + 20, height: box.height + 20 };
}

function assertPathMatches(points: [number, number][], expected: { pixels: [number, number][]; alpha: number }, when: string) {
  assert.equal(points.length, expected.pixels.length, `${when}: one dot per iteration`);
  let worst = 0;
  let worstAt = -1;
  points.forEach(([x, y], i) => {
    const [ex, ey] = expected.pixels[i]!;
    const d = Math.max(Math.abs(x - ex), Math.abs(y - ey));
    if (d > worst) [worst, worstAt] = [d, i];
  });
  // The figure writes positions rounded to 0.1 px.
  assert.ok(
    worst <= 0.0501,
    `${when}: the drawn path is amsgrad() with alpha ${expected.alpha}; dot ${worstAt} is ${worst.toFixed(3)} px off ` +
      `(drawn ${points[worstAt]?.join(", ")}, expected ${expected.pixels[worstAt]?.map((v) => v.toFixed(2)).join(", ")})`,
  );
}

// --- 2. Robustness: restarts and re-runs in any order ---------------------------------------------------

const ORDER_RUNNER = join(ROOT, "test", "support", "run-cells-in-order.py");

/** A small seeded generator (mulberry32): the same "random" order on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: T[], random: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

interface PlanStep {
  label: string;
  cells?: number[];
  restart?: boolean;
}

/**
 * A class's way through a notebook, in one kernel: run all; every cell again from the bottom up (each
 * re-run of a cell above comes after the cells below it); the sections (a markdown heading and the code
 * under it) in a shuffled order; Run All again; restart; run all.
 */
function classPlan(path: string, seed: number): PlanStep[] {
  const nb = readNotebook(path);
  const sections: number[][] = [[]];
  nb.cells.forEach((cell, index) => {
    if (cell.cell_type === "markdown" && /^\s{0,3}#{1,6}\s/m.test(text(cell.source))) sections.push([]);
    if (cell.cell_type === "code" && text(cell.source).trim()) sections.at(-1)!.push(index);
  });
  const code = sections.flat();
  const bySection = sections.filter((s) => s.length > 0);
  return [
    { label: "run all", cells: code },
    { label: "each cell again, bottom to top", cells: code.slice().reverse() },
    { label: `sections in shuffled order (seed ${seed})`, cells: shuffled(bySection, seeded(seed)).flat() },
    { label: "run all again", cells: code },
    { label: "restart", restart: true },
    { label: "run all after the restart", cells: code },
  ];
}

interface OrderReport {
  ok: boolean;
  seconds: number;
  runs: { label: string; index: number; status: string; stderr: string; error: string; ok: boolean }[];
}

async function runPlan(path: string, plan: PlanStep[]): Promise<{ report: OrderReport | null; log: string; code: number }> {
  const { code, stdout, stderr: log } = await runPython([ORDER_RUNNER, path, "--plan", "-", "--report", "-"], {
    env: jupyterEnv(),
    input: JSON.stringify({ steps: plan }),
  });
  let report: OrderReport | null = null;
  try {
    report = JSON.parse(stdout) as OrderReport;
  } catch {
    // the log says why
  }
  return { report, log, code };
}

describe("classroom: restarts and re-runs in any order never leave a notebook erroring", () => {
  const lessons = notebookSources().filter((p) => /^\d\d-/.test(basename(p)));
  const runs = new Map<string, { plan: PlanStep[]; result: Promise<Awaited<ReturnType<typeof runPlan>>> }>();
  // Each lesson's run starts when its test starts, and the next lesson's with it (two kernels at a time
  // on 2 cores); nothing starts before the browser test is over, or for lessons a filter leaves out.
  const ensure = (i: number) => {
    const path = lessons[i];
    if (path === undefined || runs.has(path)) return;
    const plan = classPlan(path, 20240 + i);
    runs.set(path, { plan, result: pool(() => runPlan(path, plan)) });
  };

  test("there are lessons to check", () => {
    assert.ok(lessons.length > 0, "notebooks/ has NN-*.ipynb lessons");
  });

  lessons.forEach((path, i) => {
    test(basename(path), async (t) => {
      ensure(i);
      ensure(i + 1);
      const { plan, result } = runs.get(path)!;
      const { report, log, code } = await result;
      assert.ok(report, `the runner failed (exit ${code}):\n${log}`);
      const failed = report.runs.filter((r) => !r.ok);
      assert.deepEqual(
        failed.map((r) => `[${r.label}] cell ${r.index}: ${r.status}\n${(r.stderr + r.error).trim()}`),
        [],
        `cells failed:\n${log}`,
      );
      const expected = plan.reduce((n, s) => n + (s.cells?.length ?? 0), 0);
      assert.equal(report.runs.length, expected, "every planned execution happened");
      t.diagnostic(`${report.runs.length} cell runs and a restart in ${report.seconds.toFixed(1)} s`);
    });
  });
});

// --- 4. Printable handouts --------------------------------------------------------------------------------

/** What a PDF written by Chromium (Skia) holds: pages in order, their link annotations, raster images. */
function readPdf(path: string): { pages: { uris: string[] }[]; images: number; contentBytes: number } {
  const pdf = readFileSync(path).toString("latin1");
  const objects = new Map<number, string>();
  for (const match of pdf.matchAll(/(\d+)\s+0\s+obj\b([\s\S]*?)\bendobj/g)) objects.set(Number(match[1]), match[2]!);
  const refs = (list: string) => [...list.matchAll(/(\d+)\s+0\s+R/g)].map((m) => Number(m[1]));
  const pagesRoot = [...objects.values()].find((o) => /\/Type\s*\/Pages\b/.test(o) && /\/Kids/.test(o) && !/\/Parent/.test(o));
  assert.ok(pagesRoot, "the PDF has a page tree");
  const leaves = (kids: number[]): number[] =>
    kids.flatMap((id) => {
      const obj = objects.get(id) ?? "";
      return /\/Type\s*\/Pages\b/.test(obj) ? leaves(refs(/\/Kids\s*\[([^\]]*)\]/.exec(obj)?.[1] ?? "")) : [id];
    });
  const pageIds = leaves(refs(/\/Kids\s*\[([^\]]*)\]/.exec(pagesRoot)![1]!));
  const pages = pageIds.map((id) => {
    const annots = /\/Annots\s*\[([^\]]*)\]/.exec(objects.get(id) ?? "")?.[1] ?? "";
    const uris = refs(annots).flatMap((a) => {
      const uri = /\/URI\s*\(([^)]*)\)/.exec(objects.get(a) ?? "")?.[1];
      return uri ? [uri] : [];
    });
    return { uris };
  });
  let contentBytes = 0;
  for (const match of pdf.matchAll(/\/Filter\s*\/FlateDecode[^]*?>>\s*stream\r?\n/g)) {
    const start = match.index! + match[0].length;
    const end = pdf.indexOf("endstream", start);
    try {
      contentBytes += inflateSync(Buffer.from(pdf.slice(start, end), "latin1")).length;
    } catch {
      // not a complete zlib stream (fonts with a length we did not parse): ignore
    }
  }
  const images = [...objects.values()].filter((o) => /\/Subtype\s*\/Image\b/.test(o)).length;
  return { pages, images, contentBytes };
}

const MARK = "https://print-check.invalid/";

describe("classroom: printable handouts (npm run build, then Chromium's PDF)", () => {
  const out = mkdtempSync(join(tmpdir(), "amsgrad-print-"));
  after(() => rmSync(out, { recursive: true, force: true }));

  test(`${LESSON}: the PDF has every cell and figure, as vectors, none cut by a page break`, async (t) => {
    if (!chromiumAvailable()) {
      t.skip("chromium is missing (npm test installs it)");
      return;
    }
    const began = Date.now();
    const build = spawnSync(process.execPath, [join(ROOT, "scripts", "build.mjs"), "--out", out, join(NOTEBOOKS_DIR, LESSON)], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 300_000,
    });
    assert.equal(build.status, 0, `npm run build failed:\n${build.stdout}\n${build.stderr}`);
    const html = join(out, "html", LESSON.replace(/\.ipynb$/, ".html"));
    const executed = readNotebook(join(out, "notebooks", LESSON));
    const figures = executed.cells.flatMap((c) => (c.outputs ?? []).filter((o) => o.output_type === "display_data" && "image/svg+xml" in o.data));
    const built = Date.now();

    const { printHandouts } = (await import(pathToFileURL(join(ROOT, "scripts", "print-handouts.mjs")).href)) as {
      printHandouts: (options: {
        files: string[];
        outDir: string;
        beforePrint?: (page: import("playwright-core").Page) => Promise<void>;
      }) => Promise<{ pdf: string; refused: string[] }[]>;
    };
    type Layout = { blocks: { id: string; height: number }[]; pageHeight: number; overflowing: string[]; navShown: boolean };
    const seen: { layout?: Layout } = {};
    const [printed] = await printHandouts({
      files: [html],
      outDir: join(out, "pdf"),
      // Mark the top and bottom of every block that must not be cut (code inputs, outputs, figures) with
      // a 1 px link: Chromium writes each link as an annotation of the page it lands on.
      beforePrint: async (page) => {
        await page.emulateMedia({ media: "print" });
        await page.setViewportSize({ width: 703, height: 1000 }); // A4 minus 12 mm margins, at 96 px/in
        seen.layout = await page.evaluate((mark) => {
          const blocks: { id: string; height: number }[] = [];
          const selectors = [".jp-CodeCell .jp-Cell-inputWrapper", ".jp-OutputArea-child", ".jp-RenderedSVG"];
          selectors.forEach((selector, s) => {
            document.querySelectorAll<HTMLElement>(selector).forEach((el, i) => {
              const id = `${s}-${i}`;
              if (getComputedStyle(el).position === "static") el.style.position = "relative";
              for (const edge of ["top", "bottom"]) {
                const a = document.createElement("a");
                a.href = `${mark}${id}/${edge}`;
                a.style.cssText = `position:absolute;${edge}:0;left:0;width:1px;height:1px;display:block`;
                el.appendChild(a);
              }
              blocks.push({ id, height: el.getBoundingClientRect().height });
            });
          });
          const overflowing = Array.from(document.querySelectorAll<HTMLElement>("pre, svg, .jp-OutputArea-output"))
            .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1 || el.scrollWidth > el.clientWidth + 1)
            .map((el) => `${el.tagName.toLowerCase()}.${el.className && typeof el.className === "string" ? el.className : ""}`);
          const nav = document.querySelector(".handout-nav");
          const navShown = Boolean(nav && getComputedStyle(nav).display !== "none");
          return { blocks, pageHeight: ((297 - 14 - 16) / 25.4) * 96, overflowing, navShown };
        }, MARK);
        await page.emulateMedia({ media: null });
      },
    });
    assert.ok(printed && seen.layout, "printed");
    const printedAt = Date.now();
    const { blocks, pageHeight, overflowing, navShown } = seen.layout;
    assert.deepEqual(printed.refused, [], "the handout loads nothing from the network");
    assert.equal(navShown, false, "the navigation bar is not printed");
    assert.deepEqual(overflowing, [], "nothing runs off the page's right edge (code wraps, figures scale)");

    const pdf = readPdf(printed.pdf);
    assert.ok(pdf.pages.length >= 2, `the PDF has pages (${pdf.pages.length})`);
    assert.equal(pdf.images, 0, "no raster image: every figure is printed as vectors");
    const pageOf = new Map<string, number>();
    pdf.pages.forEach((p, i) => p.uris.forEach((u) => u.startsWith(MARK) && pageOf.set(u.slice(MARK.length), i + 1)));
    const svgBlocks = blocks.filter((b) => b.id.startsWith("2-"));
    assert.equal(svgBlocks.length, figures.length, "every figure of the notebook is in the handout");
    const cut: string[] = [];
    for (const block of blocks) {
      const top = pageOf.get(`${block.id}/top`);
      const bottom = pageOf.get(`${block.id}/bottom`);
      assert.ok(top && bottom, `block ${block.id} is in the PDF`);
      if (block.height < pageHeight * 0.95 && top !== bottom) cut.push(`${block.id} (${Math.round(block.height)} px) on pages ${top}–${bottom}`);
    }
    assert.deepEqual(cut, [], "no code cell, output or figure that fits on a page is cut by a page break");
    t.diagnostic(
      `${pdf.pages.length} pages, ${blocks.length} blocks checked, ${figures.length} figures; ` +
        `build ${((built - began) / 1000).toFixed(1)} s, print ${((printedAt - built) / 1000).toFixed(1)} s`,
    );

    // For a person to look at: the pages as PNG beside the screenshots (poppler-utils, when installed).
    if (spawnSync("pdftoppm", ["-v"]).status === 0) {
      mkdirSync(SHOTS, { recursive: true });
      spawnSync("pdftoppm", ["-r", "60", "-png", printed.pdf, join(SHOTS, "handout-page")]);
    }
  });
});
