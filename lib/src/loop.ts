/**
 * The run loop: the one place where an {@link Optimizer} is driven over an objective and its derivative.
 * `amsgrad()`, `adam()` and `gradientDescent()` (run.ts), `traceRun()` (trace.ts) and the in-page explorer
 * (explorer/compute.ts) all call {@link runLoop}; they differ only in the {@link RunSink} that keeps what they
 * need (arrays of points, reused buffers, the optimizer's state). So every number they show is the same
 * number, and every failure is found and worded the same way.
 *
 * The loop allocates nothing per iteration for 1-, 2- and 3-dimensional problems (the point, the gradient
 * and the state are reused), so the explorer can redraw 10,000 iterations within one frame.
 */
import { describe } from "./errors.js";
import type { Optimizer, OptimizerState } from "./optimizer.js";

/** An objective taking the coordinates as separate arguments, as the tutorial's `objective(x, y)`. */
export type Objective = (...point: number[]) => number;
/** Its gradient, taking the coordinates as separate arguments, as the tutorial's `derivative(x, y)`. */
export type Derivative = (...point: number[]) => ArrayLike<number>;

/** What a run keeps. The loop calls `start` once, then `step` after every iteration that succeeded. */
export interface RunSink {
  /** The start point (a live view: copy it to keep it) and the objective there. */
  start(point: Float64Array, score: number): void;
  /**
   * Iteration t (0-based, as the tutorial's loop variable; the update used t + 1) succeeded: `point` is
   * the new iterate and `score` the objective there; `gradient` is the gradient the update used (taken at
   * the previous point) and `state` the optimizer's state after it. All live views.
   */
  step(t: number, point: Float64Array, score: number, gradient: Float64Array, state: OptimizerState): void;
}

/** What {@link IterationCallback} receives after each iteration. */
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

/** A reader's callback after every iteration (progress lines, live plots): `onIteration` of the drivers. */
export type IterationCallback = (info: IterationInfo) => void;

/** Everything the loop needs besides the functions: checked by the caller (run.ts `prepareRun`). */
export interface LoopSetup {
  /** Number of iterations, a non-negative integer. */
  readonly nIter: number;
  /** Where the run starts (its length is the dimension). */
  readonly start: ArrayLike<number>;
  /** With `project`, every iterate is clipped into these `[min, max]` pairs (the paper's projection). */
  readonly bounds?: readonly (readonly [number, number])[];
  readonly project: boolean;
}

/** Why a run stopped early: the iteration that failed (0-based) and what went wrong, in words. */
export interface RunStop {
  readonly iteration: number;
  /** E.g. "non-finite gradient NaN in coordinate 0 at [0.5, NaN]". */
  readonly reason: string;
  /** The exception thrown by a user function, when one was. */
  readonly cause?: unknown;
  /** True when the iteration's own result was kept and only the `onIteration` callback after it failed. */
  readonly afterStep: boolean;
}

/**
 * The message a stopped run reports, `"<where>: stopped at iteration <t>: <reason>"`: the text of
 * `RunStoppedError` and of the explorer's readout alike.
 *
 * @example
 * stopMessage("amsgrad", { iteration: 3, reason: "non-finite gradient NaN in coordinate 1 at [0, 1]", afterStep: false })
 * // "amsgrad: stopped at iteration 3: non-finite gradient NaN in coordinate 1 at [0, 1]"
 */
export function stopMessage(where: string, stop: RunStop): string {
  return `${where}: stopped at iteration ${stop.iteration}: ${stop.reason}`;
}

/** The message of anything thrown: its `message` when it has one. */
function thrownText(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === "string" ? message : String(error);
}

/**
 * `f(...point)` without building an argument array for the common small dimensions (the explorer's 2-D
 * runs call this 20,000 times per redraw).
 */
function callAt<T>(f: (...point: number[]) => T, point: Float64Array): T {
  switch (point.length) {
    case 1:
      return f(point[0]);
    case 2:
      return f(point[0], point[1]);
    case 3:
      return f(point[0], point[1], point[2]);
    default:
      return f(...point);
  }
}

/** What a derivative returned, when it is not an array of numbers (a Promise, a number, an object…). */
function describeReturned(value: unknown): string {
  if (value !== null && typeof value === "object" && typeof (value as { then?: unknown }).then === "function") {
    return "a Promise (the derivative must return its values, not a Promise)";
  }
  if (value !== null && typeof value === "object" && typeof (value as { length?: unknown }).length === "number") {
    return `${(value as ArrayLike<unknown>).length} values`;
  }
  return describe(value);
}

