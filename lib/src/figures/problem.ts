/**
 * What a figure is drawn of: a {@link TestProblem} or a bare objective with bounds. The one place that
 * tells them apart and resolves the bounds, the minimum and the title, for contours and surfaces alike.
 */
import { checkBounds, describe } from "../errors.js";
import type { TestProblem } from "../objectives.js";

/** A 2-D objective taking the coordinates as separate arguments, as the tutorial's `objective(x, y)`. */
export type Objective2D = (x: number, y: number) => number;

/** `[[xmin, xmax], [ymin, ymax]]`, as the tutorial's `bounds` (checked at run time: two finite pairs, min < max). */
export type Bounds2D = ArrayLike<ArrayLike<number>>;

/** The options that override a problem's own facts. */
export interface ProblemOverrides {
  bounds?: Bounds2D;
  minimum?: readonly [number, number] | null;
  title?: string | null;
}

/** A problem with every fact resolved and checked. */
export interface ResolvedProblem {
  f: Objective2D;
  bounds: [[number, number], [number, number]];
  /** The minimizer to mark, or null. */
  minimum: readonly [number, number] | null;
  /** The figure's title, or null for none. */
  title: string | null;
}

/**
 * Resolves `problem` (a TestProblem, or an objective function given with `bounds`) and the options that
 * override its bounds, minimum and title (default: the problem's own; "f(x, y)" as the title of a bare
 * function). Throws a TypeError/RangeError that names the option and the value.
 *
 * @example
 * resolveProblem("contourFigure", bowl, {}).bounds                                // [[-1, 1], [-1, 1]]
 * resolveProblem("surfaceFigure", (x, y) => x * y, { bounds: [[0, 1], [0, 2]] }).title // "f(x, y)"
 */
export function resolveProblem(where: string, problem: TestProblem | Objective2D, options: ProblemOverrides): ResolvedProblem {
  if (options === null || typeof options !== "object") {
    throw new TypeError(`${where}: options must be an object, got ${describe(options)}`);
  }
  const isProblem = typeof problem === "object" && problem !== null && typeof problem.objective === "function";
  const f = isProblem ? (problem as TestProblem).objective : problem;
  if (typeof f !== "function") {
    throw new TypeError(`${where}: give a test problem (bowl, rosenbrock, …) or an objective (x, y) => number, got ${describe(problem)}`);
  }
  const rawBounds = options.bounds !== undefined ? options.bounds : isProblem ? (problem as TestProblem).bounds : undefined;
  if (rawBounds === undefined) throw new TypeError(`${where}: give bounds: [[xmin, xmax], [ymin, ymax]] for a bare objective function`);
  const bounds = checkBounds(where, "bounds", rawBounds as unknown);
  if (bounds.length !== 2) throw new RangeError(`${where}: bounds must have 2 pairs (x and y), got ${bounds.length}`);
  const minimum = options.minimum !== undefined ? options.minimum : isProblem ? (problem as TestProblem).minimum : null;
  if (minimum !== null && !(Number.isFinite(minimum?.[0]) && Number.isFinite(minimum?.[1]))) {
    throw new TypeError(`${where}: minimum must be [x, y] (finite) or null, got ${describe(minimum)}`);
  }
  const title = options.title !== undefined ? options.title : isProblem ? (problem as TestProblem).title : "f(x, y)";
  if (title !== null && typeof title !== "string") throw new TypeError(`${where}: title must be a string or null, got ${describe(title)}`);
  return { f: f as Objective2D, bounds: bounds as [[number, number], [number, number]], minimum, title };
}
