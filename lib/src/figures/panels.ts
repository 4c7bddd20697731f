/**
 * Small multiples for sweeps: one contour panel per hyperparameter value, on shared axes, levels and
 * colours, each with its own searches and title. Panels are square in data units (the bowl's circles stay
 * circles), spaced so that neighbouring tick labels never touch, with titles wrapped to fit; `zoom` shows
 * the region around the searches instead of the whole bounds.
 */
import * as Plot from "@observablehq/plot";
import { ticks as niceTicks } from "d3";
import { checkKnownKeys, describe } from "../errors.js";
import type { TestProblem } from "../objectives.js";
import {
  bandsMark,
  CONTOUR_OPTIONS,
  contourResult,
  contourSettings,
  describeBands,
  describePaths,
  equalUnitsHeight,
  frameOf,
  gapsNote,
  MARGIN,
  plannedFrame,
  NOTE_HEIGHT,
  sampleBands,
} from "./contour-parts.js";
import type { ContourOptions } from "./contour.js";
import { renderDocument, svgElement } from "./dom.js";
import { pixelX, pixelY, type Figure } from "./figure.js";
import { legendObstacles, pathLegendMark, planLegend } from "./legend.js";
import { checkPixels, MAX_COLUMNS, MAX_PANELS, MIN_PANEL_PIXELS } from "./limits.js";
import { colorBarMargin, colorBarMark, minimumMark, noteMark, pathsMark, svgMark, titleMark } from "./marks.js";
import type { Bounds2D, Objective2D } from "./problem.js";
import { resolvePaths, zoomBounds, type SearchPath } from "./searches.js";
import { plainText, sentences } from "./words.js";

/** One panel of {@link contourPanels}. */
export interface ContourPanel {
  /** The panel's title, e.g. "α = 0.02" (wrapped onto two lines when longer than the panel is wide). */
  title: string;
  /** The searches drawn in this panel. */
  paths?: readonly SearchPath[];
}

/** Options of {@link contourPanels}. */
export interface ContourPanelsOptions extends ContourOptions {
  /**
   * Panels per row, 1 to 12. Default: the fewest rows of at most 3, filled evenly (n panels in
   * ⌈n / ⌈n / 3⌉⌉ columns: 4 in 2 × 2, 5 in 3 + 2, 7 in 3 + 3 + 1), so that no row is left mostly empty.
   */
  columns?: number;
  /**
   * Show the region around the searches rather than the whole bounds: `true` for the box around every
   * panel's searches (shared, so that panels compare; with some room, the shape of the bounds), or the
   * region, `[[xmin, xmax], [ymin, ymax]]`. For sweeps whose paths are tiny in the whole region. Default false.
   */
  zoom?: boolean | Bounds2D;
}

/** px per character at Plot's 10 px tick labels and at the 11 px bold panel titles, generously. */
const TICK_CHAR = 6.2;
const TITLE_CHAR = 6.9;
const TITLE_LINE = 13;

/** Tick labels as Plot writes them for a linear axis with `count` ticks (d3's format, a true minus). */
function tickLabels(lo: number, hi: number, count: number): { values: number[]; labels: string[] } {
  const values = niceTicks(lo, hi, count);
  const step = values.length > 1 ? values[1] - values[0] : 1;
  const digits = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return { values, labels: values.map((v) => v.toFixed(Math.min(20, digits)).replace("-", "−")) };
}

/**
 * The gap between panels: 24 px, or more when the last x tick of one panel and the first of the next sit at
 * the panels' edges and their labels would touch ("1.0−1.0").
 */
function panelGap(bounds: readonly (readonly [number, number])[], count: number, panelWidth: number): number {
  const [x1, x2] = bounds[0];
  const { values, labels } = tickLabels(x1, x2, count);
  if (values.length < 2) return 24;
  const px = (v: number) => ((v - x1) / (x2 - x1)) * panelWidth;
  const overhangLeft = Math.max(0, (labels[0].length * TICK_CHAR) / 2 - px(values[0]));
  const overhangRight = Math.max(0, (labels[labels.length - 1].length * TICK_CHAR) / 2 - (panelWidth - px(values[values.length - 1])));
  return Math.max(24, Math.ceil(overhangLeft + overhangRight + 14));
}

/** Columns of n panels: as few rows of at most 3 as hold them, with the panels spread evenly over the rows. */
function defaultColumns(n: number): number {
  return Math.ceil(n / Math.ceil(n / 3));
}

