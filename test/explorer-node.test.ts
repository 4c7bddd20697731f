// The explorer's Node side and the code its page runs, without a browser: the page's run loop equals
// amsgrad()/adam() number for number, fields are checked with the library's own messages, the line of code
// reproduces the drawing, options are checked, output is deterministic and within its size budget.
// The browser tests are in test/explorer.test.ts.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { inflateSync } from "node:zlib";
import { test } from "node:test";
import {
  adam,
  alphaAt,
  amsgrad,
  bowl,
  narrowBowl,
  numpyRandom,
  rosenbrock,
  type RunOptions,
  type TestProblem,
} from "../lib/src/index.ts";
import { contourBackground } from "../lib/src/explorer/background.ts";
import { computeRun, createRunBuffers, runOptions, type RunBuffers } from "../lib/src/explorer/compute.ts";
import { SLIDERS, snapStart } from "../lib/src/explorer/controls.ts";
import { chartAxes, chartPoints, CHART, dataX, dataY, drawing, pixelX, pixelY, type Frame } from "../lib/src/explorer/draw.ts";
import { explorer, showExplorer } from "../lib/src/explorer/index.ts";
import { contourFigure, effectiveStepSizeCurve } from "../lib/src/figures/index.ts";
import { parseHtml, parseSvg, pathBox } from "./support/svg.ts";
import { NO_SCRIPT_NOTE } from "../lib/src/explorer/markup.ts";
import { testProblems } from "../lib/src/objectives.ts";
import {
  fieldError,
  fieldValue,
  MAX_ITERATIONS,
  NUMERIC_FIELDS,
  PROBLEM_NAMES,
  reproducingCode,
  resolveExplorerOptions,
  type ExplorerSettings,
  type ProblemName,
} from "../lib/src/explorer/settings.ts";

const ROOT = new URL("..", import.meta.url).pathname;
const KB = 1024;

function settingsFor(overrides: Partial<ExplorerSettings> & { problem?: ProblemName } = {}): ExplorerSettings {
  return resolveExplorerOptions(overrides).settings;
}

function libraryRun(kind: "amsgrad" | "adam", s: ExplorerSettings) {
  const p = testProblems[s.problem];
  return (kind === "amsgrad" ? amsgrad : adam)(p.objective, p.derivative, runOptions(s));
}

function assertSameRun(buffers: RunBuffers, run: ReturnType<typeof amsgrad>, label: string) {
  assert.equal(buffers.length, run.solutions.length, `${label}: iterations`);
  assert.deepEqual([buffers.startX, buffers.startY], run.start, `${label}: start`);
  for (let t = 0; t < run.solutions.length; t++) {
    // Exact equality: the same operations in the same order give the same doubles.
    if (buffers.xs[t] !== run.solutions[t][0] || buffers.ys[t] !== run.solutions[t][1] || buffers.scores[t] !== run.scores[t]) {
      assert.fail(`${label}: iteration ${t}: page (${buffers.xs[t]}, ${buffers.ys[t]}, f ${buffers.scores[t]}) vs library (${run.solutions[t]}, f ${run.scores[t]})`);
    }
  }
}

// --- The page's run loop is the library's ------------------------------------------------------------

const VARIANTS: Partial<ExplorerSettings>[] = [
  {},
  { eps: 0 },
  { alpha: 0.05, beta1Schedule: "constant" },
  { beta1Schedule: "inverse", alphaSchedule: "inverse-sqrt", beta2: 0.999 },
  { biasCorrection: true },
  { biasCorrection: true, beta1Schedule: "power", alpha: 0.02, eps: 1e-6 },
  { alpha: 0.3, beta1: 0, beta2: 0 },
  { alphaSchedule: "exponential", alphaDecay: 0.98, alpha: 0.05 },
];

test("the page's runs equal amsgrad() and adam() number for number, on every problem and variant", () => {
  for (const problem of PROBLEM_NAMES) {
    for (const variant of VARIANTS) {
      const s = settingsFor({ ...variant, problem, nIter: 300 });
      for (const kind of ["amsgrad", "adam"] as const) {
        const buffers = computeRun(s, createRunBuffers(kind, 4));
        assertSameRun(buffers, libraryRun(kind, s), `${kind} ${problem} ${JSON.stringify(variant)}`);
        assert.equal(buffers.stopped, null);
      }
    }
  }
});

test("the tutorial's run in the explorer ends where the tutorial's printed output ends (eps = 0)", () => {
  // The tutorial's last line: f([-6.78222208e-12  1.27905115e-03]) = 0.000002, from numpy's seed(1) start.
  const rng = numpyRandom(1);
  const start: [number, number] = [-1 + 2 * rng(), -1 + 2 * rng()];
  assert.deepEqual(start, [...testProblems.bowl.defaultStart]);
  const buffers = computeRun(settingsFor({ eps: 0 }), createRunBuffers("amsgrad"));
  assert.equal(buffers.xs[99].toExponential(8), "-6.78222208e-12");
  assert.equal(buffers.ys[99].toExponential(8), "1.27905115e-3");
  assert.equal(buffers.scores[99].toFixed(6), "0.000002");
});

