// The paper's counterexample (Reddi, Kale & Kumar 2018, section 5): Adam goes to +1, AMSGrad to −1.
import { test } from "node:test";
import assert from "node:assert/strict";
import { adamOptimizer, amsgradOptimizer, counterexample, runOnline, stochasticCounterexample } from "../lib/src/index.ts";

const paper = { beta1: 0.9, beta2: 0.99, beta1Schedule: "constant", eps: 0, alpha: 0.5, alphaSchedule: "inverse-sqrt" } as const;

test("the counterexample's losses: 1010x when t mod 101 = 1, else −10x", () => {
  const c = (t: number) => counterexample.coefficient(t, Math.random);
  assert.deepEqual([c(1), c(2), c(101), c(102), c(103)], [1010, -10, -10, 1010, -10]);
  let sum = 0;
  for (let t = 1; t <= 101; t++) sum += c(t);
  assert.equal(sum, 10, "each 101-step cycle sums to +10, so x = −1 is best");
});

test("online: Adam's iterate drifts to +1 while AMSGrad's goes to −1, and Adam's average regret stays high", () => {
  const a = runOnline(counterexample, adamOptimizer(paper), { nIter: 1_000_000 });
  const b = runOnline(counterexample, amsgradOptimizer(paper), { nIter: 1_000_000 });
  assert.ok(a.final > 0.99, `Adam ended at ${a.final}`);
  assert.ok(b.final < -0.9, `AMSGrad ended at ${b.final}`);
  assert.ok(a.averageRegret.at(-1)! > 0.15);
  assert.ok(b.averageRegret.at(-1)! < 0.05);
  assert.ok(b.averageRegret.at(-1)! < b.averageRegret[10], "AMSGrad's average regret falls");
});

test("stochastic: the same split, with the 1% draws from a seeded generator", () => {
  const a = runOnline(stochasticCounterexample, adamOptimizer(paper), { nIter: 1_000_000, seed: 7 });
  const b = runOnline(stochasticCounterexample, amsgradOptimizer(paper), { nIter: 1_000_000, seed: 7 });
  assert.ok(a.final > 0.9, `Adam ended at ${a.final}`);
  assert.ok(b.final < -0.5, `AMSGrad ended at ${b.final}`);
  assert.ok(b.averageRegret.at(-1)! < a.averageRegret.at(-1)! / 2);
});

test("the average regret follows its definition on a hand-checked 3-step run", () => {
  // A stand-in optimizer that moves x by −0.5·g each step (deterministic, easy by hand).
  const halfStep = { ...adamOptimizer(), update: (x: Float64Array, g: Float64Array) => void (x[0] -= 0.5 * g[0]) };
  const problem = { ...counterexample, coefficient: (t: number) => [1, -1, 0.5][t - 1] };
  const r = runOnline(problem, halfStep as never, { nIter: 3, start: 0, recordEvery: 1 });
  // x1 = 0, x2 = −0.5, x3 = 0 (−0.5 + 0.5); losses 0, 0.5, 0 → Σ = 0.5; C_t = 1, 0, 0.5; min Cx = −|C|.
  assert.deepEqual(r.x, [-0.5, 0, -0.25]);
  assert.deepEqual(r.averageRegret, [(0 + 1) / 1, (0.5 + 0) / 2, (0.5 + 0.5) / 3]);
});

test("runOnline checks its options", () => {
  assert.throws(() => runOnline(counterexample, adamOptimizer(), { start: 2 }), /start must lie in the problem's interval \[-1, 1\], got 2/);
  assert.throws(() => runOnline(counterexample, adamOptimizer(), { nIter: -5 }), /nIter must be a non-negative integer, got -5/);
  assert.throws(() => runOnline(counterexample, adamOptimizer(), { steps: 5 } as never), /unknown option "steps"/);
});
