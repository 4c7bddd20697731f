/**
 * The tutorial's test problem and the further problems used by later notebooks. Each problem is a
 * pair objective/derivative taking the coordinates as separate arguments, with bounds and a known minimum.
 */

/**
 * The tutorial's objective, the bowl f(x, y) = x² + y² (minimum f(0, 0) = 0).
 *
 * @example
 * objective(0.5, -1) // 1.25
 */
export function objective(x: number, y: number): number {
  // x * x rather than x ** 2: numpy squares by multiplication, and Math.pow need not round the same way.
  return x * x + y * y;
}

/**
 * The bowl's gradient, ∇f(x, y) = [2x, 2y], exactly the tutorial's `derivative()`.
 *
 * @example
 * derivative(0.5, -1) // [1, -2]
 */
export function derivative(x: number, y: number): [number, number] {
  return [x * 2, y * 2];
}

/**
 * A 2-D test problem: what a figure needs to draw it, a run needs to solve it and a menu needs to offer
 * it. The one table of problem facts: the explorer, the figures and the tests all read them here.
 */
export interface TestProblem {
  /** Short identifier, its key in {@link testProblems}, e.g. `"narrow-bowl"`. */
  readonly name: string;
  /** The library's exported constant holding it, for code that reproduces a run, e.g. `"narrowBowl"`. */
  readonly identifier: string;
  /** Its name in menus, e.g. `"narrow bowl 0.1x² + 2y²"`. */
  readonly label: string;
  /** Title for figures, e.g. `"f(x, y) = x² + y²"`. */
  readonly title: string;
  readonly objective: (x: number, y: number) => number;
  readonly derivative: (x: number, y: number) => [number, number];
  /** `[[xmin, xmax], [ymin, ymax]]`: the region drawn and searched. */
  readonly bounds: readonly [readonly [number, number], readonly [number, number]];
  /** The known minimizer. */
  readonly minimum: readonly [number, number];
  /** The objective there. */
  readonly minimumValue: number;
  /** Where a run starts when none is given (the explorer's start), inside the bounds. */
  readonly defaultStart: readonly [number, number];
}

/**
 * The tutorial's problem: the bowl x² + y² on [−1, 1]², minimum at (0, 0).
 *
 * @example
 * amsgrad(bowl.objective, bowl.derivative, { bounds: bowl.bounds })
 */
export const bowl: TestProblem = Object.freeze({
  name: "bowl",
  identifier: "bowl",
  label: "bowl x² + y² (tutorial)",
  title: "f(x, y) = x² + y²",
  objective,
  derivative,
  bounds: [[-1, 1], [-1, 1]] as const,
  minimum: [0, 0] as const,
  minimumValue: 0,
  // The tutorial's start: numpy's seed(1), rand(2) scaled into [−1, 1]² (what numpyRandom(1) draws).
  defaultStart: [-0.165955990594852, 0.4406489868843162] as const,
});

/**
 * Rosenbrock's banana valley f(x, y) = (1 − x)² + 100·(y − x²)², minimum f(1, 1) = 0;
 * ∇f = [−2(1 − x) − 400x(y − x²), 200(y − x²)]. Bounds [−2, 2] × [−1, 3].
 *
 * @example
 * rosenbrock.objective(1, 1) // 0
 */
export const rosenbrock: TestProblem = Object.freeze({
  name: "rosenbrock",
  identifier: "rosenbrock",
  label: "Rosenbrock's valley",
  title: "Rosenbrock: (1 − x)² + 100 (y − x²)²",
  objective: (x: number, y: number) => (1 - x) ** 2 + 100 * (y - x * x) ** 2,
  derivative: (x: number, y: number): [number, number] => [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)],
  bounds: [[-2, 2], [-1, 3]] as const,
  minimum: [1, 1] as const,
  minimumValue: 0,
  // On the far side of the valley, so that the path has the whole banana to follow.
  defaultStart: [-1.5, 2] as const,
});

/**
 * A narrow, ill-conditioned bowl f(x, y) = 0.1x² + 2y² (condition number 20, the example of d2l's
 * optimization chapter), ∇f = [0.2x, 4y], minimum f(0, 0) = 0. Bounds [−5, 5] × [−3, 3].
 *
 * @example
 * narrowBowl.derivative(1, 1) // [0.2, 4]
 */
export const narrowBowl: TestProblem = Object.freeze({
  name: "narrow-bowl",
  identifier: "narrowBowl",
  label: "narrow bowl 0.1x² + 2y²",
  title: "Narrow bowl: 0.1x² + 2y²",
  objective: (x: number, y: number) => 0.1 * x * x + 2 * y * y,
  derivative: (x: number, y: number): [number, number] => [0.2 * x, 4 * y],
  bounds: [[-5, 5], [-3, 3]] as const,
  minimum: [0, 0] as const,
  minimumValue: 0,
  // On the steep flank, where the two scales differ most.
  defaultStart: [-4, -2] as const,
});

/** Every 2-D test problem by its `name`, in menu order (the explorer's objective choice). */
export const testProblems = Object.freeze({
  bowl,
  rosenbrock,
  "narrow-bowl": narrowBowl,
}) satisfies Readonly<Record<string, TestProblem>>;

/** The name of a problem in {@link testProblems}: `"bowl"`, `"rosenbrock"` or `"narrow-bowl"`. */
export type ProblemName = keyof typeof testProblems;

/** Every {@link ProblemName}, in menu order. */
export const PROBLEM_NAMES = Object.freeze(Object.keys(testProblems) as ProblemName[]);
