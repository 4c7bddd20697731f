/**
 * Every optimizer on every test problem, from the problem's default start, reaches the problem's known
 * minimum (`TestProblem.minimum`, `minimumValue`): one table, in the style of optax's alias tests. The
 * targets are the problems' own facts (worked out by hand: the bowls' minimum is the origin, Rosenbrock's
 * (1, 1)), never a number from a run.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { adam, amsgrad, gradientDescent, PROBLEM_NAMES, testProblems, type RunOptions, type RunResult } from "../lib/src/index.ts";

type Run = (objective: never, derivative: never, options: RunOptions) => RunResult;

/** Settings per optimizer; Rosenbrock's long curved valley needs more iterations (and GD a smaller step). */
const SETTINGS: Record<string, { run: Run; options: RunOptions; rosenbrock: RunOptions }> = {
  amsgrad: {
    run: amsgrad as Run,
    options: { alpha: 0.01, beta1Schedule: "constant", beta2: 0.999, nIter: 5000 },
    rosenbrock: { alpha: 0.01, beta1Schedule: "constant", beta2: 0.999, nIter: 20_000 },
  },
  adam: {
    run: adam as Run,
    options: { alpha: 0.01, beta1Schedule: "constant", beta2: 0.999, nIter: 5000 },
    rosenbrock: { alpha: 0.01, beta1Schedule: "constant", beta2: 0.999, nIter: 20_000 },
  },
  gradientDescent: {
    run: gradientDescent as Run,
    options: { alpha: 0.1, nIter: 2000 },
    rosenbrock: { alpha: 0.001, nIter: 40_000 },
  },
};

for (const [name, { run, options, rosenbrock }] of Object.entries(SETTINGS)) {
  for (const problemName of PROBLEM_NAMES) {
    const problem = testProblems[problemName];
    const settings = problemName === "rosenbrock" ? rosenbrock : options;
    test(`${name} on ${problemName} reaches its minimum ${JSON.stringify(problem.minimum)} from ${JSON.stringify(problem.defaultStart)}`, () => {
      const result = run(problem.objective as never, problem.derivative as never, { ...settings, start: problem.defaultStart });
      const distance = Math.hypot(result.best[0] - problem.minimum[0], result.best[1] - problem.minimum[1]);
      assert.ok(distance < 1e-3, `ends ${distance} from the minimum, at ${result.best}`);
      assert.ok(result.score - problem.minimumValue < 1e-5, `f ends ${result.score}, minimum ${problem.minimumValue}`);
      assert.ok(result.score >= problem.minimumValue, "no value below the minimum");
    });
  }
}
