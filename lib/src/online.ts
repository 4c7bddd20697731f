import { checkCount, checkFinite, checkFunction, checkKnownKeys, checkSeed, describe } from "./errors.js";
import { MAX_RESULT_BYTES, RunStoppedError } from "./run.js";
import type { Optimizer } from "./optimizer.js";
import { seededRandom, type RandomSource } from "./random.js";

/**
 * An online convex problem with linear losses f_t(x) = c_t·x on an interval: at each t = 1, 2, … the
 * learner plays x_t, then sees the gradient c_t. The paper's counterexample is of this kind.
 */
export interface OnlineLinearProblem {
  readonly name: string;
  readonly title: string;
  /** The feasible interval [min, max]; iterates are projected into it. */
  readonly bounds: readonly [number, number];
  /** c_t, the gradient (and slope) of the loss at step t ≥ 1; `rng` serves stochastic problems. */
  coefficient(t: number, rng: RandomSource): number;
  /** The best fixed point in hindsight (for the losses in expectation, if stochastic). */
  readonly minimizer: number;
}

/**
 * Reddi, Kale & Kumar (2018), section 5: on F = [−1, 1], f_t(x) = 1010·x when t mod 101 = 1, else −10·x.
 * Over each 101 steps the sum of slopes is 1010 − 1000 = 10 > 0, so the best point is x = −1; Adam
 * drifts to +1 while AMSGrad goes to −1.
 *
 * @example
 * runOnline(counterexample, adamOptimizer({ beta1Schedule: "constant" }), { nIter: 1e6 })
 */
export const counterexample: OnlineLinearProblem = Object.freeze({
  name: "counterexample",
  title: "f_t(x) = 1010x if t mod 101 = 1, else −10x",
  bounds: [-1, 1] as const,
  coefficient: (t: number) => (t % 101 === 1 ? 1010 : -10),
  minimizer: -1,
});

/**
 * The stochastic version: f_t(x) = 1010·x with probability 0.01, else −10·x. The expected slope is
 * 0.01·1010 − 0.99·10 = 0.2 > 0, so the best point is again x = −1.
 */
export const stochasticCounterexample: OnlineLinearProblem = Object.freeze({
  name: "stochastic-counterexample",
  title: "f_t(x) = 1010x with probability 0.01, else −10x",
  bounds: [-1, 1] as const,
  coefficient: (_t: number, rng: RandomSource) => (rng() < 0.01 ? 1010 : -10),
  minimizer: -1,
});

/** Options of {@link runOnline}. */
export interface OnlineRunOptions {
  /** Number of steps T. Default 1,000,000. */
  nIter?: number;
  /** x_1. Default 0. */
  start?: number;
  /** Keep one sample every `recordEvery` steps (and always the last). Default nIter / 1000, at least 1. */
  recordEvery?: number;
  /** seedrandom seed for stochastic problems. Default 1. */
  seed?: string | number;
  /** Or any uniform `() => number` in [0, 1). */
  rng?: RandomSource;
}

/**
 * What one recorded sample of {@link runOnline} costs: t, x and the average regret, 8 bytes each in
 * three growing arrays (up to 1.5 × their length). Measured: 28 B per sample over 2·10⁷ samples.
 */
const BYTES_PER_RECORD = 36;

/** The recorded trace of an online run. */
export interface OnlineRunResult {
  /** The steps recorded (1-based t, after which `x` and `averageRegret` were taken). */
  t: number[];
  /** The iterate x_{t+1} after step t. */
  x: number[];
  /** R_t / t where R_t = Σ_{s≤t} f_s(x_s) − min_{x∈F} Σ_{s≤t} f_s(x). */
  averageRegret: number[];
  /** The last iterate. */
  final: number;
}

/**
 * Runs a low-level {@link Optimizer} on an online linear problem, projecting each iterate into the
 * problem's interval (the paper's Project_F), and records the iterate and the average regret. A
 * coefficient that is not a finite number, an `rng` outside [0, 1) or an update that leaves a non-finite
 * value stops the run with a `RunStoppedError` (its `partial`: what was recorded, `iteration`: the step t).
 * The regret is exact for linear losses: R_T = Σ c_t·x_t + |Σ c_t| on [−1, 1] (in general,
 * Σ c_t·x_t − min(C·lo, C·hi) with C = Σ c_t).
 *
 * @example
 * const adamTrace = runOnline(counterexample, adamOptimizer({ beta1Schedule: "constant", alpha: 0.1, alphaSchedule: "inverse-sqrt" }));
 * adamTrace.final // close to +1
 */
