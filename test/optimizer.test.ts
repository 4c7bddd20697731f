// The low-level update checked against hand computations of each variant's formula
// (shared/notes/amsgrad-variants.md), written out step by step here.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  adamOptimizer,
  alphaAt,
  amsgrad,
  amsgradOptimizer,
  effectiveStepSize,
  gradientDescentOptimizer,
  integerPower,
  resolveHyperparameters,
} from "../lib/src/index.ts";

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

test("the exponential schedule: alpha(t) = alpha·gamma^(t−1), by hand", () => {
  // γ = 0.5: α(1) = 0.4, α(2) = 0.2, α(3) = 0.1, α(4) = 0.05.
  const hyper = { alpha: 0.4, alphaSchedule: "exponential", alphaDecay: 0.5 } as const;
  assert.deepEqual([1, 2, 3, 4].map((t) => alphaAt(hyper, t)), [0.4, 0.2, 0.1, 0.05]);
  // γ = 0.9 at t = 3: 0.1·0.81 = 0.081 (0.9² = 0.81 exactly as Python prints it).
  close(alphaAt({ alpha: 0.1, alphaSchedule: "exponential", alphaDecay: 0.9 }, 3), 0.081);
  assert.equal(alphaAt({ alpha: 0.3, alphaSchedule: "exponential", alphaDecay: 1 }, 1000), 0.3, "γ = 1 is no decay");
  // Callers written before alphaDecay existed pass only alpha and the schedule: γ is then the default 0.99.
  assert.equal(alphaAt({ alpha: 1, alphaSchedule: "exponential" }, 2), 0.99);
  assert.equal(alphaAt({ alpha: 0.5, alphaSchedule: "inverse-sqrt" }, 4), 0.25);

  // In the update: a constant gradient 2 with β1 = 0 and β2 = 0 makes m/√v̂ = 1, so each step is α(t):
  // x = 1 − 0.4 − 0.2 − 0.1 = 0.3 after three steps.
  const opt = amsgradOptimizer({ ...hyper, beta1: 0, beta2: 0, eps: 0 });
  const x = Float64Array.of(1);
  const state = opt.init(1);
  for (let t = 1; t <= 3; t++) opt.update(x, Float64Array.of(2), state);
  close(x[0], 0.3);
  close(opt.effectiveStepSize(state, 0), 0.1 / 2, 1e-15); // s = α(3)/√v̂ = 0.1/2
  // Plain gradient descent takes it too: x = 1 − 0.4·2 − 0.2·2 = −0.2.
  const gd = gradientDescentOptimizer(hyper);
  const y = Float64Array.of(1);
  const gdState = gd.init(1);
  gd.update(y, Float64Array.of(2), gdState);
  gd.update(y, Float64Array.of(2), gdState);
  close(y[0], -0.2);
  // And the drivers pass it on: the first step from 0.5 on p² with β1 = β2 = 0 moves by α(1) = 0.4.
  const run = amsgrad((p) => p * p, (p) => [2 * p], { start: [0.5], nIter: 2, beta1: 0, beta2: 0, eps: 0, ...hyper });
  close(run.solutions[0][0], 0.1);
  // t = 2: g = 0.2, m = 0.2, v = 0.04 but v̂ = max(1, 0.04) = 1: step α(2)·0.2/1 = 0.04.
  close(run.solutions[1][0], 0.06);
});

test("alphaDecay is checked with the library's message, whatever the schedule", () => {
  for (const bad of [0, -0.5, 1.5, NaN]) {
    assert.throws(() => amsgradOptimizer({ alphaDecay: bad }), {
      name: "RangeError",
      message: `amsgrad: alphaDecay must be a number with 0 < alphaDecay <= 1, got ${bad}`,
    });
  }
  assert.throws(() => amsgradOptimizer({ alphaSchedule: "exponential", alphaDecay: "0.9" as never }), {
    name: "TypeError",
    message: 'amsgrad: alphaDecay must be a number, got "0.9"',
  });
  assert.throws(() => gradientDescentOptimizer({ alphaDecay: 2 }), /gradientDescentOptimizer: alphaDecay must be a number with 0 < alphaDecay <= 1, got 2/);
  assert.equal(resolveHyperparameters({}).alphaDecay, 0.99, "the default γ");
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
  assert.throws(() => opt.init(0), /init\(size\) needs an integer size from 1 to 1073741824 \(2\^30\), got 0/);
});

