import {
  checkBoolean,
  checkChoice,
  checkDecayFactor,
  checkKnownKeys,
  checkNonNegative,
  checkNumber,
  checkPositive,
  checkUnitInterval,
  describe,
} from "./errors.js";

/**
 * How beta1 changes with the iteration t = 1, 2, …:
 * - `"power"`: b1(t) = beta1^t, the tutorial's code (the momentum fades out quickly);
 * - `"constant"`: b1(t) = beta1, what PyTorch and Keras do;
 * - `"inverse"`: b1(t) = beta1 / t, one of the paper's decaying choices.
 */
export type Beta1Schedule = "power" | "constant" | "inverse";

/**
 * How the step size changes with the iteration t = 1, 2, … (formulas: {@link alphaAt}):
 * - `"constant"`: α(t) = α, the tutorial's run;
 * - `"inverse-sqrt"`: α(t) = α/√t, the schedule of the paper's convergence proof;
 * - `"exponential"`: α(t) = α·γ^(t−1) with γ = `alphaDecay`, the tutorial's "decayed exponentially".
 */
export type AlphaSchedule = "constant" | "inverse-sqrt" | "exponential";

/** Every accepted value of {@link Beta1Schedule}, for menus and validation. */
export const BETA1_SCHEDULES: readonly Beta1Schedule[] = ["power", "constant", "inverse"];
/** Every accepted value of {@link AlphaSchedule}. */
export const ALPHA_SCHEDULES: readonly AlphaSchedule[] = ["constant", "inverse-sqrt", "exponential"];

/** The hyperparameters of one update rule. Every field has a default; see {@link resolveHyperparameters}. */
export interface Hyperparameters {
  /** Step size α > 0. Default 0.007 (the tutorial's run). */
  alpha: number;
  /** First-moment factor, 0 ≤ β1 < 1. Default 0.9. */
  beta1: number;
  /** Second-moment factor, 0 ≤ β2 < 1. Default 0.99 (the tutorial's run; frameworks use 0.999). */
  beta2: number;
  /** Added to the denominator, ≥ 0. Default 1e-8, as in the tutorial's listing (its printed output used 0). */
  eps: number;
  /** Default `"power"`, or `"constant"` when `biasCorrection` is true (so that it matches PyTorch). */
  beta1Schedule: Beta1Schedule;
  /** Default `"constant"`. */
  alphaSchedule: AlphaSchedule;
  /**
   * The factor γ of the `"exponential"` schedule, α(t) = α·γ^(t−1): 0 < γ ≤ 1 (1: no decay). Default 0.99
   * (α halves about every 69 iterations). Checked whatever the schedule, used only by `"exponential"`.
   */
  alphaDecay: number;
  /**
   * Default false (the tutorial and the paper). True gives torch.optim.Adam(amsgrad=True):
   * the max over the raw second moment, then the bias factors 1 − β1^t and √(1 − β2^t), eps outside the root.
   */
  biasCorrection: boolean;
}

/** The option names of {@link Hyperparameters}, in the order the docs list them. */
export const HYPERPARAMETER_NAMES = [
  "alpha",
  "beta1",
  "beta2",
  "eps",
  "beta1Schedule",
  "alphaSchedule",
  "alphaDecay",
  "biasCorrection",
] as const;

/**
 * The tutorial's run: alpha 0.007, beta1 0.9, beta2 0.99, eps 1e-8, beta1^t, constant alpha (and, for
 * the exponential schedule it mentions but does not use, alphaDecay 0.99).
 */
export const TUTORIAL_HYPERPARAMETERS: Readonly<Hyperparameters> = Object.freeze({
  alpha: 0.007,
  beta1: 0.9,
  beta2: 0.99,
  eps: 1e-8,
  beta1Schedule: "power",
  alphaSchedule: "constant",
  alphaDecay: 0.99,
  biasCorrection: false,
});

/**
 * The β1 schedule used when none is given: the tutorial's `"power"` (β1^t) without bias correction, and
 * `"constant"` with it, so that `biasCorrection: true` alone gives exactly PyTorch's AMSGrad. The one
 * statement of this rule: the options, the explorer's toggle and its reproducing code all ask here.
 *
 * @example
 * defaultBeta1Schedule(false) // "power"
 * defaultBeta1Schedule(true)  // "constant"
 */