export function runOnline(
  problem: OnlineLinearProblem,
  optimizer: Optimizer,
  options: OnlineRunOptions = {},
): OnlineRunResult {
  const where = "runOnline";
  if (problem === null || typeof problem !== "object" || typeof problem.coefficient !== "function" || !Array.isArray(problem.bounds)) {
    throw new TypeError(`${where}: problem must be an online problem (counterexample, stochasticCounterexample, …), got ${describe(problem)}`);
  }
  if (optimizer === null || typeof optimizer !== "object" || typeof optimizer.update !== "function" || typeof optimizer.init !== "function") {
    throw new TypeError(`${where}: optimizer must be one made by amsgradOptimizer(), adamOptimizer(), …, got ${describe(optimizer)}`);
  }
  if (options === null || typeof options !== "object") throw new TypeError(`${where}: options must be an object, got ${describe(options)}`);
  checkKnownKeys(where, options, ["nIter", "start", "recordEvery", "seed", "rng"]);
  const nIter = options.nIter === undefined ? 1_000_000 : options.nIter;
  checkCount(where, "nIter", nIter);
  const [lo, hi] = problem.bounds;
  const start = options.start === undefined ? 0 : options.start;
  checkFinite(where, "start", start);
  if (!(start >= lo && start <= hi)) {
    throw new RangeError(`${where}: start must lie in the problem's interval [${lo}, ${hi}], got ${describe(start)}`);
  }
  const recordEvery = options.recordEvery === undefined ? Math.max(1, Math.floor(nIter / 1000)) : options.recordEvery;
  checkCount(where, "recordEvery", recordEvery);
  if (recordEvery < 1) throw new RangeError(`${where}: recordEvery must be an integer >= 1, got ${describe(recordEvery)}`);
  // Refused before the first step, as the drivers refuse a path that would not fit (run.ts).
  const records = Math.ceil(nIter / recordEvery);
  if (records * BYTES_PER_RECORD > MAX_RESULT_BYTES) {
    throw new RangeError(
      `${where}: recording ${records.toLocaleString("en")} samples (nIter ${describe(nIter)}, recordEvery ${describe(recordEvery)}) needs about ` +
        `${((records * BYTES_PER_RECORD) / 2 ** 30).toFixed(1)} GB, more than the ${MAX_RESULT_BYTES / 2 ** 30} GB a result may hold; ` +
        `record less often (recordEvery >= ${Math.ceil(nIter / Math.floor(MAX_RESULT_BYTES / BYTES_PER_RECORD))})`,
    );
  }
  if (options.rng !== undefined && options.seed !== undefined) throw new TypeError(`${where}: give seed or rng, not both`);
  if (options.rng !== undefined) checkFunction(where, "rng", options.rng);
  if (options.seed !== undefined) checkSeed(where, "seed", options.seed);
  const source = options.rng ?? seededRandom(options.seed ?? 1);
  // The problem draws from this: a number outside [0, 1) would silently bend its probabilities.
  const rng = (): number => {
    const u = source();
    if (!(typeof u === "number" && u >= 0 && u < 1)) throw new RangeError(`rng must return numbers in [0, 1), got ${describe(u)}`);
    return u;
  };

  const x = Float64Array.of(start);
  const grad = new Float64Array(1);
  const state = optimizer.init(1);
  const result: OnlineRunResult = { t: [], x: [], averageRegret: [], final: start };
  let lossSum = 0; // Σ c_s·x_s
  let slopeSum = 0; // C = Σ c_s
  const stop = (t: number, why: string, cause?: unknown): never => {
    result.final = x[0];
    throw new RunStoppedError<OnlineRunResult>(`${where}: stopped at step ${t}: ${why}`, t, result, { cause });
  };
  for (let t = 1; t <= nIter; t++) {
    let c: number;
    try {
      c = problem.coefficient(t, rng);
    } catch (error) {
      return stop(t, (error as Error)?.message ?? String(error), error);
    }
    if (typeof c !== "number" || !Number.isFinite(c)) stop(t, `the problem's coefficient is ${describe(c)}, not a finite number`);
    lossSum += c * x[0];
    slopeSum += c;
    grad[0] = c;
    optimizer.update(x, grad, state);
    if (!(Number.isFinite(x[0]) && Number.isFinite(state.v[0] ?? 0) && Number.isFinite(state.m[0] ?? 0))) {
      stop(t, `the update gave x = ${describe(x[0])} (m = ${describe(state.m[0])}, v = ${describe(state.v[0])})`);
    }
    x[0] = Math.min(hi, Math.max(lo, x[0]));
    if (t % recordEvery === 0 || t === nIter) {
      result.t.push(t);
      result.x.push(x[0]);
      result.averageRegret.push((lossSum - Math.min(slopeSum * lo, slopeSum * hi)) / t);
    }
  }
  result.final = x[0];
  return result;
}
