/**
 * The figure functions as the library's main entry offers them: each loads the figure machinery
 * (Observable Plot, d3, linkedom: about 0.25 s and 40 MB in a fresh kernel) on its first call, not when a
 * notebook imports the library, so that the first cells (a run, its printed lines) start at once.
 * `import … from "amsgrad/figures"` loads the same functions eagerly.
 *
 * Synchronous loading through `require()` of ES modules, which Node ≥ 20.19 supports: figures return
 * their SVG at once, as a notebook cell expects.
 */
import { createRequire } from "node:module";

type Figures = typeof import("./index.js");
type Explorers = typeof import("../explorer/index.js");

const load = createRequire(import.meta.url);
let figures: Figures | undefined;
let explorers: Explorers | undefined;
const figureModule = (): Figures => (figures ??= load("./index.js") as Figures);
const explorerModule = (): Explorers => (explorers ??= load("../explorer/index.js") as Explorers);

/** `contourFigure` of figures/contour.js, loaded on first call. */
export const contourFigure: Figures["contourFigure"] = (...args) => figureModule().contourFigure(...args);
/** `contourPanels` of figures/contour.js, loaded on first call. */
export const contourPanels: Figures["contourPanels"] = (...args) => figureModule().contourPanels(...args);
/** `surfaceFigure` of figures/surface.js, loaded on first call. */
export const surfaceFigure: Figures["surfaceFigure"] = (...args) => figureModule().surfaceFigure(...args);
/** `objectiveCurve` of figures/curves.js, loaded on first call. */
export const objectiveCurve: Figures["objectiveCurve"] = (...args) => figureModule().objectiveCurve(...args);
/** `coordinateCurves` of figures/curves.js, loaded on first call. */
export const coordinateCurves: Figures["coordinateCurves"] = (...args) => figureModule().coordinateCurves(...args);
/** `effectiveStepSizeCurve` of figures/curves.js, loaded on first call. */
export const effectiveStepSizeCurve: Figures["effectiveStepSizeCurve"] = (...args) => figureModule().effectiveStepSizeCurve(...args);
/** `seriesChart` of figures/curves.js, loaded on first call. */
export const seriesChart: Figures["seriesChart"] = (...args) => figureModule().seriesChart(...args);
/** `jet` of figures/colors.js, loaded on first call. */
export const jet: Figures["jet"] = (...args) => figureModule().jet(...args);
/** `explorer` of .figures/explorer/index.js, loaded on first call. */
export const explorer: Explorers["explorer"] = (...args) => explorerModule().explorer(...args);
/** `showExplorer` of .figures/explorer/index.js, loaded on first call. */
export const showExplorer: Explorers["showExplorer"] = (...args) => explorerModule().showExplorer(...args);
