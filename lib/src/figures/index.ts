/**
 * Figures for the notebooks, drawn with Observable Plot in Node and shown inline by tslab:
 *
 * - {@link contourFigure}: the objective's filled contours with searches drawn on it (the tutorial's figure);
 * - {@link contourPanels}: small multiples, one contour panel per hyperparameter value;
 * - {@link surfaceFigure}: the objective as a shaded 3-D surface (the tutorial's first figure);
 * - {@link objectiveCurve}, {@link coordinateCurves}, {@link effectiveStepSizeCurve}: line charts over iterations,
 *   fed by `traceRun` (the library's core), which records a run's effective step sizes α / (√v̂ + ε);
 * - {@link show}: displays figures in a tslab notebook as image/svg+xml.
 *
 * This is the eager entry, `amsgrad/figures`: importing it loads Plot, d3 and linkedom. The main entry,
 * `amsgrad`, offers the same functions loaded on first call (lazy.ts).
 *
 * Every figure is a standalone, deterministic SVG string (identical inputs, identical bytes) plus its size
 * and, for contours, the frame mapping data to pixels.
 * @packageDocumentation
 */
export { contourFigure } from "./contour.js";
export type { Bounds2D, ContourFigureOptions, ContourOptions, Objective2D, SearchPath } from "./contour.js";
export { contourPanels } from "./panels.js";
export type { ContourPanel, ContourPanelsOptions } from "./panels.js";
export type { LevelScale } from "./style.js";
export { dataX, dataY, framePixel, frameValue, pixelX, pixelY } from "./figure.js";
export type { Figure, Frame } from "./figure.js";
export { show } from "./show.js";
export { contourLevels } from "./levels.js";
export { jet, COLOR_SCHEMES } from "./colors.js";
export type { ColorScheme } from "./colors.js";
export { OPTIMIZER_STYLES, PATH_STYLES, SERIES_STYLES } from "./style.js";
export type { LegendPlacement, OptimizerStyle, PathStyle, ResolvedPathStyle, SeriesStyle } from "./style.js";
export type { RenderDocument } from "./figure.js";
export { surfaceFigure } from "./surface.js";
export type { SurfaceOptions } from "./surface.js";
export { objectiveCurve, coordinateCurves, effectiveStepSizeCurve, seriesChart } from "./curves.js";
export type { ChartSeries, CoordinateCurveOptions, CurveOptions, CurveRun, SeriesChartOptions } from "./curves.js";
