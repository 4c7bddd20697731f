/**
 * The tutorial's second picture, improved: a filled contour plot of a 2-D objective (50 levels in jet by
 * default, as `pyplot.contourf(x, y, results, levels=50, cmap='jet')`), a colour bar, the search drawn
 * as white dots joined by a line (`pyplot.plot(..., '.-', color='w')`), start, end and minimum marked,
 * and a legend. Several searches get distinct, labelled looks (one per optimizer across the series). With
 * `zoom`, a second panel shows the searches magnified. `contourPanels` (panels.ts) draws one panel per
 * hyperparameter value on shared axes and levels; the pieces both use are here.
 */
import * as Plot from "@observablehq/plot";
import { checkKnownKeys, checkPositive, describe } from "../errors.js";
import { fnv1a } from "../hash.js";
import type { TestProblem } from "../objectives.js";
import { bandGeometry, bandPaths, sampleGrid, type BandGeometry, type LevelScale, type SampleGrid } from "./bands.js";
import type { ColorScheme } from "./colors.js";
import { renderDocument, serializeSvg, svgElement, svgText } from "./dom.js";
import { makeFigure, pixelX, pixelY, type Figure, type Frame, type RenderDocument } from "./figure.js";
import { legendObstacles, pathLegendMark, planLegend } from "./legend.js";
import { checkLevelsOption, checkOptionalPixels, checkPixels, MAX_FIGURE_PIXELS } from "./limits.js";
import { colorBarMargin, colorBarMark, minimumMark, noteMark, pathsMark, regionMark, svgMark, titleMark, type PathSpec } from "./marks.js";
import { resolveProblem, type Bounds2D, type Objective2D, type ResolvedProblem } from "./problem.js";
import { resolvePaths, zoomBounds, type SearchPath } from "./searches.js";
import { INK, type LegendPlacement } from "./style.js";
import { pathLook, plainText, schemeWords, sentences, spoken, spokenBounds, spokenPoint } from "./words.js";

export type { Bounds2D, Objective2D } from "./problem.js";
export type { SearchPath } from "./searches.js";

/** Options shared by {@link contourFigure} and {@link contourPanels}. */
export interface ContourOptions {
  /** Region drawn; default the problem's bounds (required for a bare function). */
  bounds?: Bounds2D;
  /**
   * Number of filled bands, as matplotlib's `levels=n` (nice, evenly spaced levels spanning the sampled
   * range: about n bands, see {@link contourLevels}), from 1 to 500, or the explicit levels (ascending, at
   * most 501; n levels give n − 1 bands; values beyond the first or last level take the nearest band's
   * colour, as matplotlib's `extend="both"`). Default 50.
   */
  levels?: number | readonly number[];
  /**
   * How automatic levels are spaced: "linear" (matplotlib's) or "log" (evenly on a log scale, from the
   * smallest positive value or six decades below the largest; for a valley far below its walls). Default
   * the problem's own (`rosenbrock` is "log"), else "linear".
   */
  levelScale?: LevelScale;
  /** Colour scheme: "jet" (default, the tutorial's), "turbo", "viridis" or a function t ↦ colour. */
  scheme?: ColorScheme;
  /** The known minimizer, marked with × (where it lies inside the plot); default the problem's minimum; null for none. */
  minimum?: readonly [number, number] | null;
  /** Figure width in px, 100 to 4000. Default 480 (840 with `zoom`), or 210 per panel plus margins (contourPanels). */
  width?: number;
  /**
   * Figure height in px, 100 to 4000. Default: whatever keeps one unit of x as long as one unit of y
   * (bounds far taller than wide need an explicit height).
   */
  height?: number;
  /** Title; default the problem's title, or "f(x, y)"; null for none. */
  title?: string | null;
  /** Axis labels. Default "x" and "y". */
  xLabel?: string;
  yLabel?: string;
  /** Where the legend of paths and markers goes. Default "auto": the corner where it covers the least. */
  legend?: LegendPlacement;
  /** Draw the colour bar. Default true. */
  colorBar?: boolean;
  /** Spacing of the function's samples, in px (at most 400 along each axis). Default 6 (matplotlib's tutorial figure: about 22). */
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
  /**
   * A second panel, right of the first, showing the searches magnified, where their dots no longer merge
   * into a thick line: `true` for the box around every search (with some room, the shape of the bounds,
   * at most 40× magnified), or the region to show, `[[xmin, xmax], [ymin, ymax]]`. The first panel marks
   * the region. Default false.
   */
  zoom?: boolean | Bounds2D;
}

