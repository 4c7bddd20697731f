// The low-level update checked against hand computations of each variant's formula
// (shared/notes/amsgrad-variants.md), written out step by step here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { adamOptimizer, amsgradOptimizer } from "../lib/src/index.ts";

const close = (actual: number, expected: number, tolerance = 1e-15) =>
  assert.ok(Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)), `${actual} ≠ ${expected}`);

test("two tutorial-style steps on one coordinate follow m, v, v̂ and the step by hand", () => {
  const opt = amsgradOptimizer({ alpha: 0.007, beta1: 0.9, beta2: 0.99, eps: 0 });
  const x = Float64Array.of(0.5);
  const state = opt.init(1);
  // t = 1: g = 1, b1 = 0.9 → m = 0.1, v = 0.01, v̂ = 0.01, x = 0.5 − 0.007·0.1/0.1 = 0.493
  opt.update(x, Float64Array.of(1), state);
  close(state.m[0], 0.1);
  close(state.v[0], 0.01);
  close(state.vmax[0], 0.01);
  close(x[0], 0.493);
  // t = 2: g = 0.986, b1 = 0.81 → m = 0.081 + 0.19·0.986 = 0.26834; v = 0.0099 + 0.01·0.972196 = 0.01962196
  opt.update(x, Float64Array.of(0.986), state);
  close(state.m[0], 0.26834);
  close(state.v[0], 0.01962196);
  close(state.vmax[0], 0.01962196);
  close(x[0], 0.493 - (0.007 * 0.26834) / Math.sqrt(0.01962196));
  assert.equal(state.step, 2);
});

test("the running max keeps v̂ when v falls, and Adam then takes the larger step", () => {
  const hyper = { alpha: 0.1, beta1: 0.9, beta2: 0.99, eps: 0, beta1Schedule: "constant" } as const;
  const ams = amsgradOptimizer(hyper), adam = adamOptimizer(hyper);
  const xa = Float64Array.of(0), xb = Float64Array.of(0);
  const sa = ams.init(1), sb = adam.init(1);
  for (const g of [10, 0.1]) {
    ams.update(xa, Float64Array.of(g), sa);
    adam.update(xb, Float64Array.of(g), sb);
  }
  // t = 1: m = 1, v = 1, step −0.1·1/1.   t = 2: m = 0.9 + 0.01 = 0.91, v = 0.99 + 0.0001 = 0.9901.
  close(sa.v[0], 0.9901);
  close(sa.vmax[0], 1); // max(1, 0.9901)
  close(xa[0], -0.1 - (0.1 * 0.91) / 1);
  close(xb[0], -0.1 - (0.1 * 0.91) / Math.sqrt(0.9901));
  assert.ok(Math.abs(xb[0]) > Math.abs(xa[0]));
  assert.equal(sb.vmax, sb.v, "Adam keeps no separate max");
});

test("biasCorrection reproduces torch.optim.Adam(amsgrad=True): the first step has size lr", () => {
  // torch: m = lerp(0, g, 0.1) = 0.2, v = 0.001·4 = 0.004, step_size = lr/(1 − 0.9) = 0.01,
  // denom = √0.004/√(1 − 0.999) + 1e-8 = 2 + 1e-8 → Δx = −0.01·0.2/(2 + 1e-8) ≈ −lr.
  const opt = amsgradOptimizer({ alpha: 0.001, beta1: 0.9, beta2: 0.999, biasCorrection: true });
  assert.equal(opt.hyperparameters.beta1Schedule, "constant", "torch's beta1 is constant");
  const x = Float64Array.of(1);
  const state = opt.init(1);
  opt.update(x, Float64Array.of(2), state);
  close(x[0], 1 - (0.01 * 0.2) / (2 + 1e-8), 1e-15);
  close(x[0], 0.999, 1e-10);
  const x1 = x[0];
  // t = 2 with a tiny gradient: v = 0.999·0.004 + 0.001·1e-4 = 0.0039961 < v̂ = 0.004, so v̂ stays.
  opt.update(x, Float64Array.of(0.01), state);
  const m2 = 0.2 + 0.1 * (0.01 - 0.2); // lerp with weight 0.1
  const expected = x1 - ((0.001 / (1 - 0.81)) * m2) / (Math.sqrt(0.004) / Math.sqrt(1 - 0.998001) + 1e-8);
  close(state.vmax[0], 0.004);
  close(x[0], expected, 1e-14);
});

test("the schedules: beta1/t and alpha/√t enter the update as written", () => {
  const opt = amsgradOptimizer({ alpha: 0.5, beta1: 0.9, beta2: 0.5, eps: 0, beta1Schedule: "inverse", alphaSchedule: "inverse-sqrt" });
  const x = Float64Array.of(0);
  const state = opt.init(1);
  opt.update(x, Float64Array.of(2), state); // t=1: b1 = 0.9, m = 0.2, v = 2, α = 0.5
  close(x[0], -(0.5 * 0.2) / Math.sqrt(2));
  const x1 = x[0];
  opt.update(x, Float64Array.of(2), state); // t=2: b1 = 0.45, m = 0.09 + 1.1 = 1.19, v = 1 + 2 = 3, α = 0.5/√2
  close(state.m[0], 1.19);
  close(x[0], x1 - ((0.5 / Math.SQRT2) * 1.19) / Math.sqrt(3));
});

test("with eps = 0 a coordinate whose gradients were all zero does not move (no NaN)", () => {
  for (const opt of [amsgradOptimizer({ eps: 0 }), adamOptimizer({ eps: 0 }), amsgradOptimizer({ eps: 0, biasCorrection: true })]) {
    const x = Float64Array.of(0.25, 0.5);
    const state = opt.init(2);
    opt.update(x, Float64Array.of(0, 1), state);
    opt.update(x, Float64Array.of(0, 1), state);
    assert.equal(x[0], 0.25);
    assert.ok(x[1] < 0.5);
  }
});

test("update rejects arrays of different lengths, naming them", () => {
  const opt = amsgradOptimizer();
  assert.throws(() => opt.update(new Float64Array(3), new Float64Array(2), opt.init(3)), /params, grad and state of one length, got 3, 2 and 3/);
  assert.throws(() => opt.init(0), /positive integer size, got 0/);
});

test("unknown low-level options are refused rather than ignored", () => {
  assert.throws(() => amsgradOptimizer({ lr: 0.1 } as never), /unknown option "lr"/);
});
