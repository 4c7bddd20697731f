// What the notebooks say, checked against what they compute. Run by test/notebooks.test.ts.
//
// Two tables:
//
// - `contentChecks`: what each notebook is for (its figures, its explorers, the tutorial's printed lines),
//   checked on the notebook executed in a fresh kernel with its hyperparameter cell as committed.
// - `claims`: every quantitative claim the prose makes. A claim quotes the words it checks (`says`,
//   verbatim from one markdown cell, whitespace aside) and says how it stays true:
//     "printed"   the number is printed by a cell from the run, and the prose points at that printout
//                 (it stays true when a reader edits the hyperparameter cell); the check reads the printout;
//     "defaults"  the prose states a number or fact that holds for the hyperparameter cell as it comes, and
//                 says so; the check pins it against that notebook's output;
//     "derived"   the prose derives it from a formula; the check recomputes it by hand;
//     "answer"    a worked answer to an exercise; the check runs the exercise's edit of the notebook
//                 (`edit`, executed in a fresh kernel) or, for exercises that write their own code, the
//                 library with the exercise's settings.
//   Every number with a decimal point or an exponent in a notebook's markdown must be a value its code
//   sets, a `definition` below (a quotation, a default), or inside a claim's words: a claim without a
//   check is removed, not kept.
//
// Expected numbers come from the prose itself (the claim), the tutorial's printed output or hand
// computation; the notebook's output (or, for answers, the library run with the exercise's settings) is
// what is checked against them.

import assert from "node:assert/strict";
import {
  adam,
  amsgrad,
  bowl,
  contourFigure,
  counterexample,
  derivative,
  formatNumpyArray,
  formatProgress,
  gradientDescent,
  narrowBowl,
  numpyRandom,
  objective,
  rosenbrock,
  runOnline,
  seededRandom,
  stochasticCounterexample,
  surfaceFigure,
  adamOptimizer,
  amsgradOptimizer,
  traceRun,
  type OnlineLinearProblem,
} from "amsgrad";
import { cellHtml, cellSource, cellStdout, cellSvg, cellText, codeCells, type ExecutedNotebook, type NotebookEdit } from "./support/notebooks.ts";
import { SLIDERS } from "../lib/src/explorer/controls.ts";

export type ContentCheck = (nb: ExecutedNotebook) => void | Promise<void>;

/** How a claim stays true (see the header). */
export type ClaimKind = "printed" | "defaults" | "derived" | "answer";

export interface Claim {
  /** Words of the claim, verbatim from one markdown cell of the notebook (whitespace may differ). */
  says: string;
  kind: ClaimKind;
  /** For answers that a reader checks by editing the notebook: the edit, run in a fresh kernel. */
  edit?: readonly NotebookEdit[];
  /** Throws (node:assert) when the claim is false: on the default run, or on the edited run with `edit`. */
  check: ContentCheck;
}

// --- Helpers ---------------------------------------------------------------------------------------------

/** The first match of `pattern` in what the cell printed (the cell by a piece of its source). */
function printed(nb: ExecutedNotebook, ref: string, pattern: RegExp): RegExpExecArray {
  const out = cellStdout(nb, ref);
  const match = pattern.exec(out);
  assert.ok(match, `the cell with ${JSON.stringify(ref)} should print ${pattern}; it printed:\n${out.slice(0, 2000)}`);
  return match;
}

/** A number the cell printed: capture group 1 of `pattern`. */
function number(nb: ExecutedNotebook, ref: string, pattern: RegExp): number {
  const value = Number(printed(nb, ref, pattern)[1]);
  assert.ok(Number.isFinite(value), `${pattern} captured no number`);
  return value;
}

/** `actual` rounds to `written` (the prose's number, with as many digits as the prose gives). */
function roundsTo(actual: number, written: string, what: string): void {
  const digits = written.replace(/^-/, "").replace(/e.*$/i, "").replace(".", "").replace(/^0+/, "").length || 1;
  const expected = Number(written);
  const shown = Number(actual.toPrecision(digits));
  assert.equal(shown, expected, `${what}: ${actual} does not round to ${written}`);
}

/** `actual` is within a factor `ratio` of `expected` ("about 10⁻³"). */
function within(actual: number, expected: number, ratio: number, what: string): void {
  assert.ok(actual / expected <= ratio && expected / actual <= ratio, `${what}: ${actual} is not within a factor ${ratio} of ${expected}`);
}

/** The point after iteration t (1-based) of a run, and the step that led there. */
function stepOf(run: { start: number[]; solutions: number[][] }, t: number): number[] {
  const before = t === 1 ? run.start : run.solutions[t - 2];
  return run.solutions[t - 1].map((c, i) => c - before[i]);
}

/** On the bowl gradient descent multiplies the point by 1 − 2α: converging for 0 < α < 1, zig-zagging above 0.5, diverging above 1. */
function checkBowlFactor(): void {
  const end = (alpha: number) => Math.hypot(...gradientDescent(objective, derivative, { start: [0.8, -0.6], alpha, nIter: 50 }).best);
  assert.ok(end(0.99) < 1 && end(0.01) < 1 && end(1.01) > 1);
  const zigzag = gradientDescent(objective, derivative, { start: [0.8, -0.6], alpha: 0.6, nIter: 3 }).solutions.map((p) => Math.sign(p[0]));
  assert.deepEqual(zigzag, [-1, 1, -1]);
}

/** The first step of the y coordinate from the tutorial's start, in units of α, for the tutorial's settings plus `options`. */
function firstStepInAlphas(options: object): number {
  const [first] = amsgrad(objective, derivative, { alpha: 0.007, beta1: 0.9, beta2: 0.99, eps: 0, ...options, start: TUTORIAL_START, nIter: 1 }).solutions;
  return (TUTORIAL_START[1] - first[1]) / 0.007;
}

const TUTORIAL = { nIter: 100, alpha: 0.007, beta1: 0.9, beta2: 0.99, eps: 0 } as const;
const TUTORIAL_START: [number, number] = [-0.165955990594852, 0.4406489868843162];
const tutorialRun = (options: object = {}) => amsgrad(objective, derivative, { ...TUTORIAL, start: TUTORIAL_START, ...options });

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

/** The number of live explorers (HTML outputs with the explorer's root) a cell displayed. */
const explorers = (nb: ExecutedNotebook, ref: string) => cellHtml(nb, ref).filter((html) => html.includes("data-amsgrad-explorer")).length;

/** The number of SVG figures a cell displayed. */
const svgCount = (nb: ExecutedNotebook, ref: string) => cellSvg(nb, ref).length;

/** The hyperparameter cell's marker line. */
export const HYPERPARAMETERS_MARK = "── Hyperparameters: edit these and re-run";

// --- What each notebook is for ----------------------------------------------------------------------------

export const contentChecks: Record<string, ContentCheck> = {
  "00-notation.ipynb": (nb) => {
    assert.equal(codeCells(nb).length, 0, "the reference page has no code");
  },
  "01-gradient-descent.ipynb": (nb) => {
    // By hand: x ← x − 0.1·2x = 0.8x, so (0.8, −0.6) → (0.64, −0.48) → (0.512, −0.384) → (0.4096, −0.3072).
    assert.match(cellStdout(nb, "let point = [0.8, -0.6]"), /step 3: \(0\.4096, -0\.3072\)  f = 0\.26214/);
    assert.match(cellStdout(nb, "const byLibrary"), /same as by hand: true/);
    assert.equal(svgCount(nb, "contourPanels("), 1, "the three step sizes as panels");
  },
  "02-the-amsgrad-algorithm.ipynb": (nb) => {
    // The first step by hand: m/√v̂ = (1 − β1)/√(1 − β2) = 0.1/0.1 = 1, so y moves by exactly α = 0.007.
    assert.match(cellStdout(nb, "const x1 = x0"), /0\.4406489868843162 → 0\.43364898688431\d*/);
    assert.match(cellStdout(nb, "amsgrad(objective, derivative, { ...settings"), /low-level update identical to the hand computation: true\namsgrad\(\) identical to the hand computation: true/);
    assert.match(cellStdout(nb, "const point = [...start]"), /our single coordinate agrees: true/);
    // AMSGrad's effective step size stays at α/√v̂ with v̂ set by the gradient 10: 0.007/√1 = 0.0070.
    assert.match(cellStdout(nb, "checkpoints"), /amsgrad .*t=501: 0\.0070\n/);
  },
  "03-two-dimensional-test-problem.ipynb": (nb) => {
    assert.match(cellStdout(nb, "for (const [x, y] of"), /f\(0\.5, -0\.5\) = 0\.5   ∇f = \[1, -1\]/);
    assert.equal(svgCount(nb, "surfaceFigure("), 1, "the 3-D surface");
    assert.equal(svgCount(nb, "const contour = contourFigure("), 1, "the contour plot");
  },
  "04-amsgrad-optimization.ipynb": (nb) => {
    const out = cellStdout(nb, "onIteration: (info) => progress.push(formatProgress(");
    const lines = out.trimEnd().split("\n");
    assert.equal(lines.length, 102, "100 progress lines, Done! and the result");
    assert.deepEqual(lines.slice(90), TUTORIAL_LINES);
    assert.equal(lines[0].slice(0, 4), ">0 f");
    assert.match(cellStdout(nb, "const drawn = bounds.map"), /start: \[ -0\.165955990594852, 0\.4406489868843162 \]/);
    assert.match(cellStdout(nb, "const withEps"), /eps = 1e-8: f\(\[-6\.7822\d+e-12 {2}1\.2790\d+e-03\]\) = 0\.000002/);
  },
  "05-visualization.ipynb": (nb) => {
    assert.match(cellStdout(nb, "traceRun(amsgrad"), /points kept: 100/);
    assert.equal(svgCount(nb, "contourFigure(objective"), 1);
    assert.ok(cellSource(nb, "contourFigure(objective").includes("paths: [run]"));
    assert.match(cellText(nb, "contourFigure(objective"), /^Contour plot with a zoomed panel/, "the path magnified beside the tutorial's figure");
    assert.equal(svgCount(nb, "objectiveCurve(run"), 2, "linear and log objective curves");
    assert.equal(svgCount(nb, "coordinateCurves(run)"), 1);
    // The zoomed side-by-side panels: the legend in a strip below them, since in the zoomed panel any
    // corner box covered the start ring and the first steps (fresh-reader audit 2).
    assert.match(cellSvg(nb, "biasCorrection: true")[0]!, /aria-label="legend below"/);
    assert.equal(svgCount(nb, "effectiveStepSizeCurve(run)"), 1);
    assert.equal(svgCount(nb, "const sqrtV = "), 3, "g, m, √v, √v̂ for x and for y, and the steps");
    assert.equal(svgCount(nb, "biasCorrection: true"), 2, "bias correction side by side, and its steps");
    assert.equal(explorers(nb, "showExplorer({ ...hyperparameters, start: start });"), 1, "the run in a live explorer");
    assert.equal(explorers(nb, "scrub: phase2From"), 1, "the switch to phase 2 in the step-by-step panel");
  },
  "06-adam-versus-amsgrad.ipynb": (nb) => {
    assert.equal(svgCount(nb, "paths: [amsgradRun, adamRun]"), 1, "both searches on one contour");
    assert.equal(svgCount(nb, "effectiveStepSizeCurve([amsgradRun, adamRun])"), 2, "step sizes and objective curves");
    // The paper (section 5): Adam's iterate goes to +1, AMSGrad's to −1.
    const online = cellStdout(nb, "runOnline(counterexample");
    assert.ok(Number(/Adam +x = (-?[\d.]+)/.exec(online)?.[1]) > 0.9, "Adam's final x near +1");
    assert.ok(Number(/AMSGrad x = (-?[\d.]+)/.exec(online)?.[1]) < -0.9, "AMSGrad's final x near −1");
    assert.equal(svgCount(nb, 'seriesChart([toSeries("Adam", onlineAdam'), 2, "iterate and regret curves");
    assert.equal(svgCount(nb, "runOnline(stochasticCounterexample"), 2, "the stochastic iterate and its regret curve");
    assert.equal(explorers(nb, "compareAdam: true"), 1, "both optimizers in a live explorer");
  },
  "07-hyperparameters.ipynb": (nb) => {
    for (const sweep of ['sweep("α"', 'sweep("β1"', 'sweep("β2"', 'sweep("β1 / α schedule"', 'sweep("γ"']) {
      assert.ok(svgCount(nb, sweep) >= 1, `${sweep} draws its panels`);
    }
    // The α sweep keeps the whole square (α = 1 leaves it); the others zoom in on their paths.
    assert.match(cellText(nb, 'sweep("α"'), /for x from -1\.5 to 1\.5 and y from -1\.5 to 1\.5/);
    assert.match(cellText(nb, 'sweep("β2"'), /for x from -0\.\d+ to 0\.\d+ and y from -0\.\d+ to 0\.\d+/);
    assert.match(cellStdout(nb, "gradientDescent(rosenbrock.objective"), /gradientDescent: stopped at iteration \d+: non-finite objective/);
    assert.equal(svgCount(nb, "const rosenbrockRuns"), 2);
    assert.equal(svgCount(nb, "const narrowStart"), 1);
    assert.equal(explorers(nb, 'problem: "narrow-bowl"'), 1, "the sweeps as sliders");
  },
  "08-explorer.ipynb": (nb) => {
    const first = cellHtml(nb, 'showExplorer({ problem: "bowl"');
    const second = cellHtml(nb, "showExplorer(rosenbrockOptions)");
    assert.equal(first.length, 1, "one explorer on the bowl");
    assert.equal(second.length, 1, "one explorer on Rosenbrock");
    assert.ok(first[0].includes("data-amsgrad-explorer") && second[0].includes("data-amsgrad-explorer"));
    assert.doesNotMatch(first[0] + second[0], /<script[^>]+src=/, "no script is loaded from elsewhere");
  },
};

// --- Numbers that are definitions, not claims ---------------------------------------------------------------

/** Per notebook, the numbers its prose may state without a claim: quotations and defaults, with why. */
export const definitions: Record<string, { written: string; why: string }[]> = {
  "08-explorer.ipynb": [
    { written: "0.05", why: "the Rosenbrock explorer's α, set in its cell (rosenbrockOptions)" },
    { written: "1.5", why: "an instruction: a start to drag to, (1.5, 2.5)" },
    { written: "2.5", why: "an instruction: a start to drag to, (1.5, 2.5)" },
  ],
  "00-notation.ipynb": [
    { written: "10^{-8}", why: "the tutorial listing's ε and the library's default" },
    { written: "10^{-7}", why: "Keras's default ε" },
    { written: "0.99", why: "the tutorial's β2" },
    { written: "0.999", why: "the frameworks' default β2, quoted from the tutorial" },
    { written: "0.002", why: "quoted from the tutorial (AdaMax's α)" },
    { written: "7.1", why: "a section number of Kingma and Ba's paper" },
  ],
  "03-two-dimensional-test-problem.ipynb": [{ written: "0.9", why: "the last value of numpy's arange(-1, 1, 0.1), checked by the claim on the tutorial's grid" }],
  "04-amsgrad-optimization.ipynb": [{ written: "10^{-8}", why: "the tutorial listing's ε, which the eps cell then uses (listingEps)" }],
  "02-the-amsgrad-algorithm.ipynb": [
    { written: "10^{-7}", why: "Keras's default ε" },
    { written: "0.999", why: "the frameworks' default β2" },
  ],
};

// --- Helpers for the claims of notebooks 0 to 4 -----------------------------------------------------------

/**
 * Keras 3's `Adam(amsgrad=True)` update, written out from keras/src/optimizers/adam.py: both bias factors
 * folded into one step size, the averages updated as m + (g − m)(1 − β1), and ε added to √v̂ before the
 * bias factor. An independent implementation to compare the library's `biasCorrection: true` with.
 */
function kerasAmsgradPoints(start: readonly number[], o: { alpha: number; beta1: number; beta2: number; eps: number }, nIter: number): number[][] {
  const x = [...start];
  const m = x.map(() => 0), v = x.map(() => 0), vhat = x.map(() => 0);
  const points: number[][] = [];
  for (let t = 1; t <= nIter; t++) {
    const g = derivative(x[0], x[1]);
    const stepSize = (o.alpha * Math.sqrt(1 - o.beta2 ** t)) / (1 - o.beta1 ** t);
    for (let i = 0; i < x.length; i++) {
      m[i] += (g[i] - m[i]) * (1 - o.beta1);
      v[i] += (g[i] * g[i] - v[i]) * (1 - o.beta2);
      vhat[i] = Math.max(vhat[i], v[i]);
      x[i] -= (m[i] * stepSize) / (Math.sqrt(vhat[i]) + o.eps);
    }
    points.push([...x]);
  }
  return points;
}

/** The library with bias correction agrees with Keras to rounding (not bit for bit) with ε = 0, and not with Keras's ε = 1e-7. */
function checkKerasAgreement(): void {
  const largestRelativeDifference = (eps: number) => {
    const settings = { alpha: 0.007, beta1: 0.9, beta2: 0.99, eps };
    const keras = kerasAmsgradPoints(TUTORIAL_START, settings, 100);
    const library = amsgrad(objective, derivative, { ...settings, biasCorrection: true, start: TUTORIAL_START, nIter: 100 }).solutions;
    return Math.max(...library.flatMap((p, t) => p.map((c, i) => Math.abs(keras[t][i] - c) / Math.abs(c))));
  };
  const withoutEps = largestRelativeDifference(0);
  assert.ok(withoutEps > 0 && withoutEps < 1e-12, `with ε = 0: equal up to rounding, not bit for bit (largest relative difference ${withoutEps})`);
  assert.ok(largestRelativeDifference(1e-7) > 1e-6, "with Keras's ε = 1e-7 the two differ by more than rounding");
}

/** |Δ_t| / α of coordinate `i` for t = 1 … n, with the tutorial's settings from `start`. */
function stepLengthsInAlphas(start: readonly number[], i: number, n: number): number[] {
  const run = amsgrad(objective, derivative, { ...TUTORIAL, start: [...start], nIter: n });
  return Array.from({ length: n }, (_, k) => Math.abs(stepOf(run, k + 1)[i]) / TUTORIAL.alpha);
}

/** The start numpy's seed(s) gives in the tutorial's bounds. */
function numpyStart(seed: number): number[] {
  const rng = numpyRandom(seed);
  return [-1 + 2 * rng(), -1 + 2 * rng()];
}