/** The option names {@link contourFigure} and {@link contourPanels} share. */
export const CONTOUR_OPTIONS = [
  "bounds", "levels", "levelScale", "scheme", "minimum", "width", "height", "title", "xLabel", "yLabel",
  "legend", "colorBar", "sampleSpacing", "tolerance", "document",
] as const;

/** Margins of a contour plot, in px. left: room for "−0.5" and the rotated "y" apart; right: the colour bar. */
export const MARGIN = { top: 30, right: 66, bottom: 34, left: 48 };
/** Right margin without the colour bar, and between a plot and its zoomed panel. */
const SLIM_RIGHT = 12;
const ZOOM_GAP_RIGHT = 16;
/** Extra bottom margin for the line that says what was left out. */
const NOTE_HEIGHT = 14;

const LEGENDS = ["auto", "top-left", "top-right", "bottom-left", "bottom-right", "none"];

/** The checked options every contour plot needs besides its size. */
export interface ContourSettings {
  resolved: ResolvedProblem;
  legend: LegendPlacement;
  colorBar: boolean;
  spacing: number;
  tolerance: number;
  levelScale: LevelScale;
}

/** Checks what contourFigure and contourPanels share and resolves the problem. */
export function contourSettings(where: string, problem: TestProblem | Objective2D, options: ContourOptions): ContourSettings {
  const resolved = resolveProblem(where, problem, options);
  checkOptionalPixels(where, "width", options.width);
  checkOptionalPixels(where, "height", options.height);
  if (options.sampleSpacing !== undefined) checkPositive(where, "sampleSpacing", options.sampleSpacing);
  if (options.tolerance !== undefined) checkPositive(where, "tolerance", options.tolerance);
  checkLevelsOption(where, options.levels);
  const legend = options.legend ?? "auto";
  if (!LEGENDS.includes(legend)) {
    throw new RangeError(`${where}: legend must be "auto", "top-left", "top-right", "bottom-left", "bottom-right" or "none", got ${describe(legend)}`);
  }
  const levelScale = options.levelScale ?? resolved.problem?.levelScale ?? "linear";
  if (levelScale !== "linear" && levelScale !== "log") throw new RangeError(`${where}: levelScale must be "linear" or "log", got ${describe(levelScale)}`);
  if (options.colorBar !== undefined && typeof options.colorBar !== "boolean") throw new TypeError(`${where}: colorBar must be true or false, got ${describe(options.colorBar)}`);
  return {
    resolved,
    legend,
    colorBar: options.colorBar ?? true,
    spacing: options.sampleSpacing ?? 6,
    tolerance: options.tolerance ?? 0.25,
    levelScale,
  };
}

/**
 * Samples f over `bounds` for a plot area of innerWidth × innerHeight px (one sample every `spacing` px,
 * 9 to 400 along each axis) and computes its bands.
 */
export function sampleBands(
  where: string,
  settings: ContourSettings,
  bounds: readonly (readonly [number, number])[],
  innerWidth: number,
  innerHeight: number,
  levels: number | readonly number[],
  scheme: ColorScheme,
): BandGeometry {
  const [[x1, x2], [y1, y2]] = bounds;
  const count = (px: number) => Math.max(9, Math.min(400, Math.ceil(px / settings.spacing) + 1));
  const grid = sampleGrid(settings.resolved.f, [x1, x2], [y1, y2], count(innerWidth), count(Math.min(innerHeight, 4 * innerWidth)), where);
  return bandGeometry(grid, levels, scheme, where, settings.levelScale);
}

