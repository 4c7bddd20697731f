/**
 * How figures look wherever they are shown (issue 15): their own opaque background and explicit colours
 * (no `currentColor`, which an <img> cannot inherit), a title and description for screen readers, one
 * look per optimizer across the series, square bowl panels, the minimum marked for the tutorial's bare
 * `objective`, log axes that say so and label every decade, the legend clear of the starts, Rosenbrock's
 * valley in many colours, and a zoomed panel. Pixel-level checks (what Chromium draws) are in
 * test/front-ends-figures.test.ts.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { adam, amsgrad, bowl, derivative, gradientDescent, narrowBowl, objective, rosenbrock, traceRun } from "../lib/src/index.ts";
import {
  contourFigure,
  contourPanels,
  coordinateCurves,
  effectiveStepSizeCurve,
  objectiveCurve,
  seriesChart,
  surfaceFigure,
  type Figure,
  type Frame,
} from "../lib/src/figures/index.ts";

import { parseSvg as parse, pathBox, pathSubpaths } from "./support/svg.ts";

/** The tutorial's start (numpy's seed(1) draw) and run. */
const START = [-0.165955990594852, 0.4406489868843162];
const run = (driver: typeof amsgrad) => traceRun(driver, objective, derivative, { start: START, nIter: 100 });

/** One of every kind of figure, as the notebooks draw them. */
function everyKind(): Record<string, Figure> {
  const a = run(amsgrad);
  const b = run(adam);
  return {
    contour: contourFigure(bowl, { paths: [a, b] }),
    zoom: contourFigure(bowl, { paths: [a, b], zoom: true }),
    panels: contourPanels(bowl, [0.02, 0.3].map((alpha) => ({ title: `α = ${alpha}`, paths: [{ label: "AMSGrad", ...amsgrad(objective, derivative, { start: START, alpha }) }] }))),
    surface: surfaceFigure(bowl),
    objective: objectiveCurve([a, b], { log: true }),
    coordinates: coordinateCurves(a),
    steps: effectiveStepSizeCurve([a, b]),
    series: seriesChart([{ label: "Adam", x: [1, 2, 3], y: [3, 2, 1] }]),
  };
}

