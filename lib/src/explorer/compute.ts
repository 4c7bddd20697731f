/**
 * One explorer run: the library's optimizer (`amsgradOptimizer`/`adamOptimizer`, the one update rule)
 * driven over a 2-D test problem, writing the path, the objective and the effective step sizes into
 * reusable Float64Arrays. The loop is `amsgrad()`'s loop (run.ts) step for step, so every number equals
 * `amsgrad()`'s; it exists because `amsgrad()` builds an array per iteration, and a redraw of 10,000
 * iterations must fit in one frame. When a step fails, the library's own `amsgrad()`/`adam()` is run to
 * report the failure in its words.
 */
import { adamOptimizer, amsgradOptimizer, effectiveStepSize } from "../optimizer.js";
import { adam, amsgrad, type RunOptions } from "../run.js";
import { EXPLORER_PROBLEMS, type ExplorerSettings } from "./settings.js";

/** A run's numbers, in arrays reused from one redraw to the next (grown when more iterations are asked). */
export interface RunBuffers {
  /** `"amsgrad"` or `"adam"`. */
  kind: "amsgrad" | "adam";
  /** Iterations computed: `xs[0 … length − 1]` are valid. Less than nIter when the run stopped. */
  length: number;
  /** The start point and f there. */
  startX: number;
  startY: number;
  startScore: number;
  /** The point after iteration t (amsgrad()'s `solutions[t]`). */
  xs: Float64Array;
  ys: Float64Array;
  /** f after iteration t (amsgrad()'s `scores[t]`). */
  scores: Float64Array;
  /**
   * The effective step size of each coordinate at iteration t, the factor that multiplies m:
   * α(t) / (√v̂ + ε), or with bias correction (α(t) / (1 − β1^t)) / (√v̂ / √(1 − β2^t) + ε). Adam: v for v̂.
   */
  stepX: Float64Array;
  stepY: Float64Array;
  /** The library's RunStoppedError message when a step failed (a non-finite gradient, say), else null. */
  stopped: string | null;
}

/** Empty buffers for runs of up to `capacity` iterations (they grow on demand). */
export function createRunBuffers(kind: "amsgrad" | "adam", capacity = 128): RunBuffers {
  return {
    kind,
    length: 0,
    startX: 0,
    startY: 0,
    startScore: 0,
    xs: new Float64Array(capacity),
    ys: new Float64Array(capacity),
    scores: new Float64Array(capacity),
    stepX: new Float64Array(capacity),
    stepY: new Float64Array(capacity),
    stopped: null,
  };
}

function grow(out: RunBuffers, n: number): void {
  if (out.xs.length >= n) return;
  const capacity = Math.max(n, 2 * out.xs.length);
  out.xs = new Float64Array(capacity);
  out.ys = new Float64Array(capacity);
  out.scores = new Float64Array(capacity);
  out.stepX = new Float64Array(capacity);
  out.stepY = new Float64Array(capacity);
}

/** The options `amsgrad()`/`adam()` take for these settings (what the reproducing line of code passes). */
export function runOptions(settings: ExplorerSettings): RunOptions {
  return {
    start: [settings.start[0], settings.start[1]],
    nIter: settings.nIter,
    alpha: settings.alpha,
    beta1: settings.beta1,
    beta2: settings.beta2,
    eps: settings.eps,
    beta1Schedule: settings.beta1Schedule,
    alphaSchedule: settings.alphaSchedule,
    biasCorrection: settings.biasCorrection,
  };
}

/**
 * Runs AMSGrad (or Adam, by `out.kind`) for the settings into `out` and returns it. Same arithmetic as
 * `amsgrad(problem.objective, problem.derivative, runOptions(settings))`: `out.xs[t]`, `out.ys[t]` and
 * `out.scores[t]` equal its `solutions[t]` and `scores[t]` exactly. Settings are assumed checked.
 */
export function computeRun(settings: ExplorerSettings, out: RunBuffers): RunBuffers {
  const { objective, derivative } = EXPLORER_PROBLEMS[settings.problem];
  const { start: _start, nIter: _nIter, ...hyperparameters } = runOptions(settings);
  const optimizer = out.kind === "amsgrad" ? amsgradOptimizer(hyperparameters) : adamOptimizer(hyperparameters);
  const hyper = optimizer.hyperparameters;
  const nIter = settings.nIter;
  grow(out, nIter);
  const { xs, ys, scores, stepX, stepY } = out;
  const state = optimizer.init(2);
  const vmax = state.vmax;
  const point = Float64Array.of(settings.start[0], settings.start[1]);
  const gradient = new Float64Array(2);
  out.startX = point[0];
  out.startY = point[1];
  out.startScore = objective(point[0], point[1]);
  out.stopped = null;
  let t = 0;
  for (; t < nIter; t++) {
    // run.ts: g = derivative(...point), checked finite, copied into the gradient buffer.
    const g = derivative(point[0], point[1]);
    const g0 = g[0];
    const g1 = g[1];
    if (!(Number.isFinite(g0) && Number.isFinite(g1))) break;
    gradient[0] = g0;
    gradient[1] = g1;
    optimizer.update(point, gradient, state);
    const x = point[0];
    const y = point[1];
    if (!(Number.isFinite(x) && Number.isFinite(y))) break;
    const score = objective(x, y);
    if (!Number.isFinite(score)) break;
    xs[t] = x;
    ys[t] = y;
    scores[t] = score;
    // The factor the update multiplied m by, per coordinate.
    stepX[t] = effectiveStepSize(hyper, t + 1, vmax[0]);
    stepY[t] = effectiveStepSize(hyper, t + 1, vmax[1]);
  }
  out.length = t;
  if (t < nIter) out.stopped = stoppedMessage(settings, out.kind);
  return out;
}

/** The library's own account of a failed run (its RunStoppedError message). Rare, so speed does not matter. */
function stoppedMessage(settings: ExplorerSettings, kind: "amsgrad" | "adam"): string {
  const { objective, derivative } = EXPLORER_PROBLEMS[settings.problem];
  try {
    (kind === "amsgrad" ? amsgrad : adam)(objective, derivative, runOptions(settings));
    return `${kind}: stopped early`;
  } catch (error) {
    return (error as Error).message;
  }
}