/** The iterations the tutorial's settings need from `start` to reach f ≤ `target`. */
function iterationsToReach(start: readonly number[], target: number): number {
  const scores = amsgrad(objective, derivative, { ...TUTORIAL, start: [...start], nIter: 2000 }).scores;
  const k = scores.findIndex((s) => s <= target);
  assert.ok(k >= 0, `f ≤ ${target} within 2000 iterations`);
  return k + 1;
}

/**
 * Where the high values of `f` lie in the top view ({elevation: 90}) of surfaceFigure at `azimuth`: the
 * correlation of each mesh cell's colour (red minus blue, so high for jet's red) with its position on the
 * page, across (screen x) and downwards (screen y). Read from the drawn cells, not from the axis labels.
 */
function topViewTrend(f: (x: number, y: number) => number, azimuth: number): { across: number; down: number } {
  const svg = surfaceFigure(f, { bounds: [[-1, 1], [-1, 1]], azimuth, elevation: 90 }).svg;
  const cells = [...svg.matchAll(/<path d="M([\d.]+) ([\d.]+)[hv][^"]*z" fill="#([0-9a-f]{6})"/g)].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    height: parseInt(m[3].slice(0, 2), 16) - parseInt(m[3].slice(4, 6), 16),
  }));
  assert.ok(cells.length >= 300, `the 20 × 20 mesh's cells, found ${cells.length}`);
  const correlation = (a: number[], b: number[]) => {
    const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    const [ma, mb] = [mean(a), mean(b)];
    const cov = a.reduce((s, x, k) => s + (x - ma) * (b[k] - mb), 0);
    return cov / Math.sqrt(a.reduce((s, x) => s + (x - ma) ** 2, 0) * b.reduce((s, x) => s + (x - mb) ** 2, 0));
  };
  const heights = cells.map((c) => c.height);
  return { across: correlation(cells.map((c) => c.x), heights), down: correlation(cells.map((c) => c.y), heights) };
}

/** Notebook 2's exercise 4: β1 = 0.8 with the β2 that keeps the first step at α. */
const BETA1_08_EDIT: readonly NotebookEdit[] = [
  { find: "const beta1 = 0.9;", replace: "const beta1 = 0.8;" },
  { find: "const beta2 = 0.99;", replace: "const beta2 = 0.96;" },
];

/** The listing's ε = 1e-8 in the hyperparameter cell: notebook 2's exercise 1 and notebook 4's exercise 4. */
const LISTING_EPS_EDIT_02: readonly NotebookEdit[] = [{ find: "const eps: number = 0; ", replace: "const eps: number = 1e-8;" }];
const LISTING_EPS_EDIT_04: readonly NotebookEdit[] = [{ find: "eps: 0 };", replace: "eps: 1e-8 };" }];

/** The tutorial's progress lines (>0 … >99) for its start and settings plus `options`. */
function tutorialProgressLines(options: object = {}): string[] {
  const lines: string[] = [];
  amsgrad(objective, derivative, {
    ...TUTORIAL,
    ...options,
    bounds: [[-1, 1], [-1, 1]],
    rng: numpyRandom(1),
    onIteration: (info) => lines.push(formatProgress(info.t, info.point, info.score)),
  });
  return lines;
}

// --- The claims --------------------------------------------------------------------------------------------

