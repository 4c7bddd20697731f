// Every objective's derivative against central finite differences, and the known minima.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { bowl, derivative, narrowBowl, objective, rosenbrock, testProblems } from "../lib/src/index.ts";

test("the tutorial's objective and derivative are x² + y² and [2x, 2y]", () => {
  assert.equal(objective(0.5, -1), 1.25);
  assert.deepEqual(derivative(0.5, -1), [1, -2]);
  assert.equal(objective(0, 0), 0);
});

for (const problem of Object.values(testProblems)) {
  test(`${problem.name}: the derivative matches central finite differences inside the bounds`, () => {
    const [[x0, x1], [y0, y1]] = problem.bounds;
    fc.assert(
      fc.property(fc.double({ min: x0, max: x1, noNaN: true }), fc.double({ min: y0, max: y1, noNaN: true }), (x, y) => {
        const h = 1e-6;
        const numeric = [
          (problem.objective(x + h, y) - problem.objective(x - h, y)) / (2 * h),
          (problem.objective(x, y + h) - problem.objective(x, y - h)) / (2 * h),
        ];
        const analytic = problem.derivative(x, y);
        for (let i = 0; i < 2; i++) {
          const scale = Math.max(1, Math.abs(analytic[i]), Math.abs(problem.objective(x, y)));
          assert.ok(Math.abs(numeric[i] - analytic[i]) <= 1e-6 * scale, `∂${i}: ${analytic[i]} vs ${numeric[i]}`);
        }
      }),
    );
  });

  test(`${problem.name}: the minimum is where the gradient vanishes, with the stated value`, () => {
    const [mx, my] = problem.minimum;
    assert.deepEqual(problem.derivative(mx, my).map((g) => g + 0), [0, 0]);
    assert.equal(problem.objective(mx, my), problem.minimumValue);
    assert.ok(problem.objective(mx + 0.01, my) > problem.minimumValue);
  });
}

test("the problems carry the hand-known values", () => {
  assert.equal(rosenbrock.objective(0, 0), 1);
  assert.deepEqual(rosenbrock.derivative(0, 0), [-2, 0]);
  assert.equal(narrowBowl.objective(1, 1), 2.1);
  assert.deepEqual(bowl.bounds, [[-1, 1], [-1, 1]]);
});