test("effective step sizes are α(t)/(√v̂ + ε) of the optimizer's state after each iteration (and Adam's with v)", () => {
  for (const variant of [{}, { alphaSchedule: "inverse-sqrt" as const }, { alphaSchedule: "exponential" as const, alphaDecay: 0.97 }]) {
    const s = settingsFor({ ...variant, problem: "rosenbrock", nIter: 50 });
    for (const kind of ["amsgrad", "adam"] as const) {
      const expected: [number, number][] = [];
      const p = testProblems[s.problem];
      (kind === "amsgrad" ? amsgrad : adam)(p.objective, p.derivative, {
        ...runOptions(s),
        onIteration: ({ t, state }) => {
          const a = alphaAt(s, t + 1);
          expected.push([a / (Math.sqrt(state.vmax[0]) + s.eps), a / (Math.sqrt(state.vmax[1]) + s.eps)]);
        },
      });
      const buffers = computeRun(s, createRunBuffers(kind));
      expected.forEach(([x, y], t) => {
        assert.equal(buffers.stepX[t], x, `${kind} t=${t}`);
        assert.equal(buffers.stepY[t], y, `${kind} t=${t}`);
      });
    }
  }
});

test("with bias correction the effective step is (α/(1 − β1^t)) / (√v̂/√(1 − β2^t) + ε), the step PyTorch takes", () => {
  const s = settingsFor({ biasCorrection: true, nIter: 20, problem: "narrow-bowl", eps: 0 });
  const buffers = computeRun(s, createRunBuffers("amsgrad"));
  // The step actually taken, divided by m, is the effective step size. Recompute m by hand (torch's lerp).
  const p = narrowBowl;
  let m = [0, 0];
  let x = [...s.start];
  for (let t = 0; t < 20; t++) {
    const g = p.derivative(x[0], x[1]);
    m = m.map((mi, i) => mi + (1 - s.beta1) * (g[i] - mi));
    const next = [buffers.xs[t], buffers.ys[t]];
    const taken = [(x[0] - next[0]) / m[0], (x[1] - next[1]) / m[1]];
    assert.ok(Math.abs(taken[0] / buffers.stepX[t] - 1) < 1e-9, `t=${t} x: ${taken[0]} vs ${buffers.stepX[t]}`);
    assert.ok(Math.abs(taken[1] / buffers.stepY[t] - 1) < 1e-9, `t=${t} y: ${taken[1]} vs ${buffers.stepY[t]}`);
    x = next;
  }
});

test("a run that cannot go on stops where the library stops, with the library's message", () => {
  // α = 1e300 throws the first iterate to about 1e300, where Rosenbrock's x⁴ overflows.
  const s = settingsFor({ problem: "rosenbrock", alpha: 1e300 });
  const buffers = computeRun(s, createRunBuffers("amsgrad"));
  let message = "";
  let partial = 0;
  try {
    amsgrad(rosenbrock.objective, rosenbrock.derivative, runOptions(s));
  } catch (error) {
    message = (error as Error).message;
    partial = (error as { partial: { solutions: unknown[] } }).partial.solutions.length;
  }
  assert.match(message, /^amsgrad: stopped at iteration 0: non-finite objective/);
  assert.equal(buffers.stopped, message);
  assert.equal(buffers.length, partial);
  const d = drawing(buffers, null, s.nIter, contourBackground(rosenbrock, 420, undefined).frame);
  assert.equal(d.stopped, message);
  assert.equal(d.line.length, 1);
  assert.match(d.line[0], /^M[\d.]+ [\d.]+$/, "only the start is drawn");
});

test("buffers are reused between runs and grow when more iterations are asked", () => {
  const buffers = createRunBuffers("amsgrad", 8);
  const xs = computeRun(settingsFor({ nIter: 5 }), buffers).xs;
  assert.equal(computeRun(settingsFor({ nIter: 8 }), buffers).xs, xs);
  computeRun(settingsFor({ nIter: 1000 }), buffers);
  assert.ok(buffers.xs.length >= 1000);
  assertSameRun(buffers, libraryRun("amsgrad", settingsFor({ nIter: 1000 })), "after growing");
});

// --- Fields are checked with the library's messages ----------------------------------------------------

/** The message amsgrad() itself throws for an option value. */
function libraryMessage(option: string, value: unknown): string {
  try {
    amsgrad(bowl.objective, bowl.derivative, { start: [0.5, 0.5], [option]: value } as RunOptions);
  } catch (error) {
    return (error as Error).message;
  }
  return "(accepted)";
}

test("fieldValue(text) is the number typed, or the text itself when it is not a number", () => {
  assert.equal(fieldValue(" 0.01 "), 0.01);
  assert.equal(fieldValue("1e-8"), 1e-8);
  assert.equal(fieldValue(""), "");
  assert.equal(fieldValue("  "), "  ");
  assert.equal(fieldValue("abc"), "abc");
  assert.equal(fieldValue("1,5"), "1,5");
  assert.ok(Number.isNaN(fieldValue("NaN")));
  assert.equal(fieldValue("-Infinity"), -Infinity);
});

