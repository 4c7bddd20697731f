/**
 * The pieces contourFigure (contour.ts) and contourPanels (panels.ts) share: their options' checks, the
 * sampling and bands, the height that keeps units equal, the note on what was left out, the bands mark,
 * frames, the words, and the Figure they return. Kept apart from the public modules so that their type
 * declarations, which a notebook's type checker reads at every kernel start, do not reach Plot's and d3's.
 */
import type * as Plot from "@observablehq/plot";
import { checkPositive, describe } from "../errors.js";
import { fnv1a } from "../hash.js";
import type { TestProblem } from "../objectives.js";
import { bandGeometry, bandPaths, sampleGrid, type BandGeometry, type SampleGrid } from "./bands.js";
import type { ColorScheme } from "./colors.js";
import type { ContourOptions } from "./contour.js";
import { serializeSvg, svgElement } from "./dom.js";
import { makeFigure, type Figure, type Frame } from "./figure.js";
import { checkLevelsOption, checkOptionalPixels, MAX_FIGURE_PIXELS } from "./limits.js";
import { svgMark } from "./marks.js";
import { resolveProblem, type Objective2D, type ResolvedProblem } from "./problem.js";
import type { PathSpec } from "./searches.js";
import type { LegendPlacement, LevelScale } from "./style.js";
import { pathLook, plainText, schemeWords, sentences, spoken, spokenBounds, spokenPoint } from "./words.js";

/** The option names {@link contourFigure} and {@link contourPanels} share. */
export const CONTOUR_OPTIONS = [
  "bounds", "levels", "levelScale", "scheme", "minimum", "width", "height", "title", "xLabel", "yLabel",
  "legend", "colorBar", "sampleSpacing", "tolerance", "document",
] as const;

/** Margins of a contour plot, in px. left: room for "−0.5" and the rotated "y" apart; right: the colour bar. */
export const MARGIN = { top: 30, right: 66, bottom: 34, left: 48 };
/** Right margin without the colour bar. */
export const SLIM_RIGHT = 12;
/** Extra bottom margin for the line that says what was left out. */
export const NOTE_HEIGHT = 14;

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
      `${where}: bounds ${describe(bounds)} are ${spoken(aspect)} times taller than wide; with one unit of x as long ` +
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