export function defaultBeta1Schedule(biasCorrection: boolean): Beta1Schedule {
  return biasCorrection ? "constant" : "power";
}

/**
 * Fills in defaults and checks every hyperparameter, throwing a RangeError/TypeError that names the
 * option, the value and what is accepted. Undefined fields take their defaults.
 *
 * @example
 * resolveHyperparameters({ alpha: 0.02 }, "amsgrad") // { alpha: 0.02, beta1: 0.9, …, beta1Schedule: "power" }
 */
export function resolveHyperparameters(options: Partial<Hyperparameters> = {}, where = "optimizer"): Hyperparameters {
  const pick = <K extends keyof Hyperparameters>(key: K): Hyperparameters[K] =>
    options[key] === undefined ? TUTORIAL_HYPERPARAMETERS[key] : (options[key] as Hyperparameters[K]);
  const biasCorrection = pick("biasCorrection");
  checkBoolean(where, "biasCorrection", biasCorrection);
  const resolved: Hyperparameters = {
    alpha: pick("alpha"),
    beta1: pick("beta1"),
    beta2: pick("beta2"),
    eps: pick("eps"),
    beta1Schedule: options.beta1Schedule === undefined ? defaultBeta1Schedule(biasCorrection) : options.beta1Schedule,
    alphaSchedule: pick("alphaSchedule"),
    alphaDecay: pick("alphaDecay"),
    biasCorrection,
  };
  checkPositive(where, "alpha", resolved.alpha);
  checkUnitInterval(where, "beta1", resolved.beta1);
  checkUnitInterval(where, "beta2", resolved.beta2);
  checkNonNegative(where, "eps", resolved.eps);
  checkChoice(where, "beta1Schedule", resolved.beta1Schedule, BETA1_SCHEDULES);
  checkChoice(where, "alphaSchedule", resolved.alphaSchedule, ALPHA_SCHEDULES);
  checkDecayFactor(where, "alphaDecay", resolved.alphaDecay);
  return resolved;
}

/**
 * The optimizer's memory, one entry per parameter, updated in place by {@link Optimizer.update}.
 * For Adam, `vmax` is the same array as `v` (no running max is kept), so code that reads the
 * denominator (effective step sizes, say) can always read `vmax`.
 */
export interface OptimizerState {
  /** The number of updates applied so far: the t of the last update (0 before the first). */
  step: number;
  /** First moment m. */
  readonly m: Float64Array;
  /** Second moment v. */
  readonly v: Float64Array;
  /** Running maximum of v (AMSGrad's v̂); `=== v` for Adam. */
  readonly vmax: Float64Array;
}

/**
 * A gradient-based update rule as an `init`/`update` pair (the shape of optax's optimizers), working
 * on `Float64Array`s in place with no allocation per step, so that it serves 2 parameters or 10⁷.
 */
export interface Optimizer {
  /** `"amsgrad"`, `"adam"` or `"gradient-descent"`. */
  readonly name: "amsgrad" | "adam" | "gradient-descent";
  /** The resolved hyperparameters (defaults filled in). */
  readonly hyperparameters: Readonly<Hyperparameters>;
  /** Fresh state for `size` parameters: m = v = vmax = 0, step = 0. */
  init(size: number): OptimizerState;
  /**
   * One iteration t = state.step + 1: updates `state` from `grad`, then `params` in place.
   * Where the denominator is 0 (every gradient so far was 0 and eps = 0) the step is 0, not NaN.
   * Unchecked, for speed: a NaN or infinite gradient (or one whose square overflows) writes NaN or
   * frozen values into `params` and the state without a word. {@link checkedOptimizer} checks every
   * step; the drivers (`amsgrad()`, …) check every step themselves.
   */
  update(params: Float64Array, grad: Float64Array, state: OptimizerState): void;
  /**
   * The effective step size of coordinate `i` in the last update (t = state.step ≥ 1): the factor s of
   * x ← x − s·m (see {@link effectiveStepSize}); for gradient descent, α(t) (its m is the gradient).
   */
  effectiveStepSize(state: OptimizerState, i: number): number;
}

