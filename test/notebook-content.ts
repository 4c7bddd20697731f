// Content checks for specific notebooks, run by test/notebooks.test.ts on the executed notebook
// (a fresh kernel, top to bottom). Key: the notebook's file name in notebooks/. A check throws (use
// node:assert) when the content is wrong. `nb.execution` has the per-cell report (status, seconds, stderr).
// Expected numbers come from the tutorial's printed output or from hand computation, never from
// running the library.
//
// Helpers (test/support/notebooks.ts) take a cell by index in nb.cells, or by a piece of its source:
//   cellStdout(nb, ref)  cellStderr(nb, ref)  cellText(nb, ref)  cellSvg(nb, ref)  cellHtml(nb, ref)
//   cellSource(nb, ref)  cellOutputs(nb, ref)  codeCells(nb)  firstHeading(nb)

import assert from "node:assert/strict";
import { cellHtml, cellSource, cellStdout, cellSvg, codeCells, type ExecutedNotebook } from "./support/notebooks.ts";

export type ContentCheck = (nb: ExecutedNotebook) => void | Promise<void>;

/** The tutorial's printed lines >90 … >99 and its result line (numpy prints two spaces, the page one). */
const TUTORIAL_LINES = [
  ">90 f([-5.74880707e-11  2.16227707e-03]) = 0.00000",
  ">91 f([-4.53359947e-11  2.03974264e-03]) = 0.00000",
  ">92 f([-3.57526928e-11  1.92415218e-03]) = 0.00000",
  ">93 f([-2.81951584e-11  1.81511216e-03]) = 0.00000",
  ">94 f([-2.22351711e-11  1.71225138e-03]) = 0.00000",
  ">95 f([-1.75350316e-11  1.61521966e-03]) = 0.00000",
  ">96 f([-1.38284262e-11  1.52368665e-03]) = 0.00000",
  ">97 f([-1.09053366e-11  1.43734076e-03]) = 0.00000",
  ">98 f([-8.60013947e-12  1.35588802e-03]) = 0.00000",
  ">99 f([-6.78222208e-12  1.27905115e-03]) = 0.00000",
  "Done!",
  "f([-6.78222208e-12  1.27905115e-03]) = 0.000002",
];

