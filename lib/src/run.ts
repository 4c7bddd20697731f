import {
  checkBoolean,
  checkBounds,
  checkCount,
  checkFunction,
  checkKnownKeys,
  checkPoint,
  checkSeed,
  describe,
} from "./errors.js";
import { runLoop, stopMessage, type Derivative, type IterationCallback, type Objective, type RunSink } from "./loop.js";
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

export type { Derivative, IterationCallback, IterationInfo, Objective } from "./loop.js";

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
  onIteration?: IterationCallback;
  /**
   * Which iterates the result keeps: `"all"` (default: `solutions[t]` for every t), `{ every: k }` (the
   * point after every k-th iteration, t = k − 1, 2k − 1, …, and always the last), `"last"` (only the last)
   * or `"none"` (no path; `best` and `score` still tell where the run ended). Long runs need one of the
   * thinner ones: a result that would hold more than {@link MAX_RESULT_BYTES} is refused before the first step.
   */
  keep?: Keep;
}

/** What a run's result keeps of its path: see {@link RunOptions.keep}. */
export type Keep = "all" | "last" | "none" | { readonly every: number };

/**
 * The most memory a run's result may need, about 1 GiB: above it the run is refused before its first
 * step (a kernel that runs out of memory dies with every variable in it). Estimated by
 * {@link resultBytes}.
 */
export const MAX_RESULT_BYTES = 2 ** 30;

/**
 * What one kept array costs besides its coordinates' 8 bytes each: the array object and its backing
 * store's header, its slot in the list, the score beside it. Measured in Node 20 (heap after a run, with
 * `--expose-gc`: 58 B + 8 B per coordinate for a 2-, 10- and 100-coordinate path; test/robustness.test.ts
 * measures it again), rounded up.
 */
export const BYTES_PER_KEPT_POINT = 80;

/** A plain array holding exactly `values` (Array.from over a typed array grows its store as it goes, up to 1.5 × 8 B per coordinate). */
export function plainCopy(values: Float64Array): number[] {
  const copy = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) copy[i] = values[i];
  return copy;
}

/**
 * The most coordinates `amsgrad()`, `adam()` and `gradientDescent()` accept: they call
 * `objective(...point)` with the coordinates as separate arguments, as the tutorial does, and JavaScript
 * engines limit how many arguments a call may have (about 125,000 in Node 20, fewer deep in a stack).
 * Larger problems use the in-place `amsgradOptimizer` API, which has no such limit.
 */
export const MAX_DIMENSIONS = 50_000;

/** The result of a run, as the tutorial returns it plus the whole path. */
export interface RunResult {
  /** The final point (the tutorial's `best`). */
  best: number[];
  /** Its objective value (the tutorial's `score`). */
  score: number;
  /**
   * `solutions[i]` is the point the tutorial prints as `>i`, i = 0 … nIter − 1: the point after update i + 1
   * (x_{i+1} in notebook 0's notation, where updates count from t = 1).
   */
  solutions: number[][];
  /** `scores[i]` = objective(...solutions[i]). */
  scores: number[];
  /** The point the run started from. */
  start: number[];
  /**
   * Only when `keep` thins the path (`{ every: k }`, `"last"`, `"none"`): the iteration t of each point
   * in `solutions` (and `scores`).
   */
  iterations?: number[];
}

/**
 * Thrown when a run cannot go on: a non-finite gradient, moment, coordinate or objective, a gradient of
 * the wrong length, or an exception from a callback. It names the iteration and keeps every result
 * computed before it (`runOnline` throws it too, with its own result type as `partial`).
 */
