import {
  checkBoolean,
  checkBounds,
  checkCount,
  checkFunction,
  checkKnownKeys,
  checkPoint,
  describe,
} from "./errors.js";
import {
  adamOptimizer,
  amsgradOptimizer,
  gradientDescentOptimizer,
  HYPERPARAMETER_NAMES,
  type Hyperparameters,
  type Optimizer,
  type OptimizerState,
} from "./optimizer.js";
import { seededRandom, type RandomSource } from "./random.js";

/** An objective taking the coordinates as separate arguments, as the tutorial's `objective(x, y)`. */
export type Objective = (...point: number[]) => number;
/** Its gradient, taking the coordinates as separate arguments, as the tutorial's `derivative(x, y)`. */
export type Derivative = (...point: number[]) => ArrayLike<number>;

/** What {@link RunOptions.onIteration} receives after each iteration. */
export interface IterationInfo {
  /** The iteration index, 0 … nIter − 1, as the tutorial's loop variable (its update uses t + 1). */
  t: number;
  /** The point after this iteration (a live view: copy it to keep it). */
  point: Float64Array;
  /** objective(...point). */
  score: number;
  /** The gradient this iteration used, at the previous point (a live view). */
  gradient: Float64Array;
  /** The optimizer's state after this iteration (live views of m, v, vmax). */
  state: OptimizerState;
}

/**
 * Options of {@link amsgrad} and {@link adam}. Hyperparameters default to the tutorial's run; give
 * either `start` or `bounds`.
 */
export interface RunOptions extends Partial<Hyperparameters> {
  /** Number of iterations, a non-negative integer. Default 100. */
  nIter?: number;
  /** An explicit start point (its length sets the dimension). */
  start?: ArrayLike<number>;
  /** `[min, max]` per dimension: the start is drawn uniformly inside when `start` is not given. */
  bounds?: ArrayLike<readonly [number, number]> | (readonly number[])[];
  /** Seed for seedrandom when the start is drawn. Default 1, so runs are reproducible. */
  seed?: string | number;
  /** Any `() => number` in [0, 1) to draw the start instead of seedrandom, e.g. `numpyRandom(1)`. */
  rng?: RandomSource;
  /** Clip every iterate into `bounds` (the paper's projection). Default false. */
  project?: boolean;
  /** Called after every iteration (progress lines, live plots). */
  onIteration?: (info: IterationInfo) => void;
}

/** The result of a run, as the tutorial returns it plus the whole path. */
export interface RunResult {
  /** The final point (the tutorial's `best`). */
  best: number[];
  /** Its objective value (the tutorial's `score`). */
  score: number;
  /** `solutions[t]` is the point after iteration t, t = 0 … nIter − 1. */
  solutions: number[][];
  /** `scores[t]` = objective(...solutions[t]). */
  scores: number[];
  /** The point the run started from. */
  start: number[];
}

/**
 * Thrown when a run cannot go on: a non-finite gradient or objective, a gradient of the wrong length,
 * or an exception from a callback. It names the iteration and keeps every result computed before it.
 */
export class RunStoppedError extends Error {
  /** The iteration (0-based, as in `solutions`) that failed. */
  readonly iteration: number;
  /** Everything computed before the failure: `solutions.length === iteration`. */
  readonly partial: RunResult;
  constructor(message: string, iteration: number, partial: RunResult, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RunStoppedError";
    this.iteration = iteration;
    this.partial = partial;
  }
}

const RUN_OPTIONS: readonly string[] = [
  ...HYPERPARAMETER_NAMES,
  "nIter",
  "start",
  "bounds",
  "seed",
  "rng",
  "project",
  "onIteration",
];