// Error-free product of two doubles (Dekker's split; JavaScript has no fused multiply-add).
const SPLITTER = 134217729; // 2^27 + 1
/** Scratch for twoProduct, reused so that integerPower (called every step) allocates nothing. */
const PRODUCT = new Float64Array(2);
function twoProduct(a: number, b: number, out: Float64Array): void {
  const product = a * b;
  let t = SPLITTER * a;
  const aHigh = t - (t - a), aLow = a - aHigh;
  t = SPLITTER * b;
  const bHigh = t - (t - b), bLow = b - bHigh;
  out[0] = product;
  out[1] = aHigh * bHigh - product + aHigh * bLow + aLow * bHigh + aLow * bLow;
}

/**
 * base^t for a non-negative integer t, computed by squaring in double-double arithmetic and rounded once.
 *
 * Why not `base ** t`: engines round `**` differently (V8 in Node 20 gives 0.9 ** 4 = 0.6561000000000001,
 * Chromium 156 gives 0.6561), so a run in a browser page would drift from the same run in Node; and plain
 * repeated squaring drifts from Python's power of beta by an ulp or more. Built from exact products, this
 * gives the same bits in every engine and, for β = 0.9, 0.99, 0.999, agrees with Python's (C's) pow for
 * all but 4 of the 10,000 powers t ≤ 2000 of 0.5, 0.9, 0.95, 0.99 and 0.999 checked against Python.
 *
 * @example
 * integerPower(0.9, 4) // 0.6561, as Python prints 0.9 ** 4 (Node 20 evaluates 0.9 ** 4 to 0.6561000000000001)
 */
export function integerPower(base: number, t: number): number {
  if (!(Number.isSafeInteger(t) && t >= 0)) throw new RangeError(`integerPower: t must be a non-negative integer, got ${describe(t)}`);
  const product = PRODUCT;
  let resultHigh = 1, resultLow = 0, squareHigh = base, squareLow = 0;
  for (let n = t; n > 0; n = Math.floor(n / 2)) {
    if (n % 2 === 1) {
      twoProduct(resultHigh, squareHigh, product);
      const low = product[1] + (resultHigh * squareLow + resultLow * squareHigh);
      resultHigh = product[0] + low;
      resultLow = low - (resultHigh - product[0]);
    }
    twoProduct(squareHigh, squareHigh, product);
    const low = product[1] + 2 * squareHigh * squareLow;
    squareHigh = product[0] + low;
    squareLow = low - (squareHigh - product[0]);
  }
  return resultHigh + resultLow;
}

/** b1(t) for the chosen schedule, t ≥ 1. */
export function beta1At(hyper: Pick<Hyperparameters, "beta1" | "beta1Schedule">, t: number): number {
  switch (hyper.beta1Schedule) {
    case "power":
      return integerPower(hyper.beta1, t);
    case "constant":
      return hyper.beta1;
    case "inverse":
      return hyper.beta1 / t;
  }
}

/**
 * α(t), the step size of iteration t ≥ 1, for the chosen schedule:
 *   `"constant"`: α(t) = α;  `"inverse-sqrt"`: α(t) = α/√t;  `"exponential"`: α(t) = α·γ^(t−1), γ = alphaDecay.
 * Every schedule starts at α(1) = α. The power γ^(t−1) is {@link integerPower}'s, so a page in a browser
 * computes the same bits as Node. Without `alphaDecay`, γ is its default (0.99), as in
 * {@link resolveHyperparameters}.
 *
 * @example
 * alphaAt({ alpha: 0.1, alphaSchedule: "inverse-sqrt", alphaDecay: 0.99 }, 4) // 0.05
 * alphaAt({ alpha: 0.1, alphaSchedule: "exponential", alphaDecay: 0.5 }, 3)   // 0.025
 */
export function alphaAt(
  hyper: Pick<Hyperparameters, "alpha" | "alphaSchedule"> & Partial<Pick<Hyperparameters, "alphaDecay">>,
  t: number,
): number {
  switch (hyper.alphaSchedule) {
    case "constant":
      return hyper.alpha;
    case "inverse-sqrt":
      return hyper.alpha / Math.sqrt(t);
    case "exponential":
      return hyper.alpha * integerPower(hyper.alphaDecay ?? TUTORIAL_HYPERPARAMETERS.alphaDecay, t - 1);
  }
}