/** The grid in words, as drawn: "4 contour panels (2 rows of 2)", "5 contour panels (2 rows of 3, 2 in the last)". */
function gridWords(n: number, columns: number): string {
  const rows = Math.ceil(n / columns);
  const last = n - (rows - 1) * columns;
  if (rows === 1) return n === 1 ? "1 contour panel" : `${n} contour panels (one row)`;
  return `${n} contour panels (${rows} rows of ${columns}${last < columns ? `, ${last} in the last` : ""})`;
}

/** A title as lines that fit `width` px: one line, or two split at the space nearest the middle. */
function titleLines(title: string, width: number): string[] {
  if (title.length * TITLE_CHAR <= width) return [title];
  const spaces = [...title.matchAll(/ /g)].map((m) => m.index!);
  if (spaces.length === 0) return [title];
  const middle = title.length / 2;
  const cut = spaces.reduce((best, i) => (Math.abs(i - middle) < Math.abs(best - middle) ? i : best));
  return [title.slice(0, cut), title.slice(cut + 1)];
}

/**
 * Small multiples: one contour panel per hyperparameter value (a sweep of alpha or beta2, say), on shared
 * axes, levels and colours, each with its own searches and title. The bands are drawn once and reused by
 * every panel (`<use>`), so a row of three costs little more than one. Panels keep one unit of x as long
 * as one unit of y; long titles wrap onto two lines (and shrink if they still do not fit).
 *
 * Same options as {@link contourFigure}, plus `columns` (1–12, default at most 3, rows filled evenly) and `zoom`; `width`
 * is the whole figure's (default 210 px per column plus margins). At most 60 panels, each at least 40 px.
 *
 * @example
 * const alphas = [0.002, 0.007, 0.02];
 * show(contourPanels(bowl, alphas.map((alpha) => ({
 *   title: `α = ${alpha}`,
 *   paths: [{ label: "AMSGrad", ...amsgrad(bowl.objective, bowl.derivative, { bounds: bowl.bounds, alpha }) }],
 * })), { zoom: true }));
 */