/** The height that keeps one unit of x as long as one of y, or the error that explains why it cannot. */
export function equalUnitsHeight(where: string, bounds: readonly (readonly [number, number])[], plotWidth: number, rows: number, extra: number): number {
  const [[x1, x2], [y1, y2]] = bounds;
  const aspect = (y2 - y1) / (x2 - x1);
  const height = Math.round(extra + rows * plotWidth * aspect);
  if (!(height <= MAX_FIGURE_PIXELS)) {
    throw new RangeError(
      `${where}: bounds ${describe(bounds.map((b) => describe(b)))} are ${spoken(aspect)} times taller than wide; with one unit of x as long ` +
        `as one of y the figure would be ${spoken(height)} px tall (at most ${MAX_FIGURE_PIXELS}): give height (at most ${MAX_FIGURE_PIXELS}) to draw it with unequal scales`,
    );
  }
  return Math.max(height, extra + 20);
}

/** What was left out where f is not finite: the line under the plot and the sentence of the words; null if nothing. */
export interface GapsNote {
  /** "f is not finite at 12 of 3,844 samples (0.3 %), left blank". */
  line: string;
  /** "The objective is not finite at 12 of 3,844 samples (0.3 %), left blank." */
  sentence: string;
}

/** The note on the samples where f is NaN or infinite, or null when there are none. */
export function gapsNote(grid: SampleGrid): GapsNote | null {
  if (grid.gaps === 0) return null;
  const total = grid.nx * grid.ny;
  const share = (100 * grid.gaps) / total;
  const what = `not finite at ${grid.gaps.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} samples (${share < 0.1 ? "< 0.1" : share.toFixed(1)} %), left blank`;
  return { line: `f is ${what}`, sentence: `The objective is ${what}.` };
}

/** The Figure of a contour plot or panels: its SVG (serialized with its words), size, frames and levels. */
export function contourResult(
  kind: "contour" | "panels",
  root: Element,
  size: { width: number; height: number },
  frames: { frame: Frame; zoomFrame?: Frame },
  geometry: BandGeometry,
  name: string,
  description: string,
): Figure {
  return makeFigure({
    kind,
    svg: serializeSvg(root, { title: name, description }),
    ...size,
    ...frames,
    levels: Object.freeze(geometry.levels.slice()),
    name,
    description,
  });
}

/**
 * The filled bands as a mark. Paths are computed from the scales on first render; with facets the later
 * panels reuse the first panel's bands through `<use>` (an id derived from the content, so the output
 * stays deterministic and two figures on one page never clash unless identical).
 */