/**
 * The effective step size of one coordinate at iteration t: the factor s that multiplies m in the
 * update x ← x − s·m, given that coordinate's denominator source v̂ (v for Adam):
 *   s = α(t) / (√v̂ + ε),  or with bias correction  s = (α(t) / (1 − β1^t)) / (√v̂ / √(1 − β2^t) + ε).
 * AMSGrad's v̂ never decreases, so with a constant α and no bias correction its s never grows; with bias
 * correction the factors 1/(1 − β1^t) and √(1 − β2^t) change with t and s can grow. 0 where the denominator is 0
 * (no step is taken there).
 *
 * @example
 * effectiveStepSize(resolveHyperparameters({ alpha: 0.007 }), 1, 0.01) // 0.007 / (0.1 + 1e-8)
 */
export function effectiveStepSize(hyper: Hyperparameters, t: number, vhat: number): number {
  const alpha = alphaAt(hyper, t);
  const denominator = hyper.biasCorrection
    ? Math.sqrt(vhat) / Math.sqrt(1 - integerPower(hyper.beta2, t)) + hyper.eps
    : Math.sqrt(vhat) + hyper.eps;
  if (!(denominator > 0)) return 0;
  return (hyper.biasCorrection ? alpha / (1 - integerPower(hyper.beta1, t)) : alpha) / denominator;
}

// The four loops below are the whole algorithm. Each is a separate top-level function taking only
// numbers and typed arrays, so V8 compiles each to one tight monomorphic loop with no allocation:
// 10⁷ parameters cost 10⁷ × a few ns. AMSGrad and Adam differ by the one `if (vi > vhat)` line.
// The per-step scalars travel in a Float64Array (see COEFFICIENTS) rather than as arguments, so that
// calling a kernel boxes no double on the heap: a step allocates nothing at all.
type Kernel = (x: Float64Array, grad: Float64Array, m: Float64Array, v: Float64Array, vmax: Float64Array, c: Float64Array) => void;

/** Slots of the coefficient array a kernel reads. */
const B1 = 0, ONE_MINUS_B1 = 1, BETA2 = 2, ONE_MINUS_BETA2 = 3, STEP_SIZE = 4, CORRECTION2 = 5, EPS = 6, COEFFICIENTS = 7;

/** Tutorial/paper update with the running max. Same operation order as the tutorial's Python. */
const amsgradKernel: Kernel = (x, grad, m, v, vmax, c) => {
  const n = x.length;
  const b1 = c[B1], oneMinusB1 = c[ONE_MINUS_B1], beta2 = c[BETA2], oneMinusBeta2 = c[ONE_MINUS_BETA2];
  const stepSize = c[STEP_SIZE], eps = c[EPS];
  for (let i = 0; i < n; i++) {
    const g = grad[i];
    const mi = b1 * m[i] + oneMinusB1 * g;
    const vi = beta2 * v[i] + oneMinusBeta2 * (g * g);
    m[i] = mi;
    v[i] = vi;
    let vhat = vmax[i];
    if (vi > vhat) vmax[i] = vhat = vi;
    const denominator = Math.sqrt(vhat) + eps;
    if (denominator > 0) x[i] = x[i] - (stepSize * mi) / denominator;
  }
};

/** The same without the max: Adam (v̂ replaced by v). */
const adamKernel: Kernel = (x, grad, m, v, _vmax, c) => {
  const n = x.length;
  const b1 = c[B1], oneMinusB1 = c[ONE_MINUS_B1], beta2 = c[BETA2], oneMinusBeta2 = c[ONE_MINUS_BETA2];
  const stepSize = c[STEP_SIZE], eps = c[EPS];
  for (let i = 0; i < n; i++) {
    const g = grad[i];
    const mi = b1 * m[i] + oneMinusB1 * g;
    const vi = beta2 * v[i] + oneMinusBeta2 * (g * g);
    m[i] = mi;
    v[i] = vi;
    const denominator = Math.sqrt(vi) + eps;
    if (denominator > 0) x[i] = x[i] - (stepSize * mi) / denominator;
  }
};

/** torch's m update: lerp(m, g, w) with w = 1 − b1, computed as torch's CPU kernel does. */
function torchLerp(m: number, g: number, w: number): number {
  return w < 0.5 ? m + w * (g - m) : g - (g - m) * (1 - w);
}