describe("every figure stands on its own, on any page", () => {
  test("an opaque white background painted first, explicit colours, no currentColor anywhere", () => {
    for (const [kind, figure] of Object.entries(everyKind())) {
      assert.ok(!figure.svg.includes("currentColor"), `${kind}: no currentColor`);
      const root = parse(figure.svg).documentElement;
      const painted = Array.from(root.children).find((e) => !["title", "desc", "style"].includes(e.localName))!;
      assert.equal(painted.localName, "rect", `${kind}: the first thing painted is a rectangle`);
      assert.deepEqual(
        [painted.getAttribute("width"), painted.getAttribute("height"), painted.getAttribute("fill")],
        ["100%", "100%", "#ffffff"],
        `${kind}: it covers the figure in white`,
      );
      assert.match(root.getAttribute("fill") ?? "", /^#[0-9a-f]{6}$/, `${kind}: text has an explicit colour`);
    }
  });

  test("a <title> and a <desc> that say what is drawn, the same words the figure carries", () => {
    for (const [kind, figure] of Object.entries(everyKind())) {
      const root = parse(figure.svg).documentElement;
      assert.equal(root.getAttribute("role"), "img", kind);
      assert.equal(root.firstElementChild?.localName, "title", `${kind}: the title comes first (its accessible name)`);
      assert.equal(root.querySelector(":scope > title")?.textContent, figure.name, kind);
      assert.equal(root.querySelector(":scope > desc")?.textContent, figure.description, kind);
      assert.ok(figure.description.length > 60, `${kind}: a description in sentences: ${figure.description}`);
    }
    const contour = everyKind().contour.description;
    // Independent facts of the tutorial run: it starts at numpy's draw and ends at the printed best point.
    assert.match(contour, /AMSGrad \(white solid line with round dots\): 100 points from \(-0\.166, 0\.441\) to \(-6\.78e-12, 0\.00128\)/);
    assert.match(contour, /A cross marks the minimum at \(0, 0\)/);
  });
});

describe("one look per optimizer across the series", () => {
  const a = run(amsgrad);
  const b = run(adam);
  const pathStroke = (figure: Figure, label: string) =>
    parse(figure.svg).querySelector(`g[aria-label="path ${label}"]`)?.getAttribute("stroke");
  const lineStroke = (figure: Figure, index: number) =>
    Array.from(parse(figure.svg).querySelectorAll('g[aria-label="line"]'))[index]?.getAttribute("stroke");

  test("AMSGrad is the tutorial's white over the contour and Adam black, whatever order the runs come in", () => {
    for (const paths of [[a, b], [b, a]]) {
      const figure = contourFigure(bowl, { paths });
      assert.equal(pathStroke(figure, "AMSGrad"), "#ffffff");
      assert.equal(pathStroke(figure, "Adam"), "#000000");
    }
  });

  test("in every line chart AMSGrad and Adam keep their colours when the order swaps (they swapped in notebook 6)", () => {
    const ab = [objectiveCurve([a, b]), effectiveStepSizeCurve([a, b])];
    const ba = [objectiveCurve([b, a]), effectiveStepSizeCurve([b, a])];
    const series = (order: typeof a[]) => seriesChart(order.map((r) => ({ label: r.label, x: [0, 1, 2], y: [3, 2, 1] })));
    const colours = (figure: Figure, first: string) => {
      const strokes = [lineStroke(figure, 0), lineStroke(figure, 1)];
      return first === "AMSGrad" ? strokes : strokes.reverse();
    };
    const reference = colours(ab[0], "AMSGrad");
    assert.notEqual(reference[0], reference[1]);
    for (const figure of ab) assert.deepEqual(colours(figure, "AMSGrad"), reference);
    for (const figure of ba) assert.deepEqual(colours(figure, "Adam"), reference);
    assert.deepEqual(colours(series([a, b]), "AMSGrad"), reference);
    assert.deepEqual(colours(series([b, a]), "Adam"), reference);
  });

  test("a label that starts with the name counts (\"AMSGrad, α = 0.3\"); one that merely begins so (\"Adamax\") does not", () => {
    const named = contourFigure(bowl, { paths: [{ ...b, label: "Adam, β2 = 0.9" }, { ...a, label: "AMSGrad, α = 0.3" }] });
    assert.equal(pathStroke(named, "AMSGrad, α = 0.3"), "#ffffff");
    assert.equal(pathStroke(named, "Adam, β2 = 0.9"), "#000000");
    // Adamax first: Adam's look stays Adam's, Adamax takes another.
    const other = contourFigure(bowl, { paths: [{ ...b, label: "Adamax" }, { ...b, label: "Adam" }] });
    assert.equal(pathStroke(other, "Adam"), "#000000");
    assert.notEqual(pathStroke(other, "Adamax"), "#000000");
  });

  test("where Adam's path lies on AMSGrad's, AMSGrad's line, dots, start ring and end diamond all stay visible (notebooks 6 and 7)", () => {
    // Adam given second, so drawn over AMSGrad: both start at the tutorial's point and end near (0, 0).
    const doc = parse(contourFigure(bowl, { paths: [a, b] }).svg);
    const order = Array.from(doc.querySelectorAll('g[aria-label^="path "]')).map((g) => g.getAttribute("aria-label"));
    assert.deepEqual(order, ["path AMSGrad", "path Adam"]);
    const part = (label: string, name: string) => doc.querySelector(`g[aria-label="path ${label}"] > path[aria-label="${name}"]`);
    const line = (label: string) => doc.querySelector(`g[aria-label="path ${label}"] > path:not([aria-label])`)!;
    const width = (e: Element | null) => Number(e!.getAttribute("stroke-width"));
    // The line: AMSGrad's shows along both edges of Adam's.
    assert.ok(width(line("AMSGrad")) >= width(line("Adam")) + 1, "line widths");
    // The dots: Adam has none, so AMSGrad's dot at every iterate shows.
    assert.ok(part("AMSGrad", "points"), "AMSGrad's dots");
    assert.equal(part("Adam", "points"), null, "Adam draws no dots over them");
    // Start and end: Adam's marker lies outside AMSGrad's (inner edge beyond the other's outer edge), and is open.
    for (const name of ["start", "end"]) {
      const half = (label: string) => {
        const [left, , right] = pathBox(part(label, name)!.getAttribute("d")!);
        return (right - left) / 2;
      };
      const inner = half("Adam") - width(part("Adam", name)) / 2;
      const outer = half("AMSGrad") + width(part("AMSGrad", name)) / 2;
      assert.ok(inner > outer + 0.5, `${name}: Adam's inner edge at ${inner} px, AMSGrad's outer edge at ${outer} px`);
      const fill = part("Adam", name)!.getAttribute("fill") ?? part("Adam", name)!.closest("[fill]")!.getAttribute("fill");
      assert.equal(fill, "none", `${name}: Adam's marker is open`);
    }
    assert.equal(part("AMSGrad", "end")!.getAttribute("fill"), "#ffffff", "AMSGrad's end diamond is the filled one");
    // The legend shows Adam as drawn: a dashed line without dots.
    const swatch = Array.from(doc.querySelectorAll('g[aria-label^="legend"] g[stroke="#000000"]'));
    assert.equal(swatch.length, 1);
    assert.equal(swatch[0]!.querySelectorAll("path").length, 1, "Adam's swatch: the line alone");
  });
});

/** Pixels per data unit along x and y of a frame. */
function unitPixels(frame: Frame): [number, number] {
  const w = frame.width - frame.marginLeft - frame.marginRight;
  const h = frame.height - frame.marginTop - frame.marginBottom;
  return [w / (frame.xDomain[1] - frame.xDomain[0]), h / (frame.yDomain[1] - frame.yDomain[0])];
}

describe("contour layouts", () => {
  test("bowl panels are square: a unit of x is as long as a unit of y (notebook 1's were 210 × 170 px)", () => {
    for (const count of [1, 2, 3, 4, 5]) {
      const panels = Array.from({ length: count }, (_, i) => ({ title: `α = ${i}`, paths: [] }));
      const figure = contourPanels(objective, panels, { bounds: [[-1, 1], [-1, 1]] });
      const [px, py] = unitPixels(figure.frame!);
      assert.ok(Math.abs(px - py) < 0.5, `${count} panels: ${px} px per unit of x, ${py} of y`);
    }
  });

  test("panels fill their rows evenly: 4 in 2 × 2, not 3 + 1 with two empty slots (notebook 7's sweeps), and the words say the grid drawn", () => {
    // Columns and rows as drawn: the distinct offsets of the panel titles' facets.
    const grid = (figure: Figure) => {
      const offsets = Array.from(parse(figure.svg).querySelectorAll('g[aria-label="panel title"] > g')).map((g) => /translate\(([-\d.]+),([-\d.]+)\)/.exec(g.getAttribute("transform")!)!.slice(1));
      return [new Set(offsets.map((o) => o[1])).size, new Set(offsets.map((o) => o[0])).size];
    };
    const expected: Record<number, [number, number, string]> = {
      2: [1, 2, "2 contour panels (one row)"],
      3: [1, 3, "3 contour panels (one row)"],
      4: [2, 2, "4 contour panels (2 rows of 2)"],
      5: [2, 3, "5 contour panels (2 rows of 3, 2 in the last)"],
      6: [2, 3, "6 contour panels (2 rows of 3)"],
      7: [3, 3, "7 contour panels (3 rows of 3, 1 in the last)"],
    };
    for (const [count, [rows, columns, words]] of Object.entries(expected)) {
      const panels = Array.from({ length: Number(count) }, (_, i) => ({ title: `β1 = ${i}` }));
      const figure = contourPanels(bowl, panels);
      assert.deepEqual(grid(figure), [rows, columns], `${count} panels`);
      assert.ok(figure.description.startsWith(words), `${count} panels: ${figure.description.slice(0, 60)}`);
    }
    // columns still chooses.
    assert.deepEqual(grid(contourPanels(bowl, Array.from({ length: 4 }, (_, i) => ({ title: `${i}` })), { columns: 4 })), [1, 4]);
  });

  test("the tutorial's bare objective is the bowl: its minimum is marked (notebooks 1 and 5 lacked the ×)", () => {
    // The × is a black stroke over a white one: count the black ones.
    const crosses = (figure: Figure) => parse(figure.svg).querySelectorAll('g[aria-label="minimum"] path[stroke="#000"]').length;
    assert.equal(crosses(contourFigure(objective, { bounds: [[-1, 1], [-1, 1]] })), 1);
    assert.equal(crosses(contourPanels(objective, [{ title: "a" }, { title: "b" }], { bounds: [[-1, 1], [-1, 1]] })), 2, "in every panel");
    // A minimum outside the drawn region is not drawn in the margin.
    assert.equal(crosses(contourFigure(objective, { bounds: [[0.5, 1], [0.5, 1]] })), 0);
  });

  test("…also through the built main entry the notebooks import, whose figures live in a bundle with its own copy of the problems", async () => {
    // `import { contourFigure, objective } from "amsgrad"` in a cell: lib/dist/index.js, figures from lib/dist/lazy/figures.cjs.
    const main = await import("../lib/dist/index.js");
    const crosses = (svg: string) => parse(svg).querySelectorAll('g[aria-label="minimum"] path[stroke="#000"]').length;
    const square = [[-1, 1], [-1, 1]];
    assert.equal(crosses(main.contourFigure(main.objective, { bounds: square }).svg), 1, "contourFigure(objective, …): notebooks 5 and 6");
    assert.equal(crosses(main.contourPanels(main.objective, [{ title: "a" }, { title: "b" }], { bounds: square }).svg), 2, "contourPanels: notebooks 1 and 7");
    assert.equal(crosses(main.contourFigure(main.rosenbrock.objective).svg), 1, "any test problem's objective: its bounds and minimum");
    // A function of the reader's own is not a test problem, even when it computes the same values.
    assert.equal(crosses(main.contourFigure((x: number, y: number) => x * x + y * y, { bounds: square }).svg), 0);
  });

  test("the legend goes to a corner clear of every start and end (notebook 7's covered the narrow bowl's start)", () => {
    const start = [-4, 2];
    const gd = gradientDescent(narrowBowl.objective, narrowBowl.derivative, { start, alpha: 0.45, nIter: 100 });
    const ams = amsgrad(narrowBowl.objective, narrowBowl.derivative, { start, alpha: 0.3, nIter: 100 });
    const figure = contourFigure(narrowBowl, { paths: [{ label: "gradient descent, α = 0.45", ...gd }, { label: "AMSGrad, α = 0.3", ...ams }], levels: 40 });
    const doc = parse(figure.svg);
    const legend = doc.querySelector('g[aria-label^="legend"]')!;
    const [lx, ly] = /translate\(([-\d.]+),([-\d.]+)\)/.exec(legend.getAttribute("transform")!)!.slice(1).map(Number);
    const rect = legend.querySelector("rect")!;
    const box = { left: lx, top: ly, right: lx + Number(rect.getAttribute("width")), bottom: ly + Number(rect.getAttribute("height")) };
    const f = figure.frame!;
    const px = (x: number, y: number) => [f.marginLeft + ((x - f.xDomain[0]) / (f.xDomain[1] - f.xDomain[0])) * (f.width - f.marginLeft - f.marginRight), f.height - f.marginBottom - ((y - f.yDomain[0]) / (f.yDomain[1] - f.yDomain[0])) * (f.height - f.marginTop - f.marginBottom)];
    for (const [x, y] of [start, gd.best, ams.best]) {
      const [sx, sy] = px(x, y);
      assert.ok(!(sx >= box.left - 5 && sx <= box.right + 5 && sy >= box.top - 5 && sy <= box.bottom + 5), `legend ${JSON.stringify(box)} covers (${x}, ${y})`);
    }
  });

  test("Rosenbrock's levels are log-spaced by default: its valley (f < 10) gets many bands, not one dark one", () => {
    const levels = contourFigure(rosenbrock).levels!;
    const below10 = levels.filter((v) => v < 10).length;
    assert.ok(below10 >= 10, `${below10} levels below 10 of ${levels.length}`);
    // Evenly spaced in log: equal ratios between successive nice levels of the same decade pattern.
    const linear = contourFigure(rosenbrock, { levelScale: "linear" }).levels!;
    assert.ok(linear.filter((v) => v < 10).length <= 1, "the linear scale, for comparison, has at most one");
  });

  test("zoom: a second panel shows the searches magnified, the region outlined on the first", () => {
    const a = run(amsgrad);
    const figure = contourFigure(bowl, { paths: [a], zoom: true });
    const z = figure.zoomFrame!;
    const [px] = unitPixels(figure.frame!);
    const [zx, zy] = unitPixels(z);
    assert.ok(zx / px > 3, `magnified ${zx / px} times`);
    assert.ok(Math.abs(zx - zy) < 0.5, "units stay square in the zoomed panel");
    // Every point of the run lies inside the zoomed region.
    for (const [x, y] of a.solutions) assert.ok(x >= z.xDomain[0] && x <= z.xDomain[1] && y >= z.yDomain[0] && y <= z.yDomain[1], `(${x}, ${y})`);
    const doc = parse(figure.svg);
    assert.equal(doc.querySelectorAll('g[aria-label="zoomed region"]').length, 1);
    assert.equal(doc.querySelectorAll('g[aria-label="contour bands"]').length, 2);
    assert.match(figure.description, /The second panel magnifies/);
    // An explicit region, and the panels' zoom (shared by every panel).
    const explicit = contourFigure(bowl, { paths: [a], zoom: [[-0.2, 0.2], [-0.1, 0.3]] });
    assert.deepEqual(explicit.zoomFrame!.xDomain, [-0.2, 0.2]);
    const panels = contourPanels(bowl, [{ title: "a", paths: [a] }, { title: "b", paths: [a] }], { zoom: true });
    assert.ok(panels.frame!.xDomain[1] - panels.frame!.xDomain[0] < 1, "panels show the region around the searches");
  });

  test("the zoomed panel has levels of its own, over the values in its window (the whole plot's left it one flat blue, notebooks 5 and 6)", () => {
    const figure = contourFigure(bowl, { paths: [run(amsgrad)], zoom: true });
    const doc = parse(figure.svg);
    const [, zoomed] = Array.from(doc.querySelectorAll('g[aria-label="contour bands"]'));
    const colours = new Set(Array.from(zoomed!.querySelectorAll("path")).map((p) => p.getAttribute("fill")));
    assert.ok(colours.size >= 30, `${colours.size} bands in the zoomed window`);
    // Its own colour bar, spanning f over the window: x² + y² at the window's farthest corner.
    const z = figure.zoomFrame!;
    const highest = Math.max(...z.xDomain.flatMap((x) => z.yDomain.map((y) => x * x + y * y)));
    const bars = Array.from(doc.querySelectorAll('g[aria-label="color legend"]'));
    assert.equal(bars.length, 2, "a colour bar for each panel");
    const top = (bar: Element) => Math.max(...Array.from(bar.querySelectorAll("text")).map((t) => labelValue(t.textContent!)));
    assert.equal(top(bars[0]!), 2, "the whole plot's bar: f up to 2");
    assert.ok(top(bars[1]!) <= highest && top(bars[1]!) >= 0.7 * highest, `the zoomed bar tops at ${top(bars[1]!)}, f reaches ${highest} there`);
    // Explicit levels are kept in both panels.
    const explicit = contourFigure(bowl, { paths: [run(amsgrad)], zoom: true, levels: [0, 0.5, 1, 1.5, 2] });
    const explicitBars = Array.from(parse(explicit.svg).querySelectorAll('g[aria-label="color legend"]'));
    assert.deepEqual(explicitBars.map(top), [2, 2]);
  });
});

/** A tick label's value: "0.02", "10⁻⁷" (a power of ten written with superscripts), "1". */
function labelValue(text: string): number {
  const power = /^10([⁻]?)([⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/.exec(text);
  if (!power) return Number(text.replace("−", "-"));
  const exponent = Number([...power[2]].map((d) => "⁰¹²³⁴⁵⁶⁷⁸⁹".indexOf(d)).join(""));
  return 10 ** (power[1] ? -exponent : exponent);
}

describe("line charts", () => {
  const a = run(amsgrad);
  const axisLabel = (figure: Figure) => parse(figure.svg).querySelector('g[aria-label="y-axis label"] text')?.textContent;
  const yLabels = (figure: Figure) => Array.from(parse(figure.svg).querySelectorAll('g[aria-label="y-axis tick label"] text')).map((t) => t.textContent).filter(Boolean);

  test("a log axis says so in its label", () => {
    assert.equal(axisLabel(objectiveCurve(a, { log: true })), "f(x, y) (log scale)");
    assert.equal(axisLabel(effectiveStepSizeCurve(a)), "step size (log scale)");
    assert.equal(axisLabel(objectiveCurve(a)), "f(x, y)");
  });

  test("a log axis over less than three decades labels its 1s, 2s, 5s and both ends (the regret axis had none below 0.1)", () => {
    const x = Array.from({ length: 1000 }, (_, i) => (i + 1) * 1000);
    const chart = seriesChart([{ label: "AMSGrad", x, y: x.map((t) => 0.05 + 1 / Math.sqrt(t / 1000)) }], { log: true });
    const labels = yLabels(chart).map(Number);
    assert.ok(labels.some((v) => v < 0.1), `a label below 0.1: ${labels}`);
    assert.ok(labels.includes(0.5) && labels.includes(0.2) && labels.includes(1), `${labels}`);
  });

  test("a log axis reaches a label at or below the lowest value and at or above the highest (notebook 5's steps went to 0.011, its lowest label was 0.02)", () => {
    const t = Array.from({ length: 100 }, (_, i) => i + 1);
    const cases: [number, number][] = [[0.011, 1.3], [0.0516, 1.25], [3e-7, 0.4], [0.3, 0.31]];
    for (const [low, high] of cases) {
      const y = t.map((k) => low * (high / low) ** ((k - 1) / 99));
      const labels = yLabels(seriesChart([{ label: "AMSGrad", x: t, y }], { log: true })).map((text) => labelValue(text!));
      assert.ok(labels.every(Number.isFinite), `${labels}`);
      assert.ok(Math.min(...labels) <= low, `data from ${low}: lowest label ${Math.min(...labels)}`);
      assert.ok(Math.max(...labels) >= high, `data to ${high}: highest label ${Math.max(...labels)}`);
    }
  });

  test("a log axis ends exactly on its decades, the same bytes on every Node (Node 20's 10 ** -4 is 0.00009999999999999999)", () => {
    const t = Array.from({ length: 50 }, (_, i) => i + 1);
    const chart = seriesChart([{ label: "AMSGrad", x: t, y: t.map((k) => 2e-4 * 2500 ** ((k - 1) / 49)) }], { log: true, height: 300 });
    const grid = Array.from(parse(chart.svg).querySelectorAll('g[aria-label="y-grid"] line')).map((l) => l.getAttribute("y1"));
    // The lowest grid line, 10⁻⁴, lies on the plot's bottom edge: 300 px less the 36 px bottom margin.
    assert.equal(grid[0], "264");
  });

  test("the last x tick (1,000,000) fits inside the figure", () => {
    const x = Array.from({ length: 100 }, (_, i) => (i + 1) * 10_000);
    const figure = seriesChart([{ label: "AMSGrad", x, y: x.map((t) => 1 / t) }]);
    const doc = parse(figure.svg);
    const last = Array.from(doc.querySelectorAll('g[aria-label="x-axis tick label"] text')).at(-1)!;
    const [tx] = /translate\(([-\d.]+)/.exec(last.getAttribute("transform")!)!.slice(1).map(Number);
    assert.equal(last.textContent, "1,000,000");
    // Centred on its tick, 9 characters of about 6 px at 10 px: at least 27 px from the right edge.
    assert.ok(figure.width - tx >= 27, `the label's centre is ${figure.width - tx} px from the edge`);
  });
});

describe("charts over iterations say which t they count", () => {
  test("the tutorial's >t, from 0, as the label says (the notation counts updates from 1): a 100-iteration run ends at t = 99", () => {
    const a = run(amsgrad);
    const b = run(adam);
    for (const figure of [objectiveCurve([a, b]), coordinateCurves(a), effectiveStepSizeCurve([a, b])]) {
      assert.equal(parse(figure.svg).querySelector('g[aria-label="x-axis label"] text')?.textContent, "iteration t (the tutorial's >t, from 0)");
      assert.match(figure.description, /over iteration t from 0 to 99 \(the tutorial's >t: 0 is the point after the first update\)/, figure.name);
    }
    // The first value drawn, at t = 0, is the point after the first update (solutions[0]): x moved by α from the start.
    assert.match(coordinateCurves(a).description, /x from -0\.159 at 0 to/);
    // A chart of the caller's own positions keeps the caller's label and says nothing of the tutorial.
    const own = seriesChart([{ label: "AMSGrad", x: [1, 2, 3], y: [3, 2, 1] }]);
    assert.doesNotMatch(own.description, />t/);
  });
});

describe("path styles", () => {
  test("a style's marker and ends are checked: the message names the path, the field, the value and the choices", () => {
    const a = run(amsgrad);
    assert.throws(() => contourFigure(bowl, { paths: [{ ...a, style: { ends: "open" as "hollow" } }] }), {
      name: "RangeError",
      message: 'contourFigure: paths[0].style.ends must be "filled" or "hollow", got "open"',
    });
    assert.throws(() => contourFigure(bowl, { paths: [a, { ...a, style: { marker: "dot" as "none" } }] }), /paths\[1\]\.style\.marker must be "circle", "square" or "none", got "dot"/);
    // A valid override is drawn: hollow ends on the first path, no dots.
    const doc = parse(contourFigure(bowl, { paths: [{ ...a, style: { ends: "hollow", marker: "none" } }] }).svg);
    assert.equal(doc.querySelector('g[aria-label="path AMSGrad"] > path[aria-label="points"]'), null);
    assert.equal(doc.querySelector('g[aria-label="path AMSGrad"] > path[aria-label="end"]')!.getAttribute("fill"), null, "open: the group's fill none");
  });
});

describe("the surface's axes", () => {
  test("every tick has its own label, nearest to it: none dropped at the corner where the height axis stands, none read as another axis's (notebook 3's z axis read 2.0 … 0.5, 1.0)", () => {
    for (const view of [{}, { azimuth: -120, elevation: 40 }, { azimuth: 30 }]) {
      const doc = parse(surfaceFigure(bowl, view).svg);
      // Tick marks: the short pieces of the axes' path (the edges are long), from the box outwards.
      const axes = doc.querySelector('g[aria-label="surface plot"] > path[stroke="#555"]')!.getAttribute("d")!;
      const ticks = pathSubpaths(axes).filter((p) => p.length === 2 && Math.hypot(p[1][0] - p[0][0], p[1][1] - p[0][1]) < 6);
      const labels = Array.from(doc.querySelectorAll('g[aria-label="axes"] text')).map((t) => ({
        text: t.textContent!,
        x: Number(t.getAttribute("x")),
        y: Number(t.getAttribute("y")),
      }));
      assert.equal(ticks.length, 15, `${JSON.stringify(view)}: five ticks on each axis`);
      assert.equal(labels.length, ticks.length, `${JSON.stringify(view)}: a label for every tick`);
      // Each label's nearest tick end is a different tick.
      const nearest = labels.map((l) => ticks.reduce((best, t, k) => (Math.hypot(t[1][0] - l.x, t[1][1] - l.y) < Math.hypot(ticks[best]![1][0] - l.x, ticks[best]![1][1] - l.y) ? k : best), 0));
      assert.equal(new Set(nearest).size, labels.length, `${JSON.stringify(view)}: two labels share a tick`);
      // The height axis: the ticks standing one above the other on one vertical edge, read bottom to top.
      const byColumn = new Map<number, { t: [number, number][]; k: number }[]>();
      ticks.forEach((t, k) => byColumn.set(Math.round(t[0][0]), [...(byColumn.get(Math.round(t[0][0])) ?? []), { t, k }]));
      const column = [...byColumn.values()].find((group) => group.length === 5)!;
      const heights = column.sort((a, b) => b.t[0][1] - a.t[0][1]).map(({ k }) => labels[nearest.indexOf(k)]!.text);
      assert.deepEqual(heights, ["0.0", "0.5", "1.0", "1.5", "2.0"], JSON.stringify(view));
    }
  });
});
