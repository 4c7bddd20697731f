/**
 * The explorer's sliders: each maps a slider position to a value a reader would type, and back. Shared by
 * the markup (initial positions) and the page (events).
 */
import type { ExplorerSettings, NumericField } from "./settings.js";
import type { Frame } from "./draw.js";

/** One slider: its range and step, and the maps between its position and the field's value. */
export interface SliderSpec {
  /** The label shown before the slider. */
  label: string;
  min: number;
  max: number;
  step: number;
  /** Slider position → value. */
  toValue(position: number): number;
  /** Value → the nearest slider position. */
  toPosition(value: number): number;
  /** What the scale is, for the slider's title. */
  scale: string;
}

/** `mantissa × 10^k` for each decade and mantissa, as the shortest decimal (0.007, not 0.007000000000000001). */
function decades(from: number, to: number, mantissas: readonly number[]): number[] {
  const values: number[] = [];
  for (let k = from; k <= to; k++) for (const m of mantissas) values.push(Number((m * 10 ** k).toPrecision(3)));
  return values;
}

/**
 * A slider over a ladder of values a person would type (0.005, 0.007, 0.01, …), one position each: every
 * position is a value worth showing, arrow keys move one rung, and the reproducing code stays readable.
 * A typed value between rungs puts the slider on the nearest rung (nearest in `distance`).
 */
function ladder(label: string, scale: string, values: readonly number[], distance: (a: number, b: number) => number): SliderSpec {
  const rungs = Array.from(new Set(values)).sort((a, b) => a - b);
  return {
    label,
    scale,
    min: 0,
    max: rungs.length - 1,
    step: 1,
    toValue: (p) => rungs[Math.min(rungs.length - 1, Math.max(0, Math.round(p)))],
    toPosition(v) {
      let best = 0;
      for (let i = 1; i < rungs.length; i++) if (distance(rungs[i], v) < distance(rungs[best], v)) best = i;
      return best;
    },
  };
}

/** Distance on a log scale (0 sits below every positive value). */
const logDistance = (a: number, b: number) => Math.abs(Math.log10(Math.max(a, 1e-300)) - Math.log10(Math.max(b, 1e-300)));

/** The sliders, in the order of {@link NUMERIC_FIELDS}. */
export const SLIDERS: Readonly<Record<NumericField, SliderSpec>> = {
  alpha: ladder(
    "α step size",
    "log scale, 0.0001 to 3",
    [...decades(-4, -1, [1, 1.5, 2, 3, 4, 5, 6, 7, 8, 9]), 1, 1.5, 2, 3],
    logDistance,
  ),
  beta1: {
    label: "β1 momentum",
    min: 0,
    max: 0.999,
    step: 0.001,
    scale: "linear, 0 to 0.999",
    toValue: (p) => Number((Math.round(p * 1000) / 1000).toFixed(3)),
    toPosition: (v) => Number((Math.round(v * 1000) / 1000).toFixed(3)),
  },
  beta2: ladder(
    "β2 2nd moment",
    "0 to 0.99999, by 1 − β2 on a log scale",
    [0, ...decades(-5, -1, [5, 2, 1]).map((q) => Number((1 - q).toFixed(8)))],
    (a, b) => logDistance(1 - a, 1 - b),
  ),
  eps: ladder("ε", "0, then 1e-12 to 0.1 by decades", [0, ...decades(-12, -1, [1])], logDistance),
  nIter: ladder(
    "iterations",
    "1 to 10,000 (type up to 100,000)",
    [...decades(0, 3, [1, 1.5, 2, 3, 5, 7]).map(Math.round), 10_000],
    logDistance,
  ),
  alphaDecay: ladder(
    "γ α decay",
    "0.5 to 1, by 1 − γ on a log scale (exponential α schedule only)",
    [0.5, 0.8, 1, ...decades(-4, -1, [5, 2, 1]).map((q) => Number((1 - q).toFixed(8)))],
    (a, b) => logDistance(1 - a, 1 - b),
  ),
};

/** The text a field shows for a value. */
export function fieldText(settings: ExplorerSettings, field: NumericField): string {
  return String(settings[field]);
}

/**
 * A start point picked on the contour, rounded to the grid a reader would type (about a tenth of a pixel
 * of the frame: 0.001 on [−1, 1]) and kept inside the bounds.
 *
 * @example
 * snapStart(frame, 0.123456, -0.98765) // [0.123, -0.988] on the bowl's frame
 */
export function snapStart(frame: Frame, x: number, y: number): [number, number] {
  const snap = (v: number, [lo, hi]: readonly [number, number]) => {
    const step = 10 ** Math.floor(Math.log10((hi - lo) / 1000));
    const decimals = Math.max(0, -Math.round(Math.log10(step)));
    const clamped = Math.min(hi, Math.max(lo, v));
    return Number((Math.round(clamped / step) * step).toFixed(decimals));
  };
  return [snap(x, frame.xDomain), snap(y, frame.yDomain)];
}