/** Every notebook opens with what the reader will learn, has one marked hyperparameter cell near the top, and ends with exercises. */
function checkShape(nb: ExecutedNotebook): void {
  const markdown = nb.cells.filter((c) => c.cell_type === "markdown").map((c) => [c.source].flat().join(""));
  assert.match(markdown[0], /^# \d+ · /, "numbered title");
  assert.match(markdown[0], /What you will learn/);
  const code = codeCells(nb);
  const marked = code.filter(({ cell }) => [cell.source].flat().join("").includes("── Hyperparameters: edit these and re-run"));
  assert.equal(marked.length, 1, "exactly one hyperparameter cell");
  assert.ok(marked[0].index <= 2, "the hyperparameter cell is near the top");
  assert.match(markdown.at(-1)!, /## Exercises/);
  assert.ok(markdown.some((m) => m.includes("## Summary")));
}

/** The number of live explorers (HTML outputs with the explorer's root) a cell displayed. */
const explorers = (nb: ExecutedNotebook, ref: string) => cellHtml(nb, ref).filter((html) => html.includes("data-amsgrad-explorer")).length;

/** The number of SVG figures a cell displayed. */
const svgCount = (nb: ExecutedNotebook, ref: string) => cellSvg(nb, ref).length;

export const contentChecks: Record<string, ContentCheck> = {
  "01-gradient-descent.ipynb": (nb) => {
    checkShape(nb);
    // By hand: x ← x − 0.1·2x = 0.8x, so (0.8, −0.6) → (0.64, −0.48) → (0.512, −0.384) → (0.4096, −0.3072).
    assert.match(cellStdout(nb, "let point = [0.8, -0.6]"), /step 2: \(0\.4096, -0\.3072\)  f = 0\.26214/);
    assert.match(cellStdout(nb, "const byLibrary"), /same as by hand: true/);
    assert.equal(svgCount(nb, "contourPanels("), 1, "the three step sizes as panels");
  },
  "02-the-amsgrad-algorithm.ipynb": (nb) => {
    checkShape(nb);
    // First step by hand: m/√v̂ = ±1, so x moves by exactly α = 0.007.
    assert.match(cellStdout(nb, "const before = x;"), /0\.4406489868843162 → 0\.43364898688431\d*/);
    assert.match(cellStdout(nb, "amsgrad(objective, derivative, { ...settings"), /identical to the hand computation: true/);
    assert.match(cellStdout(nb, "const point = [...start]"), /our single coordinate agrees: true/);
    // AMSGrad's effective step size stays at α/√v̂ with v̂ set by the gradient 10: 0.007/√1 = 0.0070.
    assert.match(cellStdout(nb, "checkpoints"), /amsgrad .*t=501: 0\.0070\n/);
  },
  "03-two-dimensional-test-problem.ipynb": (nb) => {
    checkShape(nb);
    assert.match(cellStdout(nb, "for (const [x, y] of"), /f\(0\.5, -0\.5\) = 0\.5   ∇f = \[1, -1\]/);
    assert.equal(svgCount(nb, "surfaceFigure("), 1, "the 3-D surface");
    assert.equal(svgCount(nb, "const contour = contourFigure("), 1, "the contour plot");
  },
  "04-amsgrad-optimization.ipynb": (nb) => {
    checkShape(nb);
    const out = cellStdout(nb, "onIteration: (info) => console.log(formatProgress(");
    const lines = out.trimEnd().split("\n");
    assert.equal(lines.length, 102, "100 progress lines, Done! and the result");
    assert.deepEqual(lines.slice(90), TUTORIAL_LINES);
    assert.equal(lines[0].slice(0, 4), ">0 f");
    assert.match(cellStdout(nb, "const drawn = bounds.map"), /start: \[ -0\.165955990594852, 0\.4406489868843162 \]/);
    assert.match(cellStdout(nb, "const withEps"), /eps = 1e-8: f\(\[-6\.7822\d+e-12 {2}1\.2790\d+e-03\]\) = 0\.000002/);
  },
  "05-visualization.ipynb": (nb) => {
    checkShape(nb);
    assert.match(cellStdout(nb, "traceRun(amsgrad"), /points kept: 100/);
    assert.equal(svgCount(nb, "contourFigure(objective"), 1);
    assert.equal(svgCount(nb, "objectiveCurve(run"), 2, "linear and log objective curves");
    assert.equal(svgCount(nb, "coordinateCurves(run)"), 1);
    assert.equal(svgCount(nb, "effectiveStepSizeCurve(run)"), 1);
    assert.match(cellStdout(nb, "effectiveStepSizeCurve(run)"), /never grew: true/);
    assert.ok(cellSource(nb, "contourFigure(objective").includes("paths: [run]"));
    assert.equal(explorers(nb, "showExplorer({ ...hyperparameters"), 1, "the run in a live explorer");
  },
  "06-adam-versus-amsgrad.ipynb": (nb) => {
    checkShape(nb);
    assert.equal(svgCount(nb, "paths: [amsgradRun, adamRun]"), 1, "both searches on one contour");
    assert.equal(svgCount(nb, "effectiveStepSizeCurve([amsgradRun, adamRun])"), 2, "step sizes and objective curves");
    // The paper (section 5): Adam's iterate goes to +1, AMSGrad's to −1.
    const online = cellStdout(nb, "runOnline(counterexample");
    const adamX = Number(/Adam +x = (-?[\d.]+)/.exec(online)?.[1]);
    const amsgradX = Number(/AMSGrad x = (-?[\d.]+)/.exec(online)?.[1]);
    assert.ok(adamX > 0.9, `Adam's final x ${adamX} should be near +1`);
    assert.ok(amsgradX < -0.9, `AMSGrad's final x ${amsgradX} should be near -1`);
    assert.equal(svgCount(nb, "seriesChart([toSeries(\"Adam\", onlineAdam"), 2, "iterate and regret curves");
    const stochastic = cellStdout(nb, "runOnline(stochasticCounterexample");
    assert.ok(Number(/Adam +x = (-?[\d.]+)/.exec(stochastic)?.[1]) > 0.9);
    assert.ok(Number(/AMSGrad x = (-?[\d.]+)/.exec(stochastic)?.[1]) < -0.5);
    assert.equal(explorers(nb, "compareAdam: true"), 1, "both optimizers in a live explorer");
  },
  "07-hyperparameters.ipynb": (nb) => {
    checkShape(nb);
    for (const sweep of ["sweep(\"α\"", "sweep(\"β1\"", "sweep(\"β2\"", "sweep(\"β1 / α schedule\""]) {
      assert.ok(svgCount(nb, sweep) >= 1, `${sweep} draws its panels`);
    }
    // Plain gradient descent on the bowl multiplies the point by 1 − 2α: α = 1.1 diverges, α = 0.9 converges.
    assert.match(cellStdout(nb, "for (const alpha of [0.9, 1.1])"), /α = 1\.1: f after 100 steps = \d\.\d+e\+\d+/);
    // The run that overflows is stopped with the iteration named and earlier results kept.
    assert.match(cellStdout(nb, "gradientDescent(rosenbrock.objective"), /gradientDescent: stopped at iteration \d+: non-finite objective/);
    assert.equal(svgCount(nb, "const rosenbrockRuns"), 2);
    assert.equal(svgCount(nb, "const narrowStart"), 1);
    assert.equal(explorers(nb, "problem: \"narrow-bowl\""), 1, "the sweeps as sliders");
  },
  "08-explorer.ipynb": (nb) => {
    checkShape(nb);
    const first = cellHtml(nb, "showExplorer({ problem: \"bowl\"");
    const second = cellHtml(nb, "showExplorer({ problem: \"rosenbrock\"");
    assert.equal(first.length, 1, "one explorer on the bowl");
    assert.equal(second.length, 1, "one explorer on Rosenbrock");
    assert.ok(first[0].includes("data-amsgrad-explorer") && second[0].includes("data-amsgrad-explorer"));
    assert.doesNotMatch(first[0] + second[0], /<script[^>]+src=/, "no script is loaded from elsewhere");
    // The spikes the text describes: none for AMSGrad, some for Adam.
    assert.match(cellStdout(nb, "const spikes"), /AMSGrad 0 Adam [1-9]/);
  },
};
