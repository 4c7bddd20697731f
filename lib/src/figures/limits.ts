/**
 * The sizes a figure may have, and their checks. A figure is drawn in one call that must return while a
 * notebook cell waits, and stored in the notebook: without limits a size of 1e9 px or a million levels
 * never returns, and a size of 1e308 fails deep inside with "Invalid array length". Every limit here is
 * far beyond what a page or a printout can show, and each check names the option, the value and the range.
 */
import { checkNumber, describe } from "../errors.js";

/** Largest width or height of a figure, in px (a 4K screen is 3840 px wide). */
export const MAX_FIGURE_PIXELS = 4000;
/** Smallest width or height of a figure, in px: room for the axes and a plot of a few dozen px. */
export const MIN_FIGURE_PIXELS = 100;
/** Most filled bands a contour plot draws (`levels` as a number), and most explicit levels. */
export const MAX_LEVELS = 500;
/** Most panels per row of `contourPanels`, and most panels in all. */
export const MAX_COLUMNS = 12;
export const MAX_PANELS = 60;
/** Smallest plot area of one contour panel, in px. */
export const MIN_PANEL_PIXELS = 40;

/**
 * Throws unless `value` is a number of px from {@link MIN_FIGURE_PIXELS} to {@link MAX_FIGURE_PIXELS}.
 *
 * @example
 * checkPixels("contourFigure", "width", 1e9) // RangeError: contourFigure: width must be a number of px from 100 to 4000, got 1000000000
 */
export function checkPixels(where: string, name: string, value: unknown): asserts value is number {
  checkNumber(where, name, value);
  if (!(value >= MIN_FIGURE_PIXELS && value <= MAX_FIGURE_PIXELS)) {
    throw new RangeError(`${where}: ${name} must be a number of px from ${MIN_FIGURE_PIXELS} to ${MAX_FIGURE_PIXELS}, got ${describe(value)}`);
  }
}

/** Checks an optional size option (undefined passes). */
export function checkOptionalPixels(where: string, name: string, value: unknown): void {
  if (value !== undefined) checkPixels(where, name, value);
}

/**
 * Throws unless a contour's `levels` is an integer count from 1 to {@link MAX_LEVELS} or an array of at
 * most MAX_LEVELS + 1 levels (their order and finiteness are checked where they are used).
 */
export function checkLevelsOption(where: string, levels: unknown): void {
  if (levels === undefined) return;
  if (typeof levels === "number") {
    if (!(Number.isSafeInteger(levels) && levels >= 1 && levels <= MAX_LEVELS)) {
      throw new RangeError(`${where}: levels must be a whole number of bands from 1 to ${MAX_LEVELS} (or an array of levels), got ${describe(levels)}`);
    }
    return;
  }
  if (!Array.isArray(levels) && !ArrayBuffer.isView(levels)) {
    throw new TypeError(`${where}: levels must be a number of bands or an array of levels, got ${describe(levels)}`);
  }
  const count = (levels as ArrayLike<unknown>).length;
  if (count > MAX_LEVELS + 1) {
    throw new RangeError(`${where}: levels has ${count} entries; at most ${MAX_LEVELS + 1} levels (${MAX_LEVELS} bands) are drawn`);
  }
}
