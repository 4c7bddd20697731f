/**
 * Colour schemes for contour bands and surfaces. `jet` is matplotlib's, reproduced exactly (its
 * segment data and 256-entry lookup table), so the tutorial's figures keep their colours; `turbo`
 * and `viridis` are d3's, for readers who prefer a perceptually ordered map.
 */
import { interpolateTurbo, interpolateViridis, rgb } from "d3";
import { describe } from "../errors.js";
import type { ColorScheme } from "./style.js";

export { COLOR_SCHEMES, type ColorScheme } from "./style.js";

// matplotlib's _cm._jet_data: (x, y0, y1) break points per channel.
const JET_DATA: readonly (readonly [number, number, number])[][] = [
  [[0, 0, 0], [0.35, 0, 0], [0.66, 1, 1], [0.89, 1, 1], [1, 0.5, 0.5]],
  [[0, 0, 0], [0.125, 0, 0], [0.375, 1, 1], [0.64, 1, 1], [0.91, 0, 0], [1, 0, 0]],
  [[0, 0.5, 0.5], [0.11, 1, 1], [0.34, 1, 1], [0.65, 0, 0], [1, 0, 0]],
];
const LUT_SIZE = 256;

/** matplotlib's colors._create_lookup_table(256, data) for one channel. */
function lookupTable(data: readonly (readonly [number, number, number])[]): Float64Array {
  const n = LUT_SIZE;
  const x = data.map((d) => d[0] * (n - 1));
  const lut = new Float64Array(n);
  lut[0] = data[0][2];
  lut[n - 1] = data[data.length - 1][1];
  for (let i = 1; i < n - 1; i++) {
    const xi = (n - 1) * (i * (1 / (n - 1))); // (N − 1)·np.linspace(0, 1, N)[i], as numpy computes it
    let k = 0;
    while (k < x.length && x[k] < xi) k++; // np.searchsorted(x, xi), side "left"
    const distance = (xi - x[k - 1]) / (x[k] - x[k - 1]);
    lut[i] = Math.min(1, Math.max(0, distance * (data[k][1] - data[k - 1][2]) + data[k - 1][2]));
  }
  return lut;
}

let jetTable: string[] | undefined;

/** Python's round() (half to even) of v·255, as matplotlib's to_hex. */
function byte(v: number): string {
  const x = v * 255;
  let r = Math.round(x);
  if (Math.abs(x % 1) === 0.5 && r % 2 !== 0) r -= 1;
  return r.toString(16).padStart(2, "0");
}

/**
 * matplotlib's jet colour map: `jet(t)` is `matplotlib.colors.to_hex(cm.jet(t))`, dark blue at 0,
 * cyan, yellow, dark red at 1. Values outside [0, 1] clamp; NaN gives "none".
 *
 * @example
 * jet(0)   // "#000080"
 * jet(0.5) // "#7dff7a"
 * jet(1)   // "#800000"
 */
export function jet(t: number): string {
  if (Number.isNaN(t)) return "none";
  if (!jetTable) {
    const [r, g, b] = JET_DATA.map(lookupTable);
    jetTable = Array.from({ length: LUT_SIZE }, (_, i) => `#${byte(r[i])}${byte(g[i])}${byte(b[i])}`);
  }
  // Colormap.__call__: index = int(t · N), t = 1 maps to the last entry.
  const index = Math.min(LUT_SIZE - 1, Math.max(0, Math.floor(t * LUT_SIZE)));
  return jetTable[index];
}

/** A CSS colour as #rrggbb (shortest stable form for the SVG). */
function toHex(color: string): string {
  return rgb(color).formatHex();
}

/** Resolves a {@link ColorScheme} to a function t ↦ "#rrggbb", checking the name. */
export function colorInterpolator(scheme: ColorScheme, where: string): (t: number) => string {
  if (typeof scheme === "function") return (t) => String(scheme(t));
  switch (scheme) {
    case "jet":
      return jet;
    case "turbo":
      return (t) => toHex(interpolateTurbo(t));
    case "viridis":
      return (t) => toHex(interpolateViridis(t));
    default:
      throw new RangeError(`${where}: scheme must be "jet", "turbo", "viridis" or a function, got ${describe(scheme)}`);
  }
}
