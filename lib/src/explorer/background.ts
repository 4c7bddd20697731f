/**
 * The contour background of an explorer: the library's contour figure (`contourFigure`, 50 jet levels,
 * colour bar, title, the minimum marked), drawn once in Node, and its frame, which says where the plot
 * area is so that the page can draw the path over it.
 */
import { contourFigure } from "../figures/contour.js";
import type { TestProblem } from "../objectives.js";
import type { Frame } from "./draw.js";

/** A contour figure as the explorer needs it: the SVG and its frame. */
export interface ContourBackground {
  svg: string;
  frame: Frame;
}

/**
 * The problem's contour figure at the explorer's size, without paths or legend (the page draws the
 * paths). `height` undefined keeps one unit of x as long as one of y, as the figure does by default.
 */
export function contourBackground(problem: TestProblem, width: number, height: number | undefined): ContourBackground {
  const figure = contourFigure(problem, height === undefined ? { width, legend: "none" } : { width, height, legend: "none" });
  if (!figure.frame) throw new Error("explorer: the contour figure has no frame");
  return { svg: figure.svg, frame: figure.frame };
}
