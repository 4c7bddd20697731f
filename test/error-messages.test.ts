/**
 * Error messages follow errors.ts's rule: the function, the option, the value received (as `describe`
 * renders it: numbers as written, strings quoted, arrays with their NaN, objects as "an object") and what
 * is accepted. Each expectation is the message a reader should see, written out by hand.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  amsgrad,
  bowl,
  contourFigure,
  contourLevels,
  derivative,
  gradientDescent,
  objective,
  seededRandom,
  traceRun,
  type RunOptions,
} from "../lib/src/index.ts";

const start = [0.5, -0.5];

test("contourFigure: levels with NaN are shown with their NaN, a Symbol scheme by name", () => {
  assert.throws(() => contourFigure(bowl, { levels: [0, NaN, 1] }), {
    name: "RangeError",
    message: "contourFigure: levels must be finite and increasing, got [0, NaN, 1]",
  });
  assert.throws(() => contourFigure(bowl, { scheme: Symbol("jet") as never }), {
    name: "RangeError",
    message: 'contourFigure: scheme must be "jet", "turbo", "viridis" or a function, got Symbol(jet)',
  });
});

test("contourLevels: a count given as a string is a TypeError that shows the string", () => {
  assert.throws(() => contourLevels(0, 1, "5" as never), { name: "TypeError", message: 'contourLevels: count must be a number, got "5"' });
  assert.throws(() => contourLevels(NaN, 1), { name: "RangeError", message: "contourLevels: min must be a finite number, got NaN" });
  assert.throws(() => contourLevels(2, 1), { name: "RangeError", message: "contourLevels: needs min <= max, got 2 and 1" });
});

test("seededRandom and the runs name a bad seed as a reader would read it", () => {
  assert.throws(() => seededRandom({} as never), { name: "TypeError", message: "seededRandom: seed must be a string or a finite number, got an object" });
  assert.throws(() => amsgrad(objective, derivative, { start, seed: NaN }), {
    name: "TypeError",
    message: "amsgrad: seed must be a string or a finite number, got NaN",
  });
  assert.throws(() => amsgrad(objective, derivative, { start, rng: 5 as never }), {
    name: "TypeError",
    message: "amsgrad: rng must be a function, got 5",
  });
});

test("null is checked like any other value, never taken for the default", () => {
  assert.throws(() => amsgrad(objective, derivative, { start, nIter: null as never }), {
    name: "TypeError",
    message: "amsgrad: nIter must be a number, got null",
  });
  assert.throws(() => amsgrad(objective, derivative, { start, project: null as never }), /project must be true or false, got null/);
  assert.throws(() => amsgrad(objective, derivative, { bounds: null as never }), {
    name: "TypeError",
    message: "amsgrad: bounds must be a non-empty array of [min, max] pairs, got null",
  });
  assert.throws(() => amsgrad(objective, derivative, { bounds: 5 as never }), /bounds must be a non-empty array of \[min, max\] pairs, got 5$/);
  assert.throws(() => amsgrad(objective, derivative, { bounds: {} as never }), /bounds must be a non-empty array of \[min, max\] pairs, got an object$/);
});

test("a derivative that returns no array says what it returned", () => {
  const cases: [unknown, string][] = [
    [3, "derivative returned 3 for a 2-dimensional point"],
    [{ x: 1 }, "derivative returned an object for a 2-dimensional point"],
    [Promise.resolve([1, 2]), "derivative returned a Promise (the derivative must return its values, not a Promise) for a 2-dimensional point"],
    [[1, 2, 3], "derivative returned 3 values for a 2-dimensional point"],
  ];
  for (const [returned, words] of cases) {
    assert.throws(() => amsgrad(objective, () => returned as never, { start }), { message: `amsgrad: stopped at iteration 0: ${words}` });
  }
});

test("an objective that fails at the start is reported before the first step, also with nIter 0", () => {
  assert.throws(() => amsgrad(() => NaN, derivative, { start, nIter: 0 }), {
    message: "amsgrad: stopped at iteration 0: non-finite objective NaN at the start point [0.5, -0.5]",
  });
  assert.throws(() => amsgrad((() => undefined) as never, derivative, { start, nIter: 0 }), {
    message: "amsgrad: stopped at iteration 0: non-finite objective undefined at the start point [0.5, -0.5]",
  });
  assert.throws(
    () =>
      amsgrad(
        () => {
          throw new Error("no data");
        },
        derivative,
        { start, nIter: 0 },
      ),
    { name: "RunStoppedError", message: "amsgrad: stopped at iteration 0: objective threw at the start point [0.5, -0.5]: no data" },
  );
});

test("traceRun names what it was given", () => {
  assert.throws(() => traceRun((() => ({})) as never, objective, derivative, { start }), {
    name: "TypeError",
    message: "traceRun: run must be amsgrad, adam or gradientDescent (the function itself), got a function",
  });
  assert.throws(() => traceRun(amsgrad, objective, derivative, null as never), {
    name: "TypeError",
    message: "traceRun: options must be an object, got null",
  });
  assert.throws(() => traceRun(amsgrad, objective, derivative, { start, label: 7 } as RunOptions), {
    name: "TypeError",
    message: "traceRun: label must be a string, got 7",
  });
});

test("traceRun(gradientDescent) records the step α per coordinate (its update is x − α·g)", () => {
  const traced = traceRun(gradientDescent, objective, derivative, { start, alpha: 0.1, nIter: 3 });
  assert.deepEqual(traced.effectiveStepSizes, [[0.1, 0.1], [0.1, 0.1], [0.1, 0.1]]);
  // By hand: x ← x − 0.1·(2x), three times, in the same float operations.
  let [x, y] = start;
  for (let t = 0; t < 3; t++) [x, y] = [x - 0.1 * (x * 2), y - 0.1 * (y * 2)];
  assert.deepEqual(traced.best, [x, y]);
  assert.ok(Math.abs(x - 0.256) < 1e-15, "0.5 · 0.8³");
  assert.equal(traced.label, "gradient descent");
});
