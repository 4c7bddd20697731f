// Properties the algorithm's definition implies, checked on random inputs with fast-check.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { adamOptimizer, amsgradOptimizer, type Hyperparameters } from "../lib/src/index.ts";

// Zero or |g| in [1e-100, 1e3]: g² stays a normal double, so √v̂ keeps full precision.
const gradientValue = fc.oneof(
  fc.constant(0),
  fc.double({ min: 1e-100, max: 1e3, noNaN: true }),
  fc.double({ min: -1e3, max: -1e-100, noNaN: true }),
);
const hyperparameters = fc.record({
  alpha: fc.double({ min: 1e-4, max: 1, noNaN: true }),
  beta1: fc.double({ min: 0, max: 0.999, noNaN: true }),
  beta2: fc.double({ min: 0, max: 0.9999, noNaN: true }),
  eps: fc.constantFrom(0, 1e-8, 1e-3),
  beta1Schedule: fc.constantFrom("power", "constant", "inverse"),
  alphaSchedule: fc.constantFrom("constant", "inverse-sqrt", "exponential"),
  alphaDecay: fc.double({ min: 0.5, max: 1, noNaN: true }),
  biasCorrection: fc.boolean(),
}) as fc.Arbitrary<Hyperparameters>;
/** A run's gradients: `steps` arrays of `size` values. */
const gradientRun = (size: number) => fc.array(fc.array(gradientValue, { minLength: size, maxLength: size }), { minLength: 1, maxLength: 40 });

test("the running max v̂ never decreases and is never below v", () => {
  fc.assert(
    fc.property(hyperparameters, gradientRun(3), (hyper, grads) => {
      const opt = amsgradOptimizer(hyper);
      const x = new Float64Array(3), state = opt.init(3);
      let previous = Float64Array.from(state.vmax);
      for (const g of grads) {
        opt.update(x, Float64Array.from(g), state);
        for (let i = 0; i < 3; i++) {
          assert.ok(state.vmax[i] >= previous[i]);
          assert.ok(state.vmax[i] >= state.v[i]);
        }
        previous = Float64Array.from(state.vmax);
      }
    }),
  );
});

test("when the max never binds (|g| non-decreasing, so v never falls) AMSGrad equals Adam bit for bit", () => {
  // v_t ≥ v_{t−1} ⇔ g_t² ≥ v_{t−1}, and v_{t−1} ≤ max_{s<t} g_s² ≤ g_t² when |g| never decreases.
  const growing = fc
    .array(fc.tuple(fc.double({ min: 1e-3, max: 10, noNaN: true }), fc.boolean()), { minLength: 1, maxLength: 40 })
    .map((steps) => {
      let magnitude = 0;
      return steps.map(([increment, negative]) => ((magnitude += increment), negative ? -magnitude : magnitude));
    });
  fc.assert(
    fc.property(hyperparameters, growing, (hyper, gs) => {
      const ams = amsgradOptimizer(hyper), adam = adamOptimizer(hyper);
      const xa = Float64Array.of(0.3), xb = Float64Array.of(0.3);
      const sa = ams.init(1), sb = adam.init(1);
      for (const g of gs) {
        ams.update(xa, Float64Array.of(g), sa);
        adam.update(xb, Float64Array.of(g), sb);
        assert.ok(Object.is(xa[0], xb[0]), `${xa[0]} vs ${xb[0]}`);
      }
    }),
  );
});

test("each step is at most alpha(t)·|m|/√v̂ in size (no bias correction)", () => {
  fc.assert(
    fc.property(hyperparameters, gradientRun(2), (hyper, grads) => {
      const opt = amsgradOptimizer({ ...hyper, biasCorrection: false, beta1Schedule: hyper.beta1Schedule });
      const x = new Float64Array(2), state = opt.init(2);
      grads.forEach((g, index) => {
        const t = index + 1;
        const before = Float64Array.from(x);
        opt.update(x, Float64Array.from(g), state);
        const alphaT =
          hyper.alphaSchedule === "constant"
            ? hyper.alpha
            : hyper.alphaSchedule === "inverse-sqrt"
              ? hyper.alpha / Math.sqrt(t)
              : hyper.alpha * hyper.alphaDecay ** (t - 1);
        for (let i = 0; i < 2; i++) {
          if (state.vmax[i] === 0) {
            // √v̂ = 0 (all gradients zero, or so tiny that g² underflows): only eps can carry a step.
            if (hyper.eps === 0) assert.equal(x[i], before[i]);
            continue;
          }
          const bound = (alphaT * Math.abs(state.m[i])) / Math.sqrt(state.vmax[i]);
          // Slack: the subtraction x − step rounds to x's precision (one ulp of x).
          const slack = bound * 1e-12 + Number.EPSILON * Math.abs(before[i]);
          assert.ok(Math.abs(x[i] - before[i]) <= bound + slack, `step ${Math.abs(x[i] - before[i])} > ${bound}`);
        }
      });
    }),
  );
});

test("results do not depend on batching: one call over all parameters equals calls over slices", () => {
  fc.assert(
    fc.property(hyperparameters, gradientRun(6), fc.integer({ min: 1, max: 5 }), (hyper, grads, cut) => {
      const opt = amsgradOptimizer(hyper);
      const whole = new Float64Array(6).fill(0.5), parts = new Float64Array(6).fill(0.5);
      const stateWhole = opt.init(6), left = opt.init(cut), right = opt.init(6 - cut);
      for (const g of grads) {
        const grad = Float64Array.from(g);
        opt.update(whole, grad, stateWhole);
        opt.update(parts.subarray(0, cut), grad.subarray(0, cut), left);
        opt.update(parts.subarray(cut), grad.subarray(cut), right);
      }
      assert.deepEqual(Array.from(parts), Array.from(whole));
    }),
  );
});

test("results do not depend on batching in time: T steps equal T1 steps then T − T1 with the same state", () => {
  fc.assert(
    fc.property(hyperparameters, gradientRun(2), fc.nat(), (hyper, grads, split) => {
      const opt = amsgradOptimizer(hyper);
      const run = (chunks: number[][][]) => {
        const x = Float64Array.of(0.1, -0.2), state = opt.init(2);
        for (const chunk of chunks) for (const g of chunk) opt.update(x, Float64Array.from(g), state);
        return Array.from(x);
      };
      const k = split % (grads.length + 1);
      assert.deepEqual(run([grads.slice(0, k), grads.slice(k)]), run([grads]));
    }),
  );
});