test("an invalid field gets exactly the message amsgrad() throws for that value", () => {
  const cases: [(typeof NUMERIC_FIELDS)[number], string][] = [
    ["alpha", ""],
    ["alpha", "abc"],
    ["alpha", "-1"],
    ["alpha", "0"],
    ["alpha", "Infinity"],
    ["beta1", "1"],
    ["beta1", "-0.1"],
    ["beta2", "1"],
    ["beta2", "NaN"],
    ["eps", "-1e-8"],
    ["alphaDecay", "0"],
    ["alphaDecay", "1.5"],
    ["nIter", "2.5"],
    ["nIter", "-1"],
    ["nIter", ""],
  ];
  for (const [field, text] of cases) {
    const value = fieldValue(text);
    const expected = libraryMessage(field, value);
    assert.notEqual(expected, "(accepted)", `${field} ${JSON.stringify(text)} should be refused by the library`);
    assert.equal(fieldError(field, value), expected, `${field} ${JSON.stringify(text)}`);
  }
  assert.equal(fieldError("alpha", -1), "amsgrad: alpha must be a finite number > 0, got -1");
  assert.equal(fieldError("beta2", 1), "amsgrad: beta2 must be a number with 0 <= beta2 < 1, got 1");
  assert.equal(fieldError("alpha", ""), 'amsgrad: alpha must be a number, got ""');
});

test("valid fields pass, and iterations are capped at MAX_ITERATIONS with a message that says so", () => {
  for (const [field, value] of [["alpha", 0.007], ["beta1", 0], ["beta2", 0.999], ["eps", 0], ["nIter", 0], ["nIter", MAX_ITERATIONS]] as const) {
    assert.equal(fieldError(field, value), null, `${field} ${value}`);
  }
  assert.equal(
    fieldError("nIter", MAX_ITERATIONS + 1),
    `explorer: nIter must be at most ${MAX_ITERATIONS} here (the library has no limit), got ${MAX_ITERATIONS + 1}`,
  );
});

// --- Sliders and the start point ----------------------------------------------------------------------

test("each slider gives back the value it was set to, for the values a lesson uses", () => {
  const values: Record<string, number[]> = {
    alpha: [0.0001, 0.001, 0.007, 0.02, 0.05, 0.1, 1],
    beta1: [0, 0.5, 0.9, 0.99, 0.999],
    beta2: [0, 0.9, 0.99, 0.999, 0.9999],
    eps: [1e-12, 1e-8, 1e-4, 0.1],
    nIter: [1, 10, 100, 1000, 10000],
    alphaDecay: [0.5, 0.9, 0.95, 0.99, 0.999, 1],
  };
  for (const field of NUMERIC_FIELDS) {
    const spec = SLIDERS[field];
    for (const v of values[field]) {
      const position = spec.toPosition(v);
      assert.ok(position >= spec.min && position <= spec.max, `${field} ${v}: position ${position}`);
      assert.equal(spec.toValue(position), v, `${field} ${v}`);
    }
  }
});

test("every slider position is a value the library accepts, with at most two significant digits", () => {
  for (const field of NUMERIC_FIELDS) {
    const spec = SLIDERS[field];
    let previous = -Infinity;
    for (let p = spec.min; p <= spec.max + 1e-9; p += spec.step) {
      const v = spec.toValue(Number(p.toFixed(6)));
      assert.equal(fieldError(field, v), null, `${field} at ${p}: ${v}`);
      assert.ok(v > previous, `${field}: increasing at ${p}`);
      previous = v;
      const significant = field === "beta2" || field === "alphaDecay" ? 1 - v : v;
      if (field !== "beta1" && significant !== 0) assert.equal(Number(significant.toPrecision(2)), Number(significant.toPrecision(10)), `${field} at ${p}: ${v}`);
    }
  }
  assert.equal(SLIDERS.alpha.toValue(SLIDERS.alpha.toPosition(0.0072)), 0.007, "a typed value puts the slider on the nearest rung");
});

test("a start picked on the contour is rounded to 0.001 of the bowl (a fifth of a pixel) and kept in bounds", () => {
  const frame = contourBackground(bowl, 420, undefined).frame;
  assert.deepEqual(snapStart(frame, 0.123456, -0.98765), [0.123, -0.988]);
  assert.deepEqual(snapStart(frame, 5, -5), [1, -1]);
  const narrow = contourBackground(narrowBowl, 420, undefined).frame;
  assert.deepEqual(snapStart(narrow, 1.23456, -2.5551), [1.23, -2.555]); // 10 wide: 0.01; 6 high: 0.001
  // A pixel maps to the data point under it, and back.
  const [x, y] = [dataX(frame, 200), dataY(frame, 100)];
  assert.ok(Math.abs(pixelX(frame, x) - 200) < 1e-9 && Math.abs(pixelY(frame, y) - 100) < 1e-9);
});

// --- The drawing ----------------------------------------------------------------------------------------

/** The points of a line drawn in pieces (each piece starts where the previous one ended). */
function parsePath(pieces: readonly string[]): [number, number][] {
  const points: [number, number][] = [];
  pieces.forEach((d, k) => {
    const numbers = d.replace(/^M/, "").split(/[ L]/).filter(Boolean).map(Number);
    for (let i = k === 0 ? 0 : 2; i < numbers.length; i += 2) points.push([numbers[i], numbers[i + 1]]);
  });
  return points;
}