export class RunStoppedError<Partial = RunResult> extends Error {
  /** The iteration (0-based, as in `solutions`) that failed. */
  readonly iteration: number;
  /**
   * Everything computed before the failure: with `keep: "all"`, `solutions.length === iteration` when
   * the iteration's step failed, `iteration + 1` when only the `onIteration` callback after it threw
   * (its result is kept).
   */
  readonly partial: Partial;
  constructor(message: string, iteration: number, partial: Partial, options?: { cause?: unknown }) {
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
  "keep",
];

/** Checks the run options that are not hyperparameters and draws or copies the start point. */
function prepareRun(where: string, objective: unknown, derivative: unknown, options: RunOptions, known = RUN_OPTIONS) {
  checkFunction(where, "objective", objective);
  checkFunction(where, "derivative", derivative);
  if (options === null || typeof options !== "object") {
    throw new TypeError(`${where}: options must be an object, got ${describe(options)}`);
  }
  checkKnownKeys(where, options, known);
  // One rule for every option: undefined takes the default, anything else (null included) is checked.
  const nIter = options.nIter === undefined ? 100 : options.nIter;
  checkCount(where, "nIter", nIter);
  const bounds = options.bounds === undefined ? undefined : checkBounds(where, "bounds", options.bounds);
  const project = options.project === undefined ? false : options.project;
  checkBoolean(where, "project", project);
  if (project && !bounds) throw new TypeError(`${where}: project: true needs bounds to project into`);
  if (options.onIteration !== undefined) checkFunction(where, "onIteration", options.onIteration);
  if (options.rng !== undefined && options.seed !== undefined) {
    throw new TypeError(`${where}: give seed or rng, not both`);
  }
  // Checked even when an explicit start makes them unused: a typo must not pass silently.
  if (options.rng !== undefined) checkFunction(where, "rng", options.rng);
  if (options.seed !== undefined) checkSeed(where, "seed", options.seed);
  let start: number[];
  if (options.start !== undefined) {
    start = checkPoint(where, "start", options.start, bounds?.length);
  } else if (bounds) {
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
  if (start.length > MAX_DIMENSIONS) {
    throw new RangeError(
      `${where}: ${start.length} coordinates are more than the ${MAX_DIMENSIONS.toLocaleString("en")} this function passes as ` +
        "separate arguments to objective(...point) (engines limit a call's arguments); for large problems use " +
        "amsgradOptimizer() with your own loop (README: Large problems)",
    );
  }
  const keep = checkKeep(where, options.keep);
  return { nIter, bounds, project, start, keep };
}

/** Checks `keep` and gives it as a stride: 1 for "all", k for { every: k }, 0 for "last" and -1 for "none". */
function checkKeep(where: string, keep: unknown): number {
  if (keep === undefined || keep === "all") return 1;
  if (keep === "last") return 0;
  if (keep === "none") return -1;
  const every = keep !== null && typeof keep === "object" ? (keep as { every?: unknown }).every : undefined;
  if (typeof every === "number" && Number.isSafeInteger(every) && every >= 1) return every;
  throw new TypeError(`${where}: keep must be "all", "last", "none" or { every: k } with an integer k >= 1, got ${describe(keep)}`);
}

/** How many points a run keeps for a stride from {@link checkKeep}. */
function keptPoints(nIter: number, stride: number): number {
  if (stride === 1) return nIter;
  if (stride > 1) return Math.floor(nIter / stride) + (nIter % stride === 0 ? 0 : 1);
  return stride === 0 ? Math.min(1, nIter) : 0;
}

/**
 * The memory a run's result will need: per kept point, `arraysPerPoint` arrays (a driver keeps the point;
 * traceRun also the gradient, m, v, v̂ and the step sizes) of {@link BYTES_PER_KEPT_POINT} + 8 bytes per
 * coordinate each.
 */
export function resultBytes(nIter: number, dimensions: number, stride: number, arraysPerPoint = 1): number {
  return keptPoints(nIter, stride) * arraysPerPoint * (BYTES_PER_KEPT_POINT + 8 * dimensions);
}

/**
 * Refuses, before the first step, a run whose result would need more than {@link MAX_RESULT_BYTES}
 * ({@link resultBytes}: traceRun keeps six arrays per kept point, the drivers one).
 */
export function checkResultSize(where: string, nIter: number, dimensions: number, stride: number, arraysPerPoint = 1): void {
  const points = keptPoints(nIter, stride);
  const bytes = resultBytes(nIter, dimensions, stride, arraysPerPoint);
  if (bytes > MAX_RESULT_BYTES) {
    const gb = (bytes / 2 ** 30).toFixed(1);
    throw new RangeError(
      `${where}: keeping ${points.toLocaleString("en")} points of ${dimensions} coordinates needs about ${gb} GB, more than ` +
        `the ${MAX_RESULT_BYTES / 2 ** 30} GB a result may hold; keep less (keep: "last", keep: "none" or keep: { every: k }) ` +
        "or run fewer iterations",
    );
  }
}

/**
 * Keeps a run as arrays, for the drivers' {@link RunResult}: one copy of the point per kept iteration
 * (`keep`, as a stride from checkKeep), and always where the run ended. traceRun extends it to keep the
 * optimizer's state too.
 */
export class ResultRecorder implements RunSink {
  readonly solutions: number[][] = [];
  readonly scores: number[] = [];
  /** The iteration of each kept point, when the path is thinned (stride ≠ 1). */
  readonly iterations: number[] = [];
  /** f at the start; NaN until the loop has evaluated it. */
  startScore = NaN;
  /** Where the run is now: the last iterate and f there (the start until a step succeeds). */
  private readonly last: Float64Array;
  private lastScore = NaN;
  private lastT = -1;
  constructor(
    readonly startPoint: readonly number[],
    /** 1 keeps every point, k > 1 every k-th and the last, 0 only the last, −1 none. */
    readonly stride = 1,
    readonly nIter = Infinity,
  ) {
    this.last = Float64Array.from(startPoint);
  }
  start(_point: Float64Array, score: number): void {
    this.startScore = score;
    this.lastScore = score;
  }
  step(t: number, point: Float64Array, score: number, gradient: Float64Array, state: OptimizerState): void {
    this.last.set(point);
    this.lastScore = score;
    this.lastT = t;
    const stride = this.stride;
    if (stride === 1 || (stride > 1 && ((t + 1) % stride === 0 || t === this.nIter - 1))) {
      this.solutions.push(plainCopy(point));
      this.scores.push(score);
      if (stride !== 1) this.iterations.push(t);
      this.kept(t, point, score, gradient, state);
    }
  }
  /** Called for every kept point, after it was stored (traceRun records the state here). */
  protected kept(_t: number, _point: Float64Array, _score: number, _gradient: Float64Array, _state: OptimizerState): void {}
  /** The tutorial's `[best, score]` plus the path: where the run ended (the start when no step was taken). */
  result(): RunResult {
    const ran = this.lastT >= 0;
    const result: RunResult = {
      best: Array.from(this.last),
      score: ran ? this.lastScore : this.startScore,
      solutions: this.solutions,
      scores: this.scores,
      start: this.startPoint.slice(),
    };
    if (this.stride === 0 && ran) {
      // "last": the one point kept is where the run ended.
      result.solutions = [Array.from(this.last)];
      result.scores = [this.lastScore];
      result.iterations = [this.lastT];
    } else if (this.stride !== 1) {
      result.iterations = this.iterations;
    }
    return result;
  }
}

/** A run function of this module, as {@link traceRun} and the explorer find it: its name and optimizer. */
export interface Driver {
  /** The function's name, which its messages start with: "amsgrad", "adam", "gradientDescent". */
  readonly where: string;
  /** Its name in legends: "AMSGrad", "Adam", "gradient descent". */
  readonly label: string;
  /** The options it accepts. */
  readonly options: readonly string[];
  /** The update rule for these options (checked, defaults filled in). */
  optimizer(options: RunOptions): Optimizer;
}

const DRIVERS = new Map<unknown, Driver>();

/** The {@link Driver} behind `amsgrad`, `adam` or `gradientDescent`; undefined for any other value. */
export function driverOf(run: unknown): Driver | undefined {
  return DRIVERS.get(run);
}

/**
 * Checks the options (and that the result fits in memory), draws the start, runs {@link runLoop} into the
 * recorder `record(start, optimizer, stride, nIter)` makes and returns that recorder; throws a {@link RunStoppedError} holding the recorder's result when
 * a step fails. Every driver (and traceRun) is this function with its own recorder.
 */
export function drive<R extends ResultRecorder>(
  driver: Driver,
  objective: Objective,
  derivative: Derivative,
  options: RunOptions,
  record: (start: number[], optimizer: Optimizer, stride: number, nIter: number) => R,
  arraysPerPoint = 1,
): R {
  const setup = prepareRun(driver.where, objective, derivative, options, driver.options);
  checkResultSize(driver.where, setup.nIter, setup.start.length, setup.keep, arraysPerPoint);
  const optimizer = driver.optimizer(options);
  const recorder = record(setup.start, optimizer, setup.keep, setup.nIter);
  const stop = runLoop(optimizer, objective, derivative, setup, recorder, options.onIteration);
  if (stop) {
    throw new RunStoppedError(stopMessage(driver.where, stop), stop.iteration, recorder.result(), { cause: stop.cause });
  }
  return recorder;
}

/** The hyperparameters among the run options (undefined ones left out, so that defaults apply). */
function pickHyperparameters(options: RunOptions): Partial<Hyperparameters> {
  const picked: Partial<Hyperparameters> = {};
  for (const key of HYPERPARAMETER_NAMES) {
    if (options[key] !== undefined) (picked as Record<string, unknown>)[key] = options[key];
  }
  return picked;
}

const AMSGRAD: Driver = {
  where: "amsgrad",
  label: "AMSGrad",
  options: RUN_OPTIONS,
  optimizer: (options) => amsgradOptimizer(pickHyperparameters(options)),
};

const ADAM: Driver = {
  where: "adam",
  label: "Adam",
  options: RUN_OPTIONS,
  optimizer: (options) => adamOptimizer(pickHyperparameters(options)),
};

/** The options {@link gradientDescent} accepts: the run options with the step size and its schedule only. */
const GRADIENT_DESCENT_OPTIONS: readonly string[] = RUN_OPTIONS.filter(
  (name) => !["beta1", "beta2", "eps", "beta1Schedule", "biasCorrection"].includes(name),
);

const GRADIENT_DESCENT: Driver = {
  where: "gradientDescent",
  label: "gradient descent",
  options: GRADIENT_DESCENT_OPTIONS,
  optimizer: ({ alpha, alphaSchedule, alphaDecay }) => gradientDescentOptimizer({ alpha, alphaSchedule, alphaDecay }),
};

const record = (start: number[], _optimizer: Optimizer, stride: number, nIter: number) => new ResultRecorder(start, stride, nIter);

/**
 * Gradient descent with AMSGrad, as the tutorial's `amsgrad()`, in 1 to {@link MAX_DIMENSIONS} (50,000)
 * dimensions. Calls `objective(...point)` and `derivative(...point)` with the coordinates as separate
 * arguments (which is what limits the dimensions; larger problems use {@link amsgradOptimizer} in place).
 *
 * Each iteration t = 1 … nIter applies the update rule of {@link amsgradOptimizer} (which states it,
 * with every variant) to the gradient at the current point, in `runLoop` (loop.ts).
 *
 * Defaults: nIter 100, alpha 0.007, beta1 0.9, beta2 0.99, eps 1e-8, beta1Schedule "power",
 * alphaSchedule "constant" (alphaDecay 0.99 for "exponential"), biasCorrection false, project false,
 * seed 1 (seedrandom) when the start is drawn from `bounds`. Every option is checked before the first step.
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
  return drive(AMSGRAD, objective, derivative, options, record).result();
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
  return drive(ADAM, objective, derivative, options, record).result();
}

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
  return drive(GRADIENT_DESCENT, objective, derivative, options, record).result();
}

DRIVERS.set(amsgrad, AMSGRAD).set(adam, ADAM).set(gradientDescent, GRADIENT_DESCENT);
