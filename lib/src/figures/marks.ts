/**
 * Plot marks shared by the figures: a generic mark drawing its own SVG (Plot passes it the scales and,
 * when faceted, its facet's data), the title, the colour bar, search paths with their start and end, the
 * minimum, and legends. Everything is built as DOM nodes (text as text nodes, so it is escaped) with
 * compact path data; nothing uses ids, so the output never depends on Plot's process-wide counters.
 */
import * as Plot from "@observablehq/plot";
import { ticks as niceTicks } from "d3";
import { svgElement, svgText } from "./dom.js";
import { PathBuilder, dotsPathData } from "./pathdata.js";
import type { PathSpec } from "./searches.js";
import type { ResolvedPathStyle } from "./style.js";
import { powerOfTen } from "./powers.js";
import { tickFormat } from "./ticks.js";

type Scale = (value: unknown) => number;
/** The scale functions Plot passes to a mark's render: data value → pixel. */
export interface Scales {
  x?: Scale;
  y?: Scale;
}
/** The plot's (or, in a facet, the panel's) size and margins, in px, as Plot passes them to render. */
export interface Dimensions {
  width: number;
  height: number;
  marginTop: number;
  marginRight: number;
  marginBottom: number;
  marginLeft: number;
}
interface Context {
  document: Document;
}

/** Facet accessors: which panel column (fx) and row (fy) a datum belongs to. */
export interface Facets<T> {
  fx?: (d: T) => unknown;
  fy?: (d: T) => unknown;
}

type Draw<T> = (items: T[], scales: Scales, dimensions: Dimensions, context: Context) => SVGElement | null;

const MarkBase = Plot.Mark as unknown as new (data: unknown, channels: object, options: object) => { data: unknown };

/** A mark that draws its own SVG; with `fx`/`fy` accessors its data is split across facets. */
class SvgMark<T> extends MarkBase {
  constructor(
    data: T[],
    options: { fx?: (d: T) => unknown; fy?: (d: T) => unknown; facet?: "auto" | "super" },
    private readonly draw: Draw<T>,
  ) {
    super(data, {}, options);
  }
  render(index: ArrayLike<number> | null, scales: Scales, _values: unknown, dimensions: Dimensions, context: Context) {
    const data = this.data as T[];
    const items = index ? Array.from(index, (i) => data[i]) : data;
    return this.draw(items, scales, dimensions, context);
  }
}

/** A custom mark: `draw(items, scales, dimensions, context)` returns an SVG element (or null). */
export function svgMark<T>(data: T[], options: { fx?: (d: T) => unknown; fy?: (d: T) => unknown; facet?: "auto" | "super" }, draw: Draw<T>): Plot.Markish {
  return new SvgMark(data, options, draw) as unknown as Plot.Markish;
}

/** The figure's title, centred over the plot area(s) in the top margin. */
export function titleMark(title: string | null | undefined): Plot.Markish | null {
  if (!title) return null;
  return svgMark([title], { facet: "super" }, (_items, _scales, d, { document }) => {
    const x = d.marginLeft + (d.width - d.marginLeft - d.marginRight) / 2;
    return svgText(document, title, { x, y: 18, "font-size": 13, "font-weight": 600, "aria-label": "title" });
  });
}

/**
 * A vertical colour bar in the right margin: one cell per band, from the lowest level at the bottom to
 * the highest at the top, with nice ticks. Cells are thick vertical strokes, about 40 bytes each. Linear
 * levels sit at their values; log-spaced levels (`log`) one cell per band, labelled at powers of ten.
 */
