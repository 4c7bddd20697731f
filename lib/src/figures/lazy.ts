/**
 * The figure functions as the library's main entry offers them: each loads the figure machinery
 * (Observable Plot, d3, linkedom: about 0.25 s and 40 MB in a fresh kernel) on its first call, not when a
 * notebook imports the library, so that the first cells (a run, its printed lines) start at once.
 * `import … from "amsgrad/figures"` loads the same functions eagerly.
 *
 * Loaded synchronously, with `require()`, so that figures return their SVG at once as a notebook cell
 * expects. The built library loads one minified bundle of it all (lib/dist/lazy/figures.cjs, made by
 * lib/scripts/bundle-figures.mjs: one file instead of ~200 modules, several times faster to load); the
 * sources, as tests run them, load the modules themselves (Node ≥ 20.19 can `require()` ES modules).
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { testProblems, type TestProblem } from "../objectives.js";

type Figures = typeof import("./index.js");
type Explorers = typeof import("../explorer/index.js");
type Heavy = Figures & Pick<Explorers, "explorer" | "showExplorer">;

const load = createRequire(import.meta.url);
/** Next to dist/figures/lazy.js; absent next to the sources. */
const BUNDLE = fileURLToPath(new URL("../lazy/figures.cjs", import.meta.url));
let heavy: Heavy | undefined;

function heavyModule(): Heavy {
  if (heavy) return heavy;
  if (existsSync(BUNDLE)) return (heavy = load(BUNDLE) as Heavy);
  const figures = load("./index.js") as Figures;
  const { explorer, showExplorer } = load("../explorer/index.js") as Explorers;
  return (heavy = { ...figures, explorer, showExplorer });
}
const figureModule = heavyModule;
const explorerModule = heavyModule;

/**
 * A test problem's own objective function handed over as that problem. The bundle holds its own copy of
 * objectives.js, so the figures inside it cannot recognise this copy's `bowl.objective` (the tutorial's
 * `objective`) by identity, and a cell's `contourFigure(objective, …)` lost the bowl's minimum (no ×);
 * a problem object they recognise by its shape. Any other function is passed on as it is.
 */
function asProblem<T>(problem: T): T | TestProblem {
  if (typeof problem !== "function") return problem;
  return Object.values(testProblems).find((p) => p.objective === problem) ?? problem;
}

/** `contourFigure` of figures/contour.js, loaded on first call. */
export const contourFigure: Figures["contourFigure"] = (problem, ...rest) => figureModule().contourFigure(asProblem(problem), ...rest);
/** `contourPanels` of figures/panels.js, loaded on first call. */
export const contourPanels: Figures["contourPanels"] = (problem, ...rest) => figureModule().contourPanels(asProblem(problem), ...rest);
/** `surfaceFigure` of figures/surface.js, loaded on first call. */
export const surfaceFigure: Figures["surfaceFigure"] = (problem, ...rest) => figureModule().surfaceFigure(asProblem(problem), ...rest);
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
