/**
 * The legend of a contour plot: a dark translucent box inside the plot area naming each search (its line
 * and dots as drawn) and the start, end and minimum markers. By default it goes to the corner where it
 * covers the least of what is drawn: starts, ends and the minimum first, then the paths themselves.
 */
import type * as Plot from "@observablehq/plot";
import { rgb } from "d3";
import { svgElement, svgText } from "./dom.js";
import { diamond, ring, svgMark } from "./marks.js";
import { dotsPathData, PathBuilder } from "./pathdata.js";
import type { PathSpec } from "./searches.js";
import type { LegendPlacement } from "./style.js";

/** A rectangle in px. */
export interface PixelRect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** What the legend should not cover, in px: sampled points of the paths and the markers. */
export interface LegendObstacles {
  /** Flat [x, y, …] along every path, about every 4 px. */
  line: number[];
  /** Flat [x, y, …] of the starts, ends and the minimum: covering one of these counts 50 times as much. */
  markers: number[];
}

/** The corners tried, in order of preference when they cover equally little. */
const CORNERS = ["top-left", "top-right", "bottom-left", "bottom-right"] as const;
const MARKER_WEIGHT = 50;

/**
 * The obstacles of searches under a pixel map: their points with the segments between them sampled every
 * 4 px (at most 20,000 samples), their starts and ends, and the minimum.
 */
export function legendObstacles(
  paths: readonly PathSpec[],
  x: (v: number) => number,
  y: (v: number) => number,
  minimum: readonly [number, number] | null,
): LegendObstacles {
  const line: number[] = [];
  const markers: number[] = [];
  const budget = 20000;
  for (const path of paths) {
    const n = path.points.length >> 1;
    let px = path.start ? x(path.start[0]) : NaN;
    let py = path.start ? y(path.start[1]) : NaN;
    if (path.start) markers.push(px, py);
    for (let i = 0; i < n; i++) {
      const qx = x(path.points[2 * i]);
      const qy = y(path.points[2 * i + 1]);
      const steps = Number.isFinite(px) && line.length < 2 * budget ? Math.min(50, Math.floor(Math.hypot(qx - px, qy - py) / 4)) : 0;
      for (let k = 1; k <= steps; k++) line.push(px + ((qx - px) * k) / (steps + 1), py + ((qy - py) * k) / (steps + 1));
      if (line.length < 2 * budget) line.push(qx, qy);
      px = qx;
      py = qy;
    }
    if (n > 0) markers.push(px, py);
  }
  if (minimum) markers.push(x(minimum[0]), y(minimum[1]));
  return { line, markers };
}

/** How much of the obstacles a box covers (4 px of margin around it). */
function covered(box: PixelRect, obstacles: LegendObstacles): number {
  const inside = (points: number[]) => {
    let count = 0;
    for (let i = 0; i < points.length; i += 2) {
      if (points[i] >= box.left - 4 && points[i] <= box.right + 4 && points[i + 1] >= box.top - 4 && points[i + 1] <= box.bottom + 4) count++;
    }
    return count;
  };
  return inside(obstacles.line) + MARKER_WEIGHT * inside(obstacles.markers);
}

/** Where the legend goes: a corner inside the plot, or a strip below the plot(s) when every corner would cover a marker. */
export interface LegendPlan {
  /** "top-left" … "bottom-right", or "below". */
  corner: string;
  /** Top-left of the box, in px. */
  left: number;
  top: number;
  /** The box. */
  width: number;
  height: number;
  /** Extra bottom margin the figure needs for a strip below (0 for a corner). */
  below: number;
  /** Each entry's position inside the box: [x, y] of its left end and centre line. */
  entries: { entry: LegendEntry; x: number; y: number }[];
}

/** One legend entry: a search (its line and dots) or a marker. */
type LegendEntry = { kind: "path"; path: PathSpec; label: string } | { kind: "start" | "end" | "minimum"; label: string };

const LINE_HEIGHT = 14;
const CHAR_WIDTH = 6.2; // system-ui at 10 px, generously
const entryWidth = (entry: LegendEntry) => (entry.kind === "path" ? 36 : 14) + entry.label.length * CHAR_WIDTH + 8;

