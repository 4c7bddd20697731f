/**
 * One explorer run: the library's own run loop (`runLoop`, loop.ts, the loop of `amsgrad()` and `adam()`)
 * driving the library's optimizer over a 2-D test problem, with a sink that writes the path, the objective
 * and the effective step sizes into reusable Float64Arrays instead of an array per iteration, so that a
 * redraw of 10,000 iterations fits in one frame. Same loop, same checks, same messages: `xs[t]`, `ys[t]`
 * and `scores[t]` are `amsgrad()`'s `solutions[t]` and `scores[t]` to the bit, and a failed step reads as
 * `amsgrad()`'s RunStoppedError would.
 */
import { runLoop, stopMessage, type RunSink } from "../loop.js";
import { adamOptimizer, amsgradOptimizer, type Optimizer, type OptimizerState } from "../optimizer.js";
import { testProblems } from "../objectives.js";
import type { ExplorerSettings } from "./settings.js";

/** The per-iteration series a run fills: entry t of each is about iteration t (0-based). */
export const SERIES = ["xs", "ys", "scores", "stepX", "stepY", "gx", "gy", "mx", "my", "vx", "vy", "vhatX", "vhatY"] as const;

/** One of {@link SERIES}. */
export type SeriesName = (typeof SERIES)[number];

/**
 * A run's numbers, in arrays reused from one redraw to the next (grown when more iterations are asked).
 * Everything the explorer shows of a run is read from here, the step-by-step view included: nothing is
 * computed twice.
 */
export interface RunBuffers extends Record<SeriesName, Float64Array> {
  /** `"amsgrad"` or `"adam"`. */
  kind: "amsgrad" | "adam";
  /** Iterations computed: entries 0 … length − 1 are valid. Less than nIter when the run stopped. */
  length: number;
  /** The start point and f there. */
  startX: number;
  startY: number;
  startScore: number;
  /** α, the step size the settings gave (the unit of the step-by-step view's "step in α"). */
  alpha: number;
  /** xs[t], ys[t]: the point after iteration t (amsgrad()'s `solutions[t]`); scores[t]: f there. */
  xs: Float64Array;
  ys: Float64Array;
  scores: Float64Array;
  /**
   * The effective step size of each coordinate at iteration t, the factor that multiplies m:
   * α(t) / (√v̂ + ε), or with bias correction (α(t) / (1 − β1^t)) / (√v̂ / √(1 − β2^t) + ε). Adam: v for v̂.
   */
  stepX: Float64Array;
  stepY: Float64Array;
  /** The gradient iteration t used (at the point before it). */
  gx: Float64Array;
  gy: Float64Array;
  /** The optimizer's state after iteration t: m, v and v̂ (for Adam v̂ is v). */
  mx: Float64Array;
  my: Float64Array;
  vx: Float64Array;
  vy: Float64Array;
  vhatX: Float64Array;
  vhatY: Float64Array;
  /** The library's RunStoppedError message when a step failed (a non-finite gradient, say), else null. */
  stopped: string | null;
}

/** Empty buffers for runs of up to `capacity` iterations (they grow on demand). */
export function createRunBuffers(kind: "amsgrad" | "adam", capacity = 128): RunBuffers {
  const series = Object.fromEntries(SERIES.map((name) => [name, new Float64Array(capacity)])) as Record<SeriesName, Float64Array>;
  return { kind, length: 0, startX: 0, startY: 0, startScore: 0, alpha: NaN, stopped: null, ...series };
}

function grow(out: RunBuffers, n: number): void {
  if (out.xs.length >= n) return;
  const capacity = Math.max(n, 2 * out.xs.length);
  for (const name of SERIES) out[name] = new Float64Array(capacity);
}

/**
 * The options `amsgrad()`/`adam()` take for these settings: what the reproducing line of code passes
 * (`start`, `nIter` and the hyperparameters).
 */
export function runOptions(settings: ExplorerSettings) {
  const { start, nIter, alpha, beta1, beta2, eps, beta1Schedule, alphaSchedule, alphaDecay, biasCorrection } = settings;
  return { start: [start[0], start[1]], nIter, alpha, beta1, beta2, eps, beta1Schedule, alphaSchedule, alphaDecay, biasCorrection };
}

/** A sink that fills the buffers (grown beforehand to nIter). */
class BufferSink implements RunSink {
  constructor(
    private readonly out: RunBuffers,
    private readonly optimizer: Optimizer,
  ) {}
  start(point: Float64Array, score: number): void {
    this.out.startX = point[0];
    this.out.startY = point[1];
    this.out.startScore = score;
  }
  step(t: number, point: Float64Array, score: number, gradient: Float64Array, state: OptimizerState): void {
    const out = this.out;
    out.xs[t] = point[0];
    out.ys[t] = point[1];
    out.scores[t] = score;
    // The factor the update multiplied m by, per coordinate.
    out.stepX[t] = this.optimizer.effectiveStepSize(state, 0);
    out.stepY[t] = this.optimizer.effectiveStepSize(state, 1);
    out.gx[t] = gradient[0];
    out.gy[t] = gradient[1];
    out.mx[t] = state.m[0];
    out.my[t] = state.m[1];
    out.vx[t] = state.v[0];
    out.vy[t] = state.v[1];
    out.vhatX[t] = state.vmax[0];
    out.vhatY[t] = state.vmax[1];
    out.length = t + 1;
  }
}

/**
 * Runs AMSGrad (or Adam, by `out.kind`) for the settings into `out` and returns it: the numbers of
 * `amsgrad(problem.objective, problem.derivative, { start, nIter, ...hyperparameters })` exactly.
 * Settings are assumed checked (resolveExplorerOptions, fieldError).
 */
export function computeRun(settings: ExplorerSettings, out: RunBuffers): RunBuffers {
  const { objective, derivative } = testProblems[settings.problem];
  const { start, nIter, ...hyperparameters } = runOptions(settings);
  const optimizer = out.kind === "amsgrad" ? amsgradOptimizer(hyperparameters) : adamOptimizer(hyperparameters);
  grow(out, nIter);
  out.length = 0;
  out.alpha = settings.alpha;
  out.startX = start[0];
  out.startY = start[1];
  out.startScore = NaN;
  const setup = { nIter, start, project: false };
  const stop = runLoop(optimizer, objective, derivative, setup, new BufferSink(out, optimizer));
  out.stopped = stop ? stopMessage(out.kind, stop) : null;
  return out;
}
