/**
 * Figures that hung or broke (issue 12): sizes, levels and columns have limits with clear errors and
 * return at once; text with characters XML cannot hold still gives a well-formed SVG, on every text path;
 * an objective infinite on part of the region is drawn where it is finite, with the gap said; values
 * spanning more than the largest double are drawn; curves of 150,000 points neither overflow the stack nor
 * make megabytes. Each case that hung has a timeout, so that it fails rather than waits.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { amsgrad, bowl, derivative, objective } from "../lib/src/index.ts";
import {
  contourFigure,
  contourPanels,
  coordinateCurves,
  effectiveStepSizeCurve,
  objectiveCurve,
  seriesChart,
  surfaceFigure,
  type Figure,
} from "../lib/src/figures/index.ts";
import { figureDisplayMessage } from "../lib/src/figures/show.ts";

import { parseHtml, parseSvg as parse } from "./support/svg.ts";

/** Runs `f`, which must throw a RangeError matching `message` within `ms` milliseconds. */
function refusedFast(f: () => unknown, message: RegExp, ms = 1000): void {
  const started = performance.now();
  assert.throws(f, (error: Error) => error instanceof RangeError && message.test(error.message), String(message));
  const took = performance.now() - started;
  assert.ok(took < ms, `refused after ${took.toFixed(0)} ms`);
}

describe("sizes, levels and columns have limits with clear errors", { timeout: 30_000 }, () => {
  test("bounds far taller than wide: the height that would keep units equal is refused, and a given height draws", () => {
    // Was a 36,600,064 px, 62 MB SVG after 36 s ([0, 1e5]), and no answer at all for [0, 1e6].
    for (const top of [1e5, 1e6]) {
      refusedFast(() => contourFigure(objective, { bounds: [[0, 1], [0, top]] }), /bounds \[\[0, 1\], \[0, \d+\]\] are [\de.]+ times taller than wide; .* px tall \(at most 4000\): give height/);
    }
    const figure = contourFigure(objective, { bounds: [[0, 1], [0, 1e5]], height: 400 });
    assert.equal(figure.height, 400);
  });

  test("width and height of 1e9 or 1e308 are refused with the range (was a hang and 'Invalid array length')", () => {
    for (const [name, value] of [["width", 1e9], ["height", 1e9], ["width", 1e308], ["width", 1], ["height", -5]] as const) {
      const exact = new RegExp(`contourFigure: ${name} must be a number of px from 100 to 4000, got ${String(value).replace("+", "\\+")}$`);
      refusedFast(() => contourFigure(bowl, { [name]: value }), exact);
      refusedFast(() => surfaceFigure(bowl, { [name]: value }), new RegExp(`surfaceFigure: ${name} must be a number of px from 100 to 4000`));
      refusedFast(() => objectiveCurve({ scores: [1, 2] }, { [name]: value }), new RegExp(`objectiveCurve: ${name} must be a number of px from 100 to 4000`));
    }
  });

  test("levels: 1e6 is refused (it never returned); explicit levels are limited too", () => {
    refusedFast(() => contourFigure(bowl, { levels: 1e6 }), /contourFigure: levels must be a whole number of bands from 1 to 500 \(or an array of levels\), got 1000000/);
    refusedFast(() => contourFigure(bowl, { levels: 2.5 }), /levels must be a whole number of bands/);
    refusedFast(() => contourFigure(bowl, { levels: Array.from({ length: 600 }, (_, i) => i) }), /levels has 600 entries; at most 501 levels/);
    assert.equal(contourFigure(bowl, { levels: 500, width: 200 }).levels!.length > 100, true, "500 is drawn");
  });

  test("contourPanels: width 1 (a height of −31 px) and columns 1e6 (a 234,000,090 px wide SVG) are refused", () => {
    const panels = [{ title: "a" }, { title: "b" }, { title: "c" }];
    refusedFast(() => contourPanels(bowl, panels, { width: 1 }), /contourPanels: width must be a number of px from 100 to 4000, got 1/);
    refusedFast(() => contourPanels(bowl, panels, { width: 200 }), /contourPanels: width 200 leaves \d+ px per panel for 3 columns \(at least 40\): give a larger width or fewer columns/);
    refusedFast(() => contourPanels(bowl, panels, { columns: 1e6 }), /contourPanels: columns must be a whole number from 1 to 12, got 1000000/);
    refusedFast(() => contourPanels(bowl, Array.from({ length: 61 }, (_, i) => ({ title: String(i) }))), /panels has 61 entries; at most 60 panels/);
  });
});