export function bandsMark(geometry: BandGeometry, tolerance: number): Plot.Markish {
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

/**
 * Where a plot's area lies, read from Plot's own scales, offset by `left` and `top` px within a larger
 * figure (a zoomed panel beside the plot, panel 0 of small multiples).
 */
export function frameOf(svg: Plot.Plot & Element, width: number, height: number, left = 0, figureWidth = width, top = 0): Frame {
  const x = svg.scale("x")!;
  const y = svg.scale("y")!;
  const [x0, x1] = x.range as [number, number];
  const [y0, y1] = y.range as [number, number];
  return Object.freeze({
    width: figureWidth,
    height,
    marginTop: top + y1,
    marginRight: figureWidth - left - x1,
    marginBottom: height - top - y0,
    marginLeft: left + x0,
    xDomain: Object.freeze([...(x.domain as [number, number])]) as unknown as readonly [number, number],
    yDomain: Object.freeze([...(y.domain as [number, number])]) as unknown as readonly [number, number],
  });
}

/** A frame planned before Plot draws (linear scales over exactly these domains, as Plot then draws them). */
export function plannedFrame(width: number, height: number, margin: typeof MARGIN, bounds: readonly (readonly [number, number])[]): Frame {
  return {
    width,
    height,
    marginTop: margin.top,
    marginRight: margin.right,
    marginBottom: margin.bottom,
    marginLeft: margin.left,
    xDomain: [bounds[0][0], bounds[0][1]],
    yDomain: [bounds[1][0], bounds[1][1]],
  };
}

/** The words of a contour plot's bands and minimum, e.g. "Contour plot of f(x, y) = x² + y² for x from -1 to 1 …". */
export function describeBands(
  settings: ContourSettings,
  geometry: BandGeometry,
  scheme: ColorScheme,
  bounds: readonly (readonly [number, number])[],
  kind: string,
): string {
  const { resolved } = settings;
  const levels = geometry.levels;
  const bands = levels.length - 1;
  const colours = schemeWords(scheme);
  return sentences([
    `${kind} of ${plainText(resolved.subject)} for ${spokenBounds(bounds)}: ${bands} filled bands from ${spoken(levels[0])} to ` +
      `${spoken(levels[bands])}${settings.levelScale === "log" ? " spaced on a log scale" : ""}, in ${colours}`,
    resolved.minimum ? `A cross marks the minimum at ${spokenPoint(resolved.minimum[0], resolved.minimum[1])}` : null,
  ]);
}

/** One clause per search: its label, its look, where it starts and ends and f there. */
export function describePaths(f: Objective2D, paths: readonly PathSpec[]): string[] {
  const clauses: string[] = [];
  for (const path of paths) {
    const n = path.points.length >> 1;
    if (n === 0) continue;
    const end = [path.points[2 * n - 2], path.points[2 * n - 1]] as const;
    const from = path.start ?? [path.points[0], path.points[1]];
    let value = NaN;
    try {
      value = f(end[0], end[1]);
    } catch {
      // The words leave the value out; the figure itself was drawn.
    }
    clauses.push(
      `${plainText(path.label)} (${pathLook(path.style)}): ${n} points from ${spokenPoint(from[0], from[1])} to ${spokenPoint(end[0], end[1])}` +
        (Number.isFinite(value) ? `, where f is ${spoken(value)}` : ""),
    );
  }
  return clauses;
}

/**
 * Filled contour plot of a 2-D objective over its bounds, with searches drawn on it: the tutorial's
 * figure, as an SVG of about 15 KB.
 *
 * Bands: `levels` (default 50) chosen as matplotlib's contourf does, coloured by `scheme` (default jet)
 * at each band's midpoint; a colour bar on the right. Paths: the tutorial's white dots joined by a line
 * for AMSGrad (and a first unnamed search), black dashed squares for Adam, magenta dotted for gradient
 * descent, then further looks; a ring marks each start and a diamond each end; × marks the known minimum;
 * a legend names them, in the corner where it covers least. Default size 480 px wide, height keeping x and
 * y to one scale. Title, axis labels, legend and colour bar on by default. An opaque white background and
 * explicit colours: the figure reads the same on a light or dark page.
 *
 * A point where f is NaN or infinite is left blank, and a line under the plot says how much was.
 *
 * @param problem a {@link TestProblem} (its objective, bounds, minimum and title are used) or an
 *   objective `(x, y) => number` (then give `bounds`; a test problem's own objective counts as the problem).
 * @example
 * import { amsgrad, bowl } from "amsgrad";
 * const result = amsgrad(bowl.objective, bowl.derivative, { bounds: bowl.bounds, nIter: 100 });
 * show(contourFigure(bowl, { paths: [{ label: "AMSGrad", ...result }] }));
 * // two searches, and a second panel magnifying them:
 * show(contourFigure(bowl, { paths: [{ label: "AMSGrad", ...a }, { label: "Adam", ...b }], zoom: true }));
 * // a bare function, 20 turbo levels:
 * contourFigure((x, y) => x * x + 3 * y * y, { bounds: [[-1, 1], [-1, 1]], levels: 20, scheme: "turbo" });
 * @throws TypeError/RangeError naming the option for bad input (sizes 100–4000 px, levels 1–500, …).
 */
export function contourFigure(problem: TestProblem | Objective2D, options: ContourFigureOptions = {}): Figure {
  const where = "contourFigure";
  if (options === null || typeof options !== "object") throw new TypeError(`${where}: options must be an object, got ${describe(options)}`);
  checkKnownKeys(where, options, [...CONTOUR_OPTIONS, "paths", "zoom"]);
  const settings = contourSettings(where, problem, options);
  const { resolved, colorBar } = settings;
  const paths = resolvePaths(where, options.paths, undefined);
  const zoomOption = options.zoom ?? false;
  if (zoomOption !== false && zoomOption !== true && (zoomOption === null || typeof zoomOption !== "object")) {
    throw new TypeError(`${where}: zoom must be true, false or [[xmin, xmax], [ymin, ymax]], got ${describe(zoomOption)}`);
  }
  const zoom = zoomOption === false ? null : zoomBounds(where, resolved.bounds, paths, zoomOption);
  const width = options.width ?? (zoom ? 840 : 480);
  checkPixels(where, "width", width);
  const scheme = options.scheme ?? "jet";

  // Layout: one plot, or the plot and its zoomed panel side by side with the same plot size. The plot
  // area first (units of x and y equal unless a height is given), then what the margins must hold.
  let right = colorBar ? MARGIN.right : SLIM_RIGHT;
  // With a zoomed panel, a line under the title for the panels' headings.
  const top = (resolved.title ? MARGIN.top : SLIM_RIGHT) + (zoom ? 14 : 0);
  let bottom = MARGIN.bottom;
  const plotWidth = () => (zoom ? (width - 2 * MARGIN.left - ZOOM_GAP_RIGHT - right) / 2 : width - MARGIN.left - right);
  const plotHeight = (w: number) => (options.height ?? equalUnitsHeight(where, resolved.bounds, w, 1, top + bottom)) - top - bottom;
  let innerWidth = plotWidth();
  let innerHeight = plotHeight(innerWidth);
  if (!(innerWidth > 10 && innerHeight > 10)) {
    throw new RangeError(`${where}: width ${width} × height ${options.height ?? innerHeight + top + bottom} leaves no room for the plot`);
  }
  const geometry = sampleBands(where, settings, resolved.bounds, innerWidth, innerHeight, options.levels ?? 50, scheme);
  // Colour bar labels wider than the margin (1.5e308): a wider margin, the same bands (they are in data units).
  const barRight = colorBar ? colorBarMargin(geometry.levels, settings.levelScale === "log") : SLIM_RIGHT;
  if (barRight > right) {
    right = barRight;
    innerWidth = plotWidth();
    innerHeight = plotHeight(innerWidth);
  }
  const mainRight = zoom ? ZOOM_GAP_RIGHT : right;
  const mainWidth = MARGIN.left + innerWidth + mainRight;
  const note = gapsNote(geometry.grid);
  if (note) bottom += NOTE_HEIGHT;
  const planned = plannedFrame(mainWidth, top + innerHeight + bottom, { ...MARGIN, top, right: mainRight, bottom }, resolved.bounds);
  const obstacles = legendObstacles(paths, (v) => pixelX(planned, v), (v) => pixelY(planned, v), resolved.minimum);
  const plotRect = { left: MARGIN.left, top, right: MARGIN.left + innerWidth, bottom: top + innerHeight };
  const legend = planLegend(paths, resolved.minimum !== null, settings.legend, plotRect, obstacles, mainWidth - MARGIN.left - mainRight);
  const strip = legend?.below ?? 0;
  bottom += strip;
  const height = options.height ?? top + innerHeight + bottom;
  innerHeight = height - top - bottom;
  if (!(innerHeight > 10)) throw new RangeError(`${where}: height ${height} leaves no room for the plot and its legend`);
  const document = renderDocument(options.document);
  // The x label stays under its ticks when the bottom margin also holds a note or the legend.
  const axes = (bounds: readonly (readonly [number, number])[]) => ({
    x: { domain: [bounds[0][0], bounds[0][1]], label: options.xLabel ?? "x", labelAnchor: "center", labelArrow: "none", labelOffset: MARGIN.bottom - 3, ticks: Math.max(2, Math.round(innerWidth / 80)) },
    y: { domain: [bounds[1][0], bounds[1][1]], label: options.yLabel ?? "y", labelAnchor: "center", labelArrow: "none", ticks: Math.max(2, Math.round(innerHeight / 80)) },
  });
  const noteY = height - strip - 5;
  const svg = Plot.plot({
    document,
    width: mainWidth,
    height,
    marginTop: top,
    marginRight: mainRight,
    marginBottom: bottom,
    marginLeft: MARGIN.left,
    ...axes(resolved.bounds),
    marks: [
      bandsMark(geometry, settings.tolerance),
      Plot.frame({ stroke: "currentColor", strokeOpacity: 0.4 }),
      zoom ? regionMark(zoom) : null,
      pathsMark(paths),
      resolved.minimum ? minimumMark(resolved.minimum) : null,
      pathLegendMark(legend),
      colorBar && !zoom ? colorBarMark(geometry.levels, geometry.colors, settings.levelScale === "log") : null,
      zoom ? null : titleMark(resolved.title),
      note ? noteMark(note.line, MARGIN.left, noteY, "start", true) : null,
    ],
  } as Plot.PlotOptions) as unknown as Plot.Plot & SVGSVGElement;
  const kind = zoom ? "Contour plot with a zoomed panel" : "Contour plot";
  let description = sentences([describeBands(settings, geometry, scheme, resolved.bounds, kind), ...describePaths(resolved.f, paths)]);
  if (note) description = sentences([description, note.sentence]);
  const name = plainText(resolved.title ? `Contour plot: ${resolved.title}` : `Contour plot of ${resolved.subject}`);
  if (!zoom) return contourResult("contour", svg, { width, height }, { frame: frameOf(svg, width, height) }, geometry, name, description);

  // The zoomed panel: the same levels and colours over the smaller region, sampled afresh at its scale.
  const zoomGeometry = sampleBands(where, settings, zoom, innerWidth, innerHeight, geometry.levels, scheme);
  const zoomWidth = width - mainWidth;
  const factor = (resolved.bounds[0][1] - resolved.bounds[0][0]) / (zoom[0][1] - zoom[0][0]);
  const zoomed = Plot.plot({
    document,
    width: zoomWidth,
    height,
    marginTop: top,
    marginRight: right,
    marginBottom: bottom,
    marginLeft: MARGIN.left,
    ...axes(zoom),
    marks: [
      bandsMark(zoomGeometry, settings.tolerance),
      Plot.frame({ stroke: "currentColor", strokeOpacity: 0.4 }),
      pathsMark(paths),
      resolved.minimum ? minimumMark(resolved.minimum) : null,
      colorBar ? colorBarMark(geometry.levels, geometry.colors, settings.levelScale === "log") : null,
      noteMark(`zoomed ×${spoken(factor)}`, MARGIN.left, top - 5),
    ],
  } as Plot.PlotOptions) as unknown as Plot.Plot & SVGSVGElement;
  const root = svgElement(document as unknown as Document, "svg", {
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    fill: INK,
    "font-family": "system-ui, sans-serif",
    "font-size": 10,
    "text-anchor": "middle",
  });
  zoomed.setAttribute("x", String(mainWidth));
  root.appendChild(svg);
  root.appendChild(zoomed);
  if (resolved.title) {
    root.appendChild(svgText(document as unknown as Document, resolved.title, { x: width / 2, y: 18, "font-size": 13, "font-weight": 600, "aria-label": "title" }));
  }
  description = sentences([
    description,
    `The second panel magnifies ${spoken(factor)} times: ${spokenBounds(zoom)}, outlined on the first`,
  ]);
  const frames = { frame: frameOf(svg, mainWidth, height, 0, width), zoomFrame: frameOf(zoomed, zoomWidth, height, mainWidth, width) };
  return contourResult("contour", root, { width, height }, frames, geometry, name, description);
}
