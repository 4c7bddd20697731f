/**
 * The tutorial's second picture, improved: a filled contour plot of a 2-D objective (50 levels in jet by
 * default, as `pyplot.contourf(x, y, results, levels=50, cmap='jet')`), a colour bar, the search drawn
 * as white dots joined by a line (`pyplot.plot(..., '.-', color='w')`), start, end and minimum marked,
 * and a legend. Several searches get distinct, labelled styles. `contourPanels` draws one panel per
 * hyperparameter value on shared axes and levels.
 */
import * as Plot from "@observablehq/plot";
import { checkKnownKeys, checkPositive, describe } from "../errors.js";
import { fnv1a } from "../hash.js";
import type { TestProblem } from "../objectives.js";
import { bandGeometry, bandPaths, sampleGrid, type BandGeometry } from "./bands.js";
import type { ColorScheme } from "./colors.js";
import { renderDocument, serializeSvg, svgElement } from "./dom.js";
import { makeFigure, type Figure, type Frame, type RenderDocument } from "./figure.js";
import { colorBarMark, minimumMark, pathLegendMark, pathsMark, svgMark, titleMark, type PathSpec } from "./marks.js";
import { resolveProblem, type Bounds2D, type Objective2D } from "./problem.js";
import { PATH_STYLES, type LegendPlacement, type PathStyle } from "./style.js";

export type { Bounds2D, Objective2D } from "./problem.js";

/**
 * One search to draw over the contour. A run's result can be spread in: `{ label: "AMSGrad", ...result }`
 * (its `solutions` and `start` are used, other fields ignored).
 */
export interface SearchPath {
  /** Legend label. Default "search" (or "search 1", "search 2", … when there are several). */
  label?: string;
  /** The points visited: `solutions[t] = [x, y]` after iteration t; one dot each, joined by a line. */
  solutions: ArrayLike<ArrayLike<number>>;
  /** Where the search started: a ring, joined to the first point. */
  start?: ArrayLike<number>;
  /** Overrides of the automatic style (the n-th path gets `PATH_STYLES[n]`). */
  style?: PathStyle;
}

/** Options shared by {@link contourFigure} and {@link contourPanels}. */
export interface ContourOptions {
  /** Region drawn; default the problem's bounds (required for a bare function). */
  bounds?: Bounds2D;
  /**
   * Number of filled bands, as matplotlib's `levels=n` (nice, evenly spaced levels spanning the sampled
   * range: about n bands, see {@link contourLevels}), or the explicit levels (ascending; n levels give
   * n − 1 bands; values beyond the first or last level take the nearest band's colour, as matplotlib's
   * `extend="both"`). Default 50.
   */
  levels?: number | readonly number[];
  /** Colour scheme: "jet" (default, the tutorial's), "turbo", "viridis" or a function t ↦ colour. */
  scheme?: ColorScheme;
  /** The known minimizer, marked with ×; default the problem's minimum; null for none. */
  minimum?: readonly [number, number] | null;
  /** Figure width in px. Default 480 (contourFigure) or 250 per panel (contourPanels). */
  width?: number;
  /** Figure height in px. Default: whatever keeps one unit of x as long as one unit of y. */
  height?: number;
  /** Title; default the problem's title, or "f(x, y)"; null for none. */
  title?: string | null;
  /** Axis labels. Default "x" and "y". */
  xLabel?: string;
  yLabel?: string;
  /** Where the legend of paths and markers goes. Default "top-left". */
  legend?: LegendPlacement;
  /** Draw the colour bar. Default true. */
  colorBar?: boolean;
  /** Spacing of the function's samples, in px. Default 6 (matplotlib's tutorial figure: about 22). */
  sampleSpacing?: number;
  /** Largest distance, in px, between a drawn contour and the sampled one. Default 0.25. */
  tolerance?: number;
  /** DOM to render with (a browser's `document`, jsdom's); default a shared linkedom document. */
  document?: RenderDocument;
}

/** Options of {@link contourFigure}. */
export interface ContourFigureOptions extends ContourOptions {
  /** The searches to draw. Default none. */
  paths?: readonly SearchPath[];
}

/** One panel of {@link contourPanels}. */
export interface ContourPanel {
  /** The panel's title, e.g. "α = 0.02". */
  title: string;
  /** The searches drawn in this panel. */
  paths?: readonly SearchPath[];
}