/** Checks the run options that are not hyperparameters and draws or copies the start point. */
function prepareRun(where: string, objective: unknown, derivative: unknown, options: RunOptions, known = RUN_OPTIONS) {
  checkFunction(where, "objective", objective);
  checkFunction(where, "derivative", derivative);
  if (options === null || typeof options !== "object") {
    throw new TypeError(`${where}: options must be an object, got ${describe(options)}`);
  }
  checkKnownKeys(where, options, known);
  const nIter = options.nIter ?? 100;
  checkCount(where, "nIter", nIter);
  const bounds = options.bounds === undefined ? undefined : checkBounds(where, "bounds", Array.from(options.bounds));
  const project = options.project ?? false;
  checkBoolean(where, "project", project);
  if (project && !bounds) throw new TypeError(`${where}: project: true needs bounds to project into`);
  if (options.onIteration !== undefined) checkFunction(where, "onIteration", options.onIteration);
  if (options.rng !== undefined && options.seed !== undefined) {
    throw new TypeError(`${where}: give seed or rng, not both`);
  }
  let start: number[];
  if (options.start !== undefined) {
    start = checkPoint(where, "start", options.start, bounds?.length);
  } else if (bounds) {
    if (options.rng !== undefined) checkFunction(where, "rng", options.rng);
    const rng: RandomSource = options.rng ?? seededRandom(options.seed ?? 1);
    // x = min + u · (max − min), one draw per dimension in order, as the tutorial's numpy line does.
    start = bounds.map(([lo, hi], i) => {
      const u = rng();
      if (!(u >= 0 && u < 1)) throw new RangeError(`${where}: rng must return numbers in [0, 1), got ${describe(u)} for dimension ${i}`);
      return lo + u * (hi - lo);
    });
  } else {
    throw new TypeError(`${where}: give a start point (start) or bounds to draw one from`);
  }
  return { nIter, bounds, project, start };
}

/** Runs any {@link Optimizer} on an objective of separate coordinates; shared by amsgrad() and adam(). */
function runOptimizer(
  where: string,
  optimizer: Optimizer,
  objective: Objective,
  derivative: Derivative,
  setup: ReturnType<typeof prepareRun>,
  onIteration: RunOptions["onIteration"],
): RunResult {
  const { nIter, bounds, project, start } = setup;
  const n = start.length;
  const point = Float64Array.from(start);
  const gradient = new Float64Array(n);
  const state = optimizer.init(n);
  const solutions: number[][] = [];
  const scores: number[] = [];
  const result = (): RunResult => ({
    best: solutions.length ? solutions[solutions.length - 1].slice() : start.slice(),
    score: scores.length ? scores[scores.length - 1] : objective(...start),
    solutions,
    scores,
    start: start.slice(),
  });
  const stop = (t: number, why: string, cause?: unknown): never => {
    let partial: RunResult;
    try {
      partial = result();
    } catch {
      partial = { best: start.slice(), score: NaN, solutions, scores, start: start.slice() };
    }
    throw new RunStoppedError(`${where}: stopped at iteration ${t}: ${why}`, t, partial, { cause });
  };
  for (let t = 0; t < nIter; t++) {
    let g: ArrayLike<number>;
    try {
      g = derivative(...point);
    } catch (error) {
      return stop(t, `derivative threw: ${(error as Error)?.message ?? String(error)}`, error);
    }
    if (!g || g.length !== n) {
      return stop(t, `derivative returned ${g ? g.length : describe(g)} values for a ${n}-dimensional point`);
    }
    for (let i = 0; i < n; i++) {
      const gi = g[i];
      if (!Number.isFinite(gi)) {
        return stop(t, `non-finite gradient ${describe(gi)} in coordinate ${i} at ${describe(Array.from(point))}`);
      }
      gradient[i] = gi;
    }
    optimizer.update(point, gradient, state);
    if (project && bounds) {
      for (let i = 0; i < n; i++) point[i] = Math.min(bounds[i][1], Math.max(bounds[i][0], point[i]));
    }
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(point[i])) {
        return stop(t, `non-finite coordinate ${describe(point[i])} in coordinate ${i} after the update`);
      }
    }
    let score: number;
    try {
      score = objective(...point);
    } catch (error) {
      return stop(t, `objective threw: ${(error as Error)?.message ?? String(error)}`, error);
    }
    if (typeof score !== "number" || !Number.isFinite(score)) {
      return stop(t, `non-finite objective ${describe(score)} at ${describe(Array.from(point))}`);
    }
    solutions.push(Array.from(point));
    scores.push(score);
    if (onIteration) {
      try {
        onIteration({ t, point, score, gradient, state });
      } catch (error) {
        return stop(t + 1, `onIteration threw: ${(error as Error)?.message ?? String(error)}`, error);
      }
    }
  }
  return result();
}