/** The entries of a legend: one per distinct labelled look, then the markers (unless `withMarkers` is false). */
function legendEntries(paths: readonly PathSpec[], hasMinimum: boolean, withMarkers: boolean): LegendEntry[] {
  const entries: LegendEntry[] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    const key = `${path.label}|${path.style.color}|${path.style.dash}|${path.style.marker}`;
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push({ kind: "path", path, label: path.label });
  }
  if (!withMarkers) return entries;
  if (paths.length) entries.push({ kind: "start", label: "start" }, { kind: "end", label: "end" });
  if (hasMinimum) entries.push({ kind: "minimum", label: "minimum" });
  return entries;
}

/**
 * Plans the legend of a contour plot (before Plot draws, so that a strip below can get its margin): the
 * placement asked for, or for "auto" the first corner (top-left, top-right, bottom-left, bottom-right) that
 * covers no start, end or minimum and the fewest path points; when every corner would cover a marker (small
 * panels), a strip below the plot(s), `stripWidth` px wide at most (0: no strip, the corner that covers
 * least). `withMarkers` false leaves out the start, end and minimum entries. null for no legend.
 */
export function planLegend(
  paths: readonly PathSpec[],
  hasMinimum: boolean,
  placement: LegendPlacement,
  plot: PixelRect,
  obstacles: LegendObstacles,
  stripWidth: number,
  withMarkers = true,
): LegendPlan | null {
  const entries = legendEntries(paths, hasMinimum, withMarkers);
  if (placement === "none" || entries.length === 0) return null;
  // In a corner: a row per search, then the markers on one row.
  const rows = entries.filter((e) => e.kind === "path");
  const markers = entries.filter((e) => e.kind !== "path");
  const width = Math.ceil(Math.max(0, ...rows.map(entryWidth), markers.reduce((w, e) => w + entryWidth(e), 0)) + 6);
  const height = (rows.length + (markers.length ? 1 : 0)) * LINE_HEIGHT + 8;
  const placed: LegendPlan["entries"] = [];
  rows.forEach((entry, i) => placed.push({ entry, x: 6, y: 4 + LINE_HEIGHT * i + LINE_HEIGHT / 2 }));
  let mx = 6;
  for (const entry of markers) {
    placed.push({ entry, x: mx, y: 4 + LINE_HEIGHT * rows.length + LINE_HEIGHT / 2 });
    mx += entryWidth(entry);
  }
  const at = (corner: (typeof CORNERS)[number]) => ({
    left: Math.round(corner.endsWith("left") ? plot.left + 6 : plot.right - 6 - width),
    top: Math.round(corner.startsWith("top") ? plot.top + 6 : plot.bottom - 6 - height),
  });
  if (placement !== "auto") return { corner: placement, ...at(placement), width, height, below: 0, entries: placed };
  let best: (typeof CORNERS)[number] = CORNERS[0];
  let bestScore = Infinity;
  for (const corner of CORNERS) {
    const { left, top } = at(corner);
    const score = covered({ left, top, right: left + width, bottom: top + height }, obstacles);
    if (score < bestScore) {
      best = corner;
      bestScore = score;
    }
  }
  const fits = width <= plot.right - plot.left - 12 && height <= plot.bottom - plot.top - 12;
  if ((bestScore < MARKER_WEIGHT || stripWidth <= 0) && fits) return { corner: best, ...at(best), width, height, below: 0, entries: placed };
  if (stripWidth <= 0) return null;
  // A strip below the plot: entries side by side, wrapping at stripWidth.
  const strip: LegendPlan["entries"] = [];
  let x = 6;
  let line = 0;
  let widest = 0;
  for (const entry of entries) {
    const w = entryWidth(entry);
    if (x + w > stripWidth && x > 6) {
      x = 6;
      line++;
    }
    strip.push({ entry, x, y: 4 + LINE_HEIGHT * line + LINE_HEIGHT / 2 });
    x += w;
    widest = Math.max(widest, x);
  }
  const stripHeight = (line + 1) * LINE_HEIGHT + 8;
  return { corner: "below", left: plot.left, top: 0, width: Math.ceil(widest), height: stripHeight, below: stripHeight + 6, entries: strip };
}