/**
 * Runs `optimizer` for `setup.nIter` iterations from `setup.start`, telling `sink` the start and every
 * iteration. Per iteration t = 0 … nIter − 1 (the update's own count is t + 1):
 *
 *   g ← derivative(...x)          checked: the right length, every value finite
 *   optimizer.update(x, g, state) (the update rule: see `amsgradOptimizer`); m and v checked finite
 *   x ← clip(x, bounds)           only with `project`
 *   f ← objective(...x)           checked: a finite number; x checked finite too
 *   sink.step(t, x, f, g, state)
 *   onIteration({ t, point: x, score: f, gradient: g, state })   when given
 *
 * Returns null when every iteration ran, else the first failure as a {@link RunStop}; what the sink was
 * told before it stays valid (nothing is lost). When `onIteration` throws, iteration t's result has been
 * kept (`afterStep`). The objective is also evaluated at the start, which must be finite there. Nothing
 * is thrown for a failing step or callback: the caller decides (the drivers throw
 * a `RunStoppedError`, the explorer shows the message).
 *
 * @example
 * const stop = runLoop(amsgradOptimizer(), objective, derivative, { nIter: 100, start: [0.5, 0.5], project: false }, sink);
 * if (stop) console.log(stopMessage("amsgrad", stop));
 */
export function runLoop(
  optimizer: Optimizer,
  objective: Objective,
  derivative: Derivative,
  setup: LoopSetup,
  sink: RunSink,
  onIteration?: IterationCallback,
): RunStop | null {
  const { nIter, bounds, project } = setup;
  const point = Float64Array.from(setup.start);
  const n = point.length;
  const gradient = new Float64Array(n);
  const state = optimizer.init(n);
  const fail = (iteration: number, reason: string, cause?: unknown, afterStep = false): RunStop =>
    cause === undefined ? { iteration, reason, afterStep } : { iteration, reason, cause, afterStep };

  let startScore: unknown;
  try {
    startScore = callAt(objective, point);
  } catch (error) {
    return fail(0, `objective threw at the start point ${describe(Array.from(point))}: ${thrownText(error)}`, error);
  }
  if (typeof startScore !== "number" || !Number.isFinite(startScore)) {
    return fail(0, `non-finite objective ${describe(startScore)} at the start point ${describe(Array.from(point))}`);
  }
  sink.start(point, startScore);

  for (let t = 0; t < nIter; t++) {
    let g: ArrayLike<number>;
    try {
      g = callAt(derivative, point);
    } catch (error) {
      return fail(t, `derivative threw: ${thrownText(error)}`, error);
    }
    if (g === null || typeof g !== "object" || g.length !== n) {
      return fail(t, `derivative returned ${describeReturned(g)} for a ${n}-dimensional point`);
    }
    for (let i = 0; i < n; i++) {
      const gi = g[i];
      if (typeof gi !== "number" || !Number.isFinite(gi)) {
        return fail(t, `non-finite gradient ${describe(gi)} in coordinate ${i} at ${describe(Array.from(point))}`);
      }
      gradient[i] = gi;
    }
    optimizer.update(point, gradient, state);
    // A finite gradient can still overflow the moments (g = 1e200: g² = ∞): v̂ would then be ∞ and the
    // coordinate frozen for the rest of the run without a word. That is a failed step too.
    const { m, v } = state;
    for (let i = 0; i < m.length; i++) {
      if (!Number.isFinite(m[i])) {
        return fail(t, `non-finite first moment m = ${describe(m[i])} in coordinate ${i} after the update (gradient ${describe(gradient[i])})`);
      }
      if (!Number.isFinite(v[i])) {
        const why = Number.isFinite(gradient[i] * gradient[i]) ? "" : `: the gradient ${describe(gradient[i])} squared overflows`;
        return fail(t, `non-finite second moment v = ${describe(v[i])} in coordinate ${i} after the update${why}`);
      }
    }
    if (project && bounds) {
      for (let i = 0; i < n; i++) point[i] = Math.min(bounds[i][1], Math.max(bounds[i][0], point[i]));
    }
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(point[i])) {
        return fail(t, `non-finite coordinate ${describe(point[i])} in coordinate ${i} after the update`);
      }
    }
    let score: unknown;
    try {
      score = callAt(objective, point);
    } catch (error) {
      return fail(t, `objective threw: ${thrownText(error)}`, error);
    }
    if (typeof score !== "number" || !Number.isFinite(score)) {
      return fail(t, `non-finite objective ${describe(score)} at ${describe(Array.from(point))}`);
    }
    sink.step(t, point, score, gradient, state);
    if (onIteration) {
      try {
        onIteration({ t, point, score, gradient, state });
      } catch (error) {
        return fail(t, `onIteration threw: ${thrownText(error)}`, error, true);
      }
    }
  }
  return null;
}