export function colorBarMark(levels: readonly number[], colors: readonly string[], log = false): Plot.Markish {
  return svgMark([levels], { facet: "super" }, (_items, _scales, d, { document }) => {
    const g = svgElement(document, "g", { "aria-label": "color legend" });
    const x = d.width - d.marginRight + 16;
    const barWidth = 12;
    const top = d.marginTop;
    const bottom = d.height - d.marginBottom;
    const bands = levels.length - 1;
    // Positions computed on values / 4 where the span would overflow (values near ±1.8e308).
    const s = Number.isFinite(levels[bands] - levels[0]) ? 1 : 0.25;
    const lo = levels[0] * s;
    const hi = levels[bands] * s;
    const y = log ? (k: number) => bottom - (k / bands) * (bottom - top) : (v: number) => bottom - ((v * s - lo) / (hi - lo)) * (bottom - top);
    const cells = svgElement(document, "g", { "stroke-width": barWidth });
    for (let k = 0; k < colors.length; k++) {
      const b = new PathBuilder().moveTo(x + barWidth / 2, log ? y(k) : y(levels[k])).lineTo(x + barWidth / 2, log ? y(k + 1) : y(levels[k + 1]));
      cells.appendChild(svgElement(document, "path", { stroke: colors[k], d: b.toString() }));
    }
    g.appendChild(cells);
    const ticks = colorBarTicks(levels, log).map(([at, label]) => [y(at), label] as [number, string]);
    const tickPath = new PathBuilder();
    const labels = svgElement(document, "g", { "text-anchor": "start", "font-variant": "tabular-nums" });
    for (const [py, label] of ticks) {
      tickPath.moveTo(x + barWidth, py).lineTo(x + barWidth + 4, py);
      labels.appendChild(svgText(document, label, { x: x + barWidth + 6, y: Math.round(py * 10) / 10, dy: "0.32em" }));
    }
    g.appendChild(svgElement(document, "path", { stroke: "currentColor", d: tickPath.toString() }));
    g.appendChild(labels);
    return g;
  });
}

/**
 * The colour bar's ticks: [level index (log) or value (linear), label]. Log-spaced levels are labelled at
 * powers of ten (every k-th, at most 8); linear ones at d3's nice ticks.
 */
export function colorBarTicks(levels: readonly number[], log: boolean): [number, string][] {
  const bands = levels.length - 1;
  if (log) {
    const powers = levels.map((v, k) => [k, powerOfTen(v)] as [number, string]).filter(([, label]) => label !== "");
    const every = Math.max(1, Math.ceil(powers.length / 8));
    return powers.filter((_, i) => i % every === 0);
  }
  const s = Number.isFinite(levels[bands] - levels[0]) ? 1 : 0.25;
  const values = niceTicks(levels[0] * s, levels[bands] * s, 6).map((v) => v / s).filter(Number.isFinite);
  const format = tickFormat(values.length > 1 ? values[1] - values[0] : 1, Math.max(Math.abs(levels[0]), Math.abs(levels[bands])));
  return values.map((v) => [v, format(v)]);
}

/** The right margin a colour bar with these levels needs: the bar, its ticks and its widest label (at least 66 px). */
export function colorBarMargin(levels: readonly number[], log: boolean): number {
  const widest = Math.max(0, ...colorBarTicks(levels, log).map(([, label]) => label.length));
  return Math.max(66, Math.ceil(34 + widest * 6.2 + 4));
}


/** Pixel positions of flat data points, kept within 2000 px of the frame so a diverging path stays drawable. */
function toPixels(points: Float64Array, x: Scale, y: Scale): Float64Array {
  const out = new Float64Array(points.length);
  for (let i = 0; i < points.length; i += 2) {
    out[i] = Math.max(-2000, Math.min(4000, x(points[i])));
    out[i + 1] = Math.max(-2000, Math.min(4000, y(points[i + 1])));
  }
  return out;
}

/** A ring (the start marker) centred on (cx, cy), as four cubics; returns the builder. */
export function ring(b: PathBuilder, cx: number, cy: number, r: number): PathBuilder {
  // A circle as four cubics (κ = 0.5523 r): shorter than an SVG arc pair with its flags.
  const k = 0.5523 * r;
  b.moveTo(cx + r, cy)
    .curveTo(cx + r, cy + k, cx + k, cy + r, cx, cy + r)
    .curveTo(cx - k, cy + r, cx - r, cy + k, cx - r, cy)
    .curveTo(cx - r, cy - k, cx - k, cy - r, cx, cy - r)
    .curveTo(cx + k, cy - r, cx + r, cy - k, cx + r, cy)
    .close();
  return b;
}
/** Radius of a hollow start ring and end diamond (a path style's `ends: "hollow"`), outside a filled one's 5 px and its stroke. */
export const HOLLOW_RADIUS = 8;

