/**
 * Contour levels chosen as matplotlib's `contourf(levels=n)` chooses them: MaxNLocator(n + 1) tick
 * values ("nice" steps 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10 × 10^k) spanning the data range, trimmed to
 * one level at or below the minimum and one at or above the maximum. Ported from matplotlib 3.6
 * (`ticker.MaxNLocator._raw_ticks`, `contour.ContourSet._autolev`), float for float, including
 * Python's floor division, so that the tutorial's 50 levels come out identical.
 */

import { checkFinite, checkNumber, describe } from "../errors.js";

/** matplotlib's default MaxNLocator steps, as its `_staircase` extends them. */
const STEPS = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];
const EXTENDED_STEPS = [...STEPS.slice(0, -1).map((s) => 0.1 * s), ...STEPS, 10 * STEPS[1]];

/** Python's float `divmod(x, y)` for y > 0: floor quotient and a remainder with the sign of y. */
function pyDivmod(x: number, y: number): [number, number] {
  let mod = x % y; // fmod, as CPython's float_divmod starts
  let div = (x - mod) / y;
  if (mod) {
    if (y < 0 !== mod < 0) {
      mod += y;
      div -= 1;
    }
  } else {
    mod = 0 * y; // signed zero as CPython
  }
  let floordiv: number;
  if (div) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1;
  } else {
    floordiv = 0 * (x / y);
  }
  return [floordiv, mod];
}

/** matplotlib `transforms.nonsingular(vmin, vmax, expander=1e-13, tiny=1e-14)`. */
function nonsingular(vmin: number, vmax: number, expander = 1e-13, tiny = 1e-14): [number, number] {
  if (!Number.isFinite(vmin) || !Number.isFinite(vmax)) return [-expander, expander];
  if (vmax < vmin) [vmin, vmax] = [vmax, vmin];
  const maxAbs = Math.max(Math.abs(vmin), Math.abs(vmax));
  if (maxAbs < (1e6 / tiny) * 2.2250738585072014e-308) {
    return [-expander, expander];
  }
  if (vmax - vmin <= maxAbs * tiny) {
    if (vmax === 0 && vmin === 0) return [-expander, expander];
    return [vmin - expander * Math.abs(vmin), vmax + expander * Math.abs(vmax)];
  }
  return [vmin, vmax];
}

/** matplotlib `ticker.scale_range(vmin, vmax, n)`. */
function scaleRange(vmin: number, vmax: number, n: number, threshold = 100): [number, number] {
  const dv = Math.abs(vmax - vmin);
  const meanv = (vmax + vmin) / 2;
  const offset = Math.abs(meanv) / dv < threshold ? 0 : Math.sign(meanv) * 10 ** pyDivmod(Math.log10(Math.abs(meanv)), 1)[0];
  const scale = 10 ** pyDivmod(Math.log10(dv / n), 1)[0];
  return [scale, offset];
}

/** matplotlib `ticker._Edge_integer`: n·step ≤ x or ≥ x, with slack for rounding. */
function edgeInteger(step: number, offset: number) {
  const absOffset = Math.abs(offset);
  const closeTo = (ms: number, edge: number) => {
    let tol = 1e-10;
    if (absOffset > 0) {
      const digits = Math.log10(absOffset / step);
      tol = Math.min(0.4999, Math.max(1e-10, 10 ** (digits - 12)));
    }
    return Math.abs(ms - edge) < tol;
  };
  return {
    le(x: number) {
      const [d, m] = pyDivmod(x, step);
      return closeTo(m / step, 1) ? d + 1 : d;
    },
    ge(x: number) {
      const [d, m] = pyDivmod(x, step);
      return closeTo(m / step, 0) ? d : d + 1;
    },
  };
}

/** matplotlib `MaxNLocator(nbins, min_n_ticks=1).tick_values(vmin, vmax)`. */
function maxNLocatorTicks(vmin: number, vmax: number, nbins: number, minTicks = 1): number[] {
  [vmin, vmax] = nonsingular(vmin, vmax);
  const [scale, offset] = scaleRange(vmin, vmax, nbins);
  const lo = vmin - offset;
  const hi = vmax - offset;
  const rawStep = (hi - lo) / nbins;
  const steps = EXTENDED_STEPS.map((s) => s * scale);
  let istep = steps.findIndex((s) => s >= rawStep);
  if (istep < 0) istep = steps.length - 1;
  let ticks: number[] = [];
  for (; istep >= 0; istep--) {
    const step = steps[istep];
    const bestMin = pyDivmod(lo, step)[0] * step;
    const edge = edgeInteger(step, offset);
    const low = edge.le(lo - bestMin);
    const high = edge.ge(hi - bestMin);
    ticks = [];
    for (let k = low; k < high + 1; k++) ticks.push(k * step + bestMin);
    const shown = ticks.filter((t) => t <= hi && t >= lo).length;
    if (shown >= minTicks) break;
  }
  return ticks.map((t) => t + offset);
}

/**
 * Contour levels for data spanning [min, max], as matplotlib's `contourf(..., levels=count)` picks them:
 * evenly spaced "nice" values (step 1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × 10^k, the smallest that needs at
 * most count + 2 values), the first at or below `min` and the last at or above `max`. They bound about
 * `count` filled bands (at most count + 1).
 *
 * Default count 50 (the tutorial's). Throws a RangeError unless min and max are finite with min ≤ max
 * and count is a positive integer.
 *
 * @example
 * contourLevels(0, 2, 50)      // [0, 0.04, 0.08, …, 2]: 51 levels, 50 bands (the tutorial's bowl)
 * contourLevels(0, 2, 7)       // [0, 0.25, 0.5, …, 2]: 9 levels, 8 bands
 * contourLevels(-3.7, 12.2, 20) // [-4, -3.2, …, 12.8]: 22 levels, 21 bands
 */
export function contourLevels(min: number, max: number, count = 50): number[] {
  const where = "contourLevels";
  checkFinite(where, "min", min);
  checkFinite(where, "max", max);
  if (!(min <= max)) throw new RangeError(`${where}: needs min <= max, got ${describe(min)} and ${describe(max)}`);
  checkNumber(where, "count", count);
  if (!(Number.isSafeInteger(count) && count >= 1)) {
    throw new RangeError(`${where}: count must be a positive integer, got ${describe(count)}`);
  }
  const levels = maxNLocatorTicks(min, max, count + 1);
  // Trim levels the locator added beyond the data (matplotlib's _autolev).
  let i0 = 0;
  for (let i = 0; i < levels.length; i++) if (levels[i] < min) i0 = i;
  let i1 = levels.length;
  for (let i = 0; i < levels.length; i++) {
    if (levels[i] > max) {
      i1 = i + 1;
      break;
    }
  }
  if (i1 - i0 < 3) return levels;
  return levels.slice(i0, i1);
}