test("the drawn path is the start and every iterate through the frame's scales, to 0.01 px", () => {
  const frame: Frame = contourBackground(rosenbrock, 420, undefined).frame;
  const s = settingsFor({ problem: "rosenbrock", nIter: 500, alpha: 0.05, compareAdam: true });
  const a = computeRun(s, createRunBuffers("amsgrad"));
  const b = computeRun(s, createRunBuffers("adam"));
  const d = drawing(a, b, s.nIter, frame);
  assert.equal(d.line.length, 1, "500 segments: one piece");
  for (const [path, run] of [[d.line, libraryRun("amsgrad", s)], [d.adamLine, libraryRun("adam", s)]] as const) {
    const points = parsePath(path);
    const expected = [run.start, ...run.solutions];
    assert.equal(points.length, expected.length);
    // Independent scale: Plot's linear mapping written out from the frame.
    const px = (x: number) => frame.marginLeft + ((x - frame.xDomain[0]) / (frame.xDomain[1] - frame.xDomain[0])) * (frame.width - frame.marginLeft - frame.marginRight);
    const py = (y: number) => frame.height - frame.marginBottom - ((y - frame.yDomain[0]) / (frame.yDomain[1] - frame.yDomain[0])) * (frame.height - frame.marginTop - frame.marginBottom);
    expected.forEach(([x, y], i) => {
      assert.ok(Math.abs(points[i][0] - px(x)) <= 0.005 + 1e-9 && Math.abs(points[i][1] - py(y)) <= 0.005 + 1e-9, `point ${i}`);
    });
  }
  assert.equal(d.best, `${a.xs[499]} ${a.ys[499]}`);
  assert.equal(d.score, String(a.scores[499]));
});

test("a long line is drawn in pieces of 500 segments that join end to start", () => {
  const frame: Frame = contourBackground(bowl, 420, undefined).frame;
  const s = settingsFor({ nIter: 1234 });
  const a = computeRun(s, createRunBuffers("amsgrad"));
  const pieces = drawing(a, null, s.nIter, frame).line;
  assert.equal(pieces.length, 3);
  const counts = pieces.map((d) => d.split(/[ L]/).length / 2);
  assert.deepEqual(counts, [501, 501, 235]);
  assert.equal(parsePath(pieces).length, 1235);
  for (let k = 1; k < pieces.length; k++) {
    const end = pieces[k - 1].split(/[ L]/).slice(-2).join(" ");
    assert.ok(pieces[k].startsWith(`M${end}L`), `piece ${k} starts where piece ${k - 1} ends`);
  }
});

test("long chart series keep each pixel column's lowest and highest value", () => {
  const values = Float64Array.from({ length: 10_000 }, (_, i) => 10 ** -(i % 7));
  const out = new Float64Array(2 * 20_000);
  const m = chartPoints(values, values.length, 1, values.length, { lo: -7, hi: 0 }, CHART, undefined, out);
  const plotWidth = CHART.width - CHART.marginLeft - CHART.marginRight;
  assert.ok(m <= 2 * (plotWidth + 1), `${m} points`);
  const ys = Array.from({ length: m }, (_, i) => out[2 * i + 1]);
  const top = CHART.marginTop;
  const bottom = CHART.height - CHART.marginBottom;
  assert.ok(Math.min(...ys) <= top + 1e-9, "the highest value (1) reaches the top");
  assert.ok(Math.abs(Math.max(...ys) - (top + (6 / 7) * (bottom - top))) < 1e-9, "the lowest value (1e-6) is kept");
});

// --- The reproducing line of code ------------------------------------------------------------------------

test("the line of TypeScript shown reproduces the drawing exactly", async () => {
  const library = await import("../lib/src/index.ts");
  const cases: Partial<ExplorerSettings>[] = [
    {},
    { problem: "rosenbrock", alpha: 0.05, nIter: 1000, compareAdam: true },
    { problem: "narrow-bowl", start: [-4.5, 2.25], biasCorrection: true },
    { biasCorrection: true, beta1Schedule: "power", alphaSchedule: "inverse-sqrt", eps: 0 },
    { beta1Schedule: "inverse", eps: 1e-4, beta2: 0.9 },
    { alphaSchedule: "exponential", alphaDecay: 0.95, alpha: 0.03 },
    { alphaDecay: 0.5 },
  ];
  for (const overrides of cases) {
    const s = settingsFor(overrides);
    const code = reproducingCode(s);
    const imports = /^import \{ ([^}]+) \} from "amsgrad";\n/.exec(code);
    assert.ok(imports, code);
    const names = imports[1].split(", ");
    const body = code.slice(imports[0].length);
    const evaluate = new Function(...names, `${body}\nreturn [run, typeof runAdam === "undefined" ? null : runAdam];`);
    const [run, runAdam] = evaluate(...names.map((n) => (library as Record<string, unknown>)[n]));
    assertSameRun(computeRun(s, createRunBuffers("amsgrad")), run, code);
    if (s.compareAdam) assertSameRun(computeRun(s, createRunBuffers("adam")), runAdam, code);
    else assert.equal(runAdam, null);
  }
  assert.equal(
    reproducingCode(settingsFor({ problem: "narrow-bowl", start: [1, 2] })),
    'import { amsgrad, narrowBowl } from "amsgrad";\n' +
      "const run = amsgrad(narrowBowl.objective, narrowBowl.derivative, { start: [1, 2], nIter: 100, alpha: 0.007, beta1: 0.9, beta2: 0.99 });",
  );
  // γ is written only where it is read: under the exponential schedule.
  assert.match(reproducingCode(settingsFor({ alphaSchedule: "exponential", alphaDecay: 0.95 })), /alphaSchedule: "exponential", alphaDecay: 0\.95 \}\);$/);
  assert.doesNotMatch(reproducingCode(settingsFor({ alphaDecay: 0.95 })), /alphaDecay/);
});