export const claims: Record<string, Claim[]> = {
  "00-notation.ipynb": [
    {
      says: "Notebook 6 shows both sides: on the tutorial's bowl Adam ends lower, on the paper's counterexample Adam converges to the worst point and AMSGrad to the best.",
      kind: "derived",
      check: () => {
        assert.ok(adam(objective, derivative, { ...TUTORIAL, start: TUTORIAL_START }).score < tutorialRun().score, "Adam ends lower on the bowl");
        const paper = { alpha: 0.5, alphaSchedule: "inverse-sqrt", beta1: 0.9, beta1Schedule: "constant", beta2: 0.99, eps: 0 } as const;
        assert.ok(runOnline(counterexample, adamOptimizer(paper), { nIter: 200_000 }).final > 0.9);
        assert.ok(runOnline(counterexample, amsgradOptimizer(paper), { nIter: 200_000 }).final < -0.5);
      },
    },
    {
      says: "90 is where the score, rounded to five decimals, first prints as `0.00000` (notebook 4)",
      kind: "derived",
      check: () => {
        const run = amsgrad(objective, derivative, { ...TUTORIAL, bounds: [[-1, 1], [-1, 1]], rng: numpyRandom(1) });
        assert.equal(run.scores.findIndex((s) => s.toFixed(5) === "0.00000"), 90);
      },
    },
    {
      says: "it returns the last point, which on this bowl is also the best",
      kind: "derived",
      check: () => {
        const run = tutorialRun();
        assert.equal(run.score, Math.min(...run.scores));
      },
    },
    {
      says: "so the library agrees with Keras only with $\\varepsilon = 0$, and then up to rounding",
      kind: "derived",
      check: () => checkKerasAgreement(),
    },
    {
      says: "`solutions[t - 1] - solutions[t - 2]`, with `start` for `solutions[t - 2]` when $t = 1$",
      kind: "derived",
      check: () => {
        const run = tutorialRun({ nIter: 2 });
        // By hand (notebook 2): the first step moves y from 0.44064899 to 0.43364899, by −α.
        assert.equal(stepOf(run, 1)[1].toFixed(12), "-0.007000000000");
        assert.deepEqual(stepOf(run, 2), run.solutions[1].map((c, i) => c - run.solutions[0][i]));
      },
    },
  ],

  "01-gradient-descent.ipynb": [
    {
      says: "The $y$ direction diverges unless $\\lvert 1 - 20\\alpha \\rvert < 1$, that is $\\alpha < 0.1$; but then $x$ shrinks at best by $1 - 2 \\cdot 0.1 = 0.8$ per step.",
      kind: "derived",
      check: () => {
        // Run on the exercise's f = x² + 10y²: y's size after 200 steps just below and just above α = 0.1.
        const f = (x: number, y: number) => x * x + 10 * y * y;
        const df = (x: number, y: number) => [2 * x, 20 * y];
        const yAfter = (alpha: number) => Math.abs(gradientDescent(f, df, { start: [0.8, -0.6], alpha, nIter: 200 }).best[1]);
        assert.ok(yAfter(0.099) < 0.6 && yAfter(0.101) > 0.6, `${yAfter(0.099)}, ${yAfter(0.101)}`);
        // x's factor per step, 1 − 2α, read off a run at α = 0.1.
        const x = gradientDescent(f, df, { start: [0.8, -0.6], alpha: 0.1, nIter: 2 }).solutions.map((p) => p[0]);
        assert.equal((x[1] / x[0]).toFixed(12), "0.800000000000");
      },
    },
    {
      says: "What the picture shows, for the three step sizes of the hyperparameter cell as it comes:",
      kind: "defaults",
      check: (nb) => {
        const out = cellStdout(nb, "const runs = stepSizes.map");
        // factor 1 − 2α by hand: 0.96, 0.4, −0.94.
        assert.match(out, /α = 0\.02 +factor 1 − 2α = {2}0\.96/);
        assert.match(out, /α = 0\.3 +factor 1 − 2α = {2}0\.40/);
        assert.match(out, /α = 0\.97 +factor 1 − 2α = -0\.94/);
      },
    },
    {
      says: "**too small** ($\\alpha = 0.02$, factor $0.96$): every step is short, so short that the dots run together into a line; after 30 steps the point has covered only part of the way (the distance printed above)",
      kind: "defaults",
      check: (nb) => {
        const out = cellStdout(nb, "const runs = stepSizes.map");
        const left = number(nb, "const runs = stepSizes.map", /α = 0\.02 .*→ ([\d.e+-]+) after 30 steps/);
        assert.ok(left > 0.2 && left < 0.9, `0.96^30 ≈ 0.29 of the way left, got ${left}`);
        // By hand: 0.8 · 0.96 = 0.768, then 0.737, 0.708, 0.679: each step 4 % of the distance, 0.04 long at first in a square 2 wide.
        assert.match(out, /α = 0\.02 .*\n +x after steps 1 to 4: 0\.768, 0\.737, 0\.708, 0\.679\n/);
      },
    },
    {
      says: "**about right** ($\\alpha = 0.3$, factor $0.4$): each step removes most of the remaining distance; the point is at the bottom after a handful of steps.",
      kind: "defaults",
      check: (nb) => assert.ok(number(nb, "const runs = stepSizes.map", /α = 0\.3 .*→ ([\d.e+-]+) after/) < 1e-9),
    },
    {
      says: "**too large** ($\\alpha = 0.97$, factor $-0.94$): each step overshoots to the other side of the minimum, so $x$ changes sign at every step (printed above) and the point approaches the minimum only slowly.",
      kind: "defaults",
      check: (nb) => {
        const left = number(nb, "const runs = stepSizes.map", /α = 0\.97 .*→ ([\d.e+-]+) after/);
        assert.ok(left > 0.1, `0.94^30 ≈ 0.16 of the distance left, got ${left}`);
        // By hand: 0.8 · (−0.94) = −0.752, then 0.70688, −0.66447, 0.62460.
        assert.match(cellStdout(nb, "const runs = stepSizes.map"), /α = 0\.97 .*\n +x after steps 1 to 4: -0\.752, 0\.707, -0\.664, 0\.625\n/);
      },
    },
    {
      says: "In the picture all the points lie on one straight line through the start and the minimum, on both sides of it",
      kind: "derived",
      check: () => {
        const run = gradientDescent(objective, derivative, { start: [0.8, -0.6], alpha: 0.97, nIter: 30 });
        // On the line through (0.8, −0.6) and (0, 0) a point has 0.6·x + 0.8·y = 0.
        for (const [x, y] of run.solutions) assert.ok(Math.abs(0.6 * x + 0.8 * y) < 1e-15, `(${x}, ${y}) off the line`);
        assert.ok(run.solutions.some(([x]) => x < 0) && run.solutions.some(([x]) => x > 0), "points on both sides of the minimum");
      },
    },
    {
      says: "With $\\lvert 1 - 2\\alpha \\rvert < 1$, that is $0 < \\alpha < 1$, the point converges; a negative factor ($\\alpha > 0.5$) means zig-zagging; with $\\alpha > 1$ every step multiplies the distance by more than 1 and the search diverges.",
      kind: "derived",
      check: () => checkBowlFactor(),
    },
    {
      says: "On the bowl each step multiplies the point by $1 - 2\\alpha$: slow for small $\\alpha$, zig-zagging above $\\alpha = 0.5$, diverging above $\\alpha = 1$.",
      kind: "derived",
      check: () => checkBowlFactor(),
    },
    {
      says: "The factor is $1 - 2 \\cdot 1.05 = -1.1$: every step flips the point to the other side of the minimum and takes it $1.1$ times farther out, so the search diverges. The $x$ coordinate starts at $0.8$ and becomes $0.8 \\cdot 1.1^k$ in size after $k$ steps: $0.88$, $0.968$, then $1.065 > 1$. The point leaves the square at step 3, which is what the cell prints.",
      kind: "answer",
      edit: [{ find: "const stepSizes = [0.02, 0.3, 0.97];", replace: "const stepSizes = [1.05, 0.5];" }],
      check: (nb) => {
        assert.match(cellStdout(nb, "const runs = stepSizes.map"), /α = 1\.05 +factor 1 − 2α = -1\.10 .*leaves the square at step 3/);
      },
    },
    {
      says: "$\\alpha = 0.5$: the factor $1 - 2\\alpha$ is 0, so $x_1 = x_0 - 0.5 \\cdot 2 x_0 = 0$ exactly. With `stepSizes = [0.5]` the cell prints a final distance of 0",
      kind: "answer",
      edit: [{ find: "const stepSizes = [0.02, 0.3, 0.97];", replace: "const stepSizes = [1.05, 0.5];" }],
      check: (nb) => assert.match(cellStdout(nb, "const runs = stepSizes.map"), /α = 0\.5 +factor 1 − 2α = {2}0\.00 .*→ 0\.00e\+0 after/),
    },
    {
      says: "a double holds it only to about $10^{-16}$, so $f(x + h) - f(x - h)$ carries a rounding error of up to a few $10^{-16}$; divided by $2h = 2 \\cdot 10^{-12}$ that is an error of up to about $10^{-4}$ in the estimate",
      kind: "derived",
      check: () => {
        // A double's relative spacing near 1 is 2.2e-16: about 1e-16.
        within(Number.EPSILON, 1e-16, 3, "a double's precision");
        // The largest error of the estimate with h = 1e-12 over x from 0.7 to 0.9 (where f is about 1).
        const h = 1e-12;
        let largest = 0;
        for (let k = 0; k <= 200; k++) {
          const x = 0.7 + 0.001 * k;
          largest = Math.max(largest, Math.abs((objective(x + h, -0.6) - objective(x - h, -0.6)) / (2 * h) - 2 * x));
        }
        within(largest, 1e-4, 3, "the largest error with h = 1e-12");
      },
    },
    {
      says: "the formula itself makes no error on this quadratic $f$ (its $h^2$ term vanishes), so the tiny error printed there is rounding too",
      kind: "printed",
      check: (nb) => {
        // (x + h)² − (x − h)² = 4xh exactly, so the central difference of x² is 2x for every h: only rounding is left.
        const errors = printed(nb, "const numeric = [", /error against the gradient: (\S+), (\S+)\n/).slice(1).map(Number);
        for (const e of errors) assert.ok(Math.abs(e) > 0 && Math.abs(e) < 1e-9, `a tiny error with h = 1e-6: ${e}`);
      },
    },
    {
      says: "With `h = 1e-12` the cell prints errors of about $-2 \\cdot 10^{-6}$ for $x$ and $-4 \\cdot 10^{-5}$ for $y$ (below the bound: how far below is luck): the estimates now agree with $1.6$ and $-1.2$ to only five or six significant digits.",
      kind: "answer",
      edit: [{ find: "const h = 1e-6;", replace: "const h = 1e-12;" }],
      check: (nb) => {
        const [ex, ey] = printed(nb, "const numeric = [", /error against the gradient: (\S+), (\S+)\n/).slice(1).map(Number);
        within(-ex, 2e-6, 1.2, "the error of ∂f/∂x");
        within(-ey, 4e-5, 1.2, "the error of ∂f/∂y");
        const estimates = printed(nb, "const numeric = [", /finite differences: \[ (\S+), (\S+) \]/).slice(1).map(Number);
        // The significant digits an estimate shares with the exact value: the largest k with toPrecision(k) equal.
        const agreeing = (value: number, exact: number) => [...Array(17).keys()].filter((k) => k > 0 && Number(value.toPrecision(k)) === exact).at(-1) ?? 0;
        assert.deepEqual([agreeing(estimates[0], 1.6), agreeing(estimates[1], -1.2)].sort(), [5, 6]);
      },
    },
    {
      says: "With $\\alpha = 0.01$ the $y$ coordinate converges nicely (factor $0.8$) and $x$ crawls (factor $0.98$); with $\\alpha = 0.09$, $x$ is faster (factor $0.82$) but $y$ zig-zags (factor $-0.8$); with $\\alpha = 0.11$, $y$ diverges (factor $-1.2$).",
      kind: "answer",
      check: () => {
        const stretched = (x: number, y: number) => x * x + 10 * y * y;
        const d = (x: number, y: number) => [2 * x, 20 * y];
        const factors = (alpha: number) => {
          const [p] = gradientDescent(stretched, d, { start: [0.8, -0.6], alpha, nIter: 1 }).solutions;
          return [p[0] / 0.8, p[1] / -0.6].map((v) => Number(v.toFixed(2)));
        };
        assert.deepEqual(factors(0.01), [0.98, 0.8]);
        assert.deepEqual(factors(0.09), [0.82, -0.8]);
        assert.deepEqual(factors(0.11), [0.78, -1.2]);
      },
    },
    {
      says: "> **Predict, then run.** With $\\alpha = 0.1$ from $(0.8, -0.6)$, where $f = 1$: what is $f$ after three steps?",
      kind: "printed",
      check: (nb) => assert.match(cellStdout(nb, "let point = [0.8, -0.6]"), /predicted f after 3 steps: 0\.26214; agrees with the steps: true/),
    },
  ],

  "02-the-amsgrad-algorithm.ipynb": [
    {
      says: "but only because $1 - \\beta_1 = 0.1 = \\sqrt{1 - \\beta_2}$: a coincidence of these two numbers",
      kind: "derived",
      check: () => {
        assert.equal((1 - 0.9).toFixed(12), "0.100000000000");
        assert.equal(Math.sqrt(1 - 0.99).toFixed(12), "0.100000000000");
      },
    },
    {
      says: "> **Predict, then run.** With the hyperparameter cell's $\\beta_1 = 0.9$ and $\\beta_2 = 0.99$: how far does the first step move $y$, in units of $\\alpha$?",
      kind: "printed",
      check: (nb) => {
        assert.match(cellStdout(nb, "const x1 = x0"), /the formula holds \(ε = 0\): true/);
        roundsTo(number(nb, "const x1 = x0", /moved by ([\d.]+) α;/), "1.000000000000", "the first step in units of α");
        // The same cell, by the library, for other β's: the formula, not the tutorial's coincidence.
        roundsTo(firstStepInAlphas({ beta1: 0.5, beta2: 0.999 }), String(Number((0.5 / Math.sqrt(0.001)).toPrecision(6))), "β1 = 0.5, β2 = 0.999");
      },
    },
    {
      says: "With the frameworks' $\\beta_2 = 0.999$ the same formula gives $0.1 / \\sqrt{0.001} \\approx 3.16\\,\\alpha$, and with $\\beta_1 = 0.5$, $\\beta_2 = 0.99$ it gives $5\\,\\alpha$ (set them in the hyperparameter cell, and the cell above prints it).",
      kind: "derived",
      check: () => {
        assert.equal(firstStepInAlphas({ beta2: 0.999 }).toFixed(2), "3.16");
        assert.equal(firstStepInAlphas({ beta1: 0.5 }).toFixed(2), "5.00");
      },
    },
    {
      says: "With the tutorial's settings the second step is already longer than the first.",
      kind: "printed",
      check: (nb) => assert.ok(number(nb, "const g2 = 2 * x1", /the second step, in units of α: ([\d.]+)/) > 1),
    },
    {
      says: "The column headed $y$ is our coordinate: compare it with the hand computation, which the cell prints above the panel in the panel's own format (as numpy prints a number); every entry must agree.",
      kind: "printed",
      check: (nb) => {
        // What the panel shows at t = 1 is the run's own record (test/scrubber-page.test.ts checks the page
        // against traceRun); here the hand computation's printout against that record, as the panel prints it.
        const np = (value: number) => formatNumpyArray([value]).slice(1, -1).trim();
        const run = traceRun(amsgrad, objective, derivative, { ...TUTORIAL, start: TUTORIAL_START, nIter: 1 });
        const dy = run.solutions[0][1] - TUTORIAL_START[1];
        const rows = [
          `g         ${np(run.gradients[0][1])}`,
          `m         0. → ${np(run.m[0][1])}`,
          `v         0. → ${np(run.v[0][1])}`,
          `v̂         0. → ${np(run.vmax[0][1])}`,
          `max held  ${run.vmax[0][1] !== run.v[0][1] ? "yes" : "no"}`,
          `s         ${np(run.effectiveStepSizes[0][1])}`,
          `Δx        ${np(dy)}`,
          `Δx / α    ${np(dy / 0.007)}`,
        ];
        assert.equal(cellStdout(nb, "scrub: 1"), `by hand, y at t = 1:\n${rows.map((r) => `  ${r}\n`).join("")}`);
        const html = cellHtml(nb, "scrub: 1");
        assert.equal(explorers(nb, "scrub: 1"), 1, "one explorer");
        assert.match(html[0], /\\?"scrub\\?":0[,}]/, "its panel opens at the first update");
        assert.match(html[0], /\\?"start\\?":\[-0\.165955990594852,0\.4406489868843162\]/, "from the tutorial's start");
      },
    },
    {
      says: "the steps grow to several $\\alpha$, and they shrink only later. That too holds for the tutorial's settings: with $\\beta_2 = 0.5$, for example, $v$ catches up much faster and no step of $y$ reaches $\\alpha$.",
      kind: "derived",
      check: () => {
        const longest = (options: object) => Math.max(...Array.from({ length: 100 }, (_, k) => -stepOf(tutorialRun(options), k + 1)[1] / 0.007));
        assert.ok(longest({}) > 3, `the tutorial's settings: steps of more than 3α, got ${longest({})}`);
        assert.ok(longest({ beta2: 0.5 }) < 1, `β2 = 0.5: every step below α, got ${longest({ beta2: 0.5 })}`);
      },
    },
    {
      says: "with $\\beta_1 = 0.9$ it is about $0.12$ by $t = 20$, so $m$ is then mostly the latest gradient",
      kind: "printed",
      check: (nb) => assert.match(cellStdout(nb, "const shown = [1, 2, 3, 4, 5, 20]"), /β1\(t\), power +t = 1…5, 20: 0\.9000 .* 0\.1216\n/),
    },
    {
      says: "by $t = 501$ it takes, for the same gradient, steps several times larger than AMSGrad (the ratio is printed above)",
      kind: "printed",
      check: (nb) => {
        const ratio = number(nb, "const checkpoints", /at t = 501 Adam's is ([\d.]+) times AMSGrad's/);
        // By hand: v₅₀₁ = 0.99⁵⁰⁰·1 + (1 − 0.99⁵⁰⁰)·0.01 ≈ 0.01650, so √(1/v) ≈ 7.78.
        assert.equal(ratio.toFixed(2), "7.78");
      },
    },
    {
      says: "so the library agrees with Keras only with $\\varepsilon = 0$, and then up to rounding",
      kind: "derived",
      check: () => checkKerasAgreement(),
    },
    {
      says: "At $t = 1$ the corrections undo the slow start exactly: $m_1 / (1 - \\beta_1) = g_1$ and $\\sqrt{\\hat v_1 / (1 - \\beta_2)} = \\lvert g_1 \\rvert$, so with $\\varepsilon = 0$ the first step is $\\alpha$ for any $\\beta_1$ and $\\beta_2$.",
      kind: "printed",
      check: (nb) => {
        assert.match(cellStdout(nb, "const torchLike"), /exactly α \(ε = 0\): true/);
        for (const [beta1, beta2] of [[0.5, 0.999], [0.99, 0.9]]) {
          const [first] = amsgrad(objective, derivative, { alpha: 0.01, beta1, beta2, eps: 0, biasCorrection: true, start: [0.3, -0.2], nIter: 1 }).solutions;
          assert.ok(Math.abs(first[0] - 0.29) < 1e-15 && Math.abs(first[1] + 0.19) < 1e-15);
        }
      },
    },
    {
      says: "$\\varepsilon$ is added to $\\sqrt{\\hat v_1} = \\sqrt{1 - \\beta_2}\\, \\lvert g_1 \\rvert = 0.1\\, \\lvert g_1 \\rvert \\approx 0.088$, so it shortens the first step by the factor $\\sqrt{\\hat v_1} / (\\sqrt{\\hat v_1} + \\varepsilon)$, about $1 - 1.1 \\cdot 10^{-7}$. The step is $0.007$, so $x_1$ moves by about $8 \\cdot 10^{-10}$ less: $x_1$, $x_2$ and the points after two iterations change from about their ninth significant digit on, and the first step now prints as slightly less than $1\\,\\alpha$.",
      kind: "answer",
      edit: LISTING_EPS_EDIT_02,
      check: (nb) => {
        // √v̂₁ by hand: √(0.01 · g₁²) = 0.1 · 2 · 0.44064899 = 0.0881.
        assert.equal(Math.sqrt(number(nb, "const v1 = beta2", /v₁ = ([\d.e-]+)/)).toFixed(4), "0.0881");
        const moved = number(nb, "const x1 = x0", /moved by ([\d.]+) α;/);
        assert.ok(moved < 1 && 1 - moved > 0.5e-7 && 1 - moved < 2e-7, `1 − 1.1e-7, got ${moved}`);
        const x1 = number(nb, "const x1 = x0", /→ ([\d.]+) /);
        assert.ok(Math.abs(x1 - 0.4336489868843162) > 5e-10 && Math.abs(x1 - 0.4336489868843162) < 1e-9, `x₁ moves by about 8e-10 less: ${x1}`);
      },
    },
    {
      says: "Two checks print `false`, both because they test $\\varepsilon = 0$: the one under step 5 (the formula $(1 - \\beta_1)/\\sqrt{1 - \\beta_2}$ holds only for $\\varepsilon = 0$) and the one under the bias-corrected step in the last cell (there $\\varepsilon$ is added to $\\lvert g_1 \\rvert$ after the correction, so the step is shorter by only about $1.1 \\cdot 10^{-8}$ of itself). The other checks (the vector form, the low-level update and `amsgrad()` agree with the hand computation) stay `true`",
      kind: "answer",
      edit: LISTING_EPS_EDIT_02,
      check: (nb) => {
        assert.match(cellStdout(nb, "const x1 = x0"), /the formula holds \(ε = 0\): false/);
        assert.match(cellStdout(nb, "const torchLike"), /exactly α \(ε = 0\): false/);
        // By hand: |g₁| = 0.8813, so the corrected step is |g₁| / (|g₁| + 1e-8) ≈ 1 − 1.13e-8 of α.
        const corrected = number(nb, "const torchLike", /first step with bias correction: ([\d.]+) α/);
        within(1 - corrected, 1.1e-8, 1.1, "the bias-corrected step's shortening");
        assert.match(cellStdout(nb, "const point = [...start]"), /our single coordinate agrees: true/);
        assert.match(cellStdout(nb, "amsgrad(objective, derivative, { ...settings"), /low-level update identical to the hand computation: true\namsgrad\(\) identical to the hand computation: true/);
      },
    },
    {
      says: "At $t = 2$ the constant schedule keeps $\\beta_1(2) = 0.9$ instead of $0.81$, so $m_2 = 0.9\\, m_1 + 0.1\\, g_2$ gives less weight to the new gradient: for $y$, $m_2 \\approx 0.166$ instead of $0.236$, so the second step is shorter (about $1.35\\,\\alpha$ instead of $1.91\\,\\alpha$)",
      kind: "answer",
      check: () => {
        for (const [schedule, m2, step] of [["constant", "0.166", "1.35"], ["power", "0.236", "1.91"]] as const) {
          const run = traceRun(amsgrad, objective, derivative, { ...TUTORIAL, beta1Schedule: schedule, start: TUTORIAL_START, nIter: 2 });
          assert.equal(run.m[1][1].toFixed(3), m2);
          assert.equal((-stepOf(run, 2)[1] / 0.007).toFixed(2), step);
        }
      },
    },
    {
      says: "The low-level check now prints `false`, because the hand computation keeps $\\beta_1^t$; the `amsgrad()` check stays `true`, because that call still gets the hyperparameter cell's settings, with the tutorial's $\\beta_1^t$.",
      kind: "answer",
      edit: [{ find: "const optimizer = amsgradOptimizer(settings);", replace: 'const optimizer = amsgradOptimizer({ ...settings, beta1Schedule: "constant" });' }],
      check: (nb) => {
        const out = cellStdout(nb, "amsgrad(objective, derivative, { ...settings");
        assert.match(out, /low-level update identical to the hand computation: false\namsgrad\(\) identical to the hand computation: true/);
        // m₂ of y, by hand: 0.9 · 0.0881298 + 0.1 · 0.8672980 = 0.166.
        assert.equal(Number(/ m = \[ \S+, (\S+) \]/.exec(out)?.[1]).toFixed(3), "0.166");
      },
    },
    {
      says: "By hand with $\\beta_2 = 0.99$: $v_1 = 10^{-4}$, $v_2 = 1.99 \\cdot 10^{-4}$, $v_3 = 0.99 \\cdot 1.99 \\cdot 10^{-4} + 0.01 \\cdot 100 \\approx 1.000197$, $v_4 = 0.99 \\cdot 1.000197 + 0.01 \\cdot 0.01 \\approx 0.990295$.",
      kind: "answer",
      check: () => {
        const opt = amsgradOptimizer({ alpha: 0.007, beta1: 0.9, beta2: 0.99, eps: 0, beta1Schedule: "constant" });
        const p = Float64Array.of(0), s = opt.init(1);
        const v: number[] = [], vhat: number[] = [];
        for (const g of [0.1, 0.1, 10, 0.1]) {
          opt.update(p, Float64Array.of(g), s);
          v.push(s.v[0]);
          vhat.push(s.vmax[0]);
        }
        assert.deepEqual(v.map((x) => Number(x.toPrecision(7))), [1e-4, 1.99e-4, 1.000197, 0.990295]);
        assert.equal(vhat[3], v[2], "from t = 4 on, v̂ stays at v₃");
      },
    },
    {
      says: "so it is $\\alpha$ when $\\sqrt{1 - \\beta_2} = 1 - \\beta_1 = 0.2$, that is $1 - \\beta_2 = 0.04$ and $\\beta_2 = 0.96$. With `beta1 = 0.8` and `beta2 = 0.96` the cell under step 5 prints a first step of $1.000\\ldots\\,\\alpha$ again.",
      kind: "answer",
      edit: BETA1_08_EDIT,
      check: (nb) => {
        assert.equal(Math.sqrt(1 - 0.96).toFixed(12), (1 - 0.8).toFixed(12));
        roundsTo(number(nb, "const x1 = x0", /moved by ([\d.]+) α;/), "1.000000000000", "the first step in units of α");
        assert.match(cellStdout(nb, "const x1 = x0"), /the formula holds \(ε = 0\): true/);
      },
    },
    {
      says: "The second step is not the same: the cell under the second iteration prints about $1.74\\,\\alpha$ instead of $1.91\\,\\alpha$.",
      kind: "answer",
      edit: BETA1_08_EDIT,
      check: (nb) => {
        roundsTo(number(nb, "const g2 = 2 * x1", /the second step, in units of α: ([\d.]+)/), "1.74", "the second step with β1 = 0.8, β2 = 0.96");
        // The tutorial's β's, by hand: m₂/√v̂₂ ≈ (0.81 · 0.1 + 0.19) / √(0.99 · 0.01 + 0.01) = 0.271 / 0.1411 = 1.92 (g₂ a little smaller: 1.91).
        assert.equal((-stepOf(tutorialRun({ nIter: 2 }), 2)[1] / 0.007).toFixed(2), "1.91");
      },
    },
    {
      says: "with $\\beta_1(2) = 0.64$ and $\\beta_2 = 0.96$ instead of $0.81$ and $0.99$",
      kind: "answer",
      edit: BETA1_08_EDIT,
      check: (nb) => {
        // The schedules cell prints β1(t) = β1^t; by hand 0.8² = 0.64 and, for the tutorial's β1, 0.9² = 0.81.
        assert.match(cellStdout(nb, "const shown = [1, 2, 3, 4, 5, 20]"), /β1\(t\), power +t = 1…5, 20: 0\.8000 {2}0\.6400 /);
        assert.equal((0.9 ** 2).toFixed(2), "0.81");
      },
    },
  ],

  "03-two-dimensional-test-problem.ipynb": [
    {
      says: "The tutorial samples the square every $0.1$ (`arange(-1, 1, 0.1)`: 20 values from $-1$ to $0.9$, a 20 × 20 grid)",
      kind: "derived",
      check: () => {
        // numpy's arange(start, stop, step): ceil((stop − start)/step) values start + k·step.
        const count = Math.ceil((1 - -1) / 0.1);
        const values = Array.from({ length: count }, (_, k) => -1 + k * 0.1);
        assert.equal(count, 20);
        assert.deepEqual([values[0], Number(values.at(-1)!.toFixed(10))], [-1, 0.9]);
      },
    },
    {
      says: "`surfaceFigure` draws a mesh of 20 × 20 cells (21 × 21 points; the tutorial's 20 × 20 points make 19 × 19 cells)",
      kind: "derived",
      check: (nb) => {
        // The drawn faces of the notebook's own surface: one closed, filled path per cell.
        const faces = [...cellSvg(nb, "surfaceFigure(")[0]!.matchAll(/<path d="M[^"]*z" fill="#[0-9a-f]{6}"/g)].length;
        assert.equal(faces, 20 * 20);
        // numpy's arange(-1, 1, 0.1): 20 values per axis, so (20 − 1)² cells between them.
        const arange = Array.from({ length: Math.ceil((1 - -1) / 0.1) }, (_, k) => -1 + 0.1 * k);
        assert.equal(arange.length, 20);
        assert.equal((arange.length - 1) ** 2, 19 * 19);
      },
    },
    {
      says: "The corners of the square are its highest points, $f = 2$, only because they are the farthest from the centre.",
      kind: "derived",
      check: () => {
        // Round: the same value at the same distance in every direction.
        for (const angle of [0, 0.3, Math.PI / 4, 2]) assert.ok(Math.abs(objective(0.7 * Math.cos(angle), 0.7 * Math.sin(angle)) - 0.49) < 1e-15);
        assert.equal(objective(1, -1), 2);
      },
    },
    {
      says: "> **Predict, then run.** Along the $x$-axis, where is the ring of level $f = 0.25$, and where the ring of level $f = 1$?",
      kind: "printed",
      check: (nb) => {
        const out = cellStdout(nb, "function ringRadius");
        assert.match(out, /level 0\.25 crosses the x-axis at x = 0\.500000/);
        assert.match(out, /level 1 crosses the x-axis at x = 1\.000000/);
        // Crowding: √0.1 ≈ 0.316 near the centre, 1 − √0.9 ≈ 0.051 near the edge.
        assert.match(out, /near the centre 0\.316, near the edge 0\.051/);
      },
    },
    {
      says: "The line printed under the figure is the figure object itself: a small SVG document (vector graphics, so it stays sharp when you zoom); its size in kilobytes is in the line.",
      kind: "printed",
      check: (nb) => {
        const [svg] = cellSvg(nb, "const contour = contourFigure(");
        const kb = number(nb, "const contour = contourFigure(", /Figure\(contour, \d+×\d+ px, ([\d.]+) KB SVG/);
        within(Buffer.byteLength(svg, "utf8") / 1024, kb, 1.05, "the printed size against the SVG shown");
      },
    },
    {
      says: "and the SVG grows (the size is in the printed line)",
      kind: "answer",
      edit: [{ find: "const levels = 50;", replace: "const levels = 200;" }],
      check: (nb) => assert.ok(number(nb, "const contour = contourFigure(", /([\d.]+) KB SVG/) > 20, "200 levels: a larger SVG than 50 levels' 14 KB"),
    },
    {
      says: "With 10 levels the bands are wide: the map is easy to read and small",
      kind: "answer",
      check: () => {
        const size = (levels: number) => contourFigure(objective, { bounds: [[-1, 1], [-1, 1]], levels }).svg.length;
        assert.ok(size(10) < size(50) / 2, "10 levels: a much smaller SVG");
      },
    },
    {
      says: "It is turned by a quarter turn, though: with azimuth 0, $x$ runs down the picture and $y$ across. `{ azimuth: -90, elevation: 90 }` puts $x$ across and $y$ upwards, as in the contour plot.",
      kind: "answer",
      check: () => {
        const byX = (x: number) => x, byY = (_x: number, y: number) => y;
        // Jet's red minus blue is not linear in the value, so a clear trend correlates by about 0.87, no trend by 0.
        const along = (trend: { across: number; down: number }, direction: "across" | "down", sign: 1 | -1, what: string) => {
          const other = direction === "across" ? "down" : "across";
          assert.ok(sign * trend[direction] > 0.8 && Math.abs(trend[other]) < 0.1, `${what}: ${JSON.stringify(trend)}`);
        };
        // Azimuth 0: f = x rises down the page, f = y rises across it.
        along(topViewTrend(byX, 0), "down", 1, "azimuth 0, f = x");
        along(topViewTrend(byY, 0), "across", 1, "azimuth 0, f = y");
        // Azimuth −90: f = x rises across, f = y rises up the page (screen y falls), as in contourFigure.
        along(topViewTrend(byX, -90), "across", 1, "azimuth −90, f = x");
        along(topViewTrend(byY, -90), "down", -1, "azimuth −90, f = y");
      },
    },
  ],

  "04-amsgrad-optimization.ipynb": [
    {
      says: "With the hyperparameter cell as it comes, the last ten lines are the tutorial's, character for character",
      kind: "defaults",
      check: (nb) => {
        const lines = cellStdout(nb, "onIteration: (info) => progress.push(formatProgress(").trimEnd().split("\n");
        assert.deepEqual(lines.slice(90), TUTORIAL_LINES);
      },
    },
    {
      says: "> **Predict, then run.** Notebook 2 showed that with these $\\beta$'s the first step moves each coordinate by exactly $\\alpha$ towards 0.",
      kind: "printed",
      check: (nb) => {
        const out = cellStdout(nb, "const predictedFirst");
        // By hand: (−0.165956 + 0.007, 0.440649 − 0.007) = (−0.158956, 0.433649), f = 0.025267 + 0.188051 = 0.21332.
        assert.match(out, /predicted: >0 f\(\[-0\.15895599 {2}0\.43364899\]\) = 0\.21332/);
        assert.match(out, /agree to 1e-15 \(ε = 0\): true/);
      },
    },
    {
      says: "The cell below prints the first line whose score rounds to `0.00000` at five decimals (the tutorial's \"after perhaps 90 iterations\"), the final coordinates, whether the last point is also the best of the run",
      kind: "printed",
      check: (nb) => {
        assert.match(cellStdout(nb, "const firstBelow"), /first line printing f = 0\.00000: >90/);
        assert.match(cellStdout(nb, "const firstBelow"), /the last point is also the best of the run: true/);
      },
    },
    {
      says: "With the tutorial's settings both are still shrinking by a constant factor per iteration when the run stops: ten iterations before the end the printed factors are the same as at the end, about $0.79$ for $x$ and $0.94$ for $y$",
      kind: "defaults",
      check: (nb) => {
        // The factors by hand from the tutorial's printed lines: −6.78222208e-12 / −8.60013947e-12 = 0.789, 1.27905115e-3 / 1.35588802e-3 = 0.943.
        assert.equal((-6.78222208e-12 / -8.60013947e-12).toFixed(3), "0.789");
        assert.equal((1.27905115e-3 / 1.35588802e-3).toFixed(3), "0.943");
        assert.match(cellStdout(nb, "const firstBelow"), /factor of one iteration \(x, y\): at t = 90: 0\.789, 0\.943; {2}at t = 100: 0\.789, 0\.943\n/);
      },
    },
    {
      says: "With the tutorial's settings $\\sqrt{\\hat v}$ ends near $0.066$ for $x$ and $0.25$ for $y$: $\\varepsilon$ is a larger fraction of $x$'s denominator, about four times as large.",
      kind: "defaults",
      check: (nb) => {
        assert.match(cellStdout(nb, "const withEps"), /final √v̂ \(x, y\): 0\.066\d, 0\.24\d\d/);
        const [ex, ey] = printed(nb, "const withEps", /ε \/ √v̂ \(x, y\): +([\d.e-]+), ([\d.e-]+)/).slice(1).map(Number);
        within(ex / ey, 4, 1.15, "ε/√v̂ of x against y");
      },
    },
    {
      says: "(printed above: each late step multiplies it by about $0.79$, $y$ by about $0.94$)",
      kind: "defaults",
      check: (nb) => {
        const [x, y] = printed(nb, "const firstBelow", /at t = 100: ([\d.]+), ([\d.]+)/).slice(1);
        roundsTo(Number(x), "0.79", "x's late factor");
        roundsTo(Number(y), "0.94", "y's late factor");
      },
    },
    {
      says: "So $x$ changes from its 6th significant digit on, $y$ only from its 8th, and both still print the same score.",
      kind: "defaults",
      check: (nb) => {
        assert.match(cellStdout(nb, "const withEps"), /x: relative change .*first differing significant digit 6\n/);
        assert.match(cellStdout(nb, "const withEps"), /y: relative change .*first differing significant digit 8\n/);
        assert.match(cellStdout(nb, "const withEps"), /eps = 1e-8: .*= 0\.000002/);
      },
    },
    {
      says: "With the hyperparameter cell as it comes, the farthest start, seed 3's, about twice as far out as the other two, ends worst",
      kind: "defaults",
      check: (nb) => {
        const out = cellStdout(nb, "for (const seed of [1, 2, 3])");
        const seeds = [...out.matchAll(/seed (\d): .*\(distance ([\d.]+)\) → f\(.*\) = ([\d.]+)\n/g)].map((m) => ({ seed: m[1], distance: Number(m[2]), score: Number(m[3]) }));
        assert.equal(seeds.length, 3, out);
        const [others, far] = [seeds.filter((s) => s.seed !== "3"), seeds.find((s) => s.seed === "3")!];
        for (const s of others) {
          within(far.distance / s.distance, 2, 1.1, `seed 3 against seed ${s.seed}`);
          assert.ok(far.score > s.score, `seed 3 ends worst: ${far.score} against ${s.score}`);
        }
      },
    },
    {
      says: "AMSGrad's first steps have about the same length in units of $\\alpha$ wherever it starts (it divides the gradient by its own running size, notebook 2)",
      kind: "derived",
      check: () => {
        // From the tutorial's start, twice as far out, and numpy seed 42's start (exercise 3): the first five steps of y.
        const near = stepLengthsInAlphas(TUTORIAL_START, 1, 5);
        for (const start of [TUTORIAL_START.map((c) => 2 * c), numpyStart(42)]) {
          stepLengthsInAlphas(start, 1, 5).forEach((s, k) => within(s, near[k], 1.05, `step ${k + 1} from (${start})`));
        }
      },
    },
    {
      says: "And its larger early gradients leave a larger $\\sqrt{\\hat v}$ behind, so its late factor per iteration, $1 - 2\\alpha/\\sqrt{\\hat v}$, is closer to 1: once it is close, it also closes in more slowly.",
      kind: "printed",
      check: (nb) => {
        const out = cellStdout(nb, "for (const seed of [1, 2, 3])");
        const rows = [...out.matchAll(/final √v̂ ([\d.]+), ([\d.]+); {2}last iteration's factor ([\d.]+), ([\d.]+) {2}\(1 − 2α\/√v̂: ([\d.]+), ([\d.]+)\)/g)].map((m) => m.slice(1).map(Number));
        assert.equal(rows.length, 3, out);
        const far = rows[2]; // seed 3
        for (const i of [0, 1]) {
          for (const other of rows.slice(0, 2)) {
            assert.ok(far[i] > other[i], `seed 3's √v̂ is the largest in coordinate ${i}`);
            assert.ok(far[2 + i] > other[2 + i], `seed 3's late factor is the closest to 1 in coordinate ${i}`);
          }
        }
        // The late factor is 1 − 2α/√v̂, in every row and coordinate.
        for (const r of rows) assert.deepEqual([r[2], r[3]], [r[4], r[5]]);
      },
    },
    {
      says: "A start twice as far out needs more than twice as many iterations (exercise 3).",
      kind: "derived",
      check: () => {
        const target = tutorialRun().score;
        const near = iterationsToReach(TUTORIAL_START, target);
        assert.equal(near, 100);
        for (const start of [TUTORIAL_START.map((c) => 2 * c), numpyStart(42)]) {
          within(Math.hypot(...start) / Math.hypot(...TUTORIAL_START), 2, 1.05, "twice as far");
          assert.ok(iterationsToReach(start, target) > 2.5 * near, `from (${start})`);
        }
      },
    },
    {
      says: "With the tutorial's settings, the listing's $\\varepsilon = 10^{-8}$ changes the final $x$ from its 6th significant digit on and $y$ from its 8th",
      kind: "defaults",
      check: (nb) => assert.match(cellStdout(nb, "const withEps"), /x: .*digit 6\ny: .*digit 8/),
    },
    {
      says: "With $\\alpha = 0.014$ the cell prints `>34` instead of `>90`, and the run ends at $f \\approx 5 \\cdot 10^{-15}$ instead of $1.6 \\cdot 10^{-6}$.",
      kind: "answer",
      edit: [{ find: "alpha: 0.007,", replace: "alpha: 0.014," }],
      check: (nb) => {
        assert.match(cellStdout(nb, "const firstBelow"), /first line printing f = 0\.00000: >34/);
        within(amsgrad(objective, derivative, { ...TUTORIAL, alpha: 0.014, bounds: [[-1, 1], [-1, 1]], rng: numpyRandom(1) }).score, 5e-15, 1.2, "final f");
      },
    },
    {
      says: "The prediction check still prints `true`: the first step is still $\\alpha$, now $0.014$.",
      kind: "answer",
      edit: [{ find: "alpha: 0.007,", replace: "alpha: 0.014," }],
      check: (nb) => assert.match(cellStdout(nb, "const predictedFirst"), /agree to 1e-15 \(ε = 0\): true/),
    },
    {
      says: "late in the run the factor by which $y$ shrinks per step, $1 - 2\\alpha/\\sqrt{\\hat v_y}$, is smaller than the $0.94$ of the tutorial's run (printed as the factor at $t = 100$; notebook 5 derives it)",
      kind: "answer",
      edit: [{ find: "alpha: 0.007,", replace: "alpha: 0.014," }],
      check: (nb) => {
        const y = Number(printed(nb, "const firstBelow", /at t = 100: [\d.]+, ([\d.]+)/)[1]);
        assert.ok(y < 0.94, `α = 0.014: y's late factor ${y}`);
        const late = (alpha: number) => {
          const run = tutorialRun({ alpha });
          return run.solutions[99][1] / run.solutions[98][1];
        };
        assert.ok(late(0.014) < late(0.007) && late(0.007) < 0.95);
      },
    },
    {
      says: "Yes: from about $t = 50$ on, each iteration multiplies $x$ by about $0.789$ and $y$ by about $0.943$, all the way to $t = 200$: the factor line prints them at $t = 190$ and $t = 200$, and dividing consecutive progress lines gives the same anywhere after $t = 50$.",
      kind: "answer",
      edit: [{ find: "nIter: 100,", replace: "nIter: 200," }],
      check: (nb) => {
        assert.match(cellStdout(nb, "const firstBelow"), /at t = 190: 0\.789, 0\.943; {2}at t = 200: 0\.789, 0\.943\n/);
        const run = amsgrad(objective, derivative, { ...TUTORIAL, nIter: 200, bounds: [[-1, 1], [-1, 1]], rng: numpyRandom(1) });
        for (const t of [51, 100, 200]) {
          const [x, y] = [0, 1].map((i) => run.solutions[t - 1][i] / run.solutions[t - 2][i]);
          assert.ok(Math.abs(x - 0.789) < 0.001 && Math.abs(y - 0.943) < 0.001, `t = ${t}: ${x}, ${y}`);
        }
      },
    },
    {
      says: "its $\\sqrt{\\hat v} \\approx 0.247$, are larger than $x$'s ($\\approx 0.066$)",
      kind: "answer",
      check: () => {
        const run = traceRun(amsgrad, objective, derivative, { ...TUTORIAL, start: TUTORIAL_START, nIter: 200 });
        assert.deepEqual(run.vmax.at(-1)!.map((v) => Math.sqrt(v).toFixed(3)), ["0.066", "0.247"]);
      },
    },
    {
      says: "After 200 iterations $x$ is about $3 \\cdot 10^{-22}$ and $y$ about $4 \\cdot 10^{-6}$.",
      kind: "answer",
      check: () => {
        const [x, y] = amsgrad(objective, derivative, { ...TUTORIAL, nIter: 200, bounds: [[-1, 1], [-1, 1]], rng: numpyRandom(1) }).best;
        within(-x, 3e-22, 1.2, "x");
        within(y, 4e-6, 1.2, "y");
      },
    },
    {
      says: "The start is $(-0.251, 0.901)$, about twice as far from the minimum as the tutorial's, and the run ends at $f \\approx 0.0104$ with $y \\approx 0.10$: much worse than $1.6 \\cdot 10^{-6}$.",
      kind: "answer",
      check: () => {
        const run = amsgrad(objective, derivative, { ...TUTORIAL, bounds: [[-1, 1], [-1, 1]], rng: numpyRandom(42) });
        assert.deepEqual(run.start.map((c) => c.toFixed(3)), ["-0.251", "0.901"]);
        assert.equal(run.score.toFixed(4), "0.0104");
        assert.equal(run.best[1].toFixed(2), "0.10");
        within(Math.hypot(...run.start) / Math.hypot(...TUTORIAL_START), 2, 1.05, "twice as far");
      },
    },
    {
      says: "Its first steps are about as many $\\alpha$ long as from the tutorial's start",
      kind: "derived",
      check: () => {
        const near = stepLengthsInAlphas(TUTORIAL_START, 1, 5);
        stepLengthsInAlphas(numpyStart(42), 1, 5).forEach((s, k) => within(s, near[k], 1.05, `step ${k + 1}`));
      },
    },
    {
      says: "And its larger early gradients set $\\sqrt{\\hat v_y} \\approx 0.68$ instead of $0.247$ (printed in the section on $\\varepsilon$), so its late factor for $y$ is about $0.979$ instead of $0.943$ (printed as the factor at $t = 400$). With `nIter: 400` the first line printing `0.00000` is `>283` instead of `>90`: about three times as many iterations, not twice.",
      kind: "answer",
      edit: [
        { find: "const numpySeed = 1;", replace: "const numpySeed = 42;" },
        { find: "nIter: 100,", replace: "nIter: 400," },
      ],
      check: (nb) => {
        roundsTo(number(nb, "const withEps", /final √v̂ \(x, y\): [\d.]+, ([\d.]+)/), "0.68", "√v̂ of y");
        assert.match(cellStdout(nb, "const firstBelow"), /at t = 400: [\d.]+, 0\.979\n/);
        assert.match(cellStdout(nb, "const firstBelow"), /first line printing f = 0\.00000: >283/);
        within(283 / 90, 3, 1.1, "about three times");
        assert.equal(Math.sqrt(traceRun(amsgrad, objective, derivative, { ...TUTORIAL, start: TUTORIAL_START }).vmax.at(-1)![1]).toFixed(3), "0.247");
        // The tutorial's side, by hand from its printed lines: 1.27905115e-3 / 1.35588802e-3 = 0.943.
        assert.equal((1.27905115e-3 / 1.35588802e-3).toFixed(3), "0.943");
      },
    },
    {
      says: "for $x$ $\\sqrt{\\hat v_1} = 0.1\\,\\lvert g_1 \\rvert \\approx 0.033$, so $x_1$ moves by about $2 \\cdot 10^{-9}$ less, below the last printed decimal",
      kind: "answer",
      edit: LISTING_EPS_EDIT_04,
      check: (nb) => {
        // g₁ of x = 2 · (−0.165956) = −0.331912, so √v̂₁ = 0.0331912, and α ε / √v̂₁ = 0.007 · 1e-8 / 0.0332 = 2.1e-9.
        within((0.007 * 1e-8) / (0.1 * 2 * 0.165956), 2e-9, 1.1, "the shortening by hand");
        const lines = cellStdout(nb, "onIteration: (info) => progress.push(formatProgress(").split("\n");
        assert.equal(lines[0], ">0 f([-0.15895599  0.43364899]) = 0.21332", "the line >0 of the hand computation (notebook 2)");
      },
    },
    {
      says: "from `>1` on nearly every line differs from before in its last digits, the last ten and the result line included, so they are no longer the tutorial's; the scores, rounded to five decimals, stay the same. The prediction check prints `false`, because it tests $\\varepsilon = 0$. The section on $\\varepsilon$ prints what it printed before",
      kind: "answer",
      edit: LISTING_EPS_EDIT_04,
      check: (nb) => {
        const lines = cellStdout(nb, "onIteration: (info) => progress.push(formatProgress(").trimEnd().split("\n");
        const before = tutorialProgressLines();
        const differing = lines.slice(0, 100).filter((line, k) => line !== before[k]).length;
        assert.ok(lines[1] !== before[1] && differing >= 90, `${differing} of the 100 lines differ`);
        // The last ten progress lines and the result line (TUTORIAL_LINES[10] is "Done!").
        [...lines.slice(90, 100), lines[101]].forEach((line, k) => assert.notEqual(line, [...TUTORIAL_LINES.slice(0, 10), TUTORIAL_LINES[11]][k], `not the tutorial's: ${line}`));
        const score = (line: string) => line.slice(line.lastIndexOf("="));
        assert.deepEqual(lines.slice(0, 100).map(score), before.map(score));
        assert.match(cellStdout(nb, "const predictedFirst"), /agree to 1e-15 \(ε = 0\): false/);
        // The ε section still compares ε = 0, the tutorial's printed result, with the listing's ε.
        const withEps = cellStdout(nb, "const withEps");
        assert.ok(withEps.includes(`eps = 0   : ${TUTORIAL_LINES[11]}`), withEps);
        assert.match(withEps, /x: .*digit 6\ny: .*digit 8/);
      },
    },
  ],

  "05-visualization.ipynb": [
    {
      says: "In the first iterations both coordinates move by about the same amount per step (printed above), although $y$'s gradient is nearly three times $x$'s",
      kind: "defaults",
      check: (nb) => {
        const out = cellStdout(nb, "const steps = run.solutions.map");
        assert.match(out, /\(1\.00, -1\.00\) {2}\(1\.90, -1\.91\) {2}\(2\.63, -2\.69\) {2}\(3\.04, -3\.20\)/);
        within(Math.abs(derivative(...TUTORIAL_START)[1] / derivative(...TUTORIAL_START)[0]), 2.7, 1.12, "y's gradient over x's");
      },
    },
    {
      says: "$x$ started closer to 0, so it gets there first",
      kind: "printed",
      check: (nb) => assert.match(cellStdout(nb, "const steps = run.solutions.map"), /\|x\| is below 1% of its start from t = 20, when y = 0\.137/),
    },
    {
      says: "The horizontal axis of this chart, and of the coordinate chart and the effective-step-size chart after it, counts iterations as the tutorial's progress lines do: the point at 0 is the line `>0`, the point after the first update ($x_1$ in the [notation](00-notation.ipynb)), and the last is `>99`. The charts of the section \"The step size, explained\" count $t$ from 1, as the formulas do.",
      kind: "printed",
      check: (nb) => {
        for (const ref of ["objectiveCurve(run", "coordinateCurves(run)", "effectiveStepSizeCurve(run)"]) {
          assert.match(cellText(nb, ref), /over iteration t from 0 to 99/, ref);
        }
        // The point at 0 is x₁: f(x₁), not f at the start (0.2217).
        assert.match(cellText(nb, "objectiveCurve(run"), /from 0\.213 at 0 to/);
        roundsTo(tutorialRun().scores[0], "0.213", "f(x₁)");
        assert.match(cellText(nb, "const sqrtV = "), /over t from 1 to 100/);
      },
    },
    {
      says: "AMSGrad's $\\hat v$ never decreases, so with a constant $\\alpha$ and without bias correction its $s_t$ never grows. The cell checks that for the run above",
      kind: "printed",
      check: (nb) => assert.match(cellStdout(nb, "effectiveStepSizeCurve(run)"), /never grew in this run: true/),
    },
    {
      says: "For $y$, with the tutorial's settings, it starts at 1, grows to more than three times $\\alpha$ within five iterations, is back near $\\alpha$ around $t = 20$ and then shrinks steadily, to about a hundredth of $\\alpha$ at the end.",
      kind: "defaults",
      check: (nb) => {
        const out = cellStdout(nb, "const sqrtV = ");
        const y = out.slice(out.indexOf("coordinate y"));
        const at = (t: number) => Math.abs(Number(new RegExp(`\\n +${t} +\\S+ +\\S+ +\\S+ +\\S+ +(-?[\\d.]+)`).exec(y)![1]));
        assert.equal(at(1), 1);
        assert.ok(at(5) > 3, `t = 5: ${at(5)}`);
        assert.ok(Math.abs(at(20) - 1) < 0.25, `t = 20: ${at(20)}`);
        within(at(100), 0.01, 1.5, "t = 100");
      },
    },
    {
      says: "($0.1\\,\\lvert g \\rvert$ at $t = 1$ with $\\beta_2 = 0.99$)",
      kind: "derived",
      check: () => assert.equal(Math.sqrt(1 - 0.99).toFixed(12), "0.100000000000"),
    },
    {
      says: "The cell compares the formula with the run for $y$.",
      kind: "printed",
      check: (nb) => {
        const out = cellStdout(nb, "const { alpha, beta1, beta2 } = run.hyperparameters");
        // By hand: (1 − 0.9^3)/√(1 − 0.99²) = 0.271/0.14107 = 1.921; (1 − 0.9^15)/√(1 − 0.99^5) = 3.587.
        assert.match(out, /t = 2: formula 1\.921 +run \(y\) 1\.915/);
        assert.match(out, /t = 5: formula 3\.587 +run \(y\) 3\.418/);
        assert.match(out, /the longest step of y: 3\.42 α, at t = 5/);
      },
    },
    {
      says: "And $\\beta_1^t$ has faded ($0.9^{30} \\approx 0.04$), so $m_t \\approx g_t = 2x_{t-1}$.",
      kind: "derived",
      check: () => assert.equal((0.9 ** 30).toFixed(2), "0.04"),
    },
    {
      says: "With the tutorial's settings $\\hat v$ stops growing within the first two dozen iterations, and after that the phase-2 cell's last two numbers, the factor and the ratio, agree to three or four digits.",
      kind: "defaults",
      check: (nb) => {
        const out = cellStdout(nb, "const frozen = Math.sqrt");
        assert.match(out, /x: v̂ last grew at t = 9; √v̂ = 0\.0662; 1 − 2α\/√v̂ = 0\.7886; last x_t\/x_\(t−1\) = 0\.7886/);
        assert.match(out, /y: v̂ last grew at t = 22; √v̂ = 0\.2470; 1 − 2α\/√v̂ = 0\.9433; last x_t\/x_\(t−1\) = 0\.9433/);
      },
    },
    {
      says: "the faster convergence is why $x$ stays negligible next to $y$ after the turn, and the path runs down the $y$ axis",
      kind: "defaults",
      check: (nb) => {
        assert.match(cellStdout(nb, "const steps = run.solutions.map"), /below 1% of its start from t = 20/);
        // From t = 20 on, x/y only shrinks: x's factor is the smaller one.
        const ratios = tutorialRun().solutions.slice(19).map(([x, y]) => Math.abs(x / y));
        assert.ok(ratios[0] < 0.02 && ratios.every((r, k) => k === 0 || r < ratios[k - 1]), `|x/y| from t = 20: ${ratios.slice(0, 5)}`);
      },
    },
    {
      says: "The explorer below opens its step-by-step panel at the first update in which neither $\\hat v$ grows, nor grows later: the cell takes the later of the two last growths printed above, adds one, and passes that $t$ as `scrub`",
      kind: "printed",
      check: (nb) => {
        assert.match(cellStdout(nb, "scrub: phase2From"), /^neither v̂ grows after t = 22; at t = 23 s = 0\.1057 \(x\), 0\.0283 \(y\)\n/);
        // The panel opens at t = 23: the page's config holds the 0-based iteration.
        assert.match(cellHtml(nb, "scrub: phase2From")[0], /\\?"scrub\\?":22[,}]/);
      },
    },
    {
      says: "*max held* reads `yes` in both columns ($\\hat v$ kept an earlier, larger $v$), $\\hat v$ is the square of the printed $\\sqrt{\\hat v}$, and $s$ is the frozen rate $\\alpha/\\sqrt{\\hat v}$, which the cell prints. Press ◀ once: one update earlier, the coordinate that grew last ($y$, with the tutorial's settings) still took the new $v$ (*max held*: `no`). Then press ▶ or play: from here on $s$ stays the same in both columns while $\\Delta x / \\alpha$ keeps shrinking, because $m$ does.",
      kind: "defaults",
      check: () => {
        // What the panel shows is the run's own record (test/scrubber-page.test.ts): v̂ ≠ v is "max held".
        const run = traceRun(amsgrad, objective, derivative, { ...TUTORIAL, start: TUTORIAL_START });
        const held = (k: number, i: number) => run.vmax[k][i] !== run.v[k][i];
        assert.ok(held(22, 0) && held(22, 1), "t = 23: held in both");
        assert.ok(held(21, 0) && !held(21, 1), "t = 22: y's v̂ took the new v");
        assert.equal(Math.sqrt(run.vmax[22][1]).toFixed(4), "0.2470");
        for (const i of [0, 1]) {
          assert.ok(run.effectiveStepSizes.slice(22).every((row) => row[i] === run.effectiveStepSizes[22][i]), `s stays (${i})`);
          const steps = run.solutions.slice(22).map((_, k) => Math.abs(stepOf(run, k + 23)[i]));
          assert.ok(steps.every((v, k) => k === 0 || v < steps[k - 1]), `|Δ| shrinks from t = 23 (${i})`);
        }
      },
    },
    {
      says: "> **Predict, then run.** From the printed $\\sqrt{\\hat v}$ of $y$ and $\\alpha$, predict the slope of the straight part of the log-scale objective curve",
      kind: "printed",
      check: (nb) => {
        const out = cellStdout(nb, "const predictedSlope");
        // By hand from √v̂_y = 0.2470 and α = 0.007: 2·log10(1 − 0.014/0.2470) = −0.0507.
        assert.match(out, /the slower coordinate: y/);
        assert.match(out, /predicted slope: -0\.0507 decades per iteration/);
        assert.match(out, /agree within 1%: true/);
      },
    },
    {
      says: "With the tutorial's settings the corrected run takes steps of about $\\alpha$ in the first iterations, where the tutorial's version takes steps that grow to more than three times as long by $t = 5$ (both rows are printed), and it ends higher",
      kind: "defaults",
      check: (nb) => {
        const out = cellStdout(nb, "biasCorrection: true");
        assert.match(out, /bias correction: 1\.000 {2}1\.000 {2}0\.999 {2}0\.998 {2}0\.997/);
        assert.match(out, /none: +1\.000 {2}1\.915 {2}2\.689 {2}3\.198 {2}3\.418/);
        const [without, withCorrection] = printed(nb, "biasCorrection: true", /final f: (\S+) without, (\S+) with/).slice(1).map(Number);
        assert.ok(withCorrection > without);
      },
    },
    {
      says: "the cell's last line runs the constant schedule without the correction, and with the tutorial's settings that run ends close to the tutorial's, far below the corrected one",
      kind: "defaults",
      check: (nb) => {
        const [without, withCorrection] = printed(nb, "biasCorrection: true", /final f: (\S+) without, (\S+) with/).slice(1).map(Number);
        const constant = number(nb, "biasCorrection: true", /constant β1 schedule but no bias correction: (\S+)/);
        within(constant, without, 2, "constant β1 against the tutorial's run");
        assert.ok(constant < withCorrection / 10, `${constant} far below ${withCorrection}`);
        assert.equal(traceRun(amsgrad, objective, derivative, { ...TUTORIAL, biasCorrection: true, start: TUTORIAL_START, nIter: 1 }).hyperparameters.beta1Schedule, "constant");
      },
    },
    {
      says: "The effective step size grows in most coordinate-steps of the corrected run (the count is printed)",
      kind: "defaults",
      check: (nb) => assert.match(cellStdout(nb, "biasCorrection: true"), /grew in 160 of 198 coordinate-steps/),
    },
    {
      says: "The first steps are about seven times longer, so the path crosses the $x = 0$ line within a few iterations and overshoots it",
      kind: "answer",
      edit: [{ find: "alpha: 0.007,", replace: "alpha: 0.05," }],
      check: (nb) => {
        assert.match(cellStdout(nb, "const steps = run.solutions.map"), /Δ\/α for t = 1…4 \(x, y\): \(1\.00, -1\.00\)/);
        roundsTo(0.05 / 0.007, "7", "seven times longer first steps");
        const crossed = tutorialRun({ alpha: 0.05 }).solutions.findIndex((p) => p[0] > 0) + 1;
        assert.ok(crossed >= 1 && crossed <= 5, `x crosses 0 within a few iterations (t = ${crossed})`);
      },
    },
    {
      says: "$\\hat v_x$ stops growing very early, at a small value, and $x$'s factor $1 - 2\\alpha/\\sqrt{\\hat v_x}$ is then below $-1$ (about $-1.3$): $\\alpha$ is larger than $\\sqrt{\\hat v_x}$, so $x$ changes sign at every step and *grows*. From about $t = 25$ the objective, which had fallen to about $3 \\cdot 10^{-11}$, rises again by almost nine orders of magnitude, to about $0.016$ at $t = 72$.",
      kind: "answer",
      check: () => {
        const run = traceRun(amsgrad, objective, derivative, { ...TUTORIAL, alpha: 0.05, start: TUTORIAL_START });
        const earlyFrozen = Math.sqrt(run.vmax[29][0]);
        assert.ok(run.vmax.slice(5, 30).every((row) => row[0] === run.vmax[29][0]), "v̂_x does not change from t = 6 to 30");
        assert.equal((1 - (2 * 0.05) / earlyFrozen).toFixed(1), "-1.3");
        const low = Math.min(...run.scores.slice(0, 40));
        const lowAt = run.scores.indexOf(low) + 1;
        const high = Math.max(...run.scores.slice(lowAt));
        assert.ok(Math.abs(lowAt - 25) <= 2, `the lowest f before the bump at t = ${lowAt}`);
        within(low, 3e-11, 1.2, "the lowest f");
        assert.equal(run.scores.indexOf(high) + 1, 72);
        roundsTo(high, "0.016", "the bump's top");
        const orders = Math.log10(high / low);
        assert.ok(orders > 8.5 && orders < 9, `almost nine orders of magnitude: ${orders}`);
      },
    },
    {
      says: "The growing gradients raise $v_x$ above $\\hat v_x$ again, and $\\hat v_x$ grows until $t = 77$ (the phase-2 cell prints that $t$): the maximum restores a stable rate. $x$'s factor is now about $-0.65$ and $y$'s about $0.26$.",
      kind: "answer",
      edit: [{ find: "alpha: 0.007,", replace: "alpha: 0.05," }],
      check: (nb) => {
        assert.match(cellStdout(nb, "const frozen = Math.sqrt"), /x: v̂ last grew at t = 77; .*1 − 2α\/√v̂ = -0\.65\d\d/);
        assert.match(cellStdout(nb, "const frozen = Math.sqrt"), /y: .*1 − 2α\/√v̂ = 0\.2[56]\d\d/);
      },
    },
    {
      says: "the log-scale curve falls along a steep straight line set by $x$, the slower coordinate. That stretch is shorter than the 30 iterations the prediction cell fits, so the cell prints `false`: its fit includes the end of the bump. The run ends near $f = 1.5 \\cdot 10^{-12}$.",
      kind: "answer",
      edit: [{ find: "alpha: 0.007,", replace: "alpha: 0.05," }],
      check: (nb) => {
        assert.match(cellStdout(nb, "const predictedSlope"), /the slower coordinate: x\n[\s\S]*agree within 1%: false/);
        within(number(nb, "traceRun(amsgrad", /f = (\S+)/), 1.5e-12, 1.1, "final f");
      },
    },
    {
      says: "Yes. Both coordinates start equal, so they get equal gradients, hence equal $m$, $v$ and $\\hat v$, and equal steps: $x_t = y_t$ for every $t$, a straight line along the diagonal.",
      kind: "answer",
      check: () => {
        const run = amsgrad(objective, derivative, { ...TUTORIAL, start: [0.9, 0.9] });
        assert.ok(run.solutions.every((p) => p[0] === p[1]), "x_t = y_t for every t");
      },
    },
    {
      says: "It also ends much higher after 100 iterations, $f \\approx 0.02$, and not only because it starts nearly three times as far out. Its first steps are about as many $\\alpha$ long as from the tutorial's start ($1.00$, $1.92$, $2.70$, $3.24\\,\\alpha$ for $t = 1 \\ldots 4$, printed under the contour), so it takes longer to get close; and its larger gradients raise $\\hat v$ for longer, until $t = 43$, to $\\sqrt{\\hat v} \\approx 0.68$ (the phase-2 cell; from the tutorial's start $y$'s was $0.2470$). The late factor $1 - 2\\alpha/\\sqrt{\\hat v}$ is then $0.979$ instead of $0.943$: each iteration takes about 2% off each coordinate instead of 6%. At $t = 100$ a step is still $0.31\\,\\alpha$ (from the tutorial's start, $0.011\\,\\alpha$), and it takes 327 iterations to reach the tutorial's final $f \\approx 1.6 \\cdot 10^{-6}$.",
      kind: "answer",
      edit: [{ find: "const start = [-0.165955990594852, 0.4406489868843162];", replace: "const start = [0.9, 0.9];" }],
      check: (nb) => {
        within(number(nb, "traceRun(amsgrad", / f = (\S+)/), 0.02, 1.1, "final f");
        within(Math.hypot(0.9, 0.9) / Math.hypot(...TUTORIAL_START), 2.7, 1.1, "nearly three times as far");
        assert.match(cellStdout(nb, "const steps = run.solutions.map"), /\(-1\.00, -1\.00\) {2}\(-1\.92, -1\.92\) {2}\(-2\.70, -2\.70\) {2}\(-3\.24, -3\.24\)/);
        const phase2 = cellStdout(nb, "const frozen = Math.sqrt");
        for (const name of ["x", "y"]) {
          const [last, root, factor] = new RegExp(`${name}: v̂ last grew at t = (\\d+); √v̂ = (\\S+); 1 − 2α/√v̂ = (\\S+);`).exec(phase2)!.slice(1).map(Number);
          assert.equal(last, 43);
          roundsTo(root, "0.68", `${name}: √v̂`);
          roundsTo(factor, "0.979", `${name}: the late factor`);
        }
        const tutorial = traceRun(amsgrad, objective, derivative, { ...TUTORIAL, start: TUTORIAL_START });
        assert.equal(Math.sqrt(tutorial.vmax[99][1]).toFixed(4), "0.2470");
        assert.equal((1 - 0.014 / Math.sqrt(tutorial.vmax[99][1])).toFixed(3), "0.943");
        assert.equal(Math.round(100 * (1 - 0.979)), 2);
        assert.equal(Math.round(100 * (1 - 0.943)), 6);
        const y100 = cellStdout(nb, "const sqrtV = ").split("coordinate y")[1];
        assert.match(y100, /\n +100 +\S+ +\S+ +\S+ +\S+ +-0\.30\d\d\n/);
        roundsTo(Math.abs(stepOf(tutorial, 100)[1]) / 0.007, "0.011", "the tutorial's last step");
        const far = amsgrad(objective, derivative, { ...TUTORIAL, start: [0.9, 0.9], nIter: 1000 });
        assert.equal(far.scores.findIndex((f) => f <= tutorial.score) + 1, 327);
        roundsTo(tutorial.score, "1.6e-6", "the tutorial's final f");
      },
    },
    {
      says: "With $\\beta_2 = 0.5$, $v$ follows $g^2$ closely: $v_1 = 0.5\\, g_1^2$, so the first step is only $0.1/\\sqrt{0.5} \\approx 0.14\\,\\alpha$, and $v$ catches up at once, so the steps never exceed $\\alpha$. They still grow for a while, to $0.95\\,\\alpha$ at $t = 8$ (the longest step of $y$, printed under the phase-1 formula), but through $m$, which builds up more slowly than $v$ now. $\\hat v$ is then the largest $g^2$-like value, reached in the first iterations (the phase-2 cell prints $t = 4$ for $x$ and $t = 5$ for $y$), and the effective step size curve is flat from there on, at a lower level than with $\\beta_2 = 0.99$: $\\sqrt{\\hat v_y}$ is about $0.85$ instead of $0.25$. The frozen rate $\\alpha/\\sqrt{\\hat v}$ is small, so the search is slow: $f$ ends near $7.7 \\cdot 10^{-3}$.",
      kind: "answer",
      check: () => {
        const run = traceRun(amsgrad, objective, derivative, { ...TUTORIAL, beta2: 0.5, start: TUTORIAL_START });
        assert.equal((stepOf(run, 1)[0] / 0.007).toFixed(2), "0.14");
        const inAlphas = run.solutions.map((_, k) => stepOf(run, k + 1).map((d) => Math.abs(d) / 0.007));
        assert.ok(inAlphas.every((row) => row[0] < 1 && row[1] < 1), "no step reaches α");
        const longest = Math.max(...inAlphas.map((row) => row[1]));
        assert.equal(longest.toFixed(2), "0.95");
        assert.equal(inAlphas.findIndex((row) => row[1] === longest) + 1, 8);
        // m's share of g, (1 − β1^(t(t+1)/2)), below √v's, √(1 − β2^t), at every t: m is the slower one.
        for (let t = 1; t <= 8; t++) assert.ok(1 - 0.9 ** ((t * (t + 1)) / 2) < Math.sqrt(1 - 0.5 ** t), `t = ${t}`);
        const lastGrowth = (i: number) => run.vmax.reduce((last, row, k) => (k > 0 && row[i] > run.vmax[k - 1][i] ? k + 1 : last), 1);
        assert.deepEqual([lastGrowth(0), lastGrowth(1)], [4, 5]);
        assert.equal(Math.sqrt(run.vmax[99][1]).toFixed(2), "0.85");
        within(run.score, 7.7e-3, 1.01, "final f");
      },
    },
    {
      says: "with the tutorial's $\\beta$'s $m$ catches up much faster, so the steps grow to several $\\alpha$ (with $\\beta_2 = 0.5$ they never reach $\\alpha$: exercise 3)",
      kind: "defaults",
      check: (nb) => {
        assert.match(cellStdout(nb, "const { alpha, beta1, beta2 } = run.hyperparameters"), /the longest step of y: 3\.42 α/);
        const low = tutorialRun({ beta2: 0.5 });
        assert.ok(low.solutions.every((_, k) => stepOf(low, k + 1).every((d) => Math.abs(d) < 0.007)));
      },
    },
    {
      says: "The two runs are identical while $v$ grows ($\\hat v = v$), up to $t = 9$. Then $v_x$ starts to fall: Adam's effective step size for $x$ grows from $t = 10$ on, for $y$ from $t = 23$ on, while AMSGrad's stays flat. At $t = 100$ Adam's $s$ for $x$ is about $0.166$ against AMSGrad's $0.106$. On this bowl that helps Adam: it ends lower, $f \\approx 3.0 \\cdot 10^{-7}$ against $1.6 \\cdot 10^{-6}$",
      kind: "answer",
      check: () => {
        const a = traceRun(amsgrad, objective, derivative, { ...TUTORIAL, start: TUTORIAL_START });
        const d = traceRun(adam, objective, derivative, { ...TUTORIAL, start: TUTORIAL_START });
        assert.equal(a.solutions.findIndex((p, k) => p[0] !== d.solutions[k][0] || p[1] !== d.solutions[k][1]) + 1, 10);
        const firstGrowth = (i: number) => d.effectiveStepSizes.findIndex((row, k) => k > 0 && row[i] > d.effectiveStepSizes[k - 1][i]) + 1;
        assert.deepEqual([firstGrowth(0), firstGrowth(1)], [10, 23]);
        assert.equal(d.effectiveStepSizes[99][0].toFixed(3), "0.166");
        assert.equal(a.effectiveStepSizes[99][0].toFixed(3), "0.106");
        roundsTo(d.score, "3.0e-7", "Adam's final f");
        roundsTo(a.score, "1.6e-6", "AMSGrad's final f");
      },
    },
  ],

  "06-adam-versus-amsgrad.ipynb": [
    {
      says: "The paper's second version draws the large gradient at random: $f_t(x) = 1010\\, x$ with probability $0.01$, else $-10\\, x$.",
      kind: "derived",
      check: () => {
        // The library's stochastic counterexample: its coefficients over 10⁵ draws of a seeded generator.
        const rng = seededRandom(7);
        const seen = new Map<number, number>();
        for (let t = 1; t <= 100_000; t++) {
          const c = stochasticCounterexample.coefficient(t, rng);
          seen.set(c, (seen.get(c) ?? 0) + 1);
        }
        assert.deepEqual([...seen.keys()].sort((a, b) => a - b), [-10, 1010]);
        within(seen.get(1010)! / 100_000, 0.01, 1.1, "the large gradient's share");
      },
    },
    {
      says: "They separate at the first iteration where $v$ falls in some coordinate, because its gradient has shrunk (the cell above prints both).",
      kind: "printed",
      check: (nb) => assert.match(cellStdout(nb, "const amsgradRun = traceRun"), /identical up to t = 9, apart from t = 10; v first falls at t = 10/),
    },
    {
      says: "Adam follows $v$ and its effective step size grows; AMSGrad's $\\hat v$ remembers the larger gradients of the start, so its effective step size stays flat.",
      kind: "printed",
      check: (nb) => {
        const out = cellStdout(nb, "effectiveStepSizeCurve([amsgradRun, adamRun])");
        assert.match(out, /AMSGrad +effective step size first grows at t = never \(x\), never \(y\)/);
        assert.match(out, /Adam +effective step size first grows at t = 10 \(x\), 23 \(y\)/);
      },
    },
    {
      says: "The cell prints $t$ as the [notation](00-notation.ipynb) counts updates, from 1; the charts count iterations from 0, as the tutorial's progress lines do, so Adam's effective step size, which first grows at $t = 10$, rises at 9 on the chart.",
      kind: "printed",
      check: (nb) => {
        assert.match(cellStdout(nb, "effectiveStepSizeCurve([amsgradRun, adamRun])"), /Adam +effective step size first grows at t = 10 \(x\)/);
        assert.match(cellText(nb, "effectiveStepSizeCurve([amsgradRun, adamRun])"), /over iteration t from 0 to 99/);
        // The chart's point k is the notation's t = k + 1: Adam's s at index 9 (t = 10) is the first above the one before.
        const s = traceRun(adam, objective, derivative, { ...TUTORIAL, start: TUTORIAL_START }).effectiveStepSizes.map((row) => row[0]);
        assert.equal(s.findIndex((v, k) => k > 0 && v > s[k - 1]), 9);
      },
    },
    {
      says: "On this bowl, with the tutorial's settings, Adam's growing step is an advantage: it ends lower (the first cell prints both final values).",
      kind: "defaults",
      check: (nb) => {
        const out = cellStdout(nb, "const amsgradRun = traceRun");
        const [ams, ad] = [/AMSGrad .* f = (\S+)/, /Adam .* f = (\S+)/].map((p) => Number(p.exec(out)![1]));
        assert.ok(ad < ams, `Adam ${ad} < AMSGrad ${ams}`);
      },
    },
    {
      says: "as $v$ decays over the next hundred steps ($0.99^{100} \\approx 0.37$)",
      kind: "derived",
      check: () => assert.equal((0.99 ** 100).toFixed(2), "0.37"),
    },
    {
      says: "An iterate that stays at $+1$ pays $10 + 10 = 20$ more per cycle than $-1$, an average regret of $20/101 \\approx 0.198$ per step.",
      kind: "derived",
      check: () => {
        let atPlus = 0, atMinus = 0;
        for (let t = 1; t <= 101; t++) {
          atPlus += counterexample.coefficient(t, () => 0.5) * 1;
          atMinus += counterexample.coefficient(t, () => 0.5) * -1;
        }
        assert.equal(atPlus - atMinus, 20);
        assert.equal((20 / 101).toFixed(3), "0.198");
      },
    },
    {
      says: "With the settings above, Adam's final $x$ is $+1$ and AMSGrad's is near $-1$, as the paper reports. Adam's average regret levels off towards $0.198$, the regret of sitting at $+1$; AMSGrad's keeps falling towards 0",
      kind: "defaults",
      check: (nb) => {
        const out = cellStdout(nb, "runOnline(counterexample");
        assert.match(out, /Adam {4}x = 1\.0000/);
        assert.ok(number(nb, "runOnline(counterexample", /AMSGrad x = (-[\d.]+)/) < -0.99);
        const series = (label: string) => [...new RegExp(`${label}: +(.*)`).exec(out)![1].matchAll(/: (-?[\d.]+)/g)].map((m) => Number(m[1]));
        const adamRegret = series("average regret, Adam"), amsgradRegret = series("average regret, AMSGrad");
        assert.ok(adamRegret.every((r, k) => k === 0 || r < adamRegret[k - 1]) && adamRegret.at(-1)! > 0.198 && adamRegret.at(-1)! < 0.25, `Adam ${adamRegret}`);
        assert.ok(amsgradRegret.every((r, k) => k === 0 || r < amsgradRegret[k - 1]) && amsgradRegret.at(-1)! < 0.05, `AMSGrad ${amsgradRegret}`);
      },
    },
    {
      says: "The expected slope is $0.01 \\cdot 1010 - 0.99 \\cdot 10 = 0.2 > 0$",
      kind: "derived",
      check: () => assert.equal((0.01 * 1010 - 0.99 * 10).toFixed(10), "0.2000000000"),
    },
    {
      says: "With the settings above Adam again ends at $+1$. AMSGrad heads for $-1$ but much more slowly: after a million steps it is still well short of it (its iterate is printed at three checkpoints).",
      kind: "defaults",
      check: (nb) => {
        assert.ok(number(nb, "runOnline(stochasticCounterexample", /Adam +x = ([\d.]+)/) > 0.99);
        const x = [...printed(nb, "runOnline(stochasticCounterexample", /iterate, AMSGrad: (.*)/)[1].matchAll(/: (-?[\d.]+)/g)].map((m) => Number(m[1]));
        assert.equal(x.length, 3);
        assert.ok(x.every((v, k) => k === 0 || v < x[k - 1]) && x.at(-1)! > -0.9 && x.at(-1)! < -0.5, `heading for −1, still short: ${x}`);
      },
    },
    {
      says: "it is not monotone for either optimizer, and at the end AMSGrad's is the lower one",
      kind: "defaults",
      check: (nb) => {
        const out = cellStdout(nb, "runOnline(stochasticCounterexample");
        const series = (label: string) => [...new RegExp(`${label}: +(.*)`).exec(out)![1].matchAll(/: (-?[\d.]+)/g)].map((m) => Number(m[1]));
        for (const label of ["average regret, Adam", "average regret, AMSGrad"]) {
          const r = series(label);
          assert.ok(r.some((v, k) => k > 0 && v > r[k - 1]), `${label} rises somewhere: ${r}`);
        }
        assert.ok(series("average regret, AMSGrad").at(-1)! < series("average regret, Adam").at(-1)!);
        assert.ok(series("average regret, Adam").some((v) => v < 0.01), "Adam's regret dips to about 0 (+1 was best in hindsight for a while)");
      },
    },
    {
      says: "> **Predict, then run.** Take one cycle of 101 steps in the middle of Adam's run on the counterexample, and leave out the projection.",
      kind: "printed",
      check: (nb) => {
        // With the paper's settings m stays positive for 23 steps of the cycle, then negative to its end.
        assert.match(cellStdout(nb, "const cycleStart"), /while m > 0 \(the first 23 steps\) x moves by -0\.0282, in the other 78 by 0\.0375; net 0\.0093\nthe small steps win: true/);
      },
    },
    {
      says: "Now $v$ forgets ten times more slowly ($0.999^{100} \\approx 0.905$ against $0.99^{100} \\approx 0.366$)",
      kind: "derived",
      check: () => {
        assert.equal((0.999 ** 100).toFixed(3), "0.905");
        assert.equal((0.99 ** 100).toFixed(3), "0.366");
      },
    },
    {
      says: "It does: Adam still ends at $x = +1$ (AMSGrad at about $-0.95$).",
      kind: "answer",
      edit: [
        { find: "beta2: 0.99, eps: 0 } as const;", replace: "beta2: 0.999, eps: 0 } as const;" },
        { find: "const bowlSettings = { nIter: 100, alpha: 0.007,", replace: "const bowlSettings = { nIter: 100, alpha: 0.1," },
      ],
      check: (nb) => {
        assert.match(cellStdout(nb, "runOnline(counterexample"), /Adam {4}x = 1\.0000/);
        assert.equal(number(nb, "runOnline(counterexample", /AMSGrad x = (-[\d.]+)/).toFixed(2), "-0.95");
      },
    },
    {
      says: "per cycle the slopes add up to $+10$ out of $2010$ in absolute value, so a half-per-cent advantage for the small steps is enough. With $\\beta_2 = 0.999$, $v$ still jumps when the large gradient arrives ($0.001 \\cdot 1010^2 \\approx 1020$ is added to a $v$ of about $10^4$)",
      kind: "answer",
      check: () => {
        assert.equal(1010 + 100 * 10, 2010);
        assert.equal((10 / 2010).toFixed(3), "0.005");
        assert.equal(Math.round(0.001 * 1010 ** 2), 1020);
        const opt = adamOptimizer({ alpha: 0.5, alphaSchedule: "inverse-sqrt", beta1: 0.9, beta1Schedule: "constant", beta2: 0.999, eps: 0 });
        const x = Float64Array.of(0), s = opt.init(1);
        for (let t = 1; t <= 20_000; t++) opt.update(x, Float64Array.of(counterexample.coefficient(t, () => 0.5)), s);
        within(s.v[0], 1e4, 1.5, "v late in the run");
      },
    },
    {
      says: "The same as before: Adam ends near $+1$ (about $0.996$) and AMSGrad at $-1$. Per cycle the slopes add up to $2020 - 200 \\cdot 10 = +20$, so $-1$ is still best; the large gradient is rarer and larger, and $v$ forgets it over 200 steps ($0.99^{200} \\approx 0.13$)",
      kind: "answer",
      check: () => {
        const paper = { alpha: 0.5, alphaSchedule: "inverse-sqrt", beta1: 0.9, beta1Schedule: "constant", beta2: 0.99, eps: 0 } as const;
        const longer: OnlineLinearProblem = { name: "longer", title: "", bounds: [-1, 1], coefficient: (t) => (t % 201 === 1 ? 2020 : -10), minimizer: -1 };
        assert.equal(runOnline(longer, adamOptimizer(paper), { nIter: 1_000_000 }).final.toFixed(3), "0.996");
        assert.equal(runOnline(longer, amsgradOptimizer(paper), { nIter: 1_000_000 }).final.toFixed(3), "-1.000");
        assert.equal((0.99 ** 200).toFixed(2), "0.13");
      },
    },
    {
      says: "Nothing changes in the outcome: Adam ends at $+1$, AMSGrad near $-1$ (about $-0.996$).",
      kind: "answer",
      check: () => {
        const power = { alpha: 0.5, alphaSchedule: "inverse-sqrt", beta1: 0.9, beta1Schedule: "power", beta2: 0.99, eps: 0 } as const;
        assert.equal(runOnline(counterexample, adamOptimizer(power), { nIter: 1_000_000 }).final.toFixed(4), "1.0000");
        assert.equal(runOnline(counterexample, amsgradOptimizer(power), { nIter: 1_000_000 }).final.toFixed(3), "-0.996");
      },
    },
    {
      says: "A larger step size does it: with `alpha: 0.1` in `bowlSettings` AMSGrad ends at $f \\approx 9 \\cdot 10^{-14}$ and Adam at $f \\approx 0.016$. With a large $\\alpha$ both oscillate across the minimum, and at first the oscillation grows for both: AMSGrad's $f$ climbs from about $3 \\cdot 10^{-5}$ at $t = 26$ to $0.033$ at $t = 50$. The growing gradients raise $\\hat v_x$ for good (it grows until $t = 56$, $\\sqrt{\\hat v_x}$ from $0.088$ to $0.113$), which brings $x$'s effective step size $\\alpha/\\sqrt{\\hat v_x}$ down to $0.881$: below 1, so the late factor $1 - 2\\alpha/\\sqrt{\\hat v_x}$ lies between $-1$ and $0$ and the oscillation dies out. Adam's $v$ falls again once its oscillation shrinks, so its effective step size for $x$ climbs back above 1 ($1.011$ at the end; the step-size cell prints both), its factor falls below $-1$, and the swing grows again.",
      kind: "answer",
      edit: [
        { find: "beta2: 0.99, eps: 0 } as const;", replace: "beta2: 0.999, eps: 0 } as const;" },
        { find: "const bowlSettings = { nIter: 100, alpha: 0.007,", replace: "const bowlSettings = { nIter: 100, alpha: 0.1," },
      ],
      check: (nb) => {
        const out = cellStdout(nb, "const amsgradRun = traceRun");
        within(Number(/AMSGrad .* f = (\S+)/.exec(out)![1]), 9e-14, 1.1, "AMSGrad");
        within(Number(/Adam .* f = (\S+)/.exec(out)![1]), 0.016, 1.1, "Adam");
        const sizes = cellStdout(nb, "effectiveStepSizeCurve([amsgradRun, adamRun])");
        assert.match(sizes, /AMSGrad +effective step size first grows at t = never \(x\), never \(y\); at the end 0\.881, /);
        assert.match(sizes, /Adam +effective step size .*; at the end 1\.011, /);
        const a = traceRun(amsgrad, objective, derivative, { ...TUTORIAL, alpha: 0.1, start: TUTORIAL_START });
        const d = traceRun(adam, objective, derivative, { ...TUTORIAL, alpha: 0.1, start: TUTORIAL_START });
        const lowAt = a.scores.slice(0, 40).indexOf(Math.min(...a.scores.slice(0, 40))) + 1;
        assert.equal(lowAt, 26);
        within(a.scores[25], 3e-5, 1.15, "AMSGrad's f at t = 26");
        assert.equal(a.scores.indexOf(Math.max(...a.scores.slice(lowAt))) + 1, 50);
        roundsTo(a.scores[49], "0.033", "AMSGrad's f at t = 50");
        const lastGrowth = a.vmax.reduce((last, row, k) => (k > 0 && row[0] > a.vmax[k - 1][0] ? k + 1 : last), 1);
        assert.equal(lastGrowth, 56);
        assert.equal(Math.sqrt(a.vmax[25][0]).toFixed(3), "0.088");
        assert.equal(Math.sqrt(a.vmax[55][0]).toFixed(3), "0.113");
        const factor = 1 - 2 * a.effectiveStepSizes[99][0];
        assert.ok(factor > -1 && factor < 0, `AMSGrad's factor ${factor}`);
        // Adam: its v falls again after the bump, its s for x climbs back above 1 and its f grows again by the end.
        const lowAdam = d.scores.slice(50).indexOf(Math.min(...d.scores.slice(50))) + 51;
        assert.ok(d.v[99][0] < Math.max(...d.v.map((row) => row[0])), "Adam's v_x has fallen");
        assert.ok(d.effectiveStepSizes[99][0] > 1 && 1 - 2 * d.effectiveStepSizes[99][0] < -1);
        assert.ok(d.scores[99] > 100 * d.scores[lowAdam - 1], `Adam's swing grows again after t = ${lowAdam}`);
      },
    },
    {
      says: "(`alpha: 0.05` also works: $1.5 \\cdot 10^{-12}$ against $4 \\cdot 10^{-9}$.)",
      kind: "answer",
      check: () => {
        within(tutorialRun({ alpha: 0.05 }).score, 1.5e-12, 1.05, "AMSGrad");
        within(adam(objective, derivative, { ...TUTORIAL, alpha: 0.05, start: TUTORIAL_START }).score, 4e-9, 1.1, "Adam");
      },
    },
  ],

  "07-hyperparameters.ipynb": [
    {
      says: "which in the tutorial's run grows to more than $3\\alpha$ early and shrinks to a hundredth of $\\alpha$ late (notebook 5)",
      kind: "derived",
      check: () => {
        const run = tutorialRun();
        assert.ok(Math.abs(stepOf(run, 5)[1]) > 3 * 0.007);
        within(Math.abs(stepOf(run, 100)[1]) / 0.007, 0.01, 1.5, "the last step");
      },
    },
    {
      says: "$\\alpha = 0.001$ is too small: after 100 iterations the point is still about 0.28 from the minimum; it started 0.47 away.",
      kind: "defaults",
      check: (nb) => {
        roundsTo(number(nb, 'sweep("α"', /α = 0\.001 .*distance (\S+)/), "0.28", "the final distance");
        roundsTo(Math.hypot(...TUTORIAL_START), "0.47", "the start's distance");
      },
    },
    {
      says: "$\\alpha = 0.03$ ends lowest. A larger $\\alpha$ is not faster here: $\\alpha = 0.1$ ends higher than $0.03$, because it overshoots. Its $x$ coordinate swings past 0 by about 0.23, and from then on both coordinates oscillate across the minimum.",
      kind: "defaults",
      check: (nb) => {
        const out = cellStdout(nb, 'sweep("α"');
        const f = [...out.matchAll(/α = (\S+) +f = (\S+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
        const lowest = f.reduce((best, row) => (row[1] < best[1] ? row : best));
        assert.equal(lowest[0], 0.03);
        roundsTo(number(nb, 'sweep("α"', /α = 0\.1 .*overshoot (\S+)/), "0.23", "the overshoot");
        const run = tutorialRun({ alpha: 0.1 });
        const late = run.solutions.slice(30);
        for (const i of [0, 1]) assert.ok(late.filter((p, k) => k > 0 && Math.sign(p[i]) !== Math.sign(late[k - 1][i])).length > 50, `coordinate ${i} oscillates`);
      },
    },
    {
      says: "$\\alpha = 0.3$ and $\\alpha = 1$ overshoot much farther; with $\\alpha = 1$ the point goes about 2.7 from the centre, outside the panels. Both still end within 0.02 of the minimum.",
      kind: "defaults",
      check: (nb) => {
        assert.ok(number(nb, 'sweep("α"', /α = 0\.3 .*overshoot (\S+)/) > 0.5);
        assert.ok(number(nb, 'sweep("α"', /α = 1 .*overshoot (\S+)/) > 1.5);
        roundsTo(Math.max(...tutorialRun({ alpha: 1 }).solutions.map((p) => Math.hypot(...p))), "2.7", "the farthest point");
        for (const alpha of ["0.3", "1"]) assert.ok(number(nb, 'sweep("α"', new RegExp(`α = ${alpha.replace(".", "\\.")} .*distance (\\S+)`)) < 0.02);
      },
    },
    {
      says: "The longest step of every run is printed above; the cell checks the bound.",
      kind: "printed",
      check: (nb) => assert.match(cellStdout(nb, "const bound = 1 / Math.sqrt"), /every step within the bound: true/),
    },
    {
      says: "Predict the objective after 100 steps from the start $f_0 = 0.2217$",
      kind: "printed",
      check: (nb) => {
        roundsTo(objective(...TUTORIAL_START), "0.2217", "f at the start");
        const out = cellStdout(nb, "for (const alpha of [0.9, 1.1])");
        assert.equal([...out.matchAll(/agree: true/g)].length, 2);
      },
    },
    {
      says: "> **Predict, then run.** With $\\alpha = 0.9$ and $\\alpha = 1.1$, gradient descent multiplies the point by $-0.8$ and $-1.2$ per step.",
      kind: "derived",
      check: () => {
        assert.equal((1 - 2 * 0.9).toFixed(10), "-0.8000000000");
        assert.equal((1 - 2 * 1.1).toFixed(10), "-1.2000000000");
      },
    },
    {
      says: "$0.9^t$ is small after a couple of dozen iterations, but $0.99^t$ is still about a third at $t = 100$",
      kind: "printed",
      check: (nb) => {
        assert.match(cellStdout(nb, "for (const beta1 of beta1s)"), /β1 = 0\.9: β1\^t at t = 20 is 0\.122/);
        assert.match(cellStdout(nb, "for (const beta1 of beta1s)"), /β1 = 0\.99: .*at t = 100 0\.366/);
      },
    },
    {
      says: "With the tutorial's $\\beta_1^t$, every value in `beta1s` ends close to the minimum.",
      kind: "printed",
      check: (nb) => {
        const out = cellStdout(nb, "for (const beta1 of beta1s)");
        const distances = [...out.matchAll(/^β1 = \S+ +f = \S+ +distance (\S+)/gm)].map((m) => Number(m[1]));
        assert.equal(distances.length, 4);
        assert.ok(distances.every((d) => d < 0.01), `${distances}`);
      },
    },
    {
      says: "(the first step is $0.01/0.1 = 0.1\\,\\alpha$)",
      kind: "derived",
      check: () => {
        const [first] = tutorialRun({ beta1: 0.99, beta1Schedule: "constant", nIter: 1 }).solutions;
        assert.equal(((TUTORIAL_START[1] - first[1]) / 0.007).toFixed(3), "0.100");
      },
    },
    {
      says: "$x$ overshoots 0 and is about at its farthest past 0 when the run stops, while $y$ has not reached 0 at all.",
      kind: "printed",
      check: (nb) => {
        const out = cellStdout(nb, "const longMomentum");
        assert.match(out, /x: at t = 100 0\.093; crosses 0 at t = 54; farthest past 0: 0\.093 at t = 99/);
        assert.match(out, /y: at t = 100 0\.051; crosses 0 at t = 112; farthest past 0: 0\.159 at t = 189/);
      },
    },
    {
      says: "With $\\beta_2 = 0.999$, $v$ holds only about a tenth of $g^2$ after 100 steps, so $\\sqrt{\\hat v}$ stays small, the rate $\\alpha/\\sqrt{\\hat v}$ is large, the first step is already $3.16\\,\\alpha$, and the search runs fast.",
      kind: "printed",
      check: (nb) => {
        assert.match(cellStdout(nb, "for (const beta2 of beta2s)"), /β2 = 0\.999: 1 − β2\^100 = 0\.095; first step .* = 3\.16 α/);
        const f = [...cellStdout(nb, "for (const beta2 of beta2s)").matchAll(/^β2 = (\S+) +f = (\S+)/gm)].map((m) => Number(m[2]));
        assert.ok(f.every((v, k) => k === 0 || v < f[k - 1]), `the larger β2, the lower the final f: ${f}`);
      },
    },
    {
      says: "the first step is short ($0.14\\,\\alpha$ for $\\beta_2 = 0.5$), the frozen rate $\\alpha/\\sqrt{\\hat v}$ is small, and the search is slow",
      kind: "printed",
      check: (nb) => assert.match(cellStdout(nb, "for (const beta2 of beta2s)"), /β2 = 0\.5: .*first step .* = 0\.14 α/),
    },
    {
      says: "With the settings above, the three $\\beta_1$ schedules end within a factor of about ten of each other under a constant $\\alpha$; $\\alpha/\\sqrt t$ costs four to five orders of magnitude (the last line of the printout).",
      kind: "defaults",
      check: (nb) => {
        const out = cellStdout(nb, 'sweep("β1 / α schedule"');
        const f = (label: string) => Number(new RegExp(`= ${label} +f = (\\S+)`).exec(out)![1]);
        const constant = ["power / constant", "constant / constant", "inverse / constant"].map(f);
        assert.ok(Math.max(...constant) / Math.min(...constant) < 10);
        const orders = printed(nb, 'sweep("β1 / α schedule"', /by this many orders of magnitude of f: power (\S+), constant (\S+), inverse (\S+)\n/).slice(1).map(Number);
        assert.ok(orders.every((o) => o >= 4 && o <= 5), `${orders}`);
        for (const [k, b] of ["power", "constant", "inverse"].entries()) {
          assert.equal(Math.log10(f(`${b} / inverse-sqrt`) / f(`${b} / constant`)).toFixed(1), orders[k].toFixed(1), b);
        }
      },
    },
    {
      says: "With $\\alpha/\\sqrt t$ the step size has fallen to a tenth by $t = 100$",
      kind: "derived",
      check: () => assert.equal(1 / Math.sqrt(100), 0.1),
    },
    {
      says: "At the tutorial's small $\\alpha$ every $\\gamma < 1$ ends higher than the constant schedule",
      kind: "printed",
      check: (nb) => {
        const f = [...cellStdout(nb, "for (const gamma of decays)").matchAll(/^γ = (\S+) .*at the tutorial's α = \S+: f = (\S+)/gm)].map((m) => [Number(m[1]), Number(m[2])]);
        const constant = f.find(([g]) => g === 1)![1];
        assert.ok(f.filter(([g]) => g < 1).every(([, v]) => v > constant));
      },
    },
    {
      says: "every $\\gamma$ in the sweep ends many orders of magnitude lower than $\\gamma = 1$. Decaying too fast ($\\gamma = 0.95$ leaves less than 1% of $\\alpha$ at $t = 100$) gives some of that back.",
      kind: "defaults",
      check: (nb) => {
        const out = cellStdout(nb, "for (const gamma of decays)");
        const f = (g: string) => Number(new RegExp(`^γ = ${g.replace(".", "\\.")} +f = (\\S+)`, "m").exec(out)![1]);
        for (const g of ["0.99", "0.98", "0.95"]) assert.ok(f(g) < f("1") * 1e-10, `γ = ${g}`);
        assert.ok(f("0.95") > f("0.99"));
        assert.ok(0.95 ** 99 < 0.01);
      },
    },
    {
      says: "Both optimizers reach the valley floor within the first couple of dozen iterations (the wall term $100\\,(y - x^2)^2$ is then small) and then crawl along it towards $(1, 1)$: with these settings $f$ is still above 1 after 100 iterations, and after 1000 both are close to $(1, 1)$ but not at it.",
      kind: "defaults",
      check: (nb) => {
        const out = cellStdout(nb, "const rosenbrockRuns");
        for (const m of out.matchAll(/\((\S+), (\S+)\) +f = \S+; on the valley floor .* from t = (\d+); f at t = 10, 100, 1000: \S+, (\S+), \S+/g)) {
          assert.ok(Number(m[3]) <= 24 && Number(m[4]) > 1);
          const distance = Math.hypot(Number(m[1]) - 1, Number(m[2]) - 1);
          assert.ok(distance > 0.01 && distance < 0.1, `close to (1, 1) but not at it: ${distance}`);
        }
      },
    },
    {
      says: "With $\\alpha = 0.45$, $y$ flips sign at every step (factor $-0.8$) while $x$ shrinks by only $0.91$ per step (curvature $0.2$).",
      kind: "printed",
      check: (nb) => {
        assert.match(cellStdout(nb, "const narrowStart"), /gradient descent factors per step: x 0\.91, y -0\.80/);
        const [p] = gradientDescent(narrowBowl.objective, narrowBowl.derivative, { start: [-4, 2], alpha: 0.45, nIter: 1 }).solutions;
        assert.deepEqual([(p[0] / -4).toFixed(2), (p[1] / 2).toFixed(2)], ["0.91", "-0.80"]);
      },
    },
    {
      says: "AMSGrad's first step is the same size in both coordinates, and the next ones nearly so, whatever their curvature (printed above), because it divides each coordinate's momentum by the size of its own gradients; with these settings it ends far lower.",
      kind: "defaults",
      check: (nb) => {
        const steps = [...printed(nb, "const narrowStart", /first three steps \(Δx, Δy\): (.*)/)[1].matchAll(/\((\S+), (\S+)\)/g)].map((m) => [Number(m[1]), Number(m[2])]);
        assert.deepEqual(steps[0], [0.3, -0.3]);
        for (const [dx, dy] of steps.slice(1)) assert.ok(Math.abs(dx) !== Math.abs(dy) && Math.abs(Math.abs(dx / dy) - 1) < 0.1, `nearly the same: ${dx}, ${dy}`);
        const [gd, ams] = printed(nb, "const narrowStart", /gradient descent f = (\S+) +AMSGrad f = (\S+)/).slice(1).map(Number);
        assert.ok(ams < gd * 1e-10);
      },
    },
    {
      says: "With $\\alpha = 3$ the point wanders up to about 6 from the centre and after 100 iterations is near $(1.0, 0.0)$ with $f \\approx 1.02$: worse than where it started. It stays finite because no step can be longer than $\\alpha/\\sqrt{1 - \\beta_2} = 30$, whatever the gradient (the bound cell still prints `true`). $\\alpha = 0.003$ is simply slow: it ends at $f \\approx 5 \\cdot 10^{-3}$",
      kind: "answer",
      edit: [{ find: "const alphas = [0.001, 0.007, 0.03, 0.1, 0.3, 1];", replace: "const alphas = [0.001, 0.003, 0.007, 0.03, 0.1, 0.3, 1, 3];" }],
      check: (nb) => {
        const out = cellStdout(nb, 'sweep("α"');
        roundsTo(Number(/α = 3 +f = (\S+)/.exec(out)![1]), "1.02", "α = 3: final f");
        roundsTo(Number(/α = 0\.003 +f = (\S+)/.exec(out)![1]), "5e-3", "α = 0.003: final f");
        assert.match(cellStdout(nb, "const bound = 1 / Math.sqrt"), /every step within the bound: true/);
        const run = tutorialRun({ alpha: 3 });
        roundsTo(Math.max(...run.solutions.map((p) => Math.hypot(...p))), "6", "the farthest point");
        assert.deepEqual(run.best.map((c) => c.toFixed(1)), ["1.0", "-0.0"]);
      },
    },
    {
      says: "Without bias correction the final values range over 25 orders of magnitude, from about $8 \\cdot 10^{-3}$ ($\\beta_2 = 0.5$) to $4 \\cdot 10^{-28}$ ($\\beta_2 = 0.999$); with it, only from about $3 \\cdot 10^{-3}$ to $2 \\cdot 10^{-4}$.",
      kind: "answer",
      check: () => {
        const f = [0.5, 0.9, 0.99, 0.999].map((beta2) => tutorialRun({ beta2, biasCorrection: true }).score);
        within(Math.max(...f), 3e-3, 1.2, "the highest");
        within(Math.min(...f), 2e-4, 1.1, "the lowest");
        const without = [0.5, 0.999].map((beta2) => tutorialRun({ beta2 }).score);
        within(without[0], 8e-3, 1.1, "β2 = 0.5");
        within(without[1], 4e-28, 1.1, "β2 = 0.999");
        assert.equal(Math.round(Math.log10(without[0] / without[1])), 25);
      },
    },
    {
      says: "At $\\alpha = 0.49$ it converges, slowly ($y$ is multiplied by $-0.96$ per step, so $f \\approx 2 \\cdot 10^{-3}$ after 100 steps); at $\\alpha = 0.5$, $y$ bounces between $2$ and $-2$ for ever ($f$ stays near 8); at $\\alpha = 0.51$ it diverges ($f \\approx 2 \\cdot 10^4$ after 100 steps).",
      kind: "answer",
      check: () => {
        const run = (alpha: number) => gradientDescent(narrowBowl.objective, narrowBowl.derivative, { start: [-4, 2], alpha, nIter: 100 });
        within(run(0.49).score, 2e-3, 1.2, "α = 0.49");
        assert.deepEqual(run(0.5).solutions.slice(-2).map((p) => p[1]), [-2, 2]);
        within(run(0.5).score, 8, 1.01, "α = 0.5");
        within(run(0.51).score, 2e4, 1.1, "α = 0.51");
        assert.equal((1 - 4 * 0.49).toFixed(2), "-0.96");
      },
    },
    {
      says: "Much worse: after 1000 iterations both optimizers are still on the valley's left arm, near $(-0.5, 0.25)$ with $f \\approx 2$, against $f \\approx 10^{-3}$ with the constant schedule. $\\alpha(t) = 0.5/\\sqrt t$ falls below $0.05$ at $t = 100$ and is $0.016$ at $t = 1000$",
      kind: "answer",
      check: () => {
        const hard = { nIter: 1000, alpha: 0.5, alphaSchedule: "inverse-sqrt", beta1: 0.9, beta1Schedule: "constant", beta2: 0.999, eps: 0, start: [-1.5, 2] } as const;
        for (const run of [amsgrad, adam]) {
          const r = run(rosenbrock.objective, rosenbrock.derivative, hard);
          assert.ok(Math.hypot(r.best[0] + 0.5, r.best[1] - 0.25) < 0.1, `${r.best}`);
          within(r.score, 2, 1.2, "f");
          const constant = run(rosenbrock.objective, rosenbrock.derivative, { ...hard, alpha: 0.05, alphaSchedule: "constant" });
          within(constant.score, 1e-3, 4, "constant α");
        }
        assert.equal((0.5 / Math.sqrt(1000)).toFixed(3), "0.016");
      },
    },
  ],

  "08-explorer.ipynb": [
    {
      says: "The path gets within 0.01 of the centre about three times sooner",
      kind: "printed",
      check: (nb) => {
        const [slow, fast] = printed(nb, "const within = ", /from t = (\d+) at α = 0\.007, from t = (\d+) at α = 0\.1/).slice(1).map(Number);
        within(slow / fast, 3, 1.15, "three times sooner");
        assert.ok(number(nb, "const within = ", /y changes side (\d+) times in 100 steps/) > 80, "almost every step");
      },
    },
    {
      says: "With the tutorial's schedule $\\beta_1(t) = \\beta_1^t$ the momentum of $\\beta_1 = 0.9$ fades within a couple of dozen iterations, so it changes only the first steps.",
      kind: "printed",
      check: (nb) => assert.ok(number(nb, "const within = ", /β1: 0\.9\^t at t = 24 is ([\d.]+)/) < 0.1),
    },
    {
      says: "Switch the $\\beta_1$ schedule to *constant* (what PyTorch does) and set $\\beta_1$ to 0.99: after 100 iterations the run is still about 0.1 from the centre (it started about 0.47 away): the average of the gradients builds up slowly and then keeps pushing in an old direction, so $x$ has already crossed 0 and gone past it. Give it 300 iterations and watch $y$ overshoot too, below 0, and both swing back (the cell below prints when each coordinate crosses 0 and how far past it goes).",
      kind: "printed",
      check: (nb) => {
        const [at100, from] = printed(nb, "const within = ", /distance from the centre ([\d.]+) at t = 100 \(start ([\d.]+)\)/).slice(1).map(Number);
        within(at100, 0.1, 1.1, "about 0.1 from the centre");
        within(from, 0.47, 1.01, "started about 0.47 away");
        const coordinate = (name: string) =>
          printed(nb, "const within = ", new RegExp(`${name}: crosses 0 at t = (\\d+); at t = 100 it is (-?[\\d.]+) past 0; farthest past 0 by t = 300: ([\\d.]+) at t = (\\d+)`)).slice(1).map(Number);
        const [xCross, xAt100, xFar, xFarAt] = coordinate("x");
        assert.ok(xCross < 100 && xAt100 > 0, `x crossed 0 before t = 100 (t = ${xCross}) and is past it (${xAt100})`);
        assert.ok(xFarAt < 300, "x swings back after its farthest point");
        const [yCross, yAt100, yFar, yFarAt] = coordinate("y");
        assert.ok(yCross > 100 && yAt100 < 0 && yFar > 0.1, `y crosses only after t = 100 (t = ${yCross}) and overshoots (${yFar})`);
        assert.ok(yFarAt < 300 && xFar > 0, "y swings back within 300 iterations");
      },
    },
    {
      says: "The final objective after 100 iterations falls by orders of magnitude from $\\beta_2 = 0.5$ to $0.99$ to $0.999$.",
      kind: "printed",
      check: (nb) => {
        const f = printed(nb, "const within = ", /β2: final f at 0\.5, 0\.99, 0\.999: (\S+), (\S+), (\S+)/).slice(1).map(Number);
        assert.ok(f[1] < f[0] / 100 && f[2] < f[1] / 100, `${f}`);
      },
    },
    {
      says: "Once $\\varepsilon$ is comparable to $\\sqrt{\\hat v}$ the step is no longer scale-free: the effective step size is at most $\\alpha/\\varepsilon$, the rate of phase 2 drops, and the run ends about 80 times higher (the cell below prints the ratio).",
      kind: "printed",
      check: (nb) => within(number(nb, "const within = ", /ε: .*: (\d+) times higher/), 80, 1.05, "the ratio"),
    },
    {
      says: "until $f$ becomes smaller than the smallest positive double and is exactly 0",
      kind: "printed",
      check: (nb) => {
        assert.match(cellStdout(nb, "const within = "), /iterations: f is exactly 0 from t = 6373 \(the last positive value: 4\.9e-324\)/);
      },
    },
    {
      says: "AMSGrad keeps the largest $v$ seen so far, so its effective step size (solid) never grows back, and with these settings its run has no spikes.",
      kind: "defaults",
      check: (nb) => assert.match(cellStdout(nb, "const spikes"), /AMSGrad 0 Adam [1-9]/),
    },
    {
      says: "- Drag the start to the other arm of the valley, near $(1.5, 2.5)$, or off the valley floor, to $(-1, -0.5)$.",
      kind: "derived",
      check: () => {
        const wall = ([x, y]: number[]) => 100 * (y - x * x) ** 2;
        // (1.5, 2.5) lies just above the right arm y = x² (2.25); (−1, −0.5) far below the left one.
        assert.equal(wall([1.5, 2.5]), 6.25);
        assert.equal(wall([-1, -0.5]), 225);
        assert.ok(rosenbrock.defaultStart[0] < 0, "the explorer starts on the left arm");
      },
    },
    {
      says: "With the settings as they come AMSGrad ends lower, but Adam's end is chaotic: with the listing's $\\varepsilon = 10^{-8}$ instead of 0, or with the start moved by two units in the last place (from $x = -1.5$ to $-1.5000000000000004$), Adam ends below AMSGrad, whose result does not move; moved by one unit, Adam ends above it again, at yet another value (the cell below prints all of them).",
      kind: "defaults",
      check: (nb) => {
        const out = cellStdout(nb, "explorer(rosenbrockOptions).code");
        const [ams, ad] = [/AMSGrad: .* f = (\S+)/, /Adam: .* f = (\S+)/].map((p) => Number(p.exec(out)![1]));
        assert.ok(ams < ad, `AMSGrad ${ams} < Adam ${ad}`);
        const [ams8, ad8] = printed(nb, "explorer(rosenbrockOptions).code", /with eps = 1e-8 instead: AMSGrad f = (\S+), Adam f = (\S+)/).slice(1).map(Number);
        assert.ok(ad8 < ams8, `with eps 1e-8: Adam ${ad8} < AMSGrad ${ams8}`);
        const moved = [...out.matchAll(/from x = (\S+): AMSGrad f = (\S+), Adam f = (\S+)/g)].map((m) => m.slice(1).map(Number));
        assert.deepEqual(moved.map(([x]) => x), [-1.5000000000000002, -1.5000000000000004], "one and two units in the last place");
        const [[, ams1, ad1], [, ams2, ad2]] = moved as [number[], number[]];
        assert.ok(ad2! < ams2!, `two units: Adam ${ad2} < AMSGrad ${ams2}`);
        assert.ok(ad1! > ams1! && Math.abs(ad1! - ad) > 0.01, `one unit: Adam ${ad1} above AMSGrad, and not its value from -1.5 (${ad})`);
        for (const a of [ams8, ams1, ams2]) within(a!, ams, 1.0001, "AMSGrad's result does not move");
      },
    },
    {
      says: "These are the same numbers as the explorer's readout under its charts",
      kind: "printed",
      check: (nb) => {
        const html = cellHtml(nb, "showExplorer(rosenbrockOptions)")[0];
        const out = cellStdout(nb, "explorer(rosenbrockOptions).code");
        const score = (attribute: string) => Number(new RegExp(`${attribute}="([^"]+)"`).exec(html)![1]);
        const [ams, ad] = [/AMSGrad: .* f = (\S+)/, /Adam: .* f = (\S+)/].map((p) => Number(p.exec(out)![1]));
        within(score("data-score"), ams, 1 + 1e-6, "AMSGrad's readout");
        within(score("data-score-adam"), ad, 1 + 1e-6, "Adam's readout");
        const code = /<pre class="ax-code">([\s\S]*?)<\/pre>/.exec(html)![1].replace(/&quot;/g, '"');
        assert.ok(out.startsWith(code), "the cell prints the explorer's own line of code");
      },
    },
    {
      says: "Lower $\\alpha$ to 0.01. Adam's spikes disappear and it ends much closer to the minimum than at 0.05; AMSGrad, whose effective steps can only shrink, is left far behind.",
      kind: "printed",
      check: (nb) => {
        const [sa, sd, fa, fd] = printed(nb, "const spikes", /with α = 0\.01: spikes AMSGrad (\d+), Adam (\d+); final f AMSGrad (\S+), Adam (\S+)/).slice(1).map(Number);
        assert.equal(sd, 0);
        assert.equal(sa, 0);
        const adamAt005 = number(nb, "explorer(rosenbrockOptions).code", /Adam: .* f = (\S+)/);
        assert.ok(fd < adamAt005 / 5 && fa > 10 * fd, `${fa}, ${fd}, ${adamAt005}`);
      },
    },
    {
      says: "with these settings Adam's step size is rising most of the time anyway, so this shows a condition, not a proof. With other settings (try $\\beta_2 = 0.999$) both optimizers spike without any rise",
      kind: "derived",
      check: (nb) => {
        assert.ok(number(nb, "const spikes", /Adam: s rose over .* and before (\d+) of all 999 iterations/) > 999 / 2, "rising most of the time");
        // β2 = 0.999 on the same Rosenbrock run: both spike, and some spike follows no rise of s over the 10 iterations before.
        const options = { start: [...rosenbrock.defaultStart], nIter: 1000, alpha: 0.05, beta1: 0.9, beta2: 0.999, eps: 0 };
        for (const optimizer of [amsgrad, adam]) {
          const r = traceRun(optimizer, rosenbrock.objective, rosenbrock.derivative, options);
          const s = r.effectiveStepSizes;
          const spikeAt = r.scores.map((f, t) => (t > 0 && f > 2 * r.scores[t - 1] ? t : -1)).filter((t) => t > 0);
          const withoutRise = spikeAt.filter((t) => !s[t - 1].some((si, i) => si > s[Math.max(0, t - 11)][i]));
          assert.ok(spikeAt.length > 0 && withoutRise.length > 0, `${r.label}: spikes ${spikeAt}, without a rise ${withoutRise}`);
        }
      },
    },
    {
      says: "> **Predict, then run.** A spike is an iteration where the objective more than doubles from one step to the next.",
      kind: "printed",
      check: (nb) => {
        const out = cellStdout(nb, "const spikes");
        const [amsgradSpikes, adamSpikes] = printed(nb, "const spikes", /iterations where f more than doubles: AMSGrad (\d+) Adam (\d+)/).slice(1).map(Number);
        // The answer the cell checks: Adam spikes, AMSGrad (whose s cannot rise) does not, each spike after a rise of s.
        assert.equal(amsgradSpikes, 0);
        assert.ok(adamSpikes > 0);
        assert.match(out, /AMSGrad: no spikes; s rose over the 10 iterations before 0 of all 999 iterations/);
        const [after, spikes, base] = printed(nb, "const spikes", /Adam: s rose over the 10 iterations before (\d+) of its (\d+) spikes, and before (\d+) of all 999 iterations/).slice(1).map(Number);
        assert.equal(spikes, adamSpikes);
        assert.equal(after, spikes, "each of Adam's spikes comes after a rise");
        assert.ok(base > 999 / 2, `"rising most of the time anyway": ${base} of 999`);
      },
    },
    {
      says: "With the tutorial's settings: every value from 0.006 to 0.3, and 0.5 to 0.8, but not 0.4, 0.9 or anything larger. So it is not one range. Below 0.006 the search is too slow to get there in 100 iterations.",
      kind: "answer",
      check: () => {
        const slider = SLIDERS.alpha;
        assert.deepEqual(LADDER, Array.from({ length: slider.max + 1 }, (_, position) => slider.toValue(position)), "the exercise scans the slider's values");
        assert.deepEqual(endsNear({}), LADDER.filter((a) => (a >= 0.006 && a <= 0.3) || (a >= 0.5 && a <= 0.8)));
      },
    },
    {
      says: "From $\\alpha = 0.03$ on the late phase oscillates: $x$'s factor $1 - 2\\alpha/\\sqrt{\\hat v}$ (with $\\hat v$ at $t = 100$) is negative ($-0.29$ at $\\alpha = 0.03$; $y$'s too from $\\alpha = 0.07$), so $x$ changes sign at every step",
      kind: "answer",
      check: () => {
        // The factor of phase 2 with the run's final v̂, per coordinate, for every slider value that reaches the centre's region.
        const late = LADDER.filter((a) => a >= 0.005).map((alpha) => {
          const r = traceRun(amsgrad, objective, derivative, { ...TUTORIAL, start: [...bowl.defaultStart], alpha });
          const factor = r.vmax[99].map((v) => 1 - (2 * alpha) / Math.sqrt(v));
          const xCrossings = r.solutions.slice(50).filter((p, k, a) => k > 0 && Math.sign(p[0]) !== Math.sign(a[k - 1][0])).length;
          return { alpha, factor, xCrossings };
        });
        assert.deepEqual(late.filter((l) => l.factor[0] < 0).map((l) => l.alpha), LADDER.filter((a) => a >= 0.03), "x's factor negative from 0.03");
        assert.deepEqual(late.filter((l) => l.factor[1] < 0).map((l) => l.alpha), LADDER.filter((a) => a >= 0.07), "y's from 0.07");
        assert.equal(late.find((l) => l.alpha === 0.03)!.factor[0].toFixed(2), "-0.29");
        for (const l of late.filter((l) => l.alpha >= 0.03)) assert.equal(l.xCrossings, 49, `α = ${l.alpha}: x changes sign at every step of the last 50`);
      },
    },
    {
      says: "with $\\beta_1 = 0.5$ every value from 0.005 to 3 passes except 0.09, with $\\beta_1 = 0.99$ the set has other gaps; a constant $\\beta_1$ schedule (with $\\beta_1 = 0.9$) passes everything from 0.005 to 2.",
      kind: "answer",
      check: () => {
        assert.deepEqual(endsNear({ beta1: 0.5 }), LADDER.filter((a) => a >= 0.005 && a !== 0.09));
        const high = endsNear({ beta1: 0.99 });
        assert.ok(high.length > 3 && LADDER.some((a) => a > high[0] && a < high.at(-1)! && !high.includes(a)), `gaps: ${high}`);
        assert.deepEqual(endsNear({ beta1Schedule: "constant" }), LADDER.filter((a) => a >= 0.005 && a <= 2));
      },
    },
    {
      says: "With $\\varepsilon = 0.1$ the denominator is at least 0.1, more than $x$'s $\\sqrt{\\hat v}$ ever gets (about $0.090$ at the end; shorter steps keep the gradients large for longer, so $\\hat v$ grows for longer than with $\\varepsilon = 0$). $x$'s effective step size falls from about $0.053$ to about $0.037$ by the end, and $y$'s from about $0.037$ to about $0.018$; with $\\varepsilon = 0$ they end at $0.106$ and $0.028$. In phase 2 each coordinate shrinks by $1 - 2 s$ per step, so a smaller $s$ means a factor closer to 1 ($0.964$ instead of $0.943$ for $y$)",
      kind: "answer",
      check: () => {
        const run = (eps: number) => traceRun(amsgrad, objective, derivative, { ...TUTORIAL, eps, start: TUTORIAL_START });
        const [plain, withEps] = [run(0), run(0.1)];
        const sqrtVhat = (r: typeof plain, i: number) => Math.sqrt(r.vmax[99][i]);
        const lastGrowth = (r: typeof plain, i: number) => r.vmax.reduce((last, row, k) => (k > 0 && row[i] > r.vmax[k - 1][i] ? k + 1 : last), 1);
        assert.equal(sqrtVhat(withEps, 0).toFixed(3), "0.090");
        assert.ok(Math.max(...withEps.vmax.map((row) => Math.sqrt(row[0]))) < 0.1, "x's √v̂ stays below ε");
        assert.ok(lastGrowth(withEps, 0) > lastGrowth(plain, 0) && lastGrowth(withEps, 1) > lastGrowth(plain, 1), "v̂ grows for longer");
        assert.deepEqual(withEps.effectiveStepSizes[0].map((v) => v.toFixed(3)), ["0.053", "0.037"]);
        assert.deepEqual(withEps.effectiveStepSizes[99].map((v) => v.toFixed(3)), ["0.037", "0.018"]);
        assert.deepEqual(plain.effectiveStepSizes[99].map((v) => v.toFixed(3)), ["0.106", "0.028"]);
        assert.equal((1 - 2 * withEps.effectiveStepSizes[99][1]).toFixed(3), "0.964");
        assert.equal((1 - 2 * plain.effectiveStepSizes[99][1]).toFixed(3), "0.943");
        assert.equal((withEps.solutions[99][1] / withEps.solutions[98][1]).toFixed(3), "0.964");
      },
    },
    {
      says: "The run ends about 78 times higher than with $\\varepsilon = 0$.",
      kind: "answer",
      check: () => assert.equal(Math.round(tutorialRun({ eps: 0.1 }).score / tutorialRun().score), 78),
    },
    {
      says: "from $(-1.5, 0)$ Adam ends at $f \\approx 0.26$ and AMSGrad at $f \\approx 1.8$; from $(1.5, 2.5)$ AMSGrad ends at $f \\approx 0.12$ and Adam at $f \\approx 0.63$.",
      kind: "answer",
      check: () => {
        const both = (start: number[]) => [amsgrad, adam].map((run) => run(rosenbrock.objective, rosenbrock.derivative, { ...TUTORIAL, alpha: 0.05, nIter: 1000, start }).score);
        const [a1, d1] = both([-1.5, 0]);
        roundsTo(d1, "0.26", "Adam from (−1.5, 0)");
        roundsTo(a1, "1.8", "AMSGrad from (−1.5, 0)");
        const [a2, d2] = both([1.5, 2.5]);
        roundsTo(a2, "0.12", "AMSGrad from (1.5, 2.5)");
        roundsTo(d2, "0.63", "Adam from (1.5, 2.5)");
      },
    },
    {
      says: "Without bias correction the first five steps grow: their lengths are about $1.4$, $2.7$, $3.8$, $4.4$ and $4.6$ times $\\alpha$ (each coordinate moves by up to $3.4\\,\\alpha$, notebook 5). With bias correction they all stay at about $1.4\\,\\alpha$ (about $\\alpha$ per coordinate).",
      kind: "answer",
      check: () => {
        const lengths = (options: object) => {
          const run = tutorialRun({ nIter: 5, ...options });
          return [1, 2, 3, 4, 5].map((t) => Number((Math.hypot(...stepOf(run, t)) / 0.007).toFixed(1)));
        };
        assert.deepEqual(lengths({}), [1.4, 2.7, 3.8, 4.4, 4.6]);
        assert.deepEqual(lengths({ biasCorrection: true }), [1.4, 1.4, 1.4, 1.4, 1.4]);
      },
    },
    {
      says: "No trend: Adam has 0, 6 and 2 spikes, AMSGrad 0, 0 and 2",
      kind: "answer",
      check: () => {
        const spikes = (scores: number[]) => scores.filter((s, t) => t > 0 && s > 2 * scores[t - 1]).length;
        const count = (run: typeof amsgrad) => [0.9, 0.99, 0.999].map((beta2) =>
          spikes(run(rosenbrock.objective, rosenbrock.derivative, { ...TUTORIAL, beta2, alpha: 0.05, nIter: 1000, start: [-1.5, 2] }).scores));
        assert.deepEqual(count(adam), [0, 6, 2]);
        assert.deepEqual(count(amsgrad), [0, 0, 2]);
      },
    },
  ],
};

/** The α values of notebook 8's exercise 1: the explorer's α slider (lib/src/explorer/controls.ts), written out as the exercise writes them. */
const LADDER = [...[1e-4, 1e-3, 1e-2, 1e-1].flatMap((decade) => [1, 1.5, 2, 3, 4, 5, 6, 7, 8, 9].map((m) => Number((m * decade).toPrecision(3)))), 1, 1.5, 2, 3];

/** The values of LADDER whose run on the bowl (tutorial's settings plus `options`) ends within 0.01 of the minimum. */
function endsNear(options: object): number[] {
  return LADDER.filter((alpha) => Math.hypot(...amsgrad(objective, derivative, { ...TUTORIAL, start: [...bowl.defaultStart], ...options, alpha }).best) < 0.01);
}

/**
 * Typical edits of each hyperparameter cell that no answer covers, run like the answers' edits: every
 * notebook must run clean after them, and the cells that use the edited value must print something else.
 */
export const typicalEdits: Record<string, (readonly NotebookEdit[])[]> = {
  "01-gradient-descent.ipynb": [[{ find: "const nIter = 30;", replace: "const nIter = 60;" }]],
  "02-the-amsgrad-algorithm.ipynb": [[{ find: "const alpha = 0.007;", replace: "const alpha = 0.02;" }]],
  "03-two-dimensional-test-problem.ipynb": [[{ find: "const view = { azimuth: -60, elevation: 30 };", replace: "const view = { azimuth: 30, elevation: 60 };" }]],
  "05-visualization.ipynb": [[{ find: "nIter: 100,", replace: "nIter: 50," }], [{ find: "beta2: 0.99,", replace: "beta2: 0.5," }]],
  "06-adam-versus-amsgrad.ipynb": [[{ find: "const steps = 1_000_000;", replace: "const steps = 100_000;" }, { find: "const stochasticSeed = 7;", replace: "const stochasticSeed = 3;" }]],
  "07-hyperparameters.ipynb": [[{ find: "const base = { nIter: 100, alpha: 0.007,", replace: "const base = { nIter: 100, alpha: 0.02," }]],
  "08-explorer.ipynb": [[{ find: "alpha: 0.007,", replace: "alpha: 0.05," }]],
};