/** Options of {@link contourPanels}. */
export interface ContourPanelsOptions extends ContourOptions {
  /** Panels per row. Default min(number of panels, 3). */
  columns?: number;
}

const CONTOUR_OPTIONS = [
  "bounds", "levels", "scheme", "minimum", "width", "height", "title", "xLabel", "yLabel",
  "legend", "colorBar", "sampleSpacing", "tolerance", "document",
] as const;

const MARGIN = { top: 30, right: 66, bottom: 34, left: 48 }; // left: room for "−0.5" and the rotated "y" apart

function resolvePaths(where: string, paths: readonly SearchPath[] | undefined, offset: number, panel?: number, many = false): PathSpec[] {
  if (paths === undefined) return [];
  if (!Array.isArray(paths)) throw new TypeError(`${where}: paths must be an array of {label, solutions, start?}, got ${describe(paths)}`);
  return paths.map((path, i) => {
    const name = panel === undefined ? `paths[${i}]` : `panels[${panel}].paths[${i}]`;
    if (path === null || typeof path !== "object" || !path.solutions || typeof path.solutions.length !== "number") {
      throw new TypeError(`${where}: ${name} must be {label, solutions, start?} (a run's result works), got ${describe(path)}`);
    }
    const points = new Float64Array(2 * path.solutions.length);
    for (let t = 0; t < path.solutions.length; t++) {
      const p = path.solutions[t];
      const px = p?.[0];
      const py = p?.[1];
      if (!(Number.isFinite(px) && Number.isFinite(py))) {
        throw new RangeError(`${where}: ${name}.solutions[${t}] must be a finite [x, y], got ${describe(p)}`);
      }
      points[2 * t] = px;
      points[2 * t + 1] = py;
    }
    let start: [number, number] | undefined;
    if (path.start !== undefined) {
      const s = path.start;
      if (!(Number.isFinite(s?.[0]) && Number.isFinite(s?.[1]))) throw new RangeError(`${where}: ${name}.start must be a finite [x, y], got ${describe(s)}`);
      start = [s[0], s[1]];
    }
    const label = path.label ?? (many || paths.length > 1 ? `search ${i + 1}` : "search");
    if (typeof label !== "string") throw new TypeError(`${where}: ${name}.label must be a string, got ${describe(label)}`);
    const base = PATH_STYLES[(offset + i) % PATH_STYLES.length];
    const style = { ...base, ...(path.style ?? {}) };
    if (path.style && "dash" in path.style && path.style.dash === undefined) delete style.dash;
    return { label, points, start, style, panel };
  });
}

/**
 * The filled bands as a mark. Paths are computed from the scales on first render; with facets the later
 * panels reuse the first panel's bands through `<use>` (an id derived from the content, so the output
 * stays deterministic and two figures on one page never clash unless identical).
 */
function bandsMark(geometry: BandGeometry, tolerance: number): Plot.Markish {
  let first: SVGElement | null = null;
  let id = "";
  return svgMark([geometry], {}, (_items, scales, _d, { document }) => {
    if (first) {
      if (!first.hasAttribute("id")) first.setAttribute("id", id);
      return svgElement(document, "use", { href: `#${id}` });
    }
    const paths = bandPaths(geometry, scales.x!, scales.y!, tolerance);
    const g = svgElement(document, "g", { "aria-label": "contour bands" });
    geometry.regions.forEach((region, k) => g.appendChild(svgElement(document, "path", { fill: geometry.colors[region.band], d: paths[k] })));
    id = `amsgrad-bands-${fnv1a(paths.join("")).toString(36)}`;
    first = g;
    // Plot moves each facet by a transform on the node returned; the bands sit one level below it, so
    // that <use> copies them without the first facet's offset.
    const outer = svgElement(document, "g");
    outer.appendChild(g);
    return outer;
  });
}

function checkOptionalPositive(where: string, name: string, value: unknown) {
  if (value !== undefined) checkPositive(where, name, value);
}

