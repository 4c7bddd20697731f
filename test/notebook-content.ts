// Content checks for specific notebooks, run by test/notebooks.test.ts on the executed notebook
// (a fresh kernel, top to bottom). Key: the notebook's file name in notebooks/. A check throws (use
// node:assert) when the content is wrong. `nb.execution` has the per-cell report (status, seconds, stderr).
//
// Helpers (test/support/notebooks.ts) take a cell by index in nb.cells, or by a piece of its source:
//   cellStdout(nb, ref)  cellStderr(nb, ref)  cellText(nb, ref)  cellSvg(nb, ref)  cellHtml(nb, ref)
//   cellSource(nb, ref)  cellOutputs(nb, ref)  codeCells(nb)  firstHeading(nb)

// import assert from "node:assert/strict";
// import { cellStdout, cellSvg } from "./support/notebooks.ts";
import type { ExecutedNotebook } from "./support/notebooks.ts";

export type ContentCheck = (nb: ExecutedNotebook) => void | Promise<void>;

export const contentChecks: Record<string, ContentCheck> = {
  // "02-amsgrad-from-scratch.ipynb": (nb) => {
  //   // The tutorial's last progress line, digit for digit.
  //   assert.match(cellStdout(nb, "amsgrad(objective, derivative"), /^>99 f\(\[.*\]\) = .*$/m);
  //   // The contour figure is one SVG.
  //   assert.equal(cellSvg(nb, "contourFigure(").length, 1);
  // },
};
