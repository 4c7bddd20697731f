/**
 * Figures in words: the sentences each figure carries as its SVG `<desc>` and that `show()` sends as
 * `text/plain`, which VS Code reads to screen readers and text-only viewers print. They say what a sighted
 * reader takes from the picture: what is drawn, over which range, where each search starts and ends.
 */
import type { ResolvedPathStyle, SeriesStyle } from "./style.js";

/**
 * A number as a reader says it: three significant digits, an exponent only for very large or small
 * magnitudes, an ASCII minus (screen readers read "−" inconsistently).
 *
 * @example
 * spoken(0.44064898688) // "0.441"
 * spoken(-6.78e-12)     // "-6.78e-12"
 */
export function spoken(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-4 && magnitude < 1e6) return String(Number(value.toPrecision(3)));
  return value.toExponential(2).replace(/\.?0+e/, "e").replace("e+", "e");
}

/** A point as "(x, y)". */
export function spokenPoint(x: number, y: number): string {
  return `(${spoken(x)}, ${spoken(y)})`;
}

/**
 * Text safe for `text/plain` and for a sentence: control characters (an ANSI escape, NUL, a vertical tab)
 * become spaces, so that a label cannot recolour a terminal or garble what a screen reader says.
 */
export function plainText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, " ");
}

const COLOR_NAMES: Readonly<Record<string, string>> = {
  "#ffffff": "white",
  "#000000": "black",
  "#ff00ff": "magenta",
  "#c200c2": "magenta",
  "#4269d0": "blue",
  "#efb118": "yellow",
  "#ff725c": "red",
  "#3ca951": "green",
  "#a463f2": "purple",
  "#6cc5b0": "teal",
  "#9c6b4e": "brown",
  "#ff8ab7": "pink",
  "#97bbf5": "light blue",
};

/** A colour's name where it has a plain one, else its hex code. */
export function colorName(color: string): string {
  return COLOR_NAMES[color.toLowerCase()] ?? color;
}

function dashName(dash: string | undefined): string {
  if (!dash) return "solid";
  const parts = dash.split(/[\s,]+/).map(Number);
  if (parts.length > 2) return "dash-dotted";
  return parts[0] <= 2 ? "dotted" : "dashed";
}

/** How a search path looks, e.g. "white solid line with round dots". */
export function pathLook(style: ResolvedPathStyle): string {
  const dots = style.marker === "none" ? "without dots" : `with ${style.marker === "square" ? "square" : "round"} dots`;
  return `${colorName(style.color)} ${dashName(style.dash)} line ${dots}`;
}

/** How a chart series looks, e.g. "blue solid line". */
export function seriesLook(style: SeriesStyle): string {
  return `${colorName(style.color)} ${dashName(style.dash)} line`;
}

/** Joins sentences, each ending with a full stop. */
export function sentences(parts: readonly (string | null | undefined | false)[]): string {
  return parts
    .filter((p): p is string => typeof p === "string" && p.length > 0)
    .map((p) => (/[.!?]$/.test(p) ? p : `${p}.`))
    .join(" ");
}

/** "x from -1 to 1 and y from -1 to 1". */
export function spokenBounds(bounds: readonly (readonly [number, number])[], names: readonly string[] = ["x", "y"]): string {
  return bounds.map(([a, b], i) => `${names[i]} from ${spoken(a)} to ${spoken(b)}`).join(" and ");
}

const SCHEME_WORDS: Readonly<Record<string, string>> = {
  jet: "jet colours, from dark blue (lowest) through cyan and yellow to dark red (highest)",
  turbo: "turbo colours, from dark blue (lowest) through green and yellow to dark red (highest)",
  viridis: "viridis colours, from dark purple (lowest) through teal to yellow (highest)",
};

/** How a colour scheme runs, e.g. "jet colours, from dark blue (lowest) … to dark red (highest)". */
export function schemeWords(scheme: unknown): string {
  return (typeof scheme === "string" && SCHEME_WORDS[scheme]) || "a custom colour scheme";
}