/** A diamond (the end marker) centred on (cx, cy); returns the builder. */
export function diamond(b: PathBuilder, cx: number, cy: number, r: number): PathBuilder {
  return b.moveTo(cx, cy - r).lineTo(cx + r, cy).lineTo(cx, cy + r).lineTo(cx - r, cy).close();
}

/**
 * The search paths: per path a line through start and every point, a dot per point (the tutorial's '.-';
 * none for a style without marker), a ring at the start and a diamond at the end. Dots are zero-length subpaths under round or square caps:
 * one `<path>` for all of them.
 */
export function pathsMark(paths: PathSpec[], facets: Facets<PathSpec> = {}): Plot.Markish {
  return svgMark(paths, facets, (items, scales, d, { document }) => {
    const g = svgElement(document, "g", { "aria-label": "search paths", fill: "none" });
    const x = scales.x!;
    const y = scales.y!;
    // A search that leaves the plotted region is clipped to it. The clip's id is derived from its
    // rectangle, not from a counter, so output stays deterministic and equal clips share one id.
    const left = d.marginLeft, top = d.marginTop, right = d.width - d.marginRight, bottom = d.height - d.marginBottom;
    const outside = items.some((p) => {
      for (let i = 0; i < p.points.length; i += 2) {
        const px = x(p.points[i]);
        const py = y(p.points[i + 1]);
        if (!(px >= left - 3 && px <= right + 3 && py >= top - 3 && py <= bottom + 3)) return true;
      }
      return false;
    });
    if (outside) {
      const id = `amsgrad-clip-${left}-${top}-${right - left}-${bottom - top}`.replace(/\./g, "_");
      const clip = svgElement(document, "clipPath", { id });
      clip.appendChild(svgElement(document, "rect", { x: left, y: top, width: right - left, height: bottom - top }));
      g.appendChild(clip);
      g.setAttribute("clip-path", `url(#${id})`);
    }
    for (const path of items) {
      const { style } = path;
      const pixels = toPixels(path.points, x, y);
      const group = svgElement(document, "g", { "aria-label": `path ${path.label}`, stroke: style.color });
      const line = new PathBuilder();
      let lineStart = 0;
      if (path.start) {
        line.moveTo(Math.max(-2000, Math.min(4000, x(path.start[0]))), Math.max(-2000, Math.min(4000, y(path.start[1]))));
      } else if (pixels.length) {
        line.moveTo(pixels[0], pixels[1]);
        lineStart = 2;
      }
      for (let i = lineStart; i < pixels.length; i += 2) line.lineTo(pixels[i], pixels[i + 1]);
      group.appendChild(
        svgElement(document, "path", { "stroke-width": style.lineWidth, "stroke-dasharray": style.dash, d: line.toString() }),
      );
      if (pixels.length && style.marker !== "none") {
        group.appendChild(
          svgElement(document, "path", {
            "aria-label": "points",
            "stroke-width": style.dotSize,
            "stroke-linecap": style.marker === "square" ? "square" : "round",
            d: dotsPathData(pixels),
          }),
        );
      }
      const start = path.start ? ([x(path.start[0]), y(path.start[1])] as const) : null;
      const end = pixels.length ? ([pixels[pixels.length - 2], pixels[pixels.length - 1]] as const) : null;
      for (const marker of pathMarkers(document, style, start, end)) group.appendChild(marker);
      g.appendChild(group);
    }
    return g;
  });
}

/**
 * A path's start ring and end diamond at these pixels (either may be null), for a group stroked in the
 * path's colour with no fill: filled ends as the tutorial's (a ring of 5 px, a diamond filled in the
 * path's colour), hollow ones larger and open, around another path's at the same point, not over them.
 */
export function pathMarkers(
  document: Document,
  style: ResolvedPathStyle,
  start: readonly [number, number] | null,
  end: readonly [number, number] | null,
): SVGElement[] {
  const hollow = style.ends === "hollow";
  const radius = hollow ? HOLLOW_RADIUS : 5;
  const out: SVGElement[] = [];
  if (start) out.push(svgElement(document, "path", { "aria-label": "start", "stroke-width": 1.5, d: ring(new PathBuilder(), start[0], start[1], radius).toString() }));
  if (end) {
    const d = diamond(new PathBuilder(), end[0], end[1], radius).toString();
    out.push(svgElement(document, "path", hollow ? { "aria-label": "end", "stroke-width": 1.5, d } : { "aria-label": "end", fill: style.color, stroke: "#000", "stroke-width": 0.75, d }));
  }
  return out;
}

