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

/** How automatic contour levels are spaced: evenly ("linear", matplotlib's default) or evenly on a log scale. */
export type LevelScale = "linear" | "log";

/** Every named {@link ColorScheme}. */
export const COLOR_SCHEMES: readonly string[] = ["jet", "turbo", "viridis"];

/** How a search path is drawn. */
export interface PathStyle {
  /** Stroke colour of the line, the dots and the start/end markers. */
  color?: string;
  /** SVG dash array of the line, e.g. "6 3"; none for a solid line. */
  dash?: string;
  /** Dot shape: "circle" (round caps), "square", or "none" for the line alone. */
  marker?: "circle" | "square" | "none";
  /** Dot diameter in px. Default 4.5. */
  dotSize?: number;
  /** Line width in px. Default 1.5. */
  lineWidth?: number;
  /**
   * The start ring and end diamond: "filled" (a ring of radius 5 px and a filled diamond, the tutorial's
   * look) or "hollow" (radius 8 px, both open), which ring another path's markers at the same point
   * instead of covering them.
   */
  ends?: "filled" | "hollow";
}

/** A path style with every field but the dash filled in. */
export interface ResolvedPathStyle {
  color: string;
  dash?: string;
  marker: "circle" | "square" | "none";
  dotSize: number;
  lineWidth: number;
  ends: "filled" | "hollow";
}

/**
 * Default styles of the 1st, 2nd, … path whose label names no optimizer of {@link OPTIMIZER_STYLES}: the
 * tutorial's white dots and line first, then a black dashed line, then magenta dotted: all readable on
 * jet and turbo, and told apart without colour. A later path lying on an earlier one leaves it visible:
 * the first is drawn widest with the largest dots, the second (Adam's) as a thin line without dots, the
 * others narrower with smaller dots, and their start rings and end diamonds are open and larger, around
 * the first path's markers rather than over them (in notebooks 6 and 7 Adam's black squares, ring and
 * diamond covered AMSGrad's dots, start and end; over Rosenbrock's 1000 iterations its squares made one
 * black band).
 */
export const PATH_STYLES: readonly ResolvedPathStyle[] = [
  { color: "#ffffff", marker: "circle", dotSize: 5, lineWidth: 2.5, ends: "filled" },
  { color: "#000000", dash: "6 3", marker: "none", dotSize: 0, lineWidth: 1.25, ends: "hollow" },
  { color: "#ff00ff", dash: "2 2", marker: "circle", dotSize: 3, lineWidth: 1.5, ends: "hollow" },
  { color: "#ffffff", dash: "8 3 2 3", marker: "square", dotSize: 3, lineWidth: 1.5, ends: "hollow" },
  { color: "#000000", dash: "2 2", marker: "circle", dotSize: 3, lineWidth: 1.5, ends: "hollow" },
  { color: "#ff00ff", marker: "square", dotSize: 3, lineWidth: 1.5, ends: "hollow" },
];

/** How a series looks in a line chart (objective, coordinates, step sizes, any series). */
export interface SeriesStyle {
  /** Stroke colour. */
  color: string;
  /** SVG dash array; none for a solid line. */
  dash?: string;
}

/** The one look of an optimizer, over contours and in line charts alike. */
export interface OptimizerStyle {
  /** Its path over a contour plot (and in the explorer). */
  path: ResolvedPathStyle;
  /** Its line in a chart: the same dash, a colour that reads on white. */
  series: SeriesStyle;
}

/**
 * One look per optimizer across the whole series, whatever order the runs are given in: a path or series
 * whose label names an optimizer ("AMSGrad", "Adam, β2 = 0.9", "gradient descent, α = 0.45"; the name
 * first, any case, then nothing or a non-letter) takes that optimizer's look. AMSGrad is the tutorial's
 * white line and dots over contours (blue on white charts), Adam a thin black dashed line with open ends,
 * gradient descent magenta and dotted. In a figure with two paths of one optimizer, the second takes the next free
 * default look ({@link PATH_STYLES}).
 */
export const OPTIMIZER_STYLES: Readonly<Record<"AMSGrad" | "Adam" | "gradient descent", OptimizerStyle>> = Object.freeze({
  AMSGrad: { path: PATH_STYLES[0], series: { color: "#4269d0" } },
  Adam: { path: PATH_STYLES[1], series: { color: "#000000", dash: "6 3" } },
  "gradient descent": { path: PATH_STYLES[2], series: { color: "#c200c2", dash: "2 2" } },
});

/** Looks of chart series whose label names no optimizer, in order: Observable 10 with dashes. */
export const SERIES_STYLES: readonly SeriesStyle[] = [
  { color: "#efb118" },
  { color: "#ff725c", dash: "8 3 2 3" },
  { color: "#3ca951", dash: "4 4" },
  { color: "#a463f2" },
  { color: "#6cc5b0", dash: "8 3 2 3" },
  { color: "#9c6b4e", dash: "4 4" },
  { color: "#ff8ab7" },
  { color: "#97bbf5", dash: "8 3 2 3" },
];

/**
 * The optimizer a label names, if any: its first words are the optimizer's name (any case) followed by
 * the end or a character that is not a letter, so "Adam, α = 0.1" is Adam and "AdamW" is not.
 *
 * @example
 * optimizerOf("AMSGrad (β2 = 0.99)") // "AMSGrad"
 * optimizerOf("AdamW")                // undefined
 */
export function optimizerOf(label: string): keyof typeof OPTIMIZER_STYLES | undefined {
  const lower = label.trimStart().toLowerCase();
  // Longest names first, so that no name is taken for a prefix of another.
  for (const name of ["gradient descent", "AMSGrad", "Adam"] as const) {
    const key = name.toLowerCase();
    if (lower.startsWith(key) && !/\p{L}/u.test(lower.charAt(key.length))) return name;
  }
  return undefined;
}

/**
 * Assigns looks to the labelled items of one figure (or one panel): an item naming an optimizer gets its
 * fixed look unless an earlier item already has it; the others get the defaults in order, skipping looks
 * already taken. `same` says whether two looks are the same.
 */
export function assignStyles<S>(labels: readonly string[], named: (name: keyof typeof OPTIMIZER_STYLES) => S, defaults: readonly S[], same: (a: S, b: S) => boolean): S[] {
  const taken: S[] = [];
  const out: S[] = [];
  labels.forEach((label, i) => {
    const name = optimizerOf(label);
    const fixed = name ? named(name) : undefined;
    if (fixed !== undefined && !taken.some((s) => same(s, fixed))) {
      out[i] = fixed;
      taken.push(fixed);
    }
  });
  let cursor = 0;
  labels.forEach((_, i) => {
    if (out[i] !== undefined) return;
    // The next default not yet taken; when every one is taken (many paths), the next in turn.
    let pick = cursor % defaults.length;
    for (let k = 0; k < defaults.length; k++) {
      const c = (cursor + k) % defaults.length;
      if (!taken.some((s) => same(s, defaults[c]))) {
        pick = c;
        break;
      }
    }
    out[i] = defaults[pick];
    taken.push(defaults[pick]);
    cursor = pick + 1;
  });
  return out;
}

/** The text and axis colour of every figure (never `currentColor`: an <img> cannot inherit the page's). */
export const INK = "#222222";
/** The opaque background every figure paints first, as matplotlib's white figure face. */
export const PAPER = "#ffffff";

/**
 * Where a legend box sits inside the plot area: "auto" (the default) is the corner where it covers the
 * least of the starts, ends, minimum and paths.
 */
export type LegendPlacement = "auto" | "top-left" | "top-right" | "bottom-left" | "bottom-right" | "none";

