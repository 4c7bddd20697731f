/**
 * Recording what a run's figures need beyond its result: after every iteration, the optimizer's moments
 * and the effective step size per coordinate, the factor that multiplies the first moment m in the update,
 *
 *   x ← x − s · m,   s = α(t) / (√v̂ + ε)        (AMSGrad; Adam uses v in place of v̂)
 *   s = α(t) / (1 − β1^t) / (√v̂ / √(1 − β2^t) + ε)   with biasCorrection: true (PyTorch's form),
 *
 * computed by the library's `effectiveStepSize` (0 where the denominator is 0: no step is taken there).
 * AMSGrad's v̂ never decreases, so with a constant α its s never grows; Adam's v can shrink and let s grow.
 */
import { adam, amsgrad, type Derivative, type Objective, type RunOptions, type RunResult } from "../run.js";
import { effectiveStepSize, HYPERPARAMETER_NAMES, resolveHyperparameters, type Hyperparameters } from "../optimizer.js";

/** A run function with the signature of {@link amsgrad} and {@link adam}. */
export type RunFunction = (objective: Objective, derivative: Derivative, options?: RunOptions) => RunResult;

/** A run's result with the optimizer's state after every iteration. */
export interface TracedRun extends RunResult {
  /** Name for legends: "AMSGrad", "Adam", or the label given. */
  label: string;
  /** The hyperparameters used (defaults filled in). */
  hyperparameters: Hyperparameters;
  /** effectiveStepSizes[t][i]: s for coordinate i in iteration t (t = 0 … nIter − 1), as above. */
  effectiveStepSizes: number[][];
  /** m[t][i], v[t][i], vmax[t][i]: the moments after iteration t (for Adam, vmax[t] equals v[t]). */
  m: number[][];
  v: number[][];
  vmax: number[][];
}

/**
 * Runs `run` (amsgrad or adam) with `options` and records, after every iteration, the moments m, v, v̂
 * and the effective step size per coordinate (see above). Any `onIteration` in the options is still
 * called. `label` (default "AMSGrad" for amsgrad, "Adam" for adam, else the function's name) names the
 * run in legends.
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
  if (typeof run !== "function") throw new TypeError(`traceRun: run must be amsgrad, adam or a function like them, got ${typeof run}`);
  if (options === null || typeof options !== "object") throw new TypeError("traceRun: options must be an object");
  const { label: givenLabel, ...runOptions } = options;
  if (givenLabel !== undefined && typeof givenLabel !== "string") throw new TypeError("traceRun: label must be a string");
  const picked: Partial<Hyperparameters> = {};
  for (const key of HYPERPARAMETER_NAMES) {
    if (runOptions[key] !== undefined) (picked as Record<string, unknown>)[key] = runOptions[key];
  }
  const hyper = resolveHyperparameters(picked, "traceRun");
  const label = givenLabel ?? (run === amsgrad ? "AMSGrad" : run === adam ? "Adam" : run.name || "run");
  const m: number[][] = [];
  const v: number[][] = [];
  const vmax: number[][] = [];
  const steps: number[][] = [];
  const userCallback = runOptions.onIteration;
  const result = run(objective, derivative, {
    ...runOptions,
    onIteration(info) {
      const t = info.t + 1;
      const { state } = info;
      m.push(Array.from(state.m));
      v.push(Array.from(state.v));
      vmax.push(Array.from(state.vmax));
      // The library's own formula (optimizer.ts), so that every chart of it agrees to the last digit.
      steps.push(Array.from(state.vmax, (vhat) => effectiveStepSize(hyper, t, vhat)));
      userCallback?.(info);
    },
  });
  return { ...result, label, hyperparameters: hyper, effectiveStepSizes: steps, m, v, vmax };
}