/** PyTorch's AMSGrad: max over the raw v, then the bias factors, eps outside the root. */
const amsgradTorchKernel: Kernel = (x, grad, m, v, vmax, c) => {
  const n = x.length;
  const b1 = c[B1], oneMinusB1 = c[ONE_MINUS_B1], beta2 = c[BETA2], oneMinusBeta2 = c[ONE_MINUS_BETA2];
  const stepSize = c[STEP_SIZE], correction2 = c[CORRECTION2], eps = c[EPS];
  for (let i = 0; i < n; i++) {
    const g = grad[i];
    const mi = torchLerp(m[i], g, oneMinusB1);
    const vi = beta2 * v[i] + oneMinusBeta2 * (g * g);
    m[i] = mi;
    v[i] = vi;
    let vhat = vmax[i];
    if (vi > vhat) vmax[i] = vhat = vi;
    const denominator = Math.sqrt(vhat) / correction2 + eps;
    if (denominator > 0) x[i] = x[i] + (-stepSize * mi) / denominator;
  }
};

/** PyTorch's Adam. */
const adamTorchKernel: Kernel = (x, grad, m, v, _vmax, c) => {
  const n = x.length;
  const b1 = c[B1], oneMinusB1 = c[ONE_MINUS_B1], beta2 = c[BETA2], oneMinusBeta2 = c[ONE_MINUS_BETA2];
  const stepSize = c[STEP_SIZE], correction2 = c[CORRECTION2], eps = c[EPS];
  for (let i = 0; i < n; i++) {
    const g = grad[i];
    const mi = torchLerp(m[i], g, oneMinusB1);
    const vi = beta2 * v[i] + oneMinusBeta2 * (g * g);
    m[i] = mi;
    v[i] = vi;
    const denominator = Math.sqrt(vi) / correction2 + eps;
    if (denominator > 0) x[i] = x[i] + (-stepSize * mi) / denominator;
  }
};

/**
 * Builds the update rule shared by AMSGrad and Adam (formulas: {@link amsgradOptimizer}); they differ
 * only by `keepMax`, which picks the kernel.
 */
function createOptimizer(name: "amsgrad" | "adam", options: Partial<Hyperparameters>): Optimizer {
  const hyper = Object.freeze(resolveHyperparameters(options, name));
  const keepMax = name === "amsgrad";
  const { beta1, beta2, eps } = hyper;
  const kernel = hyper.biasCorrection ? (keepMax ? amsgradTorchKernel : adamTorchKernel) : keepMax ? amsgradKernel : adamKernel;
  const coefficients = new Float64Array(COEFFICIENTS);
  coefficients[BETA2] = beta2;
  coefficients[ONE_MINUS_BETA2] = 1 - beta2;
  coefficients[EPS] = eps;

  return {
    name,
    hyperparameters: hyper,
    init(size: number): OptimizerState {
      checkSize(name, size);
      return allocate(name, size, () => {
        const v = new Float64Array(size);
        return { step: 0, m: new Float64Array(size), v, vmax: keepMax ? new Float64Array(size) : v };
      });
    },
    update(params: Float64Array, grad: Float64Array, state: OptimizerState): void {
      checkUpdateArguments(name, params, grad, state);
      const n = params.length;
      if (grad.length !== n || state.m.length !== n) {
        throw new RangeError(
          `${name}: update needs params, grad and state of one length, got ${n}, ${grad.length} and ${state.m.length}`,
        );
      }
      const t = state.step + 1;
      const b1 = beta1At(hyper, t);
      const stepAlpha = alphaAt(hyper, t);
      coefficients[B1] = b1;
      coefficients[ONE_MINUS_B1] = 1 - b1;
      if (!hyper.biasCorrection) {
        coefficients[STEP_SIZE] = stepAlpha;
        coefficients[CORRECTION2] = 1;
      } else {
        // torch.optim.Adam(amsgrad=True): step_size = lr / (1 − β1^t); denom = √v̂ / √(1 − β2^t) + eps.
        coefficients[STEP_SIZE] = stepAlpha / (1 - integerPower(beta1, t));
        coefficients[CORRECTION2] = Math.sqrt(1 - integerPower(beta2, t));
      }
      kernel(params, grad, state.m, state.v, state.vmax, coefficients);
      state.step = t;
    },
    effectiveStepSize: (state, i) => effectiveStepSize(hyper, state.step, state.vmax[i]),
  };
}

/**
 * The most parameters one optimizer state may hold: 2^30 (three Float64Arrays of 8 GiB each would be far
 * beyond any notebook kernel's memory; engines refuse typed arrays much past this anyway).
 */
