/**
 * What the explorer's still picture (the fallback's `<img>`, `explorer().svg`) draws beyond the live
 * overlay, as the figures draw searches: each run's end diamond, Adam's open start ring around AMSGrad's,
 * and with Adam overlaid the figures' legend; and the picture's words, which describe the searches. Node
 * only: it uses the figures' DOM, which the page script never loads (the page redraws only the paths).
 */
import { describePaths } from "../figures/contour-parts.js";
import { renderDocument, serializeFragment, svgElement } from "../figures/dom.js";
import { pixelX, pixelY, type Frame } from "../figures/figure.js";
import { legendElement, legendObstacles, planLegend } from "../figures/legend.js";
import { minimumElement, pathMarkers } from "../figures/marks.js";
import type { PathSpec } from "../figures/searches.js";
import { OPTIMIZER_STYLES } from "../figures/style.js";
import { plainText, sentences } from "../figures/words.js";
import type { TestProblem } from "../objectives.js";
import type { RunBuffers } from "./compute.js";
import type { StillExtras } from "./markup.js";

/** A run as the figures' search path: its iterates, its start and its optimizer's look. */
function searchPath(label: "AMSGrad" | "Adam", run: RunBuffers): PathSpec {
  const points = new Float64Array(2 * run.length);
  for (let t = 0; t < run.length; t++) {
    points[2 * t] = run.xs[t];
    points[2 * t + 1] = run.ys[t];
  }
  return { label, points, start: [run.startX, run.startY], style: OPTIMIZER_STYLES[label].path };
}

/** A pixel kept within 2000 px of the picture, as the figures keep a diverging path drawable. */
const near = (v: number) => Math.max(-2000, Math.min(4000, v));

/**
 * The still's markers, legend and words for the AMSGrad run (and the Adam run, or null) of the first
 * drawing, on the problem's contour frame.
 */
export function stillExtras(problem: TestProblem, frame: Frame, amsgradRun: RunBuffers, adamRun: RunBuffers | null): StillExtras {
  const document = renderDocument();
  const paths = [searchPath("AMSGrad", amsgradRun), ...(adamRun ? [searchPath("Adam", adamRun)] : [])];
  const x = (v: number) => near(pixelX(frame, v));
  const y = (v: number) => near(pixelY(frame, v));
  const markers = svgElement(document, "g", { "aria-label": "starts and ends" });
  for (const path of paths) {
    const n = path.points.length >> 1;
    const group = svgElement(document, "g", { stroke: path.style.color });
    // AMSGrad's start ring is the overlay's own circle (the page moves it); the others are drawn here.
    const start = path.label === "AMSGrad" ? null : ([x(path.start![0]), y(path.start![1])] as const);
    const end = n > 0 ? ([x(path.points[2 * n - 2]), y(path.points[2 * n - 1])] as const) : null;
    for (const marker of pathMarkers(document, path.style, start, end)) group.appendChild(marker);
    markers.appendChild(group);
  }
  // The minimum again over the searches, as the figures draw it: a search that reaches it would hide it.
  if (problem.minimum) markers.appendChild(minimumElement(document, x(problem.minimum[0]), y(problem.minimum[1])));
  let legend = "";
  if (adamRun) {
    const plot = { left: frame.marginLeft, top: frame.marginTop, right: frame.width - frame.marginRight, bottom: frame.height - frame.marginBottom };
    // The two searches only: the markers read as in every figure, and the picture stays small.
    const plan = planLegend(paths, problem.minimum !== null, "auto", plot, legendObstacles(paths, x, y, problem.minimum), 0, false);
    if (plan) {
      // In the figures' type: the overlay, unlike a figure's root, sets none.
      const type = svgElement(document, "g", { "font-family": "system-ui, sans-serif", "font-size": 10 });
      type.appendChild(legendElement(document, plan, frame.height));
      legend = serializeFragment(type);
    }
  }
  const who = adamRun ? "AMSGrad and Adam" : "AMSGrad";
  const name = plainText(`${who} explorer, first drawing: ${problem.title}`);
  const description = sentences([
    `The search${adamRun ? "es" : ""} of ${who} on the contour plot of ${plainText(problem.title)}, as the explorer first draws ${adamRun ? "them" : "it"}`,
    ...describePaths(problem.objective, paths),
  ]);
  return { markers: serializeFragment(markers), legend, name, description };
}