/**
 * Gradient descent with AMSGrad, as the tutorial's `amsgrad()`, for any number of dimensions.
 * Calls `objective(...point)` and `derivative(...point)` with the coordinates as separate arguments.
 *
 * Update at t = 1 … nIter (per coordinate; see {@link amsgradOptimizer} for every variant):
 *   m ← b1(t)·m + (1 − b1(t))·g;  v ← β2·v + (1 − β2)·g²;  v̂ ← max(v̂, v);  x ← x − α·m / (√v̂ + ε)
 *
 * Defaults: nIter 100, alpha 0.007, beta1 0.9, beta2 0.99, eps 1e-8, beta1Schedule "power",
 * alphaSchedule "constant", biasCorrection false, project false, seed 1 (seedrandom) when the start is
 * drawn from `bounds`. Every option is checked before the first step.
 *
 * @example
 * import { amsgrad, objective, derivative, numpyRandom } from "amsgrad";
 * // The tutorial's printed run: its numpy seed(1) start, and no eps (see the README).
 * const { best, score, solutions } = amsgrad(objective, derivative, {
 *   bounds: [[-1, 1], [-1, 1]], rng: numpyRandom(1), nIter: 100, alpha: 0.007, beta1: 0.9, beta2: 0.99, eps: 0,
 * });
 * @throws RangeError / TypeError for a bad option, naming it; {@link RunStoppedError} when a step fails.
 */
export function amsgrad(objective: Objective, derivative: Derivative, options: RunOptions = {}): RunResult {
  const setup = prepareRun("amsgrad", objective, derivative, options);
  const optimizer = amsgradOptimizer(pickHyperparameters(options));
  return runOptimizer("amsgrad", optimizer, objective, derivative, setup, options.onIteration);
}

/**
 * Gradient descent with Adam: {@link amsgrad} without the running max (v replaces v̂), same options,
 * same defaults and same result, so the two can be compared line by line.
 *
 * @example
 * const a = adam(objective, derivative, { start: [0.5, 0.5] });
 * const b = amsgrad(objective, derivative, { start: [0.5, 0.5] });
 */
export function adam(objective: Objective, derivative: Derivative, options: RunOptions = {}): RunResult {
  const setup = prepareRun("adam", objective, derivative, options);
  const optimizer = adamOptimizer(pickHyperparameters(options));
  return runOptimizer("adam", optimizer, objective, derivative, setup, options.onIteration);
}

function pickHyperparameters(options: RunOptions): Partial<Hyperparameters> {
  const picked: Partial<Hyperparameters> = {};
  for (const key of HYPERPARAMETER_NAMES) {
    if (options[key] !== undefined) (picked as Record<string, unknown>)[key] = options[key];
  }
  return picked;
}

/** The options {@link gradientDescent} accepts: the run options with alpha and alphaSchedule only. */
const GRADIENT_DESCENT_OPTIONS: readonly string[] = RUN_OPTIONS.filter(
  (name) => !["beta1", "beta2", "eps", "beta1Schedule", "biasCorrection"].includes(name),
);

/**
 * Plain gradient descent, x(t) = x(t−1) − α·f'(x(t−1)), with the same calling convention, options and
 * result as {@link amsgrad} (minus the moment hyperparameters), for the tutorial's first section.
 * Defaults: nIter 100, alpha 0.007, constant step.
 *
 * @example
 * const { solutions } = gradientDescent(objective, derivative, { start: [0.8, 0.6], alpha: 0.1, nIter: 30 });
 */
export function gradientDescent(
  objective: Objective,
  derivative: Derivative,
  options: Omit<RunOptions, "beta1" | "beta2" | "eps" | "beta1Schedule" | "biasCorrection"> = {},
): RunResult {
  const where = "gradientDescent";
  const setup = prepareRun(where, objective, derivative, options, GRADIENT_DESCENT_OPTIONS);
  const optimizer = gradientDescentOptimizer({ alpha: options.alpha, alphaSchedule: options.alphaSchedule });
  return runOptimizer(where, optimizer, objective, derivative, setup, options.onIteration);
}