export const MAX_PARAMETERS = 2 ** 30;

function checkSize(where: string, size: unknown): asserts size is number {
  checkNumber(where, "init(size)", size);
  if (!(Number.isSafeInteger(size) && size > 0 && size <= MAX_PARAMETERS)) {
    throw new RangeError(`${where}: init(size) needs an integer size from 1 to ${MAX_PARAMETERS} (2^30), got ${describe(size)}`);
  }
}

/** Allocates the state, turning the engine's "Array buffer allocation failed" into a message that says what. */
function allocate<T>(where: string, size: number, make: () => T): T {
  try {
    return make();
  } catch (error) {
    throw new RangeError(`${where}: init(${size}) could not allocate the state (3 × ${size} doubles): ${(error as Error)?.message ?? error}`, {
      cause: error,
    });
  }
}

/** update() needs three Float64Arrays and a state from init(): said plainly, not as a bare TypeError. */
function checkUpdateArguments(where: string, params: unknown, grad: unknown, state: unknown): void {
  if (!(params instanceof Float64Array)) throw new TypeError(`${where}: update(params, grad, state) needs params as a Float64Array, got ${describe(params)}`);
  if (!(grad instanceof Float64Array)) throw new TypeError(`${where}: update(params, grad, state) needs grad as a Float64Array, got ${describe(grad)}`);
  const s = state as Partial<OptimizerState> | null;
  if (s === null || typeof s !== "object" || !(s.m instanceof Float64Array) || !(s.v instanceof Float64Array) || typeof s.step !== "number") {
    throw new TypeError(`${where}: update(params, grad, state) needs the state init() returned, got ${describe(state)}`);
  }
}

/** Refuses a missing or non-object options argument with the library's message. */
function checkOptions(where: string, options: unknown): void {
  if (options === null || typeof options !== "object") throw new TypeError(`${where}: options must be an object, got ${describe(options)}`);
}

/** The option names accepted by {@link amsgradOptimizer} and {@link adamOptimizer}. */
const OPTIMIZER_OPTIONS: readonly string[] = HYPERPARAMETER_NAMES;

/**
 * The low-level AMSGrad update for any number of parameters, in place, allocation-free. This is the
 * library's one statement of the update rule; every other doc points here.
 *
 * Without bias correction (the tutorial, the paper), per coordinate at t = 1, 2, …:
 *   m ← b1(t)·m + (1 − b1(t))·g;  v ← β2·v + (1 − β2)·g²;  v̂ ← max(v̂, v);  x ← x − α(t)·m / (√v̂ + ε)
 * with b1(t) from {@link beta1At} and α(t) from {@link alphaAt} (constant, α/√t or α·γ^(t−1)). With bias correction (exactly
 * torch.optim.Adam(amsgrad=True)), m is updated as torch's `lerp` does, b1(t) = β1, and
 *   x ← x − (α(t) / (1 − β1^t))·m / (√v̂ / √(1 − β2^t) + ε).
 * {@link adamOptimizer} replaces v̂ by v. Defaults: the tutorial's (α 0.007, β1 0.9, β2 0.99, ε 1e-8,
 * b1(t) = β1^t, constant α, no bias correction; γ = 0.99 for the exponential schedule).
 *
 * @example
 * const opt = amsgradOptimizer({ alpha: 0.001, beta1Schedule: "constant", beta2: 0.999 });
 * const params = new Float64Array(1_000_000), grad = new Float64Array(1_000_000);
 * const state = opt.init(params.length);
 * for (let t = 0; t < 100; t++) { computeGradient(params, grad); opt.update(params, grad, state); }
 */
export function amsgradOptimizer(options: Partial<Hyperparameters> = {}): Optimizer {
  checkOptions("amsgradOptimizer", options);
  checkKnownKeys("amsgradOptimizer", options, OPTIMIZER_OPTIONS);
  return createOptimizer("amsgrad", options);
}

/**
 * The low-level Adam update: {@link amsgradOptimizer} without the running max (v̂ is replaced by v).
 * Same options and defaults.
 *
 * @example
 * const opt = adamOptimizer({ biasCorrection: true }); // torch.optim.Adam(lr=0.007, betas=(0.9, 0.99))
 */