/** Everything contourFigure and contourPanels share: checks, sampling, levels and the plot options. */
function prepare(where: string, problem: TestProblem | Objective2D, options: ContourOptions, panelWidth: number) {
  const resolved = resolveProblem(where, problem, options);
  checkOptionalPositive(where, "width", options.width);
  checkOptionalPositive(where, "height", options.height);
  checkOptionalPositive(where, "sampleSpacing", options.sampleSpacing);
  checkOptionalPositive(where, "tolerance", options.tolerance);
  const legend = options.legend ?? "top-left";
  if (!["top-left", "top-right", "bottom-left", "bottom-right", "none"].includes(legend)) {
    throw new RangeError(`${where}: legend must be "top-left", "top-right", "bottom-left", "bottom-right" or "none", got ${describe(legend)}`);
  }
  const colorBar = options.colorBar ?? true;
  const spacing = options.sampleSpacing ?? 6;
  const tolerance = options.tolerance ?? 0.25;
  const [[x1, x2], [y1, y2]] = resolved.bounds;
  // Grid fine enough for the drawn size: one sample every `spacing` px of the panel's plot area.
  const gridWidth = Math.max(8, panelWidth - MARGIN.left - (colorBar ? MARGIN.right : 12));
  const nx = Math.max(9, Math.min(400, Math.ceil(gridWidth / spacing) + 1));
  const ny = Math.max(9, Math.min(400, Math.ceil((gridWidth * Math.min(4, (y2 - y1) / (x2 - x1))) / spacing) + 1));
  const grid = sampleGrid(resolved.f, [x1, x2], [y1, y2], nx, ny, where);
  const geometry = bandGeometry(grid, options.levels ?? 50, options.scheme ?? "jet", where);
  return { resolved, legend: legend as LegendPlacement, colorBar, tolerance, geometry };
}

function frameOf(svg: Plot.Plot & Element, layout: { width: number; height: number }): Frame {
  const x = svg.scale("x")!;
  const y = svg.scale("y")!;
  const [left, right] = x.range as [number, number];
  const [bottom, top] = y.range as [number, number];
  return Object.freeze({
    width: layout.width,
    height: layout.height,
    marginTop: top,
    marginRight: layout.width - right,
    marginBottom: layout.height - bottom,
    marginLeft: left,
    xDomain: Object.freeze([...(x.domain as [number, number])]) as unknown as readonly [number, number],
    yDomain: Object.freeze([...(y.domain as [number, number])]) as unknown as readonly [number, number],
  });
}

/**
 * Filled contour plot of a 2-D objective over its bounds, with searches drawn on it: the tutorial's
 * figure, as an SVG of about 15 KB.
 *
 * Bands: `levels` (default 50) chosen as matplotlib's contourf does, coloured by `scheme` (default jet)
 * at each band's midpoint; a colour bar on the right. Paths: white dots joined by a line for the first
 * search (the tutorial's `'.-', color='w'`), then black dashed squares, magenta dotted, …; a ring marks
 * each start and a diamond each end; × marks the known minimum; a legend names them. Default size 480 px
 * wide, height keeping x and y to one scale. Title, axis labels, legend and colour bar on by default.
 *
 * @param problem a {@link TestProblem} (its objective, bounds, minimum and title are used) or an
 *   objective `(x, y) => number` (then give `bounds`).
 * @example
 * import { amsgrad, bowl } from "amsgrad";
 * const result = amsgrad(bowl.objective, bowl.derivative, { bounds: bowl.bounds, nIter: 100 });
 * show(contourFigure(bowl, { paths: [{ label: "AMSGrad", ...result }] }));
 * // a bare function, 20 turbo levels, two searches:
 * contourFigure((x, y) => x * x + 3 * y * y, { bounds: [[-1, 1], [-1, 1]], levels: 20, scheme: "turbo",
 *   paths: [{ label: "AMSGrad", ...a }, { label: "Adam", ...b }] });
 */
