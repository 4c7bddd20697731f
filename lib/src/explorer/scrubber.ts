/**
 * The step-by-step view of one update: what a teacher points at when explaining iteration t — the
 * gradient, the momentum, the running maximum, the step. Everything is read from the buffers the run
 * filled (compute.ts: the library's one run loop wrote them); nothing is recomputed, so the numbers are
 * the run's own, bit for bit.
 */
import { formatNumpyArray } from "../numpy-format.js";
import { pixelX, pixelY, type Frame } from "../figures/figure.js";
import type { RunBuffers } from "./compute.js";

/** A pair of per-coordinate values, x first. */
export type Pair = readonly [number, number];

/** The numbers of the update at iteration t, as the run recorded them. */
export interface UpdateNumbers {
  /** The iteration, 0-based as the tutorial's loop variable (the update's own count is t + 1). */
  readonly t: number;
  /** The point before the update (the start for t = 0) and after it. */
  readonly before: Pair;
  readonly after: Pair;
  /** The gradient the update used, at `before`. */
  readonly g: Pair;
  /** The moments before and after the update (0 before the first). */
  readonly mBefore: Pair;
  readonly mAfter: Pair;
  readonly vBefore: Pair;
  readonly vAfter: Pair;
  readonly vhatBefore: Pair;
  readonly vhatAfter: Pair;
  /**
   * Whether the running maximum held: v̂ after the update is an earlier, larger v rather than this
   * update's v (v̂ ≠ v). Never for Adam, which has no maximum.
   */
  readonly maxHeld: readonly [boolean, boolean];
  /** The effective step size s, the factor of x ← x − s·m. */
  readonly stepSize: Pair;
  /** The step taken, after − before, and the same in units of α. */
  readonly step: Pair;
  readonly stepInAlpha: Pair;
}

/** Iteration t's numbers from `run`; t must be 0 … run.length − 1. */
export function updateAt(run: RunBuffers, t: number): UpdateNumbers {
  if (!(Number.isInteger(t) && t >= 0 && t < run.length)) {
    throw new RangeError(`scrubber: t must be an iteration from 0 to ${run.length - 1}, got ${t}`);
  }
  const pair = (a: Float64Array, b: Float64Array, i: number): Pair => [a[i], b[i]];
  const previous = (a: Float64Array, b: Float64Array): Pair => (t === 0 ? [0, 0] : pair(a, b, t - 1));
  const before: Pair = t === 0 ? [run.startX, run.startY] : pair(run.xs, run.ys, t - 1);
  const after = pair(run.xs, run.ys, t);
  const vAfter = pair(run.vx, run.vy, t);
  const vhatAfter = pair(run.vhatX, run.vhatY, t);
  const step: Pair = [after[0] - before[0], after[1] - before[1]];
  return {
    t,
    before,
    after,
    g: pair(run.gx, run.gy, t),
    mBefore: previous(run.mx, run.my),
    mAfter: pair(run.mx, run.my, t),
    vBefore: previous(run.vx, run.vy),
    vAfter,
    vhatBefore: previous(run.vhatX, run.vhatY),
    vhatAfter,
    maxHeld: [vhatAfter[0] !== vAfter[0], vhatAfter[1] !== vAfter[1]],
    stepSize: pair(run.stepX, run.stepY, t),
    step,
    stepInAlpha: [step[0] / run.alpha, step[1] / run.alpha],
  };
}

/** One row of the table: a quantity and its value for x and for y. */
export interface UpdateRow {
  readonly label: string;
  /** What the row is, for screen readers and the title tooltip. */
  readonly description: string;
  readonly x: string;
  readonly y: string;
}

/** A value as numpy prints a float64 (the tutorial's progress lines use the same printing). */
function numpy(value: number): string {
  return formatNumpyArray([value]).slice(1, -1).trim();
}

/**
 * The update as table rows, numbers printed as numpy prints them (as the tutorial's lines are):
 * g; m, v and v̂ before → after; whether the max held; the effective step size; the step, in units of α.
 *
 * @example
 * updateRows(updateAt(run, 0))[0] // { label: "g", x: "-0.33191198", y: "0.88129797", … }
 */