describe("text XML cannot hold (an ANSI escape, NUL, a vertical tab, U+FFFE) in every text a figure writes", () => {
  const bad = "red\u001b[31m nul\u0000 vt\u000b nonchar\ufffe <&>";
  const run = amsgrad(objective, derivative, { start: [0.5, 0.5], nIter: 20 });
  const figures = (): Record<string, Figure> => ({
    contourTitle: contourFigure(bowl, { title: bad, xLabel: bad, yLabel: bad, paths: [{ ...run, label: bad }] }),
    zoom: contourFigure(bowl, { title: bad, paths: [{ ...run, label: bad }], zoom: true }),
    panels: contourPanels(bowl, [{ title: bad, paths: [{ ...run, label: bad }] }, { title: "b" }], { title: bad }),
    surface: surfaceFigure(bowl, { title: bad, xLabel: bad, yLabel: bad, zLabel: bad }),
    objective: objectiveCurve([{ ...run, label: bad }, { ...run, label: "b" }], { title: bad, yLabel: bad }),
    coordinates: coordinateCurves([{ ...run, label: bad }], { names: [bad, bad] }),
    series: seriesChart([{ label: bad, x: [1, 2], y: [1, 2] }], { title: bad, xLabel: bad }),
  });

  test("the SVG is well-formed, and the text keeps its visible characters (the others become U+FFFD)", () => {
    for (const [kind, figure] of Object.entries(figures())) {
      const doc = parse(figure.svg);
      const texts = Array.from(doc.querySelectorAll("text, title, desc"), (t) => t.textContent ?? "");
      assert.ok(texts.some((t) => t.includes("red") && t.includes("[31m")), `${kind}: the text is there`);
      assert.ok(!/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe]/.test(figure.svg), `${kind}: no character XML cannot hold`);
    }
  });

  test("the words (desc, text/plain, the <img>'s alt) carry no control character and escape markup", () => {
    for (const [kind, figure] of Object.entries(figures())) {
      const message = figureDisplayMessage(figure);
      const plain = message.data["text/plain"]!;
      assert.ok(!/[\u0000-\u001f\u007f\ufffe]/.test(plain), `${kind}: text/plain ${JSON.stringify(plain.slice(0, 80))}`);
      const img = parseHtml(message.data["text/html"]!).querySelector("img")!;
      assert.equal(img.getAttribute("alt"), plain, `${kind}: alt is the description, escaped into the attribute`);
      assert.ok(!message.data["text/html"]!.includes("<&>"), kind);
    }
  });
});

describe("objectives that are not finite everywhere, or span more than a double", () => {
  test("infinite on part of the region: drawn where finite, blank where not, and the gap is said (was 'no finite values')", () => {
    const barrier = (x: number, y: number) => (x > 0.5 ? Infinity : x * x + y * y);
    const figure = contourFigure(barrier, { bounds: [[-1, 1], [-1, 1]] });
    // x > 0.5 is a quarter of [-1, 1] (up to the grid's spacing).
    const match = /f is not finite at ([\d,]+) of ([\d,]+) samples \(([\d.]+) %\), left blank/.exec(figure.svg);
    assert.ok(match, "the note is in the figure");
    assert.ok(Math.abs(Number(match[3]) - 25) < 2, `${match[3]} % left blank`);
    assert.match(figure.description, /The objective is not finite at [\d,]+ of [\d,]+ samples/);
    // The finite values span [0, 2] (f(−1, ±1) = 2): the levels are the bowl's own 50.
    assert.deepEqual([figure.levels![0], figure.levels!.at(-1), figure.levels!.length], [0, 2, 51]);
    // −∞ and NaN are gaps too; nothing finite at all is still an error.
    contourFigure((x, y) => (y > 0 ? -Infinity : x * y), { bounds: [[-1, 1], [-1, 1]] });
    assert.throws(() => contourFigure(() => Infinity, { bounds: [[-1, 1], [-1, 1]] }), /no finite values inside the bounds \(\d+ samples, all NaN or infinite\)/);
  });

  test("values from −1.7e308 to 1.7e308 get levels across the whole range and many colours (was 0 levels, solid black)", () => {
    const figure = contourFigure((x) => x * 1.7e308, { bounds: [[-1, 1], [-1, 1]] });
    const levels = figure.levels!;
    assert.ok(levels.length >= 20, `${levels.length} levels`);
    assert.ok(levels.every(Number.isFinite));
    assert.ok(levels[0] <= -1.7e308 && levels.at(-1)! >= 1.7e308, `${levels[0]} … ${levels.at(-1)}`);
    const fills = new Set(Array.from(parse(figure.svg).querySelectorAll('g[aria-label="contour bands"] path'), (p) => p.getAttribute("fill")));
    assert.ok(fills.size >= 20, `${fills.size} colours`);
    assert.ok(!/NaN|Infinity/.test(figure.svg), "no NaN or Infinity written into the SVG");
    assert.match(figure.svg, />1\.6e308</, "colour bar labels as exponents");
    surfaceFigure((x, y) => x * y * 1.7e308, { bounds: [[-1, 1], [-1, 1]] });
  });
});

