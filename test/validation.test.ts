// Bad input: every option is checked before the first step, and the message names the option,
// the value and what is accepted. A failing step keeps every result computed before it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { adam, amsgrad, derivative, objective, RunStoppedError } from "../lib/src/index.ts";

const start = [0.5, 0.5];
const rejects = (options: object, pattern: RegExp, kind: typeof RangeError | typeof TypeError = RangeError) => {
  for (const run of [amsgrad, adam]) {
    let steps = 0;
    const counting = (x: number, y: number) => (steps++, derivative(x, y));
    assert.throws(() => run(objective, counting, options as never), (error: Error) => {
      assert.ok(error instanceof kind, `${error.name}: ${error.message}`);
      assert.match(error.message, pattern);
      return true;
    });
    assert.equal(steps, 0, "no step was taken");
  }
};

test("alpha must be finite and > 0: 0, negative, NaN, Infinity and strings are refused", () => {
  rejects({ start, alpha: 0 }, /alpha must be a finite number > 0, got 0/);
  rejects({ start, alpha: -1 }, /alpha must be a finite number > 0, got -1/);
  rejects({ start, alpha: NaN }, /alpha .* got NaN/);
  rejects({ start, alpha: Infinity }, /alpha .* got Infinity/);
  rejects({ start, alpha: "0.1" }, /alpha must be a number, got "0.1"/, TypeError);
});

test("beta1 and beta2 must lie in [0, 1)", () => {
  rejects({ start, beta1: 1 }, /beta1 must be a number with 0 <= beta1 < 1, got 1/);
  rejects({ start, beta1: -0.1 }, /beta1 .* got -0.1/);
  rejects({ start, beta2: 1.5 }, /beta2 must be a number with 0 <= beta2 < 1, got 1.5/);
  rejects({ start, beta2: NaN }, /beta2 .* got NaN/);
});

test("eps must be finite and >= 0; nIter a non-negative integer", () => {
  rejects({ start, eps: -1e-8 }, /eps must be a finite number >= 0, got -1e-8/);
  rejects({ start, eps: NaN }, /eps .* got NaN/);
  rejects({ start, nIter: 2.5 }, /nIter must be a non-negative integer, got 2.5/);
  rejects({ start, nIter: -1 }, /nIter must be a non-negative integer, got -1/);
  rejects({ start, nIter: NaN }, /nIter .* got NaN/);
});

test("bounds must be finite [min, max] pairs with min < max; start must fit them", () => {
  rejects({ bounds: [[1, -1], [-1, 1]] }, /bounds\[0\] must have min < max, got \[1, -1\]/);
  rejects({ bounds: [[-1, NaN]] }, /bounds\[0\]\[1\] must be a finite number, got NaN/);
  rejects({ bounds: [[-1, 1], [0]] }, /bounds\[1\] must be a \[min, max\] pair/, TypeError);
  rejects({ bounds: [] }, /bounds must be a non-empty array/, TypeError);
  rejects({ start: [0.5], bounds: [[-1, 1], [-1, 1]] }, /start must have 2 coordinates .* got 1/);
  rejects({ start: [0.5, NaN] }, /start\[1\] must be a finite number, got NaN/);
  rejects({}, /give a start point \(start\) or bounds/, TypeError);
});

test("schedules, flags, callbacks and unknown options are checked", () => {
  rejects({ start, beta1Schedule: "exp" }, /beta1Schedule must be one of "power", "constant", "inverse", got "exp"/);
  rejects({ start, alphaSchedule: "sqrt" }, /alphaSchedule must be one of "constant", "inverse-sqrt", "exponential", got "sqrt"/);
  rejects({ start, alphaSchedule: "exponential", alphaDecay: 1.01 }, /alphaDecay must be a number with 0 < alphaDecay <= 1, got 1.01/);
  rejects({ start, biasCorrection: "yes" }, /biasCorrection must be true or false, got "yes"/, TypeError);
  rejects({ start, project: true }, /project: true needs bounds/, TypeError);
  rejects({ start, onIteration: 3 }, /onIteration must be a function, got 3/, TypeError);
  rejects({ start, n_iter: 10 }, /unknown option "n_iter"; accepted options: .*nIter/, TypeError);
  rejects({ bounds: [[-1, 1]], seed: 1, rng: Math.random }, /give seed or rng, not both/, TypeError);
  rejects({ bounds: [[-1, 1], [-1, 1]], rng: () => 1 }, /rng must return numbers in \[0, 1\), got 1/);
});

test("a non-finite gradient stops the run naming the iteration, with every earlier result kept", () => {
  const poisoned = (x: number, y: number) => (calls++ === 5 ? [NaN, 0] : derivative(x, y));
  let calls = 0;
  const error = (() => {
    try {
      amsgrad(objective, poisoned, { start, nIter: 20 });
    } catch (e) {
      return e;
    }
  })();
  assert.ok(error instanceof RunStoppedError);
  assert.equal(error.iteration, 5);
  assert.match(error.message, /amsgrad: stopped at iteration 5: non-finite gradient NaN in coordinate 0/);
  assert.equal(error.partial.solutions.length, 5);
  assert.equal(error.partial.scores.length, 5);
  const clean = amsgrad(objective, derivative, { start, nIter: 5 });
  assert.deepEqual(error.partial.solutions, clean.solutions);
  assert.deepEqual(error.partial.best, clean.best);
});

test("an objective that overflows stops the run at the first infinite value", () => {
  // e^(1000x) overflows once x > 0.7098. By hand: t = 1 moves x by alpha (0.5 → 0.6, finite); t = 2 has
  // b1 = 0.81, m = −0.271, v = 0.0199, so x moves by 0.1·0.271/√0.0199 ≈ 0.192 to ≈ 0.79: overflow.
  const steep = (x: number) => Math.exp(1000 * x);
  const uphill = () => [-1];
  assert.throws(
    () => adam(steep, uphill, { start: [0.5], alpha: 0.1, nIter: 10 }),
    (e: RunStoppedError) => e instanceof RunStoppedError && e.iteration === 1 && e.partial.scores.length === 1 && /non-finite objective Infinity/.test(e.message),
  );
});

test("a derivative of the wrong length or a throwing callback also stop with partial results", () => {
  assert.throws(() => amsgrad(objective, () => [1], { start }), /stopped at iteration 0: derivative returned 1 values for a 2-dimensional point/);
  assert.throws(
    () => amsgrad(objective, derivative, { start, onIteration: ({ t }) => { if (t === 3) throw new Error("plot failed"); } }),
    // The callback of iteration 3 failed: the run names iteration 3, and keeps its result (4 points).
    (e: RunStoppedError) =>
      e.iteration === 3 && e.partial.solutions.length === 4 && /stopped at iteration 3: onIteration threw: plot failed/.test(e.message),
  );
});
