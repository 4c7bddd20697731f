/**
 * Plot marks shared by the figures: a generic mark drawing its own SVG (Plot passes it the scales and,
 * when faceted, its facet's data), the title, the colour bar, search paths with their start and end, the
 * minimum, and legends. Everything is built as DOM nodes (text as text nodes, so it is escaped) with
 * compact path data; nothing uses ids, so the output never depends on Plot's process-wide counters.
 */
import * as Plot from "@observablehq/plot";
import { ticks as niceTicks, format as d3format } from "d3";
import { svgElement, svgText } from "./dom.js";
import { PathBuilder, dotsPathData } from "./pathdata.js";
import type { LegendPlacement, ResolvedPathStyle } from "./style.js";

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

/** Plot's number format for tick labels: d3's, with a true minus sign. */
export function tickFormat(step: number): (v: number) => string {
  const digits = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const f = d3format(`.${Math.min(20, digits)}f`);
  return (v) => f(v).replace("-", "−");
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
 * the highest at the top, with nice ticks. Cells are thick vertical strokes, about 40 bytes each.
 */
export function colorBarMark(levels: readonly number[], colors: readonly string[]): Plot.Markish {
  return svgMark([levels], { facet: "super" }, (_items, _scales, d, { document }) => {
    const g = svgElement(document, "g", { "aria-label": "color legend" });
    const x = d.width - d.marginRight + 16;
    const barWidth = 12;
    const top = d.marginTop;
    const bottom = d.height - d.marginBottom;
    const lo = levels[0];
    const hi = levels[levels.length - 1];
    const y = (v: number) => bottom - ((v - lo) / (hi - lo)) * (bottom - top);
    const cells = svgElement(document, "g", { "stroke-width": barWidth });
    for (let k = 0; k < colors.length; k++) {
      const b = new PathBuilder().moveTo(x + barWidth / 2, y(levels[k])).lineTo(x + barWidth / 2, y(levels[k + 1]));
      cells.appendChild(svgElement(document, "path", { stroke: colors[k], d: b.toString() }));
    }
    g.appendChild(cells);
    const values = niceTicks(lo, hi, 6);
    const format = tickFormat(values.length > 1 ? values[1] - values[0] : 1);
    const tickPath = new PathBuilder();
    const labels = svgElement(document, "g", { "text-anchor": "start", "font-variant": "tabular-nums" });
    for (const v of values) {
      tickPath.moveTo(x + barWidth, y(v)).lineTo(x + barWidth + 4, y(v));
      labels.appendChild(svgText(document, format(v), { x: x + barWidth + 6, y: Math.round(y(v) * 10) / 10, dy: "0.32em" }));
    }
    g.appendChild(svgElement(document, "path", { stroke: "currentColor", d: tickPath.toString() }));
    g.appendChild(labels);
    return g;
  });
}

/** A search path ready to draw: its points, its style and (for panels) its facet. */
export interface PathSpec {
  label: string;
  points: Float64Array; // flat [x0, y0, x1, y1, …] in data units
  start?: readonly [number, number];
  style: ResolvedPathStyle;
  panel?: number;
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

/** Marker path data: a ring (start) or a diamond (end) centred on (cx, cy). */
function ring(b: PathBuilder, cx: number, cy: number, r: number) {
  // A circle as four cubics (κ = 0.5523 r): shorter than an SVG arc pair with its flags.
  const k = 0.5523 * r;
  b.moveTo(cx + r, cy)
    .curveTo(cx + r, cy + k, cx + k, cy + r, cx, cy + r)
    .curveTo(cx - k, cy + r, cx - r, cy + k, cx - r, cy)
    .curveTo(cx - r, cy - k, cx - k, cy - r, cx, cy - r)
    .curveTo(cx + k, cy - r, cx + r, cy - k, cx + r, cy)
    .close();
}
function diamond(b: PathBuilder, cx: number, cy: number, r: number) {
  b.moveTo(cx, cy - r).lineTo(cx + r, cy).lineTo(cx, cy + r).lineTo(cx - r, cy).close();
}

/**
 * The search paths: per path a line through start and every point, a dot per point (the tutorial's '.-'),
 * a ring at the start and a diamond at the end. Dots are zero-length subpaths under round or square caps:
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
      if (pixels.length) {
        group.appendChild(
          svgElement(document, "path", {
            "aria-label": "points",
            "stroke-width": style.dotSize,
            "stroke-linecap": style.marker === "square" ? "square" : "round",
            d: dotsPathData(pixels),
          }),
        );
      }
      const markers = new PathBuilder();
      if (path.start) ring(markers, x(path.start[0]), y(path.start[1]), 5);
      const ends = new PathBuilder();
      if (pixels.length) diamond(ends, pixels[pixels.length - 2], pixels[pixels.length - 1], 5);
      if (path.start) group.appendChild(svgElement(document, "path", { "aria-label": "start", "stroke-width": 1.5, d: markers.toString() }));
      if (pixels.length) {
        group.appendChild(
          svgElement(document, "path", { "aria-label": "end", fill: style.color, stroke: "#000", "stroke-width": 0.75, d: ends.toString() }),
        );
      }
      g.appendChild(group);
    }
    return g;
  });
}

/** The known minimum: a black × with a white halo, drawn under the paths (in every panel). */
export function minimumMark(minimum: readonly [number, number]): Plot.Markish {
  return svgMark([minimum], {}, (_items, scales, _d, { document }) => {
    const cx = scales.x!(minimum[0]);
    const cy = scales.y!(minimum[1]);
    const d = new PathBuilder().moveTo(cx - 5, cy - 5).lineTo(cx + 5, cy + 5).moveTo(cx + 5, cy - 5).lineTo(cx - 5, cy + 5).toString();
    const g = svgElement(document, "g", { "aria-label": "minimum", fill: "none" });
    g.appendChild(svgElement(document, "path", { stroke: "#fff", "stroke-width": 4, d }));
    g.appendChild(svgElement(document, "path", { stroke: "#000", "stroke-width": 2, d }));
    return g;
  });
}

/**
 * The contour legend, inside the plot area on a dark translucent box (the paths are white or bright):
 * one row per labelled path, then the start, end and minimum markers.
 */
export function pathLegendMark(paths: PathSpec[], hasMinimum: boolean, placement: LegendPlacement): Plot.Markish | null {
  if (placement === "none" || (paths.length === 0 && !hasMinimum)) return null;
  // One legend per figure, drawn in the first facet.
  return svgMark([0], { facet: "super" }, (_items, _scales, d, { document }) => {
    const rows: { label: string; draw: (g: SVGElement, y: number) => void }[] = [];
    const seen = new Set<string>();
    for (const path of paths) {
      const key = `${path.label}|${path.style.color}|${path.style.dash}|${path.style.marker}`;
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push({
        label: path.label,
        draw: (g, y) => {
          const { style } = path;
          const s = svgElement(document, "g", { stroke: style.color, fill: "none" });
          s.appendChild(svgElement(document, "path", { "stroke-width": style.lineWidth, "stroke-dasharray": style.dash, d: new PathBuilder().moveTo(6, y).lineTo(30, y).toString() }));
          s.appendChild(
            svgElement(document, "path", {
              "stroke-width": style.dotSize,
              "stroke-linecap": style.marker === "square" ? "square" : "round",
              d: dotsPathData([10, y, 26, y]),
            }),
          );
          g.appendChild(s);
        },
      });
    }
    const markerRow = paths.length > 0 || hasMinimum;
    const lineHeight = 14;
    const charWidth = 6.2; // system-ui at 10 px, generously
    const markerText = [paths.length ? "start" : "", paths.length ? "end" : "", hasMinimum ? "minimum" : ""].filter(Boolean);
    const markerWidth = markerText.reduce((w, t) => w + 22 + t.length * charWidth, 0);
    const labelWidth = Math.max(0, ...rows.map((r) => 36 + r.label.length * charWidth));
    const boxWidth = Math.ceil(Math.max(labelWidth, markerWidth) + 8);
    const boxHeight = (rows.length + (markerRow ? 1 : 0)) * lineHeight + 8;
    const left = placement.endsWith("left") ? d.marginLeft + 6 : d.width - d.marginRight - 6 - boxWidth;
    const top = placement.startsWith("top") ? d.marginTop + 6 : d.height - d.marginBottom - 6 - boxHeight;
    const g = svgElement(document, "g", { "aria-label": "legend", transform: `translate(${Math.round(left)},${Math.round(top)})` });
    g.appendChild(svgElement(document, "rect", { width: boxWidth, height: boxHeight, rx: 3, fill: "#000", "fill-opacity": 0.55 }));
    const text = svgElement(document, "g", { fill: "#fff", "text-anchor": "start" });
    rows.forEach((row, i) => {
      const y = 4 + lineHeight * i + lineHeight / 2;
      row.draw(g, y);
      text.appendChild(svgText(document, row.label, { x: 36, y, dy: "0.32em" }));
    });
    if (markerRow) {
      const y = 4 + lineHeight * rows.length + lineHeight / 2;
      let x = 6;
      const symbols = new PathBuilder();
      const fills = new PathBuilder();
      const cross = new PathBuilder();
      for (const label of markerText) {
        const cx = x + 6;
        if (label === "start") ring(symbols, cx, y, 4.5);
        else if (label === "end") diamond(fills, cx, y, 4.5);
        else cross.moveTo(cx - 4, y - 4).lineTo(cx + 4, y + 4).moveTo(cx + 4, y - 4).lineTo(cx - 4, y + 4);
        text.appendChild(svgText(document, label, { x: x + 14, y, dy: "0.32em" }));
        x += 22 + label.length * charWidth;
      }
      const color = paths[0]?.style.color ?? "#fff";
      if (paths.length) {
        g.appendChild(svgElement(document, "path", { fill: "none", stroke: color, "stroke-width": 1.5, d: symbols.toString() }));
        g.appendChild(svgElement(document, "path", { fill: color, stroke: "#000", "stroke-width": 0.75, d: fills.toString() }));
      }
      if (hasMinimum) {
        const dd = cross.toString();
        g.appendChild(svgElement(document, "path", { stroke: "#fff", "stroke-width": 3.5, d: dd }));
        g.appendChild(svgElement(document, "path", { stroke: "#000", "stroke-width": 1.75, d: dd }));
      }
    }
    g.appendChild(text);
    return g;
  });
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
