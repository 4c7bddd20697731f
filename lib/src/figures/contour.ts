/**
 * The tutorial's second picture, improved: a filled contour plot of a 2-D objective (50 levels in jet by
 * default, as `pyplot.contourf(x, y, results, levels=50, cmap='jet')`), a colour bar, the search drawn
 * as white dots joined by a line (`pyplot.plot(..., '.-', color='w')`), start, end and minimum marked,
 * and a legend. Several searches get distinct, labelled looks (one per optimizer across the series). With
 * `zoom`, a second panel shows the searches magnified. `contourPanels` (panels.ts) draws one panel per
 * hyperparameter value on shared axes and levels; the pieces both use are here.
 */
import * as Plot from "@observablehq/plot";
import { checkKnownKeys, describe } from "../errors.js";
import type { TestProblem } from "../objectives.js";
import type { ColorScheme } from "./colors.js";
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
  NOTE_HEIGHT,
  plannedFrame,
  sampleBands,
  SLIM_RIGHT,
} from "./contour-parts.js";
import { renderDocument, svgElement, svgText } from "./dom.js";
import { pixelX, pixelY, type Figure, type RenderDocument } from "./figure.js";
import { legendObstacles, pathLegendMark, planLegend } from "./legend.js";
import { checkPixels } from "./limits.js";
import { colorBarMargin, colorBarMark, minimumMark, noteMark, pathsMark, regionMark, titleMark } from "./marks.js";
import type { Bounds2D, Objective2D } from "./problem.js";
import { resolvePaths, zoomBounds, type SearchPath } from "./searches.js";
import { INK, type LegendPlacement, type LevelScale } from "./style.js";
import { plainText, sentences, spoken, spokenBounds } from "./words.js";

/** Right margin between a plot and its zoomed panel. */
const ZOOM_GAP_RIGHT = 16;

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
   * the region. A number of `levels` is chosen afresh over the values in the region, with a colour bar
   * for each panel (explicit levels stay the same in both). Default false.
   */
  zoom?: boolean | Bounds2D;
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
  // With a zoomed panel, each panel has its own colour bar (or the gap between them, without bars).
  const plotWidth = () => (zoom ? (width - 2 * MARGIN.left - (colorBar ? right : ZOOM_GAP_RIGHT) - right) / 2 : width - MARGIN.left - right);
  const plotHeight = (w: number) => (options.height ?? equalUnitsHeight(where, resolved.bounds, w, 1, top + bottom)) - top - bottom;
  let innerWidth = plotWidth();
  let innerHeight = plotHeight(innerWidth);
  if (!(innerWidth > 10 && innerHeight > 10)) {
    throw new RangeError(`${where}: width ${width} × height ${options.height ?? innerHeight + top + bottom} leaves no room for the plot`);
  }
  const levels = options.levels ?? 50;
  const geometry = sampleBands(where, settings, resolved.bounds, innerWidth, innerHeight, levels, scheme);
  // The zoomed panel gets levels of its own, chosen over the values in its window (the whole plot's 50
  // levels left it one or two bands, nearly flat), and so a colour bar of its own; explicit levels stay.
  const zoomGeometry = zoom ? sampleBands(where, settings, zoom, innerWidth, innerHeight, levels, scheme) : null;
  // Colour bar labels wider than the margin (1.5e308): a wider margin, the same bands (they are in data units).
  const log = settings.levelScale === "log";
  const barRight = colorBar ? Math.max(colorBarMargin(geometry.levels, log), zoomGeometry ? colorBarMargin(zoomGeometry.levels, log) : 0) : SLIM_RIGHT;
  if (barRight > right) {
    right = barRight;
    innerWidth = plotWidth();
    innerHeight = plotHeight(innerWidth);
  }
  const mainRight = zoom && !colorBar ? ZOOM_GAP_RIGHT : right;
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
      colorBar ? colorBarMark(geometry.levels, geometry.colors, log) : null,
      zoom ? null : titleMark(resolved.title),
      note ? noteMark(note.line, MARGIN.left, noteY, "start", true) : null,
    ],
  } as Plot.PlotOptions) as unknown as Plot.Plot & SVGSVGElement;
  const kind = zoom ? "Contour plot with a zoomed panel" : "Contour plot";
  let description = sentences([describeBands(settings, geometry, scheme, resolved.bounds, kind), ...describePaths(resolved.f, paths)]);
  if (note) description = sentences([description, note.sentence]);
  const name = plainText(resolved.title ? `Contour plot: ${resolved.title}` : `Contour plot of ${resolved.subject}`);
  if (!zoom) return contourResult("contour", svg, { width, height }, { frame: frameOf(svg, width, height) }, geometry, name, description);

  // The zoomed panel: its own levels over the smaller region, sampled afresh at its scale.
  const zoomBands = zoomGeometry!;
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
      bandsMark(zoomBands, settings.tolerance),
      Plot.frame({ stroke: "currentColor", strokeOpacity: 0.4 }),
      pathsMark(paths),
      resolved.minimum ? minimumMark(resolved.minimum) : null,
      colorBar ? colorBarMark(zoomBands.levels, zoomBands.colors, log) : null,
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
    `The second panel magnifies ${spoken(factor)} times: ${spokenBounds(zoom)}, outlined on the first, with bands of its own: ` +
      `${zoomBands.levels.length - 1} from ${spoken(zoomBands.levels[0])} to ${spoken(zoomBands.levels[zoomBands.levels.length - 1])}, and its own colour bar`,
  ]);
  const frames = { frame: frameOf(svg, mainWidth, height, 0, width), zoomFrame: frameOf(zoomed, zoomWidth, height, mainWidth, width) };
  return contourResult("contour", root, { width, height }, frames, geometry, name, description);
}
