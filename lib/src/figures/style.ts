/**
 * How searches and legends look: the public style types and the default path styles. No imports, so that
 * a notebook's type checker (tslab checks every cell) reads only these few lines, not Plot's or the DOM's.
 */

/**
 * A colour scheme: a name, or any function from t ∈ [0, 1] to a CSS colour.
 * - `"jet"`: matplotlib's jet (the tutorial's `cmap='jet'`), default;
 * - `"turbo"`: Google's improved rainbow (d3.interpolateTurbo), jet-like but smoother in lightness;
 * - `"viridis"`: perceptually uniform and colour-blind safe.
 */
export type ColorScheme = "jet" | "turbo" | "viridis" | ((t: number) => string);

/** Every named {@link ColorScheme}. */
export const COLOR_SCHEMES: readonly string[] = ["jet", "turbo", "viridis"];

/** How a search path is drawn. */
export interface PathStyle {
  /** Stroke colour of the line, the dots and the start/end markers. */
  color?: string;
  /** SVG dash array of the line, e.g. "6 3"; none for a solid line. */
  dash?: string;
  /** Dot shape: "circle" (round caps) or "square". */
  marker?: "circle" | "square";
  /** Dot diameter in px. Default 4.5. */
  dotSize?: number;
  /** Line width in px. Default 1.5. */
  lineWidth?: number;
}

/** A path style with every field but the dash filled in. */
export interface ResolvedPathStyle {
  color: string;
  dash?: string;
  marker: "circle" | "square";
  dotSize: number;
  lineWidth: number;
}

/**
 * Default styles of the 1st, 2nd, … path: the tutorial's white dots and line first, then black dashed
 * with squares, then magenta dotted: all readable on jet and turbo, and told apart without colour.
 */
export const PATH_STYLES: readonly ResolvedPathStyle[] = [
  { color: "#ffffff", marker: "circle", dotSize: 4.5, lineWidth: 1.5 },
  { color: "#000000", dash: "6 3", marker: "square", dotSize: 4, lineWidth: 1.5 },
  { color: "#ff00ff", dash: "2 2", marker: "circle", dotSize: 4.5, lineWidth: 1.5 },
  { color: "#ffffff", dash: "8 3 2 3", marker: "square", dotSize: 4, lineWidth: 1.5 },
  { color: "#000000", dash: "2 2", marker: "circle", dotSize: 4.5, lineWidth: 1.5 },
  { color: "#ff00ff", marker: "square", dotSize: 4, lineWidth: 1.5 },
];

/** Where a legend box sits inside the plot area. */
export type LegendPlacement = "top-left" | "top-right" | "bottom-left" | "bottom-right" | "none";

