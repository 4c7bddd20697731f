/**
 * What one explorer run is made of (the settings), how the page's fields are checked, and the line of
 * TypeScript that reproduces a run with the library. Shared by the Node side (options, static drawing)
 * and the page (fields), so that both check values with the library's own messages.
 */
import { checkBoolean, checkChoice, checkCount, checkKnownKeys, checkPoint, describe } from "../errors.js";
import { PROBLEM_NAMES, testProblems, type ProblemName } from "../objectives.js";
import { defaultBeta1Schedule, HYPERPARAMETER_NAMES, resolveHyperparameters, type Hyperparameters } from "../optimizer.js";

export type { ProblemName } from "../objectives.js";
export { PROBLEM_NAMES } from "../objectives.js";

/**
 * The most iterations the explorer runs per redraw. The library has no such limit; the page does, so that
 * a typo (1000000) cannot freeze a slide for a second at every change.
 */
export const MAX_ITERATIONS = 100_000;

/** Everything that decides a drawing: the problem, the start, the run's options, and the Adam overlay. */
export interface ExplorerSettings extends Hyperparameters {
  problem: ProblemName;
  start: [number, number];
  nIter: number;
  /** Also run Adam with the same settings and draw it. */
  compareAdam: boolean;
}

/** The numeric fields a reader can type into. */
export type NumericField = "alpha" | "beta1" | "beta2" | "eps" | "nIter" | "alphaDecay";

/**
 * Every {@link NumericField}, in the order of the controls (alphaDecay, γ of the exponential α schedule,
 * sits after the α schedule's menu; see markup.ts).
 */
export const NUMERIC_FIELDS: readonly NumericField[] = ["alpha", "beta1", "beta2", "eps", "nIter", "alphaDecay"];

/** The name a field's messages use: the library's run function, so the page shows its messages verbatim. */
export const FIELD_WHERE = "amsgrad";

/**
 * The value a text field holds: the number typed, or the text itself when it is not a number (empty,
 * "abc"), so that the library's own type check names what was typed (`got ""`, `got "abc"`).
 * "NaN" and "Infinity" give the numbers, which the range checks then refuse.
 *
 * @example
 * fieldValue(" 0.01 ") // 0.01
 * fieldValue("abc")    // "abc"
 */
export function fieldValue(text: string): number | string {
  const trimmed = text.trim();
  if (trimmed === "") return text;
  const value = Number(trimmed);
  if (Number.isNaN(value) && trimmed !== "NaN") return text;
  return value;
}

/**
 * Checks one field's value as the library checks it, returning the library's message, or null when the
 * value is accepted. nIter is also held to {@link MAX_ITERATIONS}.
 *
 * @example
 * fieldError("alpha", -1)  // "amsgrad: alpha must be a finite number > 0, got -1"
 * fieldError("beta2", 1)   // "amsgrad: beta2 must be a number with 0 <= beta2 < 1, got 1"
 * fieldError("nIter", 50)  // null
 */
