/**
 * Tick labels: numbers written as Plot writes them (d3's formats, a true minus sign), exponents for
 * magnitudes a fixed format would write with hundreds of digits, and labels for log axes that leave no
 * stretch of a decade unlabelled.
 */
import { format as d3format } from "d3";
import { powerOfTen } from "./powers.js";

/** `1.5e308`, `−2e−7`: d3's exponent format with a true minus sign and no "+". */
function exponent(value: number): string {
  return d3format(".2~e")(value).replace("e+", "e").replace(/-/g, "−");
}

/**
 * The format of evenly spaced ticks `step` apart: as many decimals as the step needs (Plot's look:
 * "−0.5", "1.0"), or an exponent ("1.5e308") when the largest tick reaches a million or the step is below
 * 10⁻⁴, where fixed decimals would be unreadably long.
 *
 * @example
 * tickFormat(0.5)(-1)        // "−1.0"
 * tickFormat(1e307, 1.8e308)(1.5e308) // "1.5e308"
 */
export function tickFormat(step: number, largest = 0): (v: number) => string {
  if (Math.abs(largest) >= 1e6 || (step > 0 && step < 1e-4)) return (v) => (v === 0 ? "0" : exponent(v));
  const digits = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const f = d3format(`.${Math.min(20, digits)}f`);
  return (v) => f(v).replace("-", "−");
}

/** The mantissa of a positive number, 1 ≤ m < 10, rounded off float noise (0.5 → 5). */
function mantissa(v: number): number {
  return Math.round((v / 10 ** Math.floor(Math.log10(v) + 1e-9)) * 1e6) / 1e6;
}

/**
 * Tick marks of a log axis over [lo, hi]: 1 … 9 × 10^k inside it, or only the powers of ten over more than
 * six decades.
 *
 * @example
 * logTicks(0.05, 0.3) // [0.05, 0.06, 0.07, 0.08, 0.09, 0.1, 0.2, 0.3]
 */
export function logTicks(lo: number, hi: number): number[] {
  const k0 = Math.floor(Math.log10(lo) + 1e-9);
  const k1 = Math.ceil(Math.log10(hi) - 1e-9);
  const every = k1 - k0 > 6 ? [1] : [1, 2, 3, 4, 5, 6, 7, 8, 9];
  const out: number[] = [];
  for (let k = k0; k <= k1; k++) {
    for (const m of every) {
      const v = Number((m * 10 ** k).toPrecision(3));
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(v);
    }
  }
  return out;
}

/**
 * Labels for a log axis spanning [lo, hi]: over three decades or more, powers of ten (10⁻³); over fewer,
 * the 1s, 2s and 5s of each decade (0.02, 0.05) and the lowest and highest tick, so that no stretch of
 * the axis is without labels; "" for the other ticks, which stay as unlabelled marks.
 *
 * @example
 * logTickFormat(0.0516, 1.25)(0.06) // "0.06": the lowest tick
 */
export function logTickFormat(lo: number, hi: number): (v: number) => string {
  if (Math.log10(hi / lo) >= 3) return powerOfTen;
  const ticks = logTicks(lo, hi);
  const plain = d3format("~g");
  const first = ticks[0];
  const last = ticks[ticks.length - 1];
  return (v) => {
    const m = mantissa(v);
    return m === 1 || m === 2 || m === 5 || v === first || v === last ? plain(v) : "";
  };
}

/** The values a log axis labels over fewer than three decades: 1, 2 and 5 × 10^k. */
const LABELLED_MANTISSAS = [1, 2, 5];

/**
 * The domain of a log axis showing data from `lo` to `hi` (both > 0): widened to the labelled values
 * around them, the 1s, 2s and 5s (0.011 … 0.9 → 0.01 … 1), or whole decades where the axis then spans
 * three or more (and labels only powers of ten), so that a label stands at or below the lowest value and
 * at or above the highest and none of the data lies beyond the last label. Never a single point.
 *
 * @example
 * logAxisDomain(0.011, 0.9)  // [0.01, 1]
 * logAxisDomain(3e-7, 0.4)   // [1e-7, 1]
 */
export function logAxisDomain(lo: number, hi: number): [number, number] {
  const below = (v: number) => {
    const k = Math.floor(Math.log10(v) + 1e-9);
    const m = [...LABELLED_MANTISSAS].reverse().find((c) => Number((c * 10 ** k).toPrecision(12)) <= v * (1 + 1e-9)) ?? 1;
    return Number((m * 10 ** k).toPrecision(12));
  };
  const above = (v: number) => {
    const k = Math.floor(Math.log10(v) + 1e-9);
    const m = LABELLED_MANTISSAS.find((c) => Number((c * 10 ** k).toPrecision(12)) >= v * (1 - 1e-9));
    return m === undefined ? Number(`1e${k + 1}`) : Number((m * 10 ** k).toPrecision(12));
  };
  let a = below(lo);
  let b = above(hi);
  if (!(b > a)) b = above(a * (1 + 1e-6));
  if (Math.log10(b / a) >= 3) {
    // Parsed, not 10 ** k: Node 20's 10 ** -4 is 0.00009999999999999999 (Node 24's 0.0001), and the
    // figures must be the same bytes on both.
    a = Number(`1e${Math.floor(Math.log10(a) + 1e-9)}`);
    b = Number(`1e${Math.ceil(Math.log10(b) - 1e-9)}`);
  }
  // Beyond the doubles (a value near 5e-324 or 1.8e308): the data's own ends.
  return [Number.isFinite(a) && a > 0 ? Math.min(a, lo) : lo, Number.isFinite(b) ? Math.max(b, hi) : hi];
}
