/**
 * Showing figures in a tslab notebook. Kept apart from the figures themselves because it needs Node
 * (it finds tslab through `require` from the kernel's working directory), while figures do not.
 */
import { createRequire } from "node:module";
import type { Figure } from "./figure.js";

interface TslabDisplay {
  svg(svg: string): void;
}

/** tslab's display, resolved from the kernel's working directory at call time (tslab is not a dependency). */
function tslabDisplay(): TslabDisplay {
  let tslab: { display?: TslabDisplay };
  try {
    tslab = createRequire(process.cwd() + "/")("tslab");
  } catch (error) {
    throw new Error(
      "show: tslab is not installed here; show() displays figures in a tslab notebook kernel. " +
        "Elsewhere use figure.svg (write it to a .svg file or put it in a page).",
      { cause: error },
    );
  }
  if (!tslab.display || typeof tslab.display.svg !== "function") {
    throw new Error("show: the tslab module found has no display.svg; is it tslab ≥ 1.0?");
  }
  return tslab.display;
}

/**
 * Shows figures in a tslab notebook, each as an image/svg+xml output (rendered by classic Notebook,
 * nbconvert HTML, VS Code and GitHub). Accepts figures or SVG strings.
 *
 * Throws a clear error outside a tslab kernel (use `figure.svg` there).
 *
 * @example
 * import { amsgrad, bowl } from "amsgrad";
 * const result = amsgrad(bowl.objective, bowl.derivative, { bounds: bowl.bounds });
 * show(contourFigure(bowl, { paths: [{ label: "AMSGrad", ...result }] }));
 */
export function show(...figures: (Figure | string)[]): void {
  const display = tslabDisplay();
  for (const figure of figures) {
    const svg = typeof figure === "string" ? figure : figure?.svg;
    if (typeof svg !== "string" || !svg.trimStart().startsWith("<svg")) {
      throw new TypeError("show: expected a figure (from contourFigure, surfaceFigure, …) or an SVG string");
    }
    try {
      display.svg(svg);
    } catch (error) {
      const said = (error as Error)?.message ?? String(error);
      // tslab's display throws "Not ready" when no cell of a kernel is running (this process is no
      // kernel); anything else is tslab failing to send a figure that a running cell showed.
      throw new Error(
        said === "Not ready"
          ? `show: not running inside a tslab kernel (tslab says: ${said}). Outside a notebook use figure.svg.`
          : `show: tslab could not send the figure to the notebook (tslab says: ${said})`,
        { cause: error },
      );
    }
  }
}
