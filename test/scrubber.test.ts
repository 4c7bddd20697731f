/**
 * The step-by-step view (lib/src/explorer/scrubber.ts): the numbers of iteration t as the run recorded
 * them, checked against a hand computation of the tutorial's first update and against traceRun (the
 * library's run in Node) bit for bit at every t.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { adam, amsgrad, bowl, rosenbrock, traceRun, type TracedRun } from "../lib/src/index.ts";
import { computeRun, createRunBuffers, runOptions } from "../lib/src/explorer/compute.ts";
import { resolveExplorerOptions, type ExplorerOptions } from "../lib/src/explorer/settings.ts";
import { DIRECTION_PX, updateArrows, updateAt, updateRows } from "../lib/src/explorer/scrubber.ts";
import { contourBackground } from "../lib/src/explorer/background.ts";

const settingsFor = (options: ExplorerOptions) => resolveExplorerOptions(options).settings;

test("the tutorial's first update, by hand: m = 0.1·g, v = v̂ = 0.01·g², and each coordinate moves by α against g's sign", () => {
  const s = settingsFor({ eps: 0 });
  const u = updateAt(computeRun(s, createRunBuffers("amsgrad")), 0);
  const [x0, y0] = [-0.165955990594852, 0.4406489868843162]; // numpy's seed(1) start
  assert.deepEqual(u.before, [x0, y0]);
  assert.deepEqual(u.g, [x0 * 2, y0 * 2]);
  assert.deepEqual(u.mBefore, [0, 0]);
  assert.deepEqual(u.mAfter, [0.9 * 0 + (1 - 0.9) * (x0 * 2), 0.9 * 0 + (1 - 0.9) * (y0 * 2)]); // b1(1) = 0.9¹
  assert.deepEqual(u.vAfter, [(1 - 0.99) * (x0 * 2) ** 2, (1 - 0.99) * (y0 * 2) ** 2]);
  assert.deepEqual(u.vhatAfter, u.vAfter);
  assert.deepEqual(u.maxHeld, [false, false], "the first v is the maximum so far");
  // s = α / √(0.01 g²) = α / (0.1 |g|), so the step −s·m = −α·sign(g): one α against the gradient.
  assert.ok(Math.abs(u.stepInAlpha[0] - 1) < 1e-12 && Math.abs(u.stepInAlpha[1] + 1) < 1e-12, String(u.stepInAlpha));
  const rows = updateRows(u);
  assert.deepEqual(rows.map((r) => r.label), ["g", "m", "v", "v̂", "max held", "s", "Δx", "Δx / α"]);
  // numpy prints 2 · x0 = -0.331911981189704 with 8 decimals.
  assert.deepEqual([rows[0].x, rows[0].y], ["-0.33191198", "0.88129797"]);
  // numpy drops trailing zeros: -0.0331911981… prints as -0.0331912, and 0 as "0.".
  assert.equal(rows[1].x, "0. → -0.0331912");
});

/** traceRun's record of iteration t as the scrubber's fields. */
function traced(run: TracedRun, t: number) {
  const zero = [0, 0];
  return {
    before: t === 0 ? run.start : run.solutions[t - 1],
    after: run.solutions[t],
    g: run.gradients[t],
    mBefore: t === 0 ? zero : run.m[t - 1],
    mAfter: run.m[t],
    vBefore: t === 0 ? zero : run.v[t - 1],
    vAfter: run.v[t],
    vhatBefore: t === 0 ? zero : run.vmax[t - 1],
    vhatAfter: run.vmax[t],
    stepSize: run.effectiveStepSizes[t],
  };
}

test("at every t the scrubber's numbers are traceRun's, bit for bit (AMSGrad and Adam, several variants)", () => {
  const variants: ExplorerOptions[] = [
    {},
    { eps: 0 },
    { biasCorrection: true, nIter: 300 },
    { problem: "rosenbrock", alpha: 0.05, nIter: 400, alphaSchedule: "inverse-sqrt" },
  ];
  for (const variant of variants) {
    const s = settingsFor(variant);
    const problem = s.problem === "bowl" ? bowl : rosenbrock;
    for (const [kind, run] of [["amsgrad", amsgrad], ["adam", adam]] as const) {
      const buffers = computeRun(s, createRunBuffers(kind));
      const reference = traceRun(run, problem.objective, problem.derivative, runOptions(s));
      assert.equal(buffers.length, reference.solutions.length);
      for (let t = 0; t < buffers.length; t++) {
        const u = updateAt(buffers, t);
        const expected = traced(reference, t);
        for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
          assert.deepEqual([...u[key]], expected[key], `${kind} ${JSON.stringify(variant)} t=${t} ${key}`);
        }
        if (kind === "adam") assert.deepEqual(u.maxHeld, [false, false]);
        // Held means v̂ kept its value and stands above this update's v.
        u.maxHeld.forEach((held, i) => {
          if (held) assert.ok(u.vhatAfter[i] === u.vhatBefore[i] && u.vhatAfter[i] > u.vAfter[i]);
        });
      }
    }
  }
});

test("in the tutorial's run the maximum starts to hold once the gradient shrinks", () => {
  const buffers = computeRun(settingsFor({ eps: 0 }), createRunBuffers("amsgrad"));
  const held = Array.from({ length: buffers.length }, (_, t) => updateAt(buffers, t).maxHeld[1]);
  assert.equal(held[0], false);
  assert.equal(held[99], true, "late in the run v̂ is frozen");
});

test("the arrows: the step from the point before to the point after, −g and −m as 40 px directions", () => {
  const s = settingsFor({});
  const frame = contourBackground(bowl, 420, undefined).frame;
  const u = updateAt(computeRun(s, createRunBuffers("amsgrad")), 4);
  const a = updateArrows(u, frame);
  const numbers = (d: string) => d.replace(/[ML]/g, " ").trim().split(/\s+/).map(Number);
  const [sx0, sy0, sx1, sy1] = numbers(a.step);
  const px = (x: number) => frame.marginLeft + ((x + 1) / 2) * (frame.width - frame.marginLeft - frame.marginRight);
  const py = (y: number) => frame.height - frame.marginBottom - ((y + 1) / 2) * (frame.height - frame.marginTop - frame.marginBottom);
  assert.ok(Math.abs(sx0 - px(u.before[0])) < 0.006 && Math.abs(sy0 - py(u.before[1])) < 0.006);
  assert.ok(Math.abs(sx1 - px(u.after[0])) < 0.006 && Math.abs(sy1 - py(u.after[1])) < 0.006);
  const [gx0, gy0, gx1, gy1] = numbers(a.gradient);
  assert.ok(Math.abs(Math.hypot(gx1 - gx0, gy1 - gy0) - DIRECTION_PX) < 0.02);
  // −g points downhill: towards the origin of the bowl (in px, y grows downwards).
  assert.ok(Math.sign(gx1 - gx0) === -Math.sign(u.g[0]) && Math.sign(gy1 - gy0) === Math.sign(u.g[1]));
  assert.throws(() => updateAt(computeRun(s, createRunBuffers("amsgrad")), 100), /t must be an iteration from 0 to 99, got 100/);
});