export function contourFigure(problem: TestProblem | Objective2D, options: ContourFigureOptions = {}): Figure {
  const where = "contourFigure";
  if (options === null || typeof options !== "object") throw new TypeError(`${where}: options must be an object, got ${describe(options)}`);
  checkKnownKeys(where, options, [...CONTOUR_OPTIONS, "paths"]);
  const width = options.width ?? 480;
  const { resolved, legend, colorBar, tolerance, geometry } = prepare(where, problem, options, width);
  const paths = resolvePaths(where, options.paths, 0);
  const [[x1, x2], [y1, y2]] = resolved.bounds;
  const margin = { ...MARGIN, right: colorBar ? MARGIN.right : 12, top: resolved.title ? MARGIN.top : 12 };
  const innerWidth = width - margin.left - margin.right;
  const height = options.height ?? Math.round(margin.top + margin.bottom + (innerWidth * (y2 - y1)) / (x2 - x1));
  if (!(innerWidth > 10 && height - margin.top - margin.bottom > 10)) {
    throw new RangeError(`${where}: width ${width} × height ${height} leaves no room for the plot`);
  }
  const document = renderDocument(options.document);
  const svg = Plot.plot({
    document,
    width,
    height,
    marginTop: margin.top,
    marginRight: margin.right,
    marginBottom: margin.bottom,
    marginLeft: margin.left,
    x: { domain: [x1, x2], label: options.xLabel ?? "x", labelAnchor: "center", labelArrow: "none", ticks: Math.max(2, Math.round(innerWidth / 80)) },
    y: { domain: [y1, y2], label: options.yLabel ?? "y", labelAnchor: "center", labelArrow: "none", ticks: Math.max(2, Math.round((height - margin.top - margin.bottom) / 80)) },
    marks: [
      bandsMark(geometry, tolerance),
      Plot.frame({ stroke: "currentColor", strokeOpacity: 0.4 }),
      resolved.minimum ? minimumMark(resolved.minimum) : null,
      pathsMark(paths),
      pathLegendMark(paths, resolved.minimum !== null, legend),
      colorBar ? colorBarMark(geometry.levels, geometry.colors) : null,
      titleMark(resolved.title),
    ],
  } as Plot.PlotOptions) as unknown as Plot.Plot & SVGSVGElement;
  return makeFigure({
    kind: "contour",
    svg: serializeSvg(svg),
    width,
    height,
    frame: frameOf(svg, { width, height }),
    levels: Object.freeze(geometry.levels.slice()),
  });
}

/**
 * Small multiples: one contour panel per hyperparameter value (a sweep of alpha or beta2, say), on shared
 * axes, levels and colours, each with its own searches and title. The bands are drawn once and reused by
 * every panel (`<use>`), so a row of three costs little more than one.
 *
 * Same options as {@link contourFigure}, plus `columns` (default min(panels, 3)); `width` is the whole
 * figure's (default 250 px per column plus the colour bar).
 *
 * @example
 * const alphas = [0.002, 0.007, 0.02];
 * show(contourPanels(bowl, alphas.map((alpha) => ({
 *   title: `α = ${alpha}`,
 *   paths: [{ label: "AMSGrad", ...amsgrad(bowl.objective, bowl.derivative, { bounds: bowl.bounds, alpha }) }],
 * }))));
 */