export function contourPanels(problem: TestProblem | Objective2D, panels: readonly ContourPanel[], options: ContourPanelsOptions = {}): Figure {
  const where = "contourPanels";
  if (options === null || typeof options !== "object") throw new TypeError(`${where}: options must be an object, got ${describe(options)}`);
  checkKnownKeys(where, options, [...CONTOUR_OPTIONS, "columns", "zoom"]);
  if (!Array.isArray(panels) || panels.length === 0) {
    throw new TypeError(`${where}: panels must be a non-empty array of {title, paths}, got ${describe(panels)}`);
  }
  if (panels.length > MAX_PANELS) throw new RangeError(`${where}: panels has ${panels.length} entries; at most ${MAX_PANELS} panels are drawn`);
  panels.forEach((panel, i) => {
    if (panel === null || typeof panel !== "object" || typeof panel.title !== "string") {
      throw new TypeError(`${where}: panels[${i}] must be {title, paths}, got ${describe(panel)}`);
    }
  });
  const columns = options.columns ?? defaultColumns(panels.length);
  if (!(Number.isSafeInteger(columns) && columns >= 1 && columns <= MAX_COLUMNS)) {
    throw new RangeError(`${where}: columns must be a whole number from 1 to ${MAX_COLUMNS}, got ${describe(columns)}`);
  }
  const settings = contourSettings(where, problem, options);
  const { resolved, colorBar } = settings;
  // Looks are given per panel: a panel's AMSGrad path looks like every other panel's.
  const paths = panels.flatMap((panel, i) => resolvePaths(where, panel.paths, i, true));
  const zoomOption = options.zoom ?? false;
  if (zoomOption !== false && zoomOption !== true && (zoomOption === null || typeof zoomOption !== "object")) {
    throw new TypeError(`${where}: zoom must be true, false or [[xmin, xmax], [ymin, ymax]], got ${describe(zoomOption)}`);
  }
  const bounds = zoomOption === false ? resolved.bounds : zoomBounds(where, resolved.bounds, paths, zoomOption);
  const rows = Math.ceil(panels.length / columns);
  let right = colorBar ? MARGIN.right : 12;

  // Panel width first (the gap depends on the tick labels at that width), then the gap, then the width again.
  const basePanel = 210;
  const tickCount = (w: number) => Math.max(2, Math.floor(w / 60));
  let gap = panelGap(bounds, tickCount(basePanel), basePanel);
  let width = options.width ?? MARGIN.left + right + basePanel * columns + gap * (columns - 1);
  checkPixels(where, "width", width);
  let panelWidth = (width - MARGIN.left - right - gap * (columns - 1)) / columns;
  gap = columns > 1 ? panelGap(bounds, tickCount(panelWidth), panelWidth) : gap;
  panelWidth = (width - MARGIN.left - right - gap * (columns - 1)) / columns;
  if (!(panelWidth >= MIN_PANEL_PIXELS)) {
    throw new RangeError(
      `${where}: width ${width} leaves ${Math.floor(panelWidth)} px per panel for ${columns} columns (at least ${MIN_PANEL_PIXELS}): give a larger width or fewer columns`,
    );
  }
  // Titles: wrapped to the panel's width (plus most of the gap), two lines at most, then smaller type.
  const titleWidth = panelWidth + gap - 6;
  const wrapped = panels.map((p) => titleLines(p.title, titleWidth));
  const lines = Math.max(...wrapped.map((w) => w.length));
  const longest = Math.max(...wrapped.flat().map((line) => line.length));
  const titleSize = Math.max(7, Math.min(11, Math.floor((11 * titleWidth) / (longest * TITLE_CHAR))));
  const panelTitleHeight = 5 + lines * TITLE_LINE;

  const top = (resolved.title ? MARGIN.top : 8) + panelTitleHeight;
  const rowGap = gap + panelTitleHeight;
  const extra = top + MARGIN.bottom + (rows - 1) * rowGap;
  const estimated = options.height ?? equalUnitsHeight(where, bounds, panelWidth, rows, extra);
  let estimatedPanel = (estimated - extra) / rows;
  if (!(estimatedPanel >= MIN_PANEL_PIXELS)) {
    throw new RangeError(`${where}: height ${estimated} leaves ${Math.floor(estimatedPanel)} px per panel for ${rows} rows (at least ${MIN_PANEL_PIXELS})`);
  }
  const geometry = sampleBands(where, settings, bounds, panelWidth, estimatedPanel, options.levels ?? 50, options.scheme ?? "jet");
  // Colour bar labels wider than the margin (1.5e308): a wider figure, or narrower panels at a given width.
  const barRight = colorBar ? colorBarMargin(geometry.levels, settings.levelScale === "log") : right;
  if (barRight > right) {
    if (options.width === undefined) width += barRight - right;
    right = barRight;
    panelWidth = (width - MARGIN.left - right - gap * (columns - 1)) / columns;
    if (!(panelWidth >= MIN_PANEL_PIXELS)) throw new RangeError(`${where}: width ${width} leaves ${Math.floor(panelWidth)} px per panel for ${columns} columns (at least ${MIN_PANEL_PIXELS})`);
    if (options.height === undefined) estimatedPanel = (equalUnitsHeight(where, bounds, panelWidth, rows, extra) - extra) / rows;
  }
  const note = gapsNote(geometry.grid);
  let bottom = MARGIN.bottom + (note ? NOTE_HEIGHT : 0);

  // Panel 0 (top left): where the legend goes, clear of its searches; or a strip below every panel.
  const first = plannedFrame(MARGIN.left + panelWidth + right, top + estimatedPanel + bottom, { ...MARGIN, top, right, bottom }, bounds);
  const firstPaths = paths.filter((p) => p.panel === 0);
  const obstacles = legendObstacles(firstPaths, (v) => pixelX(first, v), (v) => pixelY(first, v), resolved.minimum);
  const plotRect = { left: MARGIN.left, top, right: MARGIN.left + panelWidth, bottom: top + estimatedPanel };
  const legend = planLegend(firstPaths, resolved.minimum !== null, settings.legend, plotRect, obstacles, width - MARGIN.left - right);
  const strip = legend?.below ?? 0;
  bottom += strip;
  const height = options.height ?? top + bottom + rows * estimatedPanel + (rows - 1) * rowGap;
  const panelHeight = (height - top - bottom - (rows - 1) * rowGap) / rows;
  if (!(panelHeight >= MIN_PANEL_PIXELS)) {
    throw new RangeError(`${where}: height ${height} leaves ${Math.floor(panelHeight)} px per panel for ${rows} rows (at least ${MIN_PANEL_PIXELS})`);
  }

  const document = renderDocument(options.document);
  const fx = (d: { panel?: number }) => (d.panel ?? 0) % columns;
  const fy = (d: { panel?: number }) => Math.floor((d.panel ?? 0) / columns);
  const svg = Plot.plot({
    document,
    width,
    height,
    marginTop: top,
    marginRight: right,
    marginBottom: bottom,
    marginLeft: MARGIN.left,
    // The x label stays under its ticks when the bottom margin also holds a note or the legend.
    x: { domain: [bounds[0][0], bounds[0][1]], label: options.xLabel ?? "x", labelAnchor: "center", labelArrow: "none", labelOffset: MARGIN.bottom - 3, ticks: tickCount(panelWidth) },
    y: { domain: [bounds[1][0], bounds[1][1]], label: options.yLabel ?? "y", labelAnchor: "center", labelArrow: "none", ticks: tickCount(panelHeight) },
    // Exact panel sizes: no outer padding, no rounding, so that every panel is panelWidth × panelHeight
    // (and no inner padding for a single row or column, which d3's band scale would take from the band).
    fx: { axis: null, domain: Array.from({ length: columns }, (_, i) => i), paddingInner: columns > 1 ? gap / (panelWidth + gap) : 0, paddingOuter: 0, round: false },
    fy: { axis: null, domain: Array.from({ length: rows }, (_, i) => i), paddingInner: rows > 1 ? rowGap / (panelHeight + rowGap) : 0, paddingOuter: 0, round: false },
    marks: [
      // The bands and the minimum carry no facet channels, so Plot repeats them in every panel.
      bandsMark(geometry, settings.tolerance),
      Plot.frame({ stroke: "currentColor", strokeOpacity: 0.4 }),
      pathsMark(paths, { fx, fy }),
      resolved.minimum ? minimumMark(resolved.minimum) : null,
      panelTitlesMark(wrapped, titleSize, fx, fy),
      pathLegendMark(legend),
      colorBar ? colorBarMark(geometry.levels, geometry.colors, settings.levelScale === "log") : null,
      titleMark(resolved.title),
      note ? noteMark(note.line, MARGIN.left, height - strip - 5, "start", true) : null,
    ],
  } as Plot.PlotOptions) as unknown as Plot.Plot & SVGSVGElement;
  const name = plainText(resolved.title ? `Contour panels: ${resolved.title}` : `Contour panels of ${resolved.subject}`);
  const scheme = options.scheme ?? "jet";
  const words = [describeBands(settings, geometry, scheme, bounds, gridWords(panels.length, columns))];
  panels.forEach((panel, i) => {
    const own = describePaths(resolved.f, paths.filter((p) => p.panel === i));
    words.push(`Panel ${i + 1}, ${plainText(panel.title)}: ${own.length ? own.join("; ") : "no searches"}`);
  });
  if (note) words.push(note.sentence);
  const description = sentences(words);
  // Panel 0's frame: Plot's x and y scales are a panel's, placed at its facet's offset.
  const column = svg.scale("fx") as { apply(v: number): number } | undefined;
  const row = svg.scale("fy") as { apply(v: number): number } | undefined;
  const frame = frameOf(svg, width, height, column ? column.apply(0) : 0, width, row ? row.apply(0) : 0);
  return contourResult("panels", svg, { width, height }, { frame }, geometry, name, description);
}

/** Each panel's title, above its plot area, in one or two lines. */
function panelTitlesMark(titles: readonly string[][], size: number, fx: (d: { panel: number }) => number, fy: (d: { panel: number }) => number): Plot.Markish {
  const data = titles.map((lines, panel) => ({ panel, lines }));
  return svgMark(data, { fx, fy }, (items, _scales, d, { document }) => {
    const item = items[0];
    if (!item) return null;
    const g = svgElement(document, "g", { "aria-label": "panel title", "font-size": size, "font-weight": 600 });
    const x = d.marginLeft + (d.width - d.marginLeft - d.marginRight) / 2;
    item.lines.forEach((line, k) => {
      const text = svgElement(document, "text", { x, y: d.marginTop - 6 - (item.lines.length - 1 - k) * TITLE_LINE });
      text.appendChild(document.createTextNode(line));
      g.appendChild(text);
    });
    return g;
  });
}
