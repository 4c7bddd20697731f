/**
 * amsgrad: tutorial-faithful AMSGrad (and Adam, for contrast) in TypeScript.
 *
 * - {@link amsgrad} / {@link adam}: the tutorial's function for any dimension, with every variant.
 * - {@link amsgradOptimizer} / {@link adamOptimizer}: the in-place N-dimensional update they share.
 * - {@link objective} / {@link derivative}: the tutorial's bowl; more problems in `testProblems`.
 * - {@link formatProgress}: the tutorial's progress lines, digit for digit.
 * - {@link numpyRandom} / {@link seededRandom}: reproducible starts.
 * @packageDocumentation
 */
export * from "./errors.js";
export * from "./optimizer.js";
export * from "./run.js";
export * from "./objectives.js";
export * from "./online.js";
export * from "./random.js";
export * from "./numpy-random.js";
export * from "./numpy-format.js";
export * from "./figures/index.js";
export { explorer, showExplorer, type Explorer, type ExplorerOptions, type ExplorerSettings } from "./explorer/index.js";