export function updateRows(u: UpdateNumbers): UpdateRow[] {
  const row = (label: string, description: string, [x, y]: Pair): UpdateRow => ({ label, description, x: numpy(x), y: numpy(y) });
  const change = (label: string, description: string, from: Pair, to: Pair): UpdateRow => ({
    label,
    description,
    x: `${numpy(from[0])} → ${numpy(to[0])}`,
    y: `${numpy(from[1])} → ${numpy(to[1])}`,
  });
  return [
    row("g", "the gradient at the point before the update", u.g),
    change("m", "the first moment, before and after the update", u.mBefore, u.mAfter),
    change("v", "the second moment, before and after the update", u.vBefore, u.vAfter),
    change("v̂", "the running maximum of v, before and after the update", u.vhatBefore, u.vhatAfter),
    {
      label: "max held",
      description: "whether v̂ kept an earlier, larger v instead of this update's v",
      x: u.maxHeld[0] ? "yes" : "no",
      y: u.maxHeld[1] ? "yes" : "no",
    },
    row("s", "the effective step size: the update is x ← x − s·m", u.stepSize),
    row("Δx", "the step taken: the point after minus the point before", u.step),
    row("Δx / α", "the step in units of the step size α", u.stepInAlpha),
  ];
}

/** How long the direction arrows of −g and −m are drawn, in px (their lengths are not comparable to the step). */
export const DIRECTION_PX = 40;

/** Arrowheads, in px. */
const HEAD = 6;

/** Path data of an arrow from (x0, y0) to (x1, y1) in px: the shaft, and a head when it is long enough to see. */
function arrow(x0: number, y0: number, x1: number, y1: number): string {
  const r = (v: number) => Math.round(v * 100) / 100;
  const dx = x1 - x0;
  const dy = y1 - y0;
  const length = Math.hypot(dx, dy);
  let d = `M${r(x0)} ${r(y0)}L${r(x1)} ${r(y1)}`;
  if (length >= 2 * HEAD) {
    const ux = dx / length;
    const uy = dy / length;
    const head = (sign: number) => `${r(x1 - HEAD * ux + sign * 0.5 * HEAD * uy)} ${r(y1 - HEAD * uy - sign * 0.5 * HEAD * ux)}`;
    d += `M${head(1)}L${r(x1)} ${r(y1)}L${head(-1)}`;
  }
  return d;
}

/** A direction in data units as a {@link DIRECTION_PX}-long arrow from `from`, in the frame's pixels; "" for a zero vector. */
function directionArrow(frame: Frame, from: Pair, direction: Pair): string {
  const x0 = pixelX(frame, from[0]);
  const y0 = pixelY(frame, from[1]);
  // The direction through the frame's scales (x and y may have different pixels per unit).
  const dx = pixelX(frame, from[0] + direction[0]) - x0;
  const dy = pixelY(frame, from[1] + direction[1]) - y0;
  const length = Math.hypot(dx, dy);
  if (!(length > 0 && Number.isFinite(length))) return "";
  return arrow(x0, y0, x0 + (DIRECTION_PX * dx) / length, y0 + (DIRECTION_PX * dy) / length);
}

/** The update drawn over the contour: where it started, the step taken, and the directions of −g and −m. */
export interface UpdateArrows {
  /** The point before the update, in px. */
  readonly at: Pair;
  /** The step actually taken, as an arrow (from before to after, true length). */
  readonly step: string;
  /** −g and −m as direction arrows of {@link DIRECTION_PX} px. */
  readonly gradient: string;
  readonly momentum: string;
}

/** The arrows of an update in a contour frame. */
export function updateArrows(u: UpdateNumbers, frame: Frame): UpdateArrows {
  const x0 = pixelX(frame, u.before[0]);
  const y0 = pixelY(frame, u.before[1]);
  return {
    at: [Math.round(x0 * 100) / 100, Math.round(y0 * 100) / 100],
    step: arrow(x0, y0, pixelX(frame, u.after[0]), pixelY(frame, u.after[1])),
    gradient: directionArrow(frame, u.before, [-u.g[0], -u.g[1]]),
    momentum: directionArrow(frame, u.before, [-u.mAfter[0], -u.mAfter[1]]),
  };
}
