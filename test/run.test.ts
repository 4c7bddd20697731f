// amsgrad()/adam(): the tutorial's calling convention, any dimension, starts, projection, callbacks.
import { test } from "node:test";
import assert from "node:assert/strict";
import { adam, amsgrad, amsgradOptimizer, derivative, gradientDescent, objective } from "../lib/src/index.ts";

test("objective and derivative receive the coordinates as separate arguments, in any dimension", () => {
  const seen: number[] = [];
  const f = (...p: number[]) => (seen.push(p.length), p.reduce((s, v) => s + v * v, 0));
  const df = (...p: number[]) => (seen.push(p.length), p.map((v) => 2 * v));
  const result = amsgrad(f, df, { start: [1, 2, 3, 4, 5], nIter: 3 });
  assert.ok(seen.every((n) => n === 5));
  assert.equal(result.solutions.length, 3);
  assert.equal(result.solutions[0].length, 5);
});

test("solutions[t] is the point after iteration t and scores[t] its objective; best/score the last", () => {
  const r = amsgrad(objective, derivative, { start: [0.3, -0.7], nIter: 7 });
  assert.equal(r.solutions.length, 7);
  r.solutions.forEach((p, t) => assert.equal(r.scores[t], objective(p[0], p[1])));
  assert.deepEqual(r.best, r.solutions[6]);
  assert.equal(r.score, r.scores[6]);
  assert.deepEqual(r.start, [0.3, -0.7]);
});

test("nIter = 0 returns the start as best, with empty paths", () => {
  const r = adam(objective, derivative, { start: [0.3, -0.7], nIter: 0 });
  assert.deepEqual(r.best, [0.3, -0.7]);
  assert.equal(r.score, objective(0.3, -0.7));
  assert.deepEqual(r.solutions, []);
});

test("a start drawn from bounds is min + u·(max − min) with one draw per dimension, in order", () => {
  const draws = [0.25, 0.75];
  let k = 0;
  const r = amsgrad(objective, derivative, { bounds: [[-1, 1], [10, 20]], rng: () => draws[k++], nIter: 0 });
  assert.deepEqual(r.start, [-0.5, 17.5]);
});

test("the default draw is seedrandom with seed 1: reproducible, and another seed gives another start", () => {
  const bounds = [[-1, 1], [-1, 1]] as [number, number][];
  const a = amsgrad(objective, derivative, { bounds, nIter: 0 });
  const b = amsgrad(objective, derivative, { bounds, nIter: 0, seed: 1 });
  const c = amsgrad(objective, derivative, { bounds, nIter: 0, seed: 2 });
  // seedrandom("1")'s first two doubles are 0.2694488477791326 and 0.43440878183925163 (the package's
  // ARC4 stream, pinned here as literals): −1 + 2u for each.
  assert.deepEqual(a.start, [-0.46110230444173483, -0.13118243632149673]);
  assert.deepEqual(a.start, b.start);
  assert.notDeepEqual(a.start, c.start);
});

test("project clips every iterate into the bounds", () => {
  const r = amsgrad((x: number) => -x, () => [-1], { start: [0.9], bounds: [[-1, 1]], project: true, alpha: 0.05, nIter: 10 });
  assert.ok(r.solutions.every(([x]) => x <= 1));
  assert.equal(r.best[0], 1);
  const free = amsgrad((x: number) => -x, () => [-1], { start: [0.9], alpha: 0.05, nIter: 10 });
  assert.ok(free.best[0] > 1);
});

test("onIteration sees every iteration with the state the low-level optimizer keeps", () => {
  const ts: number[] = [];
  let lastVmax = -1;
  amsgrad(objective, derivative, {
    start: [0.5, 0.5],
    nIter: 4,
    onIteration: ({ t, point, score, state }) => {
      ts.push(t);
      assert.equal(state.step, t + 1);
      assert.equal(score, objective(point[0], point[1]));
      assert.ok(state.vmax[0] >= lastVmax);
      lastVmax = state.vmax[0];
    },
  });
  assert.deepEqual(ts, [0, 1, 2, 3]);
});

test("amsgrad() is the low-level optimizer driven by the derivative: same numbers", () => {
  const r = amsgrad(objective, derivative, { start: [0.5, -0.4], nIter: 25, eps: 0 });
  const opt = amsgradOptimizer({ eps: 0 });
  const x = Float64Array.of(0.5, -0.4), state = opt.init(2);
  for (let t = 0; t < 25; t++) opt.update(x, Float64Array.from(derivative(x[0], x[1])), state);
  assert.deepEqual(Array.from(x), r.best);
});

test("on the bowl both optimizers approach the minimum", () => {
  for (const run of [amsgrad, adam]) {
    const r = run(objective, derivative, { start: [0.8, -0.6], nIter: 300, alpha: 0.02 });
    assert.ok(r.score < 1e-3, `${run.name}: ${r.score}`);
  }
});

test("gradientDescent takes x − alpha·f'(x) each iteration (hand computation on the bowl)", () => {
  // f' = 2x, so x ← x − 0.1·2x = 0.8x: after 3 iterations 0.5·0.8³ = 0.256.
  const r = gradientDescent(objective, derivative, { start: [0.5, -1], alpha: 0.1, nIter: 3 });
  assert.ok(Math.abs(r.best[0] - 0.256) < 1e-15 && Math.abs(r.best[1] + 0.512) < 1e-15);
  // alpha = 1 on the bowl: x ← x − 2x = −x, bouncing forever between ±0.5 (too large a step).
  const bounce = gradientDescent(objective, derivative, { start: [0.5, 0.5], alpha: 1, nIter: 4 });
  assert.deepEqual(bounce.solutions.map(([x]) => x), [-0.5, 0.5, -0.5, 0.5]);
  assert.throws(() => gradientDescent(objective, derivative, { start: [0, 0], beta1: 0.9 } as never), /unknown option "beta1"/);
});
