// The tutorial's printed run, reproduced from its own numbers: the start numpy drew with seed(1),
// alpha 0.007, beta1 0.9, beta2 0.99, 100 iterations. Expected strings are copied from the tutorial's
// printed output (shared/seed/amsgrad-tutorial.txt), not from this library.
import { test } from "node:test";
import assert from "node:assert/strict";
import { amsgrad, derivative, formatProgress, formatResult, numpyRandom, objective } from "../lib/src/index.ts";

const TUTORIAL_START = [-0.165955990594852, 0.4406489868843162];
const TUTORIAL_OPTIONS = { nIter: 100, alpha: 0.007, beta1: 0.9, beta2: 0.99 } as const;

/** The tutorial's lines >90 … >99 as [x, y] in numpy's 8-significant-digit scientific notation. */
const PRINTED: [number, string, string][] = [
  [90, "-5.74880707e-11", "2.16227707e-03"],
  [91, "-4.53359947e-11", "2.03974264e-03"],
  [92, "-3.57526928e-11", "1.92415218e-03"],
  [93, "-2.81951584e-11", "1.81511216e-03"],
  [94, "-2.22351711e-11", "1.71225138e-03"],
  [95, "-1.75350316e-11", "1.61521966e-03"],
  [96, "-1.38284262e-11", "1.52368665e-03"],
  [97, "-1.09053366e-11", "1.43734076e-03"],
  [98, "-8.60013947e-12", "1.35588802e-03"],
  [99, "-6.78222208e-12", "1.27905115e-03"],
];

// numpy prints these as the shortest repr up to 8 digits after the point; every printed mantissa here
// has all 8 digits, so toExponential(8) (JS pads the exponent differently) gives the same digits.
const sci = (x: number) => x.toExponential(8).replace(/e([+-])(\d)$/, "e$10$2");

test("with eps = 0 the run prints the tutorial's iterations 90 to 99 digit for digit", () => {
  const { solutions, scores } = amsgrad(objective, derivative, { ...TUTORIAL_OPTIONS, start: TUTORIAL_START, eps: 0 });
  for (const [t, x, y] of PRINTED) {
    assert.deepEqual([sci(solutions[t][0]), sci(solutions[t][1])], [x, y], `iteration ${t}`);
    assert.equal(scores[t].toFixed(5), "0.00000");
  }
});

test("with eps = 0 the final result is the tutorial's f([-6.78222208e-12 1.27905115e-03]) = 0.000002", () => {
  const { best, score, solutions } = amsgrad(objective, derivative, { ...TUTORIAL_OPTIONS, start: TUTORIAL_START, eps: 0 });
  assert.equal(solutions.length, 100);
  assert.deepEqual(best.map(sci), ["-6.78222208e-12", "1.27905115e-03"]);
  assert.equal(score.toFixed(6), "0.000002");
});

test("with the listing's eps = 1e-8 the 8th significant digit of x differs from the printed output", () => {
  const { best } = amsgrad(objective, derivative, { ...TUTORIAL_OPTIONS, start: TUTORIAL_START, eps: 1e-8 });
  // The tiny x coordinate feels eps most: its denominator √v̂ is about 1e-10 … 1e-9 late in the run.
  assert.notEqual(sci(best[0]), "-6.78222208e-12");
  assert.equal(sci(best[0]).slice(0, 5), "-6.78", "still agrees in the leading digits");
  assert.equal(sci(best[1]).slice(0, 8), "1.279051");
});

test("the first iteration moves each coordinate by exactly alpha against the gradient's sign", () => {
  // Hand computation: t = 1, b1 = 0.9, m = 0.1·g, v̂ = 0.01·g², so alpha·m/√v̂ = alpha·sign(g).
  const { solutions } = amsgrad(objective, derivative, { ...TUTORIAL_OPTIONS, start: TUTORIAL_START, eps: 0, nIter: 1 });
  assert.ok(Math.abs(solutions[0][0] - (TUTORIAL_START[0] + 0.007)) < 1e-16);
  assert.ok(Math.abs(solutions[0][1] - (TUTORIAL_START[1] - 0.007)) < 1e-16);
});

test("bounds with numpyRandom(1) start exactly where the tutorial's numpy seed(1) started", () => {
  const { start } = amsgrad(objective, derivative, { bounds: [[-1, 1], [-1, 1]], rng: numpyRandom(1), nIter: 0 });
  assert.deepEqual(start, TUTORIAL_START);
});

test("the progress lines >90 … >99 and the result line are the tutorial's, character for character", () => {
  // The tutorial page shows one space between the coordinates; numpy prints two (it pads the positive
  // number to the width of the negative one), which is what Python prints and what we print.
  const lines: string[] = [];
  const result = amsgrad(objective, derivative, {
    ...TUTORIAL_OPTIONS,
    bounds: [[-1, 1], [-1, 1]],
    rng: numpyRandom(1),
    eps: 0,
    onIteration: ({ t, point, score }) => void lines.push(formatProgress(t, point, score)),
  });
  const expected = PRINTED.map(([t, x, y]) => `>${t} f([${x}  ${y}]) = 0.00000`);
  assert.deepEqual(lines.slice(90), expected);
  assert.equal(formatResult(result.best, result.score), "f([-6.78222208e-12  1.27905115e-03]) = 0.000002");
});