/**
 * The known minimum: a black × with a white halo, drawn over the paths (a search that reaches the minimum
 * would hide it otherwise), in every panel where it lies inside the plot.
 */
export function minimumMark(minimum: readonly [number, number]): Plot.Markish {
  return svgMark([minimum], {}, (_items, scales, dim, { document }) => {
    const cx = scales.x!(minimum[0]);
    const cy = scales.y!(minimum[1]);
    if (!(cx >= dim.marginLeft && cx <= dim.width - dim.marginRight && cy >= dim.marginTop && cy <= dim.height - dim.marginBottom)) return null;
    return minimumElement(document, cx, cy);
  });
}

/** The × of the minimum at (cx, cy) px: black on a white halo. */
export function minimumElement(document: Document, cx: number, cy: number): SVGElement {
  const d = new PathBuilder().moveTo(cx - 5, cy - 5).lineTo(cx + 5, cy + 5).moveTo(cx + 5, cy - 5).lineTo(cx - 5, cy + 5).toString();
  const g = svgElement(document, "g", { "aria-label": "minimum", fill: "none" });
  g.appendChild(svgElement(document, "path", { stroke: "#fff", "stroke-width": 4, d }));
  g.appendChild(svgElement(document, "path", { stroke: "#000", "stroke-width": 2, d }));
  return g;
}

/** A rectangle over the plot, in data units: where a zoomed panel looks. */
export function regionMark(region: readonly (readonly [number, number])[]): Plot.Markish {
  return svgMark([region], {}, (_items, scales, _d, { document }) => {
    const [[x1, x2], [y1, y2]] = region;
    const left = scales.x!(x1), right = scales.x!(x2), top = scales.y!(y2), bottom = scales.y!(y1);
    const d = new PathBuilder().moveTo(left, top).lineTo(right, top).lineTo(right, bottom).lineTo(left, bottom).close().toString();
    const g = svgElement(document, "g", { "aria-label": "zoomed region", fill: "none" });
    g.appendChild(svgElement(document, "path", { stroke: "#000", "stroke-width": 2.5, d }));
    g.appendChild(svgElement(document, "path", { stroke: "#fff", "stroke-width": 1, "stroke-dasharray": "4 2", d }));
    return g;
  });
}

/** A line of small text at (x, y) in px: a panel's heading, a note of what was left out. */
export function noteMark(text: string, x: number, y: number, anchor: "start" | "middle" | "end" = "start", italic = false): Plot.Markish {
  return svgMark([text], { facet: "super" }, (_items, _scales, _d, { document }) =>
    svgText(document, text, { x, y, "text-anchor": anchor, "font-style": italic ? "italic" : undefined, "aria-label": "note" }),
  );
}

/**
 * A swatch legend in the top margin, for line charts: a short line in each series' colour and dash, then
 * its label; wraps onto more rows when needed.
 */
export function swatchLegendMark(series: { label: string; color: string; dash?: string }[], top: number): Plot.Markish | null {
  if (series.length < 2 && !(series.length === 1 && series[0].label)) return null;
  return svgMark([0], { facet: "super" }, (_items, _scales, d, { document }) => {
    const g = svgElement(document, "g", { "aria-label": "legend", "text-anchor": "start" });
    let x = d.marginLeft;
    let y = top;
    const charWidth = 5.6;
    for (const s of series) {
      const width = 26 + s.label.length * charWidth + 14;
      if (x + width > d.width - d.marginRight && x > d.marginLeft) {
        x = d.marginLeft;
        y += 14;
      }
      g.appendChild(
        svgElement(document, "path", { stroke: s.color, "stroke-width": 2, "stroke-dasharray": s.dash, fill: "none", d: new PathBuilder().moveTo(x, y).lineTo(x + 20, y).toString() }),
      );
      g.appendChild(svgText(document, s.label, { x: x + 24, y, dy: "0.32em" }));
      x += width;
    }
    return g;
  });
}