export function fieldError(field: NumericField, value: unknown): string | null {
  try {
    if (field === "nIter") {
      checkCount(FIELD_WHERE, "nIter", value);
      if (value > MAX_ITERATIONS) {
        throw new RangeError(`explorer: nIter must be at most ${MAX_ITERATIONS} here (the library has no limit), got ${describe(value)}`);
      }
    } else {
      // A hyperparameter alone: the others take their defaults, so only this one can fail.
      resolveHyperparameters({ [field]: value } as Partial<Hyperparameters>, FIELD_WHERE);
    }
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Options of {@link explorer}: the initial settings (each has a default) and the figure's size. */
export interface ExplorerOptions extends Partial<Hyperparameters> {
  /** The objective: `"bowl"` (default, the tutorial's), `"rosenbrock"` or `"narrow-bowl"`. */
  problem?: ProblemName;
  /** Where the run starts. Default: the problem's `defaultStart` (the tutorial's on the bowl). */
  start?: ArrayLike<number>;
  /** Iterations, 0 … {@link MAX_ITERATIONS}. Default 100. */
  nIter?: number;
  /** Overlay Adam with the same settings. Default false. */
  compareAdam?: boolean;
  /** The objectives offered in the page's menu. Default all three; `problem` must be one of them. */
  problems?: readonly ProblemName[];
  /** Width of the contour figure in px, 200 … 1200. Default 420 (the charts fit beside it). */
  width?: number;
  /** Height of the contour figure in px, 200 … 1200. Default: one unit of x as long as one of y. */
  height?: number;
  /**
   * The step-by-step panel: `true` shows it at iteration 1, a number t (1 … nIter) at iteration t; the reader
   * then steps, plays or drags through the run. Default false. It shows the run's own numbers and changes
   * nothing in it.
   */
  scrub?: boolean | number;
}

/** {@link ExplorerOptions} with every default filled in and every value checked. */
export interface ResolvedExplorerOptions {
  settings: ExplorerSettings;
  problems: ProblemName[];
  width: number;
  height: number | undefined;
  /** The step-by-step panel's first iteration, 0-based (`scrub: 1` is 0), or null without the panel. */
  scrub: number | null;
}

const EXPLORER_OPTIONS: readonly string[] = [
  ...HYPERPARAMETER_NAMES,
  "problem",
  "start",
  "nIter",
  "compareAdam",
  "problems",
  "width",
  "height",
  "scrub",
];

function checkSize(where: string, name: string, value: unknown): number {
  if (!(typeof value === "number" && Number.isInteger(value) && value >= 200 && value <= 1200)) {
    throw new RangeError(`${where}: ${name} must be an integer number of pixels from 200 to 1200, got ${describe(value)}`);
  }
  return value;
}

/** `scrub`: false, true, or an iteration 1 … nIter; returns the panel's first iteration, 0-based, or null. */
function checkScrub(where: string, value: unknown, nIter: number): number | null {
  if (value === false) return null;
  if (value === true) return 0;
  if (typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= Math.max(1, nIter)) return value - 1;
  throw new RangeError(`${where}: scrub must be true, false or an iteration from 1 to nIter (${nIter}), got ${describe(value)}`);
}

/**
 * Fills in the defaults of {@link ExplorerOptions} and checks every option with the library's checks,
 * throwing a TypeError/RangeError that names the option (`explorer: alpha must be a finite number > 0, got 0`).
 */
export function resolveExplorerOptions(options: ExplorerOptions = {}, where = "explorer"): ResolvedExplorerOptions {
  if (options === null || typeof options !== "object") {
    throw new TypeError(`${where}: options must be an object, got ${describe(options)}`);
  }
  checkKnownKeys(where, options, EXPLORER_OPTIONS);
  if (options.problems !== undefined && !(Array.isArray(options.problems) && options.problems.length > 0)) {
    throw new TypeError(`${where}: problems must be a non-empty array of problem names, got ${describe(options.problems)}`);
  }
  const problems: ProblemName[] = options.problems === undefined ? [...PROBLEM_NAMES] : Array.from(options.problems);
  problems.forEach((name, i) => checkChoice(where, `problems[${i}]`, name, PROBLEM_NAMES));
  const problem = options.problem ?? problems[0];
  checkChoice(where, "problem", problem, problems);
  const nIter = options.nIter ?? 100;
  checkCount(where, "nIter", nIter);
  if (nIter > MAX_ITERATIONS) {
    throw new RangeError(`${where}: nIter must be at most ${MAX_ITERATIONS} here (the library has no limit), got ${describe(nIter)}`);
  }
  const start = checkPoint(where, "start", options.start ?? testProblems[problem].defaultStart, 2) as [number, number];
  const compareAdam = options.compareAdam ?? false;
  checkBoolean(where, "compareAdam", compareAdam);
  const hyper = resolveHyperparameters(options, where);
  const width = checkSize(where, "width", options.width ?? 420);
  const height = options.height === undefined ? undefined : checkSize(where, "height", options.height);
  const scrub = checkScrub(where, options.scrub ?? false, nIter);
  return { settings: { problem, start, nIter, compareAdam, ...hyper }, problems: [...new Set(problems)], width, height, scrub };
}

/** A number as TypeScript source that reads back as the same double. */
function literal(value: number): string {
  return Object.is(value, -0) ? "-0" : String(value);
}

/**
 * The TypeScript that reproduces a drawing with the library: an import line and one call per optimizer
 * drawn. Options equal to the library's defaults are left out, except the four the tutorial sets.
 *
 * @example
 * reproducingCode({ problem: "bowl", start: [0.5, 0.5], nIter: 100, alpha: 0.007, … })
 * // import { amsgrad, bowl } from "amsgrad";
 * // const run = amsgrad(bowl.objective, bowl.derivative, { start: [0.5, 0.5], nIter: 100, alpha: 0.007, beta1: 0.9, beta2: 0.99 });
 */
export function reproducingCode(settings: ExplorerSettings): string {
  const problem = testProblems[settings.problem].identifier;
  const parts = [
    `start: [${literal(settings.start[0])}, ${literal(settings.start[1])}]`,
    `nIter: ${literal(settings.nIter)}`,
    `alpha: ${literal(settings.alpha)}`,
    `beta1: ${literal(settings.beta1)}`,
    `beta2: ${literal(settings.beta2)}`,
  ];
  if (settings.eps !== 1e-8) parts.push(`eps: ${literal(settings.eps)}`);
  if (settings.biasCorrection) parts.push("biasCorrection: true");
  if (settings.beta1Schedule !== defaultBeta1Schedule(settings.biasCorrection)) parts.push(`beta1Schedule: "${settings.beta1Schedule}"`);
  if (settings.alphaSchedule !== "constant") parts.push(`alphaSchedule: "${settings.alphaSchedule}"`);
  // γ matters only to the exponential schedule; elsewhere it would be noise in the line.
  if (settings.alphaSchedule === "exponential") parts.push(`alphaDecay: ${literal(settings.alphaDecay)}`);
  const options = `{ ${parts.join(", ")} }`;
  const functions = settings.compareAdam ? "adam, amsgrad" : "amsgrad";
  const lines = [
    `import { ${functions}, ${problem} } from "amsgrad";`,
    `const run = amsgrad(${problem}.objective, ${problem}.derivative, ${options});`,
  ];
  if (settings.compareAdam) lines.push(`const runAdam = adam(${problem}.objective, ${problem}.derivative, ${options});`);
  return lines.join("\n");
}