test("unknown low-level options are refused rather than ignored", () => {
  assert.throws(() => amsgradOptimizer({ lr: 0.1 } as never), /unknown option "lr"/);
});

test("integerPower agrees with Python's ** (C's pow) for the betas the tutorial uses", () => {
  // Printed by Python 3.11: {beta: {t: repr(beta ** t)}}.
  const python: Record<string, Record<string, string>> = {"0.9": {"1": "0.9", "2": "0.81", "3": "0.7290000000000001", "4": "0.6561", "5": "0.5904900000000001", "7": "0.4782969000000001", "10": "0.3486784401000001", "13": "0.2541865828329001", "20": "0.12157665459056935", "33": "0.030903154382632636", "50": "0.00515377520732012", "64": "0.0011790184577738603", "99": "2.9512665430652825e-05", "100": "2.6561398887587544e-05", "101": "2.3905258998828788e-05", "250": "3.636029179587016e-12", "500": "1.322070819480823e-23", "1000": "1.7478712517226947e-46"}, "0.99": {"1": "0.99", "2": "0.9801", "3": "0.970299", "4": "0.96059601", "5": "0.9509900498999999", "7": "0.9320653479069899", "10": "0.9043820750088044", "13": "0.8775210229989678", "20": "0.8179069375972308", "33": "0.7177305325982749", "50": "0.6050060671375364", "64": "0.525596487525562", "99": "0.36972963764972644", "100": "0.3660323412732292", "101": "0.3623720178604969", "250": "0.08105851616218128", "500": "0.006570483042414603", "1000": "4.317124741065786e-05"}, "0.999": {"1": "0.999", "2": "0.998001", "3": "0.997002999", "4": "0.996005996001", "5": "0.995009990004999", "7": "0.993020965034979", "10": "0.9900448802097482", "13": "0.9870777147137147", "20": "0.9801888648295347", "33": "0.9675225846837673", "50": "0.9512056281970314", "64": "0.9379749638258454", "99": "0.9056978449586677", "100": "0.9047921471137089", "101": "0.9038873549665952", "250": "0.7787033741169899", "500": "0.6063789448611847", "1000": "0.36769542477096373"}};
  for (const [beta, powers] of Object.entries(python)) {
    for (const [t, expected] of Object.entries(powers)) {
      assert.equal(integerPower(Number(beta), Number(t)), Number(expected), `${beta} ** ${t}`);
    }
  }
  assert.equal(integerPower(0.9, 0), 1);
  assert.throws(() => integerPower(0.9, 1.5), /t must be a non-negative integer, got 1.5/);
});

test("effectiveStepSize is the factor on m in the update, for both forms", () => {
  // Tutorial form, t = 1: α/(√v̂ + ε) with v̂ = 0.01 → 0.007/(0.1 + 1e-8).
  close(effectiveStepSize(resolveHyperparameters({ alpha: 0.007 }), 1, 0.01), 0.007 / (0.1 + 1e-8));
  // torch form, t = 1, β1 = 0.9, β2 = 0.999, v̂ = 0.004: (0.001/0.1)/(√0.004/√0.001 + 1e-8) = 0.01/(2 + 1e-8).
  const torch = resolveHyperparameters({ alpha: 0.001, beta2: 0.999, biasCorrection: true });
  close(effectiveStepSize(torch, 1, 0.004), 0.01 / (2 + 1e-8), 1e-14);
  assert.equal(effectiveStepSize(resolveHyperparameters({ eps: 0 }), 3, 0), 0, "no step where the denominator is 0");
  // inverse-sqrt: α/√t at t = 4 halves α.
  close(effectiveStepSize(resolveHyperparameters({ alpha: 0.5, alphaSchedule: "inverse-sqrt", eps: 0 }), 4, 1), 0.25);
});
