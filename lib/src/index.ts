/**
 * amsgrad: tutorial-faithful AMSGrad (and Adam, for contrast) in TypeScript.
 *
 * - {@link amsgrad} / {@link adam} / {@link gradientDescent}: the tutorial's function for any dimension,
 *   with every variant; {@link traceRun} records the optimizer's state along the way.
 * - {@link amsgradOptimizer} / {@link adamOptimizer}: the in-place N-dimensional update they share.
 * - {@link objective} / {@link derivative}: the tutorial's bowl; more problems in {@link testProblems}.
 * - {@link formatProgress}: the tutorial's progress lines, digit for digit.
 * - {@link numpyRandom} / {@link seededRandom}: reproducible starts.
 * - Figures ({@link contourFigure}, …) and the live {@link showExplorer}: loaded on first use, so that
 *   importing the library and running AMSGrad loads no plotting code (`amsgrad/figures` loads it eagerly).
 *
 * The list below is the whole public surface, module by module (README, "The library: public API").
 * @packageDocumentation
 */

// The update rule (optimizer.ts): hyperparameters, schedules, the init/update pair.
export {
  ALPHA_SCHEDULES,
  BETA1_SCHEDULES,
  HYPERPARAMETER_NAMES,
  TUTORIAL_HYPERPARAMETERS,
  adamOptimizer,
  alphaAt,
  amsgradOptimizer,
  beta1At,
  checkedOptimizer,
  defaultBeta1Schedule,
  effectiveStepSize,
  gradientDescentOptimizer,
  integerPower,
  MAX_PARAMETERS,
  resolveHyperparameters,
} from "./optimizer.js";
export type {
  AlphaSchedule,
  Beta1Schedule,
  GradientDescentHyperparameters,
  Hyperparameters,
  Optimizer,
  OptimizerState,
} from "./optimizer.js";

// Runs (run.ts, loop.ts, trace.ts): the tutorial's function and its records.
export { MAX_DIMENSIONS, MAX_RESULT_BYTES, RunStoppedError, adam, amsgrad, gradientDescent } from "./run.js";
export type { Derivative, IterationCallback, IterationInfo, Keep, Objective, RunOptions, RunResult } from "./run.js";
export { traceRun } from "./trace.js";
export type { RunFunction, TracedRun } from "./trace.js";

// Test problems (objectives.ts) and the paper's online counterexample (online.ts).
export { PROBLEM_NAMES, bowl, derivative, narrowBowl, objective, rosenbrock, testProblems } from "./objectives.js";
export type { ProblemName, TestProblem } from "./objectives.js";
export { counterexample, runOnline, stochasticCounterexample } from "./online.js";
export type { OnlineLinearProblem, OnlineRunOptions, OnlineRunResult } from "./online.js";

// Reproducible randomness and numpy's printing (random.ts, numpy-random.ts, numpy-format.ts).
export { seededRandom } from "./random.js";
export type { RandomSource } from "./random.js";
export { numpyRandom } from "./numpy-random.js";
export { formatNumpyArray, formatPercentF, formatProgress, formatResult } from "./numpy-format.js";

// Figures (figures/): light helpers directly, drawing functions loaded on first call (figures/lazy.ts).
export { show } from "./figures/show.js";
export { dataX, dataY, framePixel, frameValue, pixelX, pixelY } from "./figures/figure.js";
export type { Figure, Frame, RenderDocument } from "./figures/figure.js";
export { contourLevels } from "./figures/levels.js";
export { COLOR_SCHEMES, PATH_STYLES } from "./figures/style.js";
export type { ColorScheme, LegendPlacement, PathStyle, ResolvedPathStyle } from "./figures/style.js";
export {
  contourFigure,
  contourPanels,
  coordinateCurves,
  effectiveStepSizeCurve,
  explorer,
  jet,
  objectiveCurve,
  seriesChart,
  showExplorer,
  surfaceFigure,
} from "./figures/lazy.js";
export type { Bounds2D, Objective2D } from "./figures/problem.js";
export type { ContourFigureOptions, ContourOptions, ContourPanel, ContourPanelsOptions, SearchPath } from "./figures/contour.js";
export type { SurfaceOptions } from "./figures/surface.js";
export type { ChartSeries, CoordinateCurveOptions, CurveOptions, CurveRun, SeriesChartOptions } from "./figures/curves.js";
export type { Explorer, ExplorerOptions, ExplorerSettings } from "./explorer/index.js";