// --- explorer(options) -----------------------------------------------------------------------------------

test("explorer() fills in the tutorial's settings and checks every option with the library's messages", () => {
  const { settings, problems, width, height } = resolveExplorerOptions({});
  assert.deepEqual(settings, {
    problem: "bowl",
    start: [-0.165955990594852, 0.4406489868843162],
    nIter: 100,
    compareAdam: false,
    alpha: 0.007,
    beta1: 0.9,
    beta2: 0.99,
    eps: 1e-8,
    beta1Schedule: "power",
    alphaSchedule: "constant",
    alphaDecay: 0.99,
    biasCorrection: false,
  });
  assert.deepEqual(problems, ["bowl", "rosenbrock", "narrow-bowl"]);
  assert.equal(width, 420);
  assert.equal(height, undefined);
  assert.equal(resolveExplorerOptions({ problem: "rosenbrock" }).settings.start.join(), "-1.5,2");
  assert.equal(resolveExplorerOptions({ biasCorrection: true }).settings.beta1Schedule, "constant");
  const refusals: [object, RegExp][] = [
    [{ alpha: 0 }, /: explorer: alpha must be a finite number > 0, got 0$/],
    [{ beta2: 1 }, /: explorer: beta2 must be a number with 0 <= beta2 < 1, got 1$/],
    [{ nIter: 1.5 }, /: explorer: nIter must be a non-negative integer, got 1.5$/],
    [{ nIter: 1e6 }, /: explorer: nIter must be at most 100000 here/],
    [{ n_iter: 5 }, /: explorer: unknown option "n_iter"/],
    [{ problem: "himmelblau" }, /: explorer: problem must be one of "bowl", "rosenbrock", "narrow-bowl", got "himmelblau"$/],
    [{ problems: ["bowl"], problem: "rosenbrock" }, /: explorer: problem must be one of "bowl", got "rosenbrock"$/],
    [{ problems: [] }, /: explorer: problems must be a non-empty array/],
    [{ start: [1] }, /: explorer: start must have 2 coordinates/],
    [{ start: [0, NaN] }, /: explorer: start\[1\] must be a finite number, got NaN$/],
    [{ compareAdam: "yes" }, /: explorer: compareAdam must be true or false, got "yes"$/],
    [{ width: 50 }, /: explorer: width must be an integer number of pixels from 200 to 1200, got 50$/],
  ];
  for (const [options, message] of refusals) assert.throws(() => explorer(options as never), message, JSON.stringify(options));
});