export function adamOptimizer(options: Partial<Hyperparameters> = {}): Optimizer {
  checkOptions("adamOptimizer", options);
  checkKnownKeys("adamOptimizer", options, OPTIMIZER_OPTIONS);
  return createOptimizer("adam", options);
}

/** Options of {@link gradientDescentOptimizer}: only the step size and its schedule apply. */
export type GradientDescentHyperparameters = Pick<Hyperparameters, "alpha" | "alphaSchedule" | "alphaDecay">;

/**
 * Plain gradient descent, x ← x − α(t)·g, as the same in-place `init`/`update` pair, so that the
 * tutorial's starting point (a single step size for every coordinate) runs through the same drivers
 * and figures as AMSGrad. Its state keeps no moments: m, v and vmax are empty arrays.
 * Defaults: alpha 0.007 (as the tutorial's AMSGrad run — choose your own), constant schedule
 * ({@link alphaAt} has the others).
 *
 * @example
 * const opt = gradientDescentOptimizer({ alpha: 0.1 });
 * const x = Float64Array.of(1), state = opt.init(1);
 * opt.update(x, Float64Array.of(2), state); // x = [0.8]
 */
export function gradientDescentOptimizer(options: Partial<GradientDescentHyperparameters> = {}): Optimizer {
  const where = "gradientDescentOptimizer";
  checkOptions(where, options);
  checkKnownKeys(where, options, ["alpha", "alphaSchedule", "alphaDecay"]);
  const { alpha, alphaSchedule, alphaDecay } = options;
  const resolved = resolveHyperparameters({ alpha, alphaSchedule, alphaDecay }, where);
  const hyper = Object.freeze(resolved);
  const empty = new Float64Array(0);
  return {
    name: "gradient-descent",
    hyperparameters: hyper,
    init(size: number): OptimizerState {
      checkSize("gradient-descent", size);
      return { step: 0, m: empty, v: empty, vmax: empty };
    },
    update(params: Float64Array, grad: Float64Array, state: OptimizerState): void {
      checkUpdateArguments("gradient-descent", params, grad, state);
      const n = params.length;
      if (grad.length !== n) {
        throw new RangeError(`gradient-descent: update needs params and grad of one length, got ${n} and ${grad.length}`);
      }
      const t = state.step + 1;
      const stepAlpha = alphaAt(hyper, t);
      for (let i = 0; i < n; i++) params[i] = params[i] - stepAlpha * grad[i];
      state.step = t;
    },
    effectiveStepSize: (state) => alphaAt(hyper, state.step),
  };
}

/**
 * The same optimizer with every step checked, for hand-written loops over the low-level API: `update`
 * throws a RangeError naming the coordinate when the gradient holds a NaN or an infinity (before
 * anything changes), or when the update leaves a non-finite parameter or moment (a finite gradient
 * whose square overflows, say; params and state then hold that update's values). About one extra pass
 * over the arrays per step.
 *
 * @example
 * const opt = checkedOptimizer(amsgradOptimizer({ alpha: 0.01 }));
 * opt.update(params, Float64Array.of(NaN), state); // RangeError: amsgrad: update: non-finite gradient NaN in coordinate 0
 */
export function checkedOptimizer(optimizer: Optimizer): Optimizer {
  if (optimizer === null || typeof optimizer !== "object" || typeof optimizer.update !== "function" || typeof optimizer.init !== "function") {
    throw new TypeError(`checkedOptimizer: needs an optimizer (amsgradOptimizer(), adamOptimizer(), …), got ${describe(optimizer)}`);
  }
  const where = `${optimizer.name}: update`;
  const finite = (name: string, values: Float64Array) => {
    for (let i = 0; i < values.length; i++) {
      if (!Number.isFinite(values[i])) throw new RangeError(`${where}: non-finite ${name} ${describe(values[i])} in coordinate ${i}`);
    }
  };
  return {
    name: optimizer.name,
    hyperparameters: optimizer.hyperparameters,
    init: (size) => optimizer.init(size),
    update(params, grad, state) {
      checkUpdateArguments(optimizer.name, params, grad, state);
      finite("gradient", grad);
      optimizer.update(params, grad, state);
      finite("parameter", params);
      finite("first moment m", state.m);
      finite("second moment v", state.v);
    },
    effectiveStepSize: (state, i) => optimizer.effectiveStepSize(state, i),
  };
}
