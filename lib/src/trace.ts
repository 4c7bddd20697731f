/**
 * Recording what a run's figures and tables need beyond its result: after every iteration, the gradient
 * it used, the optimizer's moments m, v, v̂ and the effective step size per coordinate, the factor s that multiplies m in the update
 * x ← x − s·m (its formula: `effectiveStepSize` in optimizer.ts). The run itself is the drivers' own
 * (`drive` in run.ts, one loop for everything), so a traced run's numbers are `amsgrad()`'s to the bit.
 */
import { describe } from "./errors.js";
import type { Derivative, Objective } from "./loop.js";
import type { Hyperparameters, Optimizer, OptimizerState } from "./optimizer.js";
import { drive, driverOf, plainCopy, ResultRecorder, type RunOptions, type RunResult } from "./run.js";

/** A run function with the signature of {@link amsgrad}, {@link adam} and {@link gradientDescent}. */
export type RunFunction = (objective: Objective, derivative: Derivative, options?: RunOptions) => RunResult;

/** A run's result with the optimizer's state after every iteration. */
export interface TracedRun extends RunResult {
  /** Name for legends: "AMSGrad", "Adam", "gradient descent", or the label given. */
  label: string;
  /** The hyperparameters used (defaults filled in). */
  hyperparameters: Hyperparameters;
  /**
   * effectiveStepSizes[t][i]: s for coordinate i in iteration t (t = 0 … nIter − 1), as above; with a
   * thinning `keep`, one entry per kept point (its iteration in `iterations`), as for m, v and vmax.
   */
  effectiveStepSizes: number[][];
  /**
   * m[t][i], v[t][i], vmax[t][i]: the moments after iteration t (for Adam, vmax[t] equals v[t]; gradient
   * descent keeps no moments, so each is an empty array).
   */
  m: number[][];
  v: number[][];
  vmax: number[][];
  /** gradients[t][i]: the gradient iteration t used, taken at the point before it. */
  gradients: number[][];
}

/** The drivers' recorder plus the state after every iteration. */
class TraceRecorder extends ResultRecorder {
  readonly m: number[][] = [];
  readonly v: number[][] = [];
  readonly vmax: number[][] = [];
  readonly steps: number[][] = [];
  readonly gradients: number[][] = [];
  constructor(
    start: number[],
    private readonly optimizer: Optimizer,
    private readonly label: string,
    stride: number,
    nIter: number,
  ) {
    super(start, stride, nIter);
  }
  protected override kept(_t: number, point: Float64Array, _score: number, gradient: Float64Array, state: OptimizerState): void {
    this.gradients.push(plainCopy(gradient));
    this.m.push(plainCopy(state.m));
    this.v.push(plainCopy(state.v));
    this.vmax.push(plainCopy(state.vmax));
    const s = new Array<number>(point.length);
    for (let i = 0; i < point.length; i++) s[i] = this.optimizer.effectiveStepSize(state, i);
    this.steps.push(s);
  }
  override result(): TracedRun {
    return {
      ...super.result(),
      label: this.label,
      hyperparameters: { ...this.optimizer.hyperparameters },
      effectiveStepSizes: this.steps,
      m: this.m,
      v: this.v,
      vmax: this.vmax,
      gradients: this.gradients,
    };
  }
}

/**
 * Runs `run` (`amsgrad`, `adam` or `gradientDescent`) with `options`, as that function would, and
 * records after every iteration the moments m, v, v̂ and the effective step size per coordinate (see
 * above). Any `onIteration` in the options is still called. `label` (default "AMSGrad", "Adam" or
 * "gradient descent") names the run in legends. A failing step throws the run's own `RunStoppedError`,
 * whose `partial` is the {@link TracedRun} so far. `keep` thins the state records as it thins the path.
 *
 * @example
 * const a = traceRun(amsgrad, objective, derivative, { bounds: bowl.bounds, nIter: 100 });
 * const b = traceRun(adam, objective, derivative, { bounds: bowl.bounds, nIter: 100 });
 * show(effectiveStepSizeCurve([a, b]));
 * a.effectiveStepSizes[0] // [α/(√v̂₁ + ε), …] after the first iteration
 */
export function traceRun(
  run: RunFunction,
  objective: Objective,
  derivative: Derivative,
  options: RunOptions & { label?: string } = {},
): TracedRun {
  const driver = driverOf(run);
  if (!driver) {
    throw new TypeError(`traceRun: run must be amsgrad, adam or gradientDescent (the function itself), got ${describe(run)}`);
  }
  if (options === null || typeof options !== "object") {
    throw new TypeError(`traceRun: options must be an object, got ${describe(options)}`);
  }
  const { label: givenLabel, ...runOptions } = options;
  if (givenLabel !== undefined && typeof givenLabel !== "string") {
    throw new TypeError(`traceRun: label must be a string, got ${describe(givenLabel)}`);
  }
  if (runOptions.keep === "last" || runOptions.keep === "none") {
    throw new TypeError(`traceRun: keep must be "all" or { every: k } (a trace keeps the state of each kept point), got ${describe(runOptions.keep)}`);
  }
  const label = givenLabel ?? driver.label;
  const record = (start: number[], optimizer: Optimizer, stride: number, nIter: number) =>
    new TraceRecorder(start, optimizer, label, stride, nIter);
  // Each kept iteration holds the point and five more arrays: g, m, v, v̂ and the step sizes.
  return drive(driver, objective, derivative, runOptions, record, 6).result();
}