/** The live markup the output's script inserts (its third argument to mount), as the page receives it. */
function liveMarkupOf(html: string): string {
  const call = /\.mount\(("(?:[^"\\]|\\.)*"),(\{.*?\}),("(?:[^"\\]|\\.)*")\);\}\)\(\);<\/script>/s.exec(html);
  assert.ok(call, "one mount(id, config, live) call");
  return JSON.parse(call[3].replace(/<\\\//g, "</"));
}

test("explorer() output: a fallback that survives sanitizing, the live markup in one safe script", () => {
  const ex = explorer({ problem: "rosenbrock", compareAdam: true, nIter: 200 });
  assert.match(ex.id, /^amsgrad-explorer-\d+-[0-9a-f]{8}$/);
  assert.ok(ex.html.startsWith(`<div class="amsgrad-explorer" data-amsgrad-explorer="${ex.id}"`));
  assert.equal(ex.html.match(/<script>/g)?.length, 1);
  assert.equal(ex.html.match(/<\/script>/g)?.length, 1);
  // Outside the script: no inline SVG, no form, nothing a sanitizer would strip into a line of tick labels.
  const outside = ex.html.replace(/<script>[\s\S]*<\/script>/, "").replace(/<style>[\s\S]*?<\/style>/, "");
  assert.doesNotMatch(outside, /<svg|<form|<input|<select/);
  assert.ok(outside.includes(NO_SCRIPT_NOTE), "the note says how to enable the controls");
  // The picture: the first drawing (contour and path) as a base64 SVG, the same as ex.svg.
  const picture = /<img src="data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)" width="420" height="\d+" alt="AMSGrad explorer, first drawing: [^"]+"/.exec(outside);
  assert.ok(picture, "the first drawing as an <img>");
  assert.equal(Buffer.from(picture[1], "base64").toString("utf8"), ex.svg);
  const rosenbrockSvg = contourBackground(rosenbrock, 420, undefined).svg;
  assert.ok(ex.svg.includes(rosenbrockSvg), "the picture holds the contour figure");
  assert.ok(outside.includes(`<pre class="ax-code">${ex.code.replace(/"/g, "&quot;")}</pre>`), "the reproducing code is shown");
  // The live markup: overlay, charts, controls; the current contour left for the page to take from the picture.
  const live = liveMarkupOf(ex.html);
  assert.match(live, /<form class="ax-controls" hidden style="display:none"/, "controls hidden until the page shows them");
  assert.equal(live.match(/<svg class="ax-overlay"/g)?.length, 1);
  assert.equal(live.match(/class="ax-bg"/g)?.length, 3, "one contour per objective offered");
  assert.ok(live.includes('<div class="ax-bg" data-problem="rosenbrock"></div>'), "the current contour is not stored twice");
  assert.ok(!live.includes(rosenbrockSvg));
  for (const name of ["bowl", "narrow-bowl"] as const) {
    const packed = new RegExp(`<div class="ax-bg" data-problem="${name}" data-deflated="([A-Za-z0-9+/=]+)" hidden style="display:none"></div>`).exec(live);
    assert.ok(packed, name);
    assert.equal(inflateSync(Buffer.from(packed[1], "base64")).toString("utf8"), contourBackground(testProblems[name], 420, undefined).svg, name);
  }
  assert.doesNotMatch(ex.html, /\b(src|href)\s*=\s*["']?(https?:)?\/\//i, "nothing loaded from the network");
  assert.match(ex.svg, /<g class="ax-line" [^>]*><path d="M[^"]{20,}"\/><\/g>/, "the AMSGrad path is drawn");
  assert.match(ex.svg, /<g class="ax-adam-line" [^>]*><path d="M[^"]{20,}"\/><\/g>/, "the Adam path is drawn");
  assert.match(live, /<g class="ax-line" [^>]*><path d=""\/><\/g>/, "the live overlay starts empty: the page draws it");
  assert.ok(ex.svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
  assert.match(ex.text, /^AMSGrad explorer on Rosenbrock/);
});

test("explorer() is deterministic: the same calls in two fresh processes give the same bytes", () => {
  const script = `
    import { createHash } from "node:crypto";
    import { explorer } from "./lib/src/explorer/index.ts";
    const a = explorer();
    const b = explorer({ problem: "rosenbrock", compareAdam: true, nIter: 300 });
    console.log(a.id, b.id, createHash("sha256").update(a.html + b.html).digest("hex"));`;
  const outputs = [0, 1].map(() => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    return run.stdout.trim();
  });
  assert.equal(outputs[0], outputs[1]);
  const [idA, idB] = outputs[0].split(" ");
  assert.match(idA, /^amsgrad-explorer-1-/);
  assert.match(idB, /^amsgrad-explorer-2-/);
});

test("each output is at most 60 KB on top of its (first) contour figure, however long or wild the run", () => {
  // The contour is stored once, as the fallback's picture (base64, a third longer than the SVG): what is
  // counted on top of it is everything else, the picture's own path included.
  const rows: string[] = [];
  const cases: Parameters<typeof explorer>[0][] = [
    {},
    { problem: "rosenbrock", compareAdam: true, nIter: 1000, alpha: 0.05 },
    { compareAdam: true, nIter: 10_000 },
    { problem: "rosenbrock", compareAdam: true, nIter: 100_000, alpha: 1 },
    { problem: "narrow-bowl", compareAdam: true, nIter: 100_000, alpha: 0.3, beta2: 0 },
    { problems: ["bowl"] },
  ];
  for (const options of cases) {
    const ex = explorer(options);
    const svg = contourBackground(testProblems[ex.settings.problem], 420, undefined).svg;
    const figure = Buffer.byteLength(Buffer.from(svg, "utf8").toString("base64"));
    const onTop = Buffer.byteLength(ex.html) - figure;
    rows.push(`${(onTop / KB).toFixed(1)} KB on top of its ${(figure / KB).toFixed(1)} KB contour (base64): ${JSON.stringify(options)}`);
    assert.ok(onTop <= 60 * KB, rows.at(-1));
  }
  console.log(rows.join("\n"));
});

test("the page script is the library core only (no figures, Plot or d3), built by the bundler", () => {
  const build = spawnSync(process.execPath, ["lib/scripts/bundle-explorer.mjs"], { cwd: ROOT, encoding: "utf8" });
  assert.equal(build.status, 0, build.stderr);
  const bundle = readFileSync(new URL("../lib/dist/explorer/page.bundle.js", import.meta.url), "utf8");
  assert.ok(/^("use strict";)?var __amsgradExplorerBundle=\(\(\)=>\{/.test(bundle), "an IIFE assigned to one var");
  assert.ok(bundle.includes("must be a finite number > 0"), "the library's messages are in it");
  assert.ok(!/observablehq|plot-d6a7b5|d3-|linkedom|require\(/.test(bundle), "no figure, Plot, d3 or Node code");
  assert.ok(bundle.length < 32 * KB, `${bundle.length} bytes`);
});

test("showExplorer() outside a notebook kernel says where it works", () => {
  assert.throws(() => showExplorer(), /showExplorer: not running in a tslab notebook kernel.*explorer\(options\)\.html/);
  assert.throws(() => showExplorer({ alpha: -1 }), /^RangeError: explorer: alpha must be a finite number > 0, got -1$/);
});

test("every problem's default start lies inside its bounds", () => {
  for (const name of PROBLEM_NAMES) {
    const p: TestProblem = testProblems[name];
    const [x, y] = testProblems[name].defaultStart;
    assert.ok(x >= p.bounds[0][0] && x <= p.bounds[0][1] && y >= p.bounds[1][0] && y <= p.bounds[1][1], name);
  }
});

test("chart labels fall on round numbers of decades, at most about five of them, written as the figures write them (10⁻², not 1e-2)", () => {
  const labels = (lo: number, hi: number) => [...chartAxes({ lo, hi }, 100).matchAll(/dy=".32em" text-anchor="end">([^<]+)</g)].map((m) => m[1]);
  assert.deepEqual(labels(-6, 0), ["1", "10⁻²", "10⁻⁴", "10⁻⁶"]);
  assert.deepEqual(labels(-1, 0), ["1", "10⁻¹"]);
  assert.deepEqual(labels(-170, 1), ["1", "10⁻⁵⁰", "10⁻¹⁰⁰", "10⁻¹⁵⁰"]);
  assert.deepEqual(labels(-3, 2), ["10²", "10", "1", "10⁻¹", "10⁻²", "10⁻³"]);
  // The figures' own log axis writes its decades the same way.
  const figureLabels = Array.from(parseSvg(effectiveStepSizeCurve({ effectiveStepSizes: [[1e-6, 1]] }, { height: 400 }).svg).querySelectorAll('g[aria-label="y-axis tick label"] text'));
  assert.ok(figureLabels.map((t) => t.textContent).includes("10⁻²"));
});

// --- The still picture and the words, as the figures draw and say them --------------------------------

/** The tutorial's run and Adam's from the same start (numpy's seed(1) draw), by the library. */
function tutorialRuns() {
  const options = runOptions(settingsFor());
  return { ams: amsgrad(bowl.objective, bowl.derivative, options), adam: adam(bowl.objective, bowl.derivative, options) };
}

/** Whether the words give `optimizer`'s final f and point to 6 significant digits (the readout's "Adam: f = … at (…, …)"). */
function givesResult(words: string, optimizer: string, run: { score: number; best: readonly number[] }): boolean {
  const said = new RegExp(`${optimizer}: f = (\\S+) at \\((\\S+), (\\S+)\\)`).exec(words);
  if (!said) return false;
  return [run.score, run.best[0]!, run.best[1]!].every((v, i) => Math.abs(Number(said[i + 1]) - v) <= 5e-6 * Math.abs(v));
}

test("with Adam overlaid, text/plain, the <img> alt and the still's <desc> give Adam's result too, and the <desc> describes the searches", () => {
  const { ams, adam: adamRun } = tutorialRuns();
  const ex = explorer({ compareAdam: true });
  const img = parseHtml(ex.html).querySelector(".ax-still img")!;
  const desc = parseSvg(ex.svg).documentElement.querySelector(":scope > desc")?.textContent ?? "";
  for (const [where, words] of [["text/plain", ex.text], ["alt", img.getAttribute("alt")!]] as const) {
    assert.ok(givesResult(words, "AMSGrad", ams), `${where}: ${words}`);
    assert.ok(givesResult(words, "Adam", adamRun), `${where}: ${words}`);
  }
  // The searches in the figures' words: the tutorial's start, each run's end (3 significant digits).
  const three = (v: number) => String(Number(v.toPrecision(3)));
  assert.match(desc, /AMSGrad \(white solid line with round dots\): 100 points from \(-0\.166, 0\.441\) to \(-6\.78e-12, 0\.00128\)/);
  assert.ok(desc.includes(`Adam (black dashed line without dots): 100 points from (-0.166, 0.441) to (${three(adamRun.best[0])}, ${three(adamRun.best[1])})`), desc);
  // Without Adam, none of it.
  const alone = explorer();
  assert.ok(!/Adam/.test(alone.text + parseSvg(alone.svg).documentElement.querySelector(":scope > desc")!.textContent), alone.text);
});

test("the still picture draws the figures' start ring, an end marker per run, the minimum over them, and with Adam the figures' legend", () => {
  const { ams, adam: adamRun } = tutorialRuns();
  const frame = contourBackground(bowl, 420, undefined).frame;
  const figure = parseSvg(contourFigure(bowl, { paths: [{ label: "AMSGrad", ...ams }] }).svg);
  const figureStart = figure.querySelector('g[aria-label="path AMSGrad"] > path[aria-label="start"]')!;
  const [left, , right] = pathBox(figureStart.getAttribute("d")!);
  for (const compareAdam of [false, true]) {
    const still = parseSvg(explorer({ compareAdam }).svg);
    const start = still.querySelector("circle.ax-start")!;
    // The ring as the figures draw it: open, in AMSGrad's colour, of their radius and stroke.
    assert.equal(start.getAttribute("fill"), "none");
    assert.equal(start.getAttribute("stroke"), figure.querySelector('g[aria-label="path AMSGrad"]')!.getAttribute("stroke"));
    assert.equal(Number(start.getAttribute("r")), (right - left) / 2);
    assert.equal(start.getAttribute("stroke-width"), figureStart.getAttribute("stroke-width"));
    const ends = Array.from(still.querySelectorAll('g[aria-label="starts and ends"] path[aria-label="end"]'));
    assert.equal(ends.length, compareAdam ? 2 : 1, "an end marker per run");
    // AMSGrad's end diamond is centred on its last point, through the contour's scales.
    const [l, t, r, b] = pathBox(ends[0]!.getAttribute("d")!);
    assert.ok(Math.abs((l + r) / 2 - pixelX(frame, ams.best[0])) < 0.1 && Math.abs((t + b) / 2 - pixelY(frame, ams.best[1])) < 0.1, `${[l, t, r, b]}`);
    assert.ok(still.querySelector('g[aria-label="starts and ends"] g[aria-label="minimum"]'), "the × over the searches");
    const legend = still.querySelector('g[aria-label^="legend"]');
    if (!compareAdam) {
      assert.equal(legend, null, "no legend for one search");
      continue;
    }
    assert.deepEqual(Array.from(legend!.querySelectorAll("text")).map((e) => e.textContent).slice(0, 2), ["AMSGrad", "Adam"]);
    // Adam's open ring and diamond, larger, around AMSGrad's.
    const adamEnd = ends[1]!;
    const [al, , ar] = pathBox(adamEnd.getAttribute("d")!);
    assert.ok(ar - al > r - l + 3, "Adam's diamond rings AMSGrad's");
    assert.equal(adamEnd.getAttribute("fill"), null);
    const [ax, ay] = [(al + ar) / 2, (pathBox(adamEnd.getAttribute("d")!)[1] + pathBox(adamEnd.getAttribute("d")!)[3]) / 2];
    assert.ok(Math.abs(ax - pixelX(frame, adamRun.best[0])) < 0.1 && Math.abs(ay - pixelY(frame, adamRun.best[1])) < 0.1, "at Adam's last point");
    assert.ok(still.querySelector('g[aria-label="starts and ends"] path[aria-label="start"]'), "Adam's start ring");
  }
});

test("the step-size chart colours each run as the objective chart above does (x and y named at their ends), no colour of its own", () => {
  const ex = explorer({ compareAdam: true });
  const live = parseHtml(liveMarkupOf(ex.html));
  const look = (selector: string) => {
    const e = live.querySelector(selector)!;
    return `${e.getAttribute("stroke")} ${e.getAttribute("stroke-dasharray") ?? "solid"}`;
  };
  assert.equal(look(".ax-steps .ax-ax"), look(".ax-objective .ax-a"), "AMSGrad's x");
  assert.equal(look(".ax-steps .ax-ay"), look(".ax-objective .ax-a"), "AMSGrad's y");
  assert.equal(look(".ax-steps .ax-bx"), look(".ax-objective .ax-b"), "Adam's x");
  assert.equal(look(".ax-steps .ax-by"), look(".ax-objective .ax-b"), "Adam's y");
  const colours = new Set(Array.from(live.querySelectorAll(".ax-steps [stroke], .ax-steps [fill]")).map((e) => e.getAttribute("stroke") ?? e.getAttribute("fill")));
  const optimizerColours = new Set([live.querySelector(".ax-objective .ax-a")!.getAttribute("stroke"), live.querySelector(".ax-objective .ax-b")!.getAttribute("stroke")]);
  for (const c of colours) assert.ok(optimizerColours.has(c), `the step chart's ${c} is no optimizer's colour`);
  // The names at the lines' ends (the page writes them with the axes), coloured by the output's style as their lines.
  const s = settingsFor({ compareAdam: true });
  const frame = contourBackground(bowl, 420, undefined).frame;
  const d = drawing(computeRun(s, createRunBuffers("amsgrad")), computeRun(s, createRunBuffers("adam")), s.nIter, frame);
  const fill = (name: string) => new RegExp(`\\.${name}\\{fill:([^}]+)\\}`).exec(ex.html)?.[1];
  const names = [...d.stepAxes.matchAll(/class="(ax-name-[ab])"[^>]*>([xy])</g)].map((m) => `${m[2]} ${fill(m[1]!)}`).sort();
  const strokes = [live.querySelector(".ax-objective .ax-a")!.getAttribute("stroke"), live.querySelector(".ax-objective .ax-b")!.getAttribute("stroke")];
  assert.deepEqual(names, ["x", "y"].flatMap((n) => strokes.map((c) => `${n} ${c}`)).sort());
});

test("zero iterations draw the start alone, and the charts stay valid", () => {
  const frame = contourBackground(bowl, 420, undefined).frame;
  const s = settingsFor({ nIter: 0, compareAdam: true });
  const d = drawing(computeRun(s, createRunBuffers("amsgrad")), computeRun(s, createRunBuffers("adam")), 0, frame);
  assert.equal(d.line.length, 1);
  assert.match(d.line[0], /^M[\d.]+ [\d.]+$/);
  assert.equal(d.dots, "");
  assert.match(d.objective, /^M[\d.]+ [\d.]+h0$/, "f at the start, as a dot");
  assert.equal(d.stepX, "");
  assert.equal(d.best, `${s.start[0]} ${s.start[1]}`);
  assert.equal(d.readout, `AMSGrad: f = 0.221713 at (-0.165956, 0.440649) after 0 iterations`);
  assert.doesNotMatch(JSON.stringify(d), /NaN|Infinity/);
});