/** A swatch line that stays visible on the dark box: dark colours get a white casing. */
function isDark(color: string): boolean {
  const c = rgb(color);
  return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b < 90;
}

/**
 * The contour legend on a dark translucent box (the paths are white or bright): each labelled search's
 * line and dots as drawn, then the start, end and minimum markers, where {@link planLegend} put it. A strip
 * below sits at the bottom of the figure.
 */
export function pathLegendMark(plan: LegendPlan | null): Plot.Markish | null {
  if (!plan) return null;
  return svgMark([0], { facet: "super" }, (_items, _scales, d, { document }) => legendElement(document, plan, d.height));
}

/**
 * The legend {@link planLegend} planned, as an SVG group in a figure `height` px tall (a strip below sits
 * at its bottom): what {@link pathLegendMark} draws, and the explorer's still picture.
 */
export function legendElement(document: Document, plan: LegendPlan, height: number): SVGElement {
  const top = plan.corner === "below" ? height - plan.height - 4 : plan.top;
  const g = svgElement(document, "g", { "aria-label": `legend ${plan.corner}`, transform: `translate(${plan.left},${Math.round(top)})` });
  g.appendChild(svgElement(document, "rect", { width: plan.width, height: plan.height, rx: 3, fill: "#000", "fill-opacity": 0.55 }));
  const text = svgElement(document, "g", { fill: "#fff", "text-anchor": "start" });
  const symbols = new PathBuilder();
  const fills = new PathBuilder();
  const cross = new PathBuilder();
  for (const { entry, x, y } of plan.entries) {
    if (entry.kind === "path") {
      const { style } = entry.path;
      const line = new PathBuilder().moveTo(x, y).lineTo(x + 24, y).toString();
      const dots = style.marker === "none" ? null : dotsPathData([x + 4, y, x + 20, y]);
      const cap = style.marker === "square" ? "square" : "round";
      if (isDark(style.color)) {
        const casing = svgElement(document, "g", { stroke: "#fff", fill: "none" });
        casing.appendChild(svgElement(document, "path", { "stroke-width": style.lineWidth + 2, d: line }));
        if (dots) casing.appendChild(svgElement(document, "path", { "stroke-width": style.dotSize + 2, "stroke-linecap": cap, d: dots }));
        g.appendChild(casing);
      }
      const swatch = svgElement(document, "g", { stroke: style.color, fill: "none" });
      swatch.appendChild(svgElement(document, "path", { "stroke-width": style.lineWidth, "stroke-dasharray": style.dash, d: line }));
      if (dots) swatch.appendChild(svgElement(document, "path", { "stroke-width": style.dotSize, "stroke-linecap": cap, d: dots }));
      g.appendChild(swatch);
      text.appendChild(svgText(document, entry.label, { x: x + 30, y, dy: "0.32em" }));
      continue;
    }
    const cx = x + 6;
    if (entry.kind === "start") ring(symbols, cx, y, 4.5);
    else if (entry.kind === "end") diamond(fills, cx, y, 4.5);
    else cross.moveTo(cx - 4, y - 4).lineTo(cx + 4, y + 4).moveTo(cx + 4, y - 4).lineTo(cx - 4, y + 4);
    text.appendChild(svgText(document, entry.label, { x: x + 14, y, dy: "0.32em" }));
  }
  // The markers in white, as the tutorial's path draws them: they read on the dark box whatever the
  // first path's colour.
  if (symbols.length > 0) g.appendChild(svgElement(document, "path", { fill: "none", stroke: "#fff", "stroke-width": 1.5, d: symbols.toString() }));
  if (fills.length > 0) g.appendChild(svgElement(document, "path", { fill: "#fff", stroke: "#000", "stroke-width": 0.75, d: fills.toString() }));
  if (cross.length > 0) {
    const dd = cross.toString();
    g.appendChild(svgElement(document, "path", { stroke: "#fff", "stroke-width": 3.5, d: dd }));
    g.appendChild(svgElement(document, "path", { stroke: "#000", "stroke-width": 1.75, d: dd }));
  }
  g.appendChild(text);
  return g;
}
