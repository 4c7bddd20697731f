/**
 * The figures the benchmark and the screenshots render: the tutorial's run drawn every way the library
 * draws it, and the naive Observable Plot version of the tutorial figure (Plot.contour with 50
 * thresholds plus Plot.line/Plot.dot) as the baseline.
 *
 * Imports the built library (lib/dist), which is what notebooks run: build it first (npx tsc -p lib).
 */
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import { adam, amsgrad, bowl, traceRun, type RunResult, type TracedRun } from "../lib/dist/index.js";
import * as figures from "../lib/dist/figures/index.js";

/** The tutorial's start: numpy's seed(1) draw, bounds[:, 0] + rand(2) · (bounds[:, 1] − bounds[:, 0]). */
export const TUTORIAL_START: readonly [number, number] = [-0.165955990594852, 0.4406489868843162];

/** The tutorial's hyperparameters: 100 iterations, α 0.007, β1 0.9, β2 0.99. */
export const TUTORIAL_OPTIONS = { start: TUTORIAL_START, nIter: 100, alpha: 0.007, beta1: 0.9, beta2: 0.99 } as const;

export function tutorialRun(): RunResult {
  return amsgrad(bowl.objective, bowl.derivative, TUTORIAL_OPTIONS);
}

/** AMSGrad and Adam from the tutorial's start, traced (effective step sizes recorded). */
export function comparison(): TracedRun[] {
  return [
    traceRun(amsgrad, bowl.objective, bowl.derivative, TUTORIAL_OPTIONS),
    traceRun(adam, bowl.objective, bowl.derivative, TUTORIAL_OPTIONS),
  ];
}

type RenderDocument = figures.RenderDocument | undefined;

/** Each figure of the library for the tutorial's run, by name, as a function of the DOM to use. */
export const FIGURES: Record<string, (document?: RenderDocument) => { svg: string }> = {
  "tutorial-contour": (document) => figures.contourFigure(bowl, { paths: [{ label: "AMSGrad", ...tutorialRun() }], document }),
  "tutorial-surface": (document) => figures.surfaceFigure(bowl, { document }),
  "compare-contour": (document) => {
    const [a, b] = comparison();
    return figures.contourFigure(bowl, { paths: [a, b], document });
  },
  "alpha-panels": (document) =>
    figures.contourPanels(
      bowl,
      [0.002, 0.007, 0.02].map((alpha) => ({
        title: `α = ${alpha}`,
        paths: [{ label: "AMSGrad", ...amsgrad(bowl.objective, bowl.derivative, { ...TUTORIAL_OPTIONS, alpha }) }],
      })),
      { document },
    ),
  "objective-curve": (document) => figures.objectiveCurve(comparison(), { log: true, document }),
  "coordinate-curves": (document) => figures.coordinateCurves(comparison(), { minimum: bowl.minimum, document }),
  "step-size-curve": (document) => figures.effectiveStepSizeCurve(comparison(), { document }),
};

/** Every figure's SVG, rendered with the default DOM. */
export function tutorialFigures(): Record<string, string> {
  return Object.fromEntries(Object.entries(FIGURES).map(([name, render]) => [name, render().svg]));
}

/**
 * The naive Plot version of the tutorial figure: Plot.contour sampling the objective (its default 2 px
 * pixelSize) at 50 thresholds in turbo, and the path as Plot.line + Plot.dot in white.
 */
export function naiveContourSvg(document?: RenderDocument): string {
  const { solutions } = tutorialRun();
  const svg = Plot.plot({
    document: (document ?? parseHTML("<!DOCTYPE html><html><body></body></html>").document) as unknown as Document,
    width: 480,
    height: 480,
    x: { domain: [-1, 1] },
    y: { domain: [-1, 1] },
    color: { type: "linear", scheme: "turbo" },
    marks: [
      Plot.contour({ fill: (x: number, y: number) => bowl.objective(x, y), x1: -1, x2: 1, y1: -1, y2: 1, thresholds: 50 } as Plot.ContourOptions),
      Plot.line(solutions, { x: "0", y: "1", stroke: "white" }),
      Plot.dot(solutions, { x: "0", y: "1", fill: "white", r: 2 }),
    ],
  } as Plot.PlotOptions) as unknown as Element;
  svg.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  return svg.outerHTML;
}

/**
 * For a pixel comparison of the bands alone: the library's contour of the bowl without anything else
 * drawn, and a reference drawn from scratch by Plot.contour at ¼-pixel sampling with the same levels,
 * colours, size and margins (no simplification, no curve fitting).
 */
export function bandComparison(): { ours: string; reference: string } {
  const ours = figures.contourFigure(bowl, { legend: "none", colorBar: false, title: null, minimum: null });
  const frame = ours.frame!;
  const levels = ours.levels!;
  const colors = levels.slice(0, -1).map((_, k) => figures.jet(((levels[k] + levels[k + 1]) / 2 - levels[0]) / (levels.at(-1)! - levels[0])));
  const svg = Plot.plot({
    document: parseHTML("<!DOCTYPE html><html><body></body></html>").document as unknown as Document,
    width: frame.width,
    height: frame.height,
    marginTop: frame.marginTop,
    marginRight: frame.marginRight,
    marginBottom: frame.marginBottom,
    marginLeft: frame.marginLeft,
    x: { domain: [-1, 1], label: "x", labelAnchor: "center", labelArrow: "none", ticks: 5 },
    y: { domain: [-1, 1], label: "y", labelAnchor: "center", labelArrow: "none", ticks: 5 },
    color: { type: "threshold", domain: levels.slice(1, -1), range: colors },
    marks: [
      Plot.contour({ fill: (x: number, y: number) => bowl.objective(x, y), x1: -1, x2: 1, y1: -1, y2: 1, thresholds: levels.slice(0, -1), pixelSize: 0.25 } as Plot.ContourOptions),
      Plot.frame({ stroke: "currentColor", strokeOpacity: 0.4 }),
    ],
  } as Plot.PlotOptions) as unknown as Element;
  svg.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  return { ours: ours.svg, reference: svg.outerHTML };
}

export { adam, amsgrad, bowl, figures };