describe("curves of 150,000 points", { timeout: 60_000 }, () => {
  const n = 150_000;
  const scores = Float64Array.from({ length: n }, (_, t) => 1 / (t + 1) + 1e-3 * Math.sin(t / 50));
  const solutions = Array.from({ length: n }, (_, t) => [Math.cos(t / 1e4), Math.sin(t / 1e4)]);

  test("objectiveCurve, coordinateCurves and the step sizes draw them (was 'Maximum call stack size exceeded'), in kilobytes", () => {
    const figures = [
      objectiveCurve({ label: "AMSGrad", scores }, { log: true }),
      objectiveCurve({ scores }),
      coordinateCurves({ solutions }),
      effectiveStepSizeCurve({ effectiveStepSizes: solutions.map(([a, b]) => [Math.abs(a) + 1e-3, Math.abs(b) + 1e-3]) }),
    ];
    for (const figure of figures) {
      assert.ok(figure.svg.length < 200_000, `${(figure.svg.length / 1024).toFixed(0)} KB`);
      parse(figure.svg);
    }
    assert.match(figures[0]!.description, /AMSGrad \(blue solid line\): from 1 at 0 to [\d.e-]+ at 150000/);
  });

  test("the thinned line stays within a quarter pixel of every point", () => {
    // A line chart whose points are all on a known curve: every drawn vertex is one of the points, and
    // the polyline between drawn vertices passes within 0.25 px (plus rounding) of every point.
    const figure = objectiveCurve({ scores }, { width: 480, height: 300 });
    const doc = parse(figure.svg);
    const d = doc.querySelector('g[aria-label="line"] path')!.getAttribute("d")!;
    const vertices = (d.match(/-?[\d.]+,-?[\d.]+/g) ?? []).map((p) => p.split(",").map(Number));
    assert.ok(vertices.length > 20 && vertices.length < 20_000, `${vertices.length} vertices for ${n} points`);
    // Recover the scales from the axis ticks (what a reader sees).
    const ticks = (axis: string, i: 0 | 1) =>
      Array.from(doc.querySelectorAll(`g[aria-label="${axis}-axis tick label"] text`), (t) => [Number(t.textContent!.replace("−", "-").replace(/,/g, "")), Number(/translate\(([-\d.]+),([-\d.]+)\)/.exec(t.getAttribute("transform")!)![i + 1])]);
    const line = (pairs: number[][]) => {
      const [[v0, p0], [v1, p1]] = [pairs[0]!, pairs.at(-1)!];
      return (v: number) => p0 + ((v - v0) / (v1 - v0)) * (p1 - p0);
    };
    const px = line(ticks("x", 0));
    const py = line(ticks("y", 1));
    let worst = 0;
    let k = 0;
    for (let t = 0; t < n; t += 37) {
      const x = px(t), y = py(scores[t]!);
      while (k + 1 < vertices.length - 1 && vertices[k + 1]![0]! < x) k++;
      const [ax, ay] = vertices[k]!, [bx, by] = vertices[k + 1]!;
      const u = Math.max(0, Math.min(1, ((x - ax!) * (bx! - ax!) + (y - ay!) * (by! - ay!)) / ((bx! - ax!) ** 2 + (by! - ay!) ** 2 || 1)));
      worst = Math.max(worst, Math.hypot(ax! + u * (bx! - ax!) - x, ay! + u * (by! - ay!) - y));
    }
    assert.ok(worst < 0.6, `every point within ${worst.toFixed(2)} px of the drawn line`);
  });
});