export function contourPanels(problem: TestProblem | Objective2D, panels: readonly ContourPanel[], options: ContourPanelsOptions = {}): Figure {
  const where = "contourPanels";
  if (options === null || typeof options !== "object") throw new TypeError(`${where}: options must be an object, got ${describe(options)}`);
  checkKnownKeys(where, options, [...CONTOUR_OPTIONS, "columns"]);
  if (!Array.isArray(panels) || panels.length === 0) {
    throw new TypeError(`${where}: panels must be a non-empty array of {title, paths}, got ${describe(panels)}`);
  }
  panels.forEach((panel, i) => {
    if (panel === null || typeof panel !== "object" || typeof panel.title !== "string") {
      throw new TypeError(`${where}: panels[${i}] must be {title, paths}, got ${describe(panel)}`);
    }
  });
  const columns = options.columns ?? Math.min(panels.length, 3);
  if (!(Number.isSafeInteger(columns) && columns >= 1)) throw new RangeError(`${where}: columns must be a positive integer, got ${describe(columns)}`);
  const rows = Math.ceil(panels.length / columns);
  const colorBarWidth = (options.colorBar ?? true) ? MARGIN.right : 12;
  const width = options.width ?? MARGIN.left + colorBarWidth + 210 * columns + 24 * (columns - 1);
  checkOptionalPositive(where, "width", width);
  // Sample for one panel's width, not the whole figure's.
  const panelPixels = (width - MARGIN.left - colorBarWidth - 24 * (columns - 1)) / columns;
  const { resolved, legend, colorBar, tolerance, geometry } = prepare(where, problem, options, panelPixels + MARGIN.left + colorBarWidth);
  // Styles are shared across panels: the n-th path of every panel looks the same.
  const paths = panels.flatMap((panel, i) => resolvePaths(where, panel.paths, 0, i, true).map((p) => ({ ...p, panel: i })));
  const [[x1, x2], [y1, y2]] = resolved.bounds;
  const panelTitleHeight = 18;
  const margin = { ...MARGIN, right: colorBarWidth, top: (resolved.title ? MARGIN.top : 8) + panelTitleHeight };
  const gap = 24;
  const panelWidth = (width - margin.left - margin.right - gap * (columns - 1)) / columns;
  const panelHeight = (panelWidth * (y2 - y1)) / (x2 - x1);
  const height = options.height ?? Math.round(margin.top + margin.bottom + rows * panelHeight + (rows - 1) * (gap + panelTitleHeight));
  const document = renderDocument(options.document);
  const fx = (d: { panel?: number }) => (d.panel ?? 0) % columns;
  const fy = (d: { panel?: number }) => Math.floor((d.panel ?? 0) / columns);
  const svg = Plot.plot({
    document,
    width,
    height,
    marginTop: margin.top,
    marginRight: margin.right,
    marginBottom: margin.bottom,
    marginLeft: margin.left,
    x: { domain: [x1, x2], label: options.xLabel ?? "x", labelAnchor: "center", labelArrow: "none", ticks: Math.max(2, Math.floor(panelWidth / 60)) },
    y: { domain: [y1, y2], label: options.yLabel ?? "y", labelAnchor: "center", labelArrow: "none", ticks: Math.max(2, Math.floor(panelHeight / 60)) },
    fx: { axis: null, domain: Array.from({ length: columns }, (_, i) => i), padding: gap / (panelWidth + gap) },
    fy: { axis: null, domain: Array.from({ length: rows }, (_, i) => i), padding: (gap + panelTitleHeight) / (panelHeight + gap + panelTitleHeight) },
    marks: [
      // The bands and the minimum carry no facet channels, so Plot repeats them in every panel.
      bandsMark(geometry, tolerance),
      Plot.frame({ stroke: "currentColor", strokeOpacity: 0.4 }),
      resolved.minimum ? minimumMark(resolved.minimum) : null,
      pathsMark(paths, { fx, fy }),
      panelTitlesMark(panels, fx, fy),
      pathLegendMark(paths.filter((p) => p.panel === 0), resolved.minimum !== null, legend),
      colorBar ? colorBarMark(geometry.levels, geometry.colors) : null,
      titleMark(resolved.title),
    ],
  } as Plot.PlotOptions) as unknown as Plot.Plot & SVGSVGElement;
  return makeFigure({
    kind: "panels",
    svg: serializeSvg(svg),
    width,
    height,
    frame: panelFrame(svg, width, height),
    levels: Object.freeze(geometry.levels.slice()),
  });
}

/** Each panel's title, above its plot area. */
function panelTitlesMark(panels: readonly ContourPanel[], fx: (d: { panel: number }) => number, fy: (d: { panel: number }) => number): Plot.Markish {
  const data = panels.map((p, panel) => ({ panel, title: p.title }));
  return svgMark(data, { fx, fy }, (items, _scales, d, { document }) => {
    const item = items[0];
    if (!item) return null;
    const text = svgElement(document, "text", {
      x: d.marginLeft + (d.width - d.marginLeft - d.marginRight) / 2,
      y: d.marginTop - 6,
      "font-size": 11,
      "font-weight": 600,
    });
    text.appendChild(document.createTextNode(item.title));
    return text;
  });
}

/** The first panel's frame: where panel 0's plot area lies in the whole figure. */
function panelFrame(svg: Plot.Plot & Element, width: number, height: number): Frame {
  const x = svg.scale("x")!;
  const y = svg.scale("y")!;
  const fx = svg.scale("fx") as { apply(v: number): number } | undefined;
  const fy = svg.scale("fy") as { apply(v: number): number } | undefined;
  const [left, right] = x.range as [number, number];
  const [bottom, top] = y.range as [number, number];
  const ox = fx ? fx.apply(0) : 0;
  const oy = fy ? fy.apply(0) : 0;
  return Object.freeze({
    width,
    height,
    marginTop: oy + top,
    marginRight: width - (ox + right),
    marginBottom: height - (oy + bottom),
    marginLeft: ox + left,
    xDomain: Object.freeze([...(x.domain as [number, number])]) as unknown as readonly [number, number],
    yDomain: Object.freeze([...(y.domain as [number, number])]) as unknown as readonly [number, number],
  });
}
