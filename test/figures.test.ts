/**
 * Figures: SVG snapshots in the style of Plot's own suite (normalised, compared with committed files, a
 * `-changed.svg` written beside them on mismatch), determinism within and across processes, and
 * structural checks whose expected numbers come from elsewhere: the axis ticks Plot draws, the library's
 * run, matplotlib's levels and colours (test/fixtures/figures-matplotlib.json), hand computation.
 *
 * Update snapshots after an intended change: delete the .svg files (or run with UPDATE_SNAPSHOTS=1). Under
 * CI=true a missing snapshot fails (Plot's rule) instead of being written.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import * as Plot from "@observablehq/plot";
import fc from "fast-check";
import { adam, amsgrad, bowl, rosenbrock, traceRun, type RunResult } from "../lib/src/index.ts";
import {
  contourFigure,
  contourLevels,
  contourPanels,
  coordinateCurves,
  effectiveStepSizeCurve,
  framePixel,
  frameValue,
  jet,
  objectiveCurve,
  show,
  surfaceFigure,
  type Figure,
} from "../lib/src/figures/index.ts";
import { bandGeometry, sampleGrid, setBandCacheSize } from "../lib/src/figures/bands.ts";
import { fitClosedCubics, fitCubics, type Cubic } from "../lib/src/figures/fit.ts";
import { dotsPathData, pathData } from "../lib/src/figures/pathdata.ts";
import { jsdomDocument, parseSvg } from "./support/svg.ts";

const here = dirname(fileURLToPath(import.meta.url));
const snapshots = join(here, "snapshots");
const matplotlib = JSON.parse(readFileSync(join(here, "fixtures", "figures-matplotlib.json"), "utf8"));

/** The tutorial's start: numpy's seed(1) draw, -1 + 2 · rand(2) = [-0.16595599, 0.44064899]. */
const START = [-0.165955990594852, 0.4406489868843162];
const TUTORIAL = { start: START, nIter: 100, alpha: 0.007, beta1: 0.9, beta2: 0.99 };
const tutorialRun = (): RunResult => amsgrad(bowl.objective, bowl.derivative, TUTORIAL);
const tutorialFigure = () => contourFigure(bowl, { paths: [{ label: "AMSGrad", ...tutorialRun() }] });

// ---------------------------------------------------------------------------------------------------
// Helpers: reading the SVG back.

/** Absolute positions of a path's subpath starts and vertices (M/m, L/l, H/h, V/v, C/c endpoints, Z/z). */
function pathVertices(d: string): { subpaths: [number, number][][] } {
  const tokens = d.match(/[MmLlHhVvCcZz]|-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?/g) ?? [];
  const subpaths: [number, number][][] = [];
  let x = 0, y = 0, sx = 0, sy = 0;
  let command = "";
  let i = 0;
  const num = () => Number(tokens[i++]);
  while (i < tokens.length) {
    if (/[A-Za-z]/.test(tokens[i])) command = tokens[i++];
    switch (command) {
      case "M": x = num(); y = num(); subpaths.push([[x, y]]); sx = x; sy = y; command = "L"; break;
      case "m": x += num(); y += num(); subpaths.push([[x, y]]); sx = x; sy = y; command = "l"; break;
      case "L": x = num(); y = num(); subpaths.at(-1)!.push([x, y]); break;
      case "l": x += num(); y += num(); subpaths.at(-1)!.push([x, y]); break;
      case "H": x = num(); subpaths.at(-1)!.push([x, y]); break;
      case "h": x += num(); subpaths.at(-1)!.push([x, y]); break;
      case "V": y = num(); subpaths.at(-1)!.push([x, y]); break;
      case "v": y += num(); subpaths.at(-1)!.push([x, y]); break;
      case "C": num(); num(); num(); num(); x = num(); y = num(); subpaths.at(-1)!.push([x, y]); break;
      case "c": { num(); num(); num(); num(); const dx = num(), dy = num(); x += dx; y += dy; subpaths.at(-1)!.push([x, y]); break; }
      case "Z": case "z": x = sx; y = sy; break;
      default: throw new Error(`unexpected path command ${command} in ${d.slice(0, 80)}`);
    }
  }
  return { subpaths };
}

/** Plot's number labels ("−0.5") as numbers. */
const tickValue = (text: string) => Number(text.replace("−", "-"));

/**
 * The x and y scales as Plot drew them, recovered from the axis tick labels: a least-squares line through
 * (tick value, tick position). This is what a reader of the figure sees, independent of the library's maths.
 */
function axisScales(doc: Document): { x: (v: number) => number; y: (v: number) => number } {
  const fit = (label: string, coordinate: 0 | 1) => {
    const texts = Array.from(doc.querySelectorAll(`g[aria-label="${label}"] text`));
    assert.ok(texts.length >= 2, `${label}: at least two ticks`);
    const points = texts.map((t) => {
      const [tx, ty] = /translate\(([-\d.]+),([-\d.]+)\)/.exec(t.getAttribute("transform")!)!.slice(1).map(Number);
      return [tickValue(t.textContent!), coordinate === 0 ? tx : ty];
    });
    const n = points.length;
    const mx = points.reduce((s, p) => s + p[0], 0) / n;
    const my = points.reduce((s, p) => s + p[1], 0) / n;
    const slope = points.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0) / points.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
    return (v: number) => my + slope * (v - mx);
  };
  return { x: fit("x-axis tick label", 0), y: fit("y-axis tick label", 1) };
}

// ---------------------------------------------------------------------------------------------------
// Snapshots, as Plot's test suite does them.

/** Normalises what may legitimately vary: long decimals (platform float noise) and any generated ids. */
function normalize(svg: string): string {
  let clip = 0;
  const ids = new Map<string, string>();
  return svg
    .replace(/plot-(clip|marker|pattern|filter)-\d+/g, (id) => {
      if (!ids.has(id)) ids.set(id, `plot-id-${++clip}`);
      return ids.get(id)!;
    })
    .replace(/(\d+\.\d{3})\d+/g, "$1");
}

function assertSnapshot(name: string, svg: string) {
  const file = join(snapshots, `${name}.svg`);
  const changed = join(snapshots, `${name}-changed.svg`);
  const actual = normalize(svg);
  // As Plot's suite: a missing snapshot is written (a new figure's first run), except in CI, where it
  // means a snapshot was not committed, and that must fail rather than pass by writing it.
  if (!existsSync(file) && process.env.CI && !process.env.UPDATE_SNAPSHOTS) {
    writeFileSync(changed, actual);
    assert.fail(`test/snapshots/${name}.svg is missing (CI=true): commit it (it was written to ${changed})`);
  }
  if (!existsSync(file) || process.env.UPDATE_SNAPSHOTS) {
    writeFileSync(file, actual);
    return;
  }
  const expected = readFileSync(file, "utf8");
  if (actual === expected) {
    if (existsSync(changed)) unlinkSync(changed);
    return;
  }
  writeFileSync(changed, actual);
  assert.fail(`${name}.svg differs from the snapshot; see ${changed}`);
}

const SNAPSHOTS: Record<string, () => Figure> = {
  "figure-tutorial-contour": tutorialFigure,
  "figure-compare-contour": () =>
    contourFigure(bowl, {
      paths: [
        { label: "AMSGrad", ...tutorialRun() },
        { label: "Adam", ...adam(bowl.objective, bowl.derivative, { ...TUTORIAL, alpha: 0.02 }) },
      ],
      legend: "bottom-right",
    }),
  "figure-rosenbrock-turbo": () =>
    contourFigure(rosenbrock, {
      levels: 20,
      scheme: "turbo",
      paths: [{ label: "AMSGrad α = 0.05", ...amsgrad(rosenbrock.objective, rosenbrock.derivative, { start: [-1.5, 2], nIter: 300, alpha: 0.05 }) }],
    }),
  "figure-alpha-panels": () =>
    contourPanels(
      bowl,
      [0.002, 0.007, 0.02, 0.05].map((alpha) => ({ title: `α = ${alpha}`, paths: [{ label: "AMSGrad", ...amsgrad(bowl.objective, bowl.derivative, { ...TUTORIAL, alpha }) }] })),
      { columns: 2, levels: 20 },
    ),
  "figure-tutorial-surface": () => surfaceFigure(bowl),
  "figure-rosenbrock-surface": () => surfaceFigure(rosenbrock, { resolution: [16, 12], azimuth: -120, elevation: 45, scheme: "viridis", shading: false }),
  "figure-objective-curve": () =>
    objectiveCurve([{ label: "AMSGrad", ...tutorialRun() }, { label: "Adam", ...adam(bowl.objective, bowl.derivative, TUTORIAL) }], { log: true }),
  "figure-coordinate-curves": () => coordinateCurves([{ label: "AMSGrad", ...tutorialRun() }], { minimum: bowl.minimum }),
  "figure-step-size-curve": () =>
    effectiveStepSizeCurve([traceRun(amsgrad, bowl.objective, bowl.derivative, TUTORIAL), traceRun(adam, bowl.objective, bowl.derivative, TUTORIAL)]),
};

describe("figure snapshots", () => {
  for (const [name, render] of Object.entries(SNAPSHOTS)) {
    test(`${name} matches test/snapshots/${name}.svg`, () => assertSnapshot(name, render().svg));
  }
});

// ---------------------------------------------------------------------------------------------------

describe("determinism", () => {
  test("identical inputs give identical bytes in one process, even after Plot used its id counters", () => {
    const first = tutorialFigure().svg;
    // Plot's process-wide counters advance with clip paths and markers; our output must not care.
    for (let i = 0; i < 3; i++) {
      Plot.plot({ document: jsdomDocument(), marks: [Plot.lineY([1, 2, 3], { clip: true, marker: true })] });
    }
    assert.equal(tutorialFigure().svg, first);
    assert.equal(surfaceFigure(bowl).svg, surfaceFigure(bowl).svg);
  });

  test("identical inputs give identical bytes across processes", () => {
    const sha = (s: string) => createHash("sha256").update(s).digest("hex");
    const script = `
      import { amsgrad, bowl } from ${JSON.stringify(join(here, "../lib/src/index.ts"))};
      import { contourFigure, surfaceFigure, contourPanels } from ${JSON.stringify(join(here, "../lib/src/figures/index.ts"))};
      import { createHash } from "node:crypto";
      const run = amsgrad(bowl.objective, bowl.derivative, ${JSON.stringify(TUTORIAL)});
      const svgs = [contourFigure(bowl, { paths: [{ label: "AMSGrad", ...run }] }).svg, surfaceFigure(bowl).svg,
        contourPanels(bowl, [{ title: "a", paths: [run] }, { title: "b", paths: [run] }]).svg];
      console.log(svgs.map((s) => createHash("sha256").update(s).digest("hex")).join(" "));`;
    const child = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: join(here, ".."), encoding: "utf8" }).trim();
    const run = tutorialRun();
    const mine = [
      contourFigure(bowl, { paths: [{ label: "AMSGrad", ...run }] }).svg,
      surfaceFigure(bowl).svg,
      contourPanels(bowl, [{ title: "a", paths: [run] }, { title: "b", paths: [run] }]).svg,
    ].map(sha);
    assert.equal(child, mine.join(" "));
  });

  test("the band cache never serves a function whose values changed", () => {
    let k = 1;
    const f = (x: number, y: number) => k * (x * x + y * y);
    const a = contourFigure(f, { bounds: bowl.bounds });
    k = 3;
    const b = contourFigure(f, { bounds: bowl.bounds });
    assert.notEqual(a.svg, b.svg);
    assert.ok(Math.abs(b.levels!.at(-1)! - 6) < 1e-9);
    k = 1;
    assert.equal(contourFigure(f, { bounds: bowl.bounds }).svg, a.svg);
  });

  test("the cache changes nothing: with it off the bytes are the same", () => {
    const cached = tutorialFigure().svg;
    const previous = setBandCacheSize(0);
    try {
      assert.equal(tutorialFigure().svg, cached);
    } finally {
      setBandCacheSize(previous);
    }
  });
});

// ---------------------------------------------------------------------------------------------------

describe("contourFigure", () => {
  test("the tutorial figure is at most 20 KB of well-formed SVG", () => {
    const { svg } = tutorialFigure();
    parseSvg(svg);
    assert.ok(Buffer.byteLength(svg) <= 20_000, `${Buffer.byteLength(svg)} bytes`);
  });

  test("the path has one dot per iteration, at the run's solutions under the axis scales", () => {
    const run = tutorialRun();
    const doc = parseSvg(contourFigure(bowl, { paths: [{ label: "AMSGrad", ...run }] }).svg);
    const scale = axisScales(doc);
    const dots = doc.querySelector('g[aria-label="path AMSGrad"] path[aria-label="points"]')!;
    const { subpaths } = pathVertices(dots.getAttribute("d")!);
    assert.equal(subpaths.length, 100);
    subpaths.forEach(([[px, py]], t) => {
      // 0.05 px from rounding to tenths, plus the axis labels' own 0.01 px rounding.
      assert.ok(Math.abs(px - scale.x(run.solutions[t][0])) < 0.07, `dot ${t}: x ${px} vs ${scale.x(run.solutions[t][0])}`);
      assert.ok(Math.abs(py - scale.y(run.solutions[t][1])) < 0.07, `dot ${t}: y ${py} vs ${scale.y(run.solutions[t][1])}`);
    });
    // The line starts at the start and visits every solution.
    const line = doc.querySelector('g[aria-label="path AMSGrad"] path:not([aria-label])')!;
    const vertices = pathVertices(line.getAttribute("d")!).subpaths[0];
    assert.ok(Math.abs(vertices[0][0] - scale.x(START[0])) < 0.07 && Math.abs(vertices[0][1] - scale.y(START[1])) < 0.07);
    const start = doc.querySelector('g[aria-label="path AMSGrad"] path[aria-label="start"]')!;
    assert.ok(start, "start marked");
    assert.ok(doc.querySelector('g[aria-label="path AMSGrad"] path[aria-label="end"]'), "end marked");
    assert.ok(doc.querySelector('g[aria-label="minimum"]'), "minimum marked");
  });

  test("the frame maps data to the same pixels as Plot's axes", () => {
    const figure = tutorialFigure();
    const scale = axisScales(parseSvg(figure.svg));
    for (const [x, y] of [[-1, -1], [0, 0], [0.5, -0.25], [1, 1]]) {
      const [px, py] = framePixel(figure.frame!, x, y);
      assert.ok(Math.abs(px - scale.x(x)) < 0.02 && Math.abs(py - scale.y(y)) < 0.02);
      const [vx, vy] = frameValue(figure.frame!, px, py);
      assert.ok(Math.abs(vx - x) < 1e-12 && Math.abs(vy - y) < 1e-12);
    }
  });

  test("levels: 50 by default, one filled path and one colour-bar cell per band, every band colour once", () => {
    const figure = contourFigure(bowl);
    const doc = parseSvg(figure.svg);
    // The sampled bowl spans [0, 2]: matplotlib's 50 levels are 0, 0.04, …, 2 (51 values, 50 bands).
    assert.equal(figure.levels!.length, 51);
    const fills = Array.from(doc.querySelectorAll('g[aria-label="contour bands"] path')).map((p) => p.getAttribute("fill"));
    assert.equal(fills.length, 50);
    assert.equal(new Set(fills).size, 50);
    const cells = Array.from(doc.querySelectorAll('g[aria-label="color legend"] g[stroke-width] path')).map((p) => p.getAttribute("stroke"));
    assert.deepEqual(new Set(cells), new Set(fills));
  });

  test("explicit levels give exactly their bands; a number gives matplotlib's levels", () => {
    const explicit = contourFigure(bowl, { levels: [0, 0.5, 1, 1.5, 2] });
    assert.equal(parseSvg(explicit.svg).querySelectorAll('g[aria-label="contour bands"] path').length, 4);
    // The sampled bowl spans [0.0005, 2]; matplotlib's levels=7 for [0, 2] are 0, 0.25, …, 2.
    const seven = contourFigure(bowl, { levels: 7 });
    const expected = matplotlib.levels.find((l: { count: number; min: number; max: number }) => l.count === 7 && l.min === 0 && l.max === 2).levels;
    assert.deepEqual(seven.levels!.map((v) => +v.toFixed(12)), expected.map((v: number) => +v.toFixed(12)));
    assert.equal(parseSvg(seven.svg).querySelectorAll('g[aria-label="contour bands"] path').length, expected.length - 1);
  });

  test("painting the regions in order leaves every point the colour of its band (extend='both' beyond the levels)", () => {
    // Which band's colour ends up at sample coordinates (gx, gy): the last region painted that contains it
    // (nonzero winding, as SVG fills). Independent of how the regions were built.
    const winding = (ring: Float64Array, x: number, y: number) => {
      let w = 0;
      for (let i = 0, n = ring.length / 2; i < n; i++) {
        const [x0, y0, x1, y1] = [ring[2 * i], ring[2 * i + 1], ring[(2 * i + 2) % ring.length], ring[(2 * i + 3) % ring.length]];
        const side = (x1 - x0) * (y - y0) - (x - x0) * (y1 - y0);
        if (y0 <= y && y1 > y && side > 0) w++;
        else if (y0 > y && y1 <= y && side < 0) w--;
      }
      return w;
    };
    const check = (levels: number | number[]) => {
      const n = 41;
      const geometry = bandGeometry(sampleGrid(bowl.objective, [-1, 1], [-1, 1], n, n, "test"), levels, "jet", "test");
      const L = geometry.levels;
      const painted = (gx: number, gy: number) => {
        let band = -1;
        for (const region of geometry.regions) {
          if (region.rings === null || region.rings.reduce((w, r) => w + winding(r.points, gx, gy), 0) !== 0) band = region.band;
        }
        return band;
      };
      // Points between samples, away from the isolines by more than marching squares' error.
      let checked = 0;
      for (let gy = 0.5; gy < n - 1; gy += 1.7) {
        for (let gx = 0.5; gx < n - 1; gx += 1.3) {
          const f = bowl.objective(-1 + (2 * gx) / (n - 1), -1 + (2 * gy) / (n - 1));
          let expected = L.findIndex((t, k) => k + 1 < L.length && f < L[k + 1]);
          if (expected < 0) expected = L.length - 2; // above the last level: the top band
          if (L.some((t) => Math.abs(f - t) < 0.02)) continue;
          assert.equal(painted(gx, gy), expected, `f = ${f}`);
          checked++;
        }
      }
      assert.ok(checked > 300);
    };
    check(12);
    // Bands [0.5, 1] and [1, 1.5]: the centre (f < 0.5) and the corners (f > 1.5) lie outside them.
    check([0.5, 1, 1.5]);
  });

  test("several paths get distinct styles and legend rows", () => {
    const run = tutorialRun();
    const other = adam(bowl.objective, bowl.derivative, TUTORIAL);
    const doc = parseSvg(contourFigure(bowl, { paths: [{ label: "AMSGrad", ...run }, { label: "Adam", ...other }] }).svg);
    const a = doc.querySelector('g[aria-label="path AMSGrad"]')!;
    const b = doc.querySelector('g[aria-label="path Adam"]')!;
    assert.notEqual(a.getAttribute("stroke"), b.getAttribute("stroke"));
    const legend = Array.from(doc.querySelectorAll('g[aria-label^="legend"] text')).map((t) => t.textContent);
    assert.deepEqual(legend.slice(0, 2), ["AMSGrad", "Adam"]);
  });

  test("text a caller passes is escaped", () => {
    const evil = `<script>alert("x")</script> & "quotes" 'too'`;
    const svg = contourFigure(bowl, { title: evil, xLabel: "<b>x</b>", paths: [{ label: "a</text><script>", solutions: [[0, 0]] }] }).svg;
    const doc = parseSvg(svg);
    assert.ok(!svg.includes("<script"), "no markup from the caller");
    assert.equal(doc.querySelector('text[aria-label="title"]')!.textContent, evil);
    assert.ok(Array.from(doc.querySelectorAll("text")).some((t) => t.textContent === "a</text><script>"));
    const surface = surfaceFigure(bowl, { title: evil, zLabel: "<i>" });
    assert.ok(!surface.svg.includes("<script") && !surface.svg.includes("<i>"));
    parseSvg(surface.svg);
    const curve = objectiveCurve([{ label: "<b>", scores: [1, 2] }], { title: evil });
    assert.ok(!curve.svg.includes("<script") && !curve.svg.includes("<b>"));
    parseSvg(curve.svg);
  });

  test("bad input is rejected with a message naming it", () => {
    assert.throws(() => contourFigure((x, y) => x + y), /give bounds/);
    assert.throws(() => contourFigure(bowl, { levels: [1, 0] }), /levels must be finite and increasing/);
    assert.throws(() => contourFigure(bowl, { width: -1 }), /width must be a number of px from 100 to 4000, got -1/);
    assert.throws(() => contourFigure(bowl, { pathz: [] } as never), /unknown option "pathz"/);
    assert.throws(() => contourFigure(bowl, { paths: [{ solutions: [[0, NaN]] }] }), /paths\[0\]\.solutions\[0\] must be a finite/);
    assert.throws(() => contourFigure(bowl, { scheme: "rainbow" as never }), /scheme must be/);
    assert.throws(() => contourFigure(() => NaN, { bounds: bowl.bounds }), /no finite values/);
  });
});

// ---------------------------------------------------------------------------------------------------

describe("levels and colours match matplotlib", () => {
  test("contourLevels(min, max, n) gives contourf(levels=n)'s levels", () => {
    for (const { min, max, count, levels } of matplotlib.levels) {
      const ours = contourLevels(min, max, count);
      assert.equal(ours.length, levels.length, `${min}…${max}, ${count}`);
      ours.forEach((v, i) => assert.ok(Math.abs(v - levels[i]) <= 1e-12 * Math.max(1, Math.abs(levels[i])), `${min}…${max}: level ${i}: ${v} vs ${levels[i]}`));
    }
  });

  test("on the tutorial's grid, the 50 levels and every band's colour are matplotlib's", () => {
    const axis: number[] = matplotlib.tutorialGrid.axis;
    const grid = sampleGrid((x, y) => x ** 2 + y ** 2, [axis[0], axis.at(-1)!], [axis[0], axis.at(-1)!], axis.length, axis.length, "test");
    // Our grid spans the same points (arange(-1, 1, 0.1) is evenly spaced), so the same range.
    assert.ok(Math.abs(grid.max - matplotlib.tutorialGrid.max) < 1e-12);
    const geometry = bandGeometry(grid, 50, "jet", "test");
    assert.deepEqual(geometry.levels.map((v) => +v.toFixed(12)), matplotlib.tutorialGrid.levels.map((v: number) => +v.toFixed(12)));
    assert.deepEqual(geometry.colors, matplotlib.tutorialGrid.bandColors);
  });

  test("jet(t) is matplotlib's cm.jet(t)", () => {
    for (const { t, hex } of matplotlib.jet) assert.equal(jet(t), hex, `t = ${t}`);
  });
});

// ---------------------------------------------------------------------------------------------------

describe("contourPanels", () => {
  test("one panel per value: shared bands drawn once and reused, a title and a path per panel", () => {
    const alphas = [0.002, 0.007, 0.02];
    const runs = alphas.map((alpha) => amsgrad(bowl.objective, bowl.derivative, { ...TUTORIAL, alpha }));
    const figure = contourPanels(bowl, alphas.map((alpha, i) => ({ title: `α = ${alpha}`, paths: [{ label: "AMSGrad", ...runs[i] }] })));
    const doc = parseSvg(figure.svg);
    assert.equal(doc.querySelectorAll('g[aria-label="contour bands"]').length, 1);
    const uses = Array.from(doc.querySelectorAll("use"));
    assert.equal(uses.length, 2);
    const id = doc.querySelector('g[aria-label="contour bands"]')!.getAttribute("id");
    for (const use of uses) assert.equal(use.getAttribute("href"), `#${id}`);
    const titles = Array.from(doc.querySelectorAll("text")).map((t) => t.textContent);
    for (const alpha of alphas) assert.ok(titles.includes(`α = ${alpha}`));
    const dots = Array.from(doc.querySelectorAll('path[aria-label="points"]')).map((p) => pathVertices(p.getAttribute("d")!).subpaths.length);
    assert.deepEqual(dots, [100, 100, 100]);
    assert.equal(figure.levels!.length, 51);
  });
});

// ---------------------------------------------------------------------------------------------------

describe("surfaceFigure", () => {
  const faces = (figure: Figure) => Array.from(parseSvg(figure.svg).querySelectorAll('g[aria-label="surface"] path'));

  test("draws one face per quad of the mesh it was given", () => {
    assert.equal(faces(surfaceFigure(bowl)).length, 400);
    assert.equal(faces(surfaceFigure(bowl, { resolution: [5, 3] })).length, 15);
    for (const face of faces(surfaceFigure(bowl, { resolution: 4 }))) assert.equal(pathVertices(face.getAttribute("d")!).subpaths[0].length, 4);
  });

  test("seen from above, the faces form the regular grid of the bounds", () => {
    // Azimuth −90°, elevation 90°: x to the right, y up, heights towards the viewer.
    const figure = surfaceFigure(bowl, { resolution: [6, 4], azimuth: -90, elevation: 90 });
    const xs = new Set<number>();
    const ys = new Set<number>();
    for (const face of faces(figure)) {
      for (const [x, y] of pathVertices(face.getAttribute("d")!).subpaths[0]) {
        xs.add(Math.round(x));
        ys.add(Math.round(y));
      }
    }
    // Faces are grown by 0.35 px, so each grid line shows as positions within 1 px.
    const cluster = (values: Set<number>) =>
      [...values].sort((a, b) => a - b).reduce<number[][]>((groups, v) => {
        const last = groups.at(-1);
        if (last && v - last.at(-1)! <= 1) last.push(v);
        else groups.push([v]);
        return groups;
      }, []).map((g) => g.reduce((s, v) => s + v, 0) / g.length);
    const columns = cluster(xs);
    const rows = cluster(ys);
    assert.equal(columns.length, 7);
    assert.equal(rows.length, 5);
    const spacing = (c: number[]) => c.slice(1).map((v, i) => v - c[i]);
    for (const s of spacing(columns)) assert.ok(Math.abs(s - spacing(columns)[0]) <= 1.5);
    for (const s of spacing(rows)) assert.ok(Math.abs(s - spacing(rows)[0]) <= 1.5);
    // x and y share one scale in the 1 : 1 box: 6 columns span as much as 4 rows.
    assert.ok(Math.abs(6 * spacing(columns)[0] - 4 * Math.abs(spacing(rows)[0])) <= 3);
  });

  test("seen from the front, the silhouette follows max over y of f(x, y) = x² + 1", () => {
    // Azimuth −90°, elevation 0°: looking along +y, x to the right, height up.
    const n = 8;
    const figure = surfaceFigure(bowl, { resolution: n, azimuth: -90, elevation: 0 });
    // Vertices by screen column (faces are grown by 0.35 px: a column spans about 1 px); its top.
    const vertices = faces(figure).flatMap((face) => pathVertices(face.getAttribute("d")!).subpaths[0]).sort((a, b) => a[0] - b[0]);
    const columns: number[] = [];
    let lastX = -Infinity;
    for (const [x, y] of vertices) {
      if (x - lastX > 1.5) columns.push(y);
      else columns[columns.length - 1] = Math.min(columns[columns.length - 1], y);
      lastX = x;
    }
    assert.equal(columns.length, n + 1);
    // Screen height is affine in f: fit it on the ends and the middle, check every column.
    const f = columns.map((_, i) => (-1 + (2 * i) / n) ** 2 + 1);
    const slope = (columns[0] - columns[n / 2]) / (f[0] - f[n / 2]);
    columns.forEach((y, i) => assert.ok(Math.abs(y - (columns[n / 2] + slope * (f[i] - f[n / 2]))) < 1.2, `column ${i}`));
  });

  test("faces are painted far to near (seen from above: lowest first)", () => {
    const figure = surfaceFigure(bowl, { resolution: 10, azimuth: -90, elevation: 90, shading: false });
    const lut = new Map<string, number>();
    for (let i = 255; i >= 0; i--) lut.set(jet(i / 256), i);
    const order = faces(figure).map((face) => lut.get(face.getAttribute("fill")!));
    assert.ok(order.every((v) => v !== undefined), "unshaded faces are jet colours");
    for (let i = 1; i < order.length; i++) assert.ok(order[i]! >= order[i - 1]!, `face ${i} drawn after a higher one`);
  });
});

// ---------------------------------------------------------------------------------------------------

describe("traceRun and the curves", () => {
  test("effective step size after the first iteration, by hand: α / (√((1 − β2)·g²) + ε)", () => {
    // From (0.5, −1): g = (1, −2); v = 0.01·g² = (0.01, 0.04); s = 0.007 / (0.1 + 1e-8), 0.007 / (0.2 + 1e-8).
    const traced = traceRun(amsgrad, bowl.objective, bowl.derivative, { start: [0.5, -1], nIter: 1, alpha: 0.007, beta2: 0.99 });
    assert.equal(traced.label, "AMSGrad");
    assert.ok(Math.abs(traced.effectiveStepSizes[0][0] - 0.007 / 0.10000001) < 1e-15);
    assert.ok(Math.abs(traced.effectiveStepSizes[0][1] - 0.007 / 0.20000001) < 1e-15);
    assert.deepEqual(traced.vmax[0].map((v) => +v.toFixed(15)), [0.01, 0.04]);
    assert.deepEqual(traced.gradients, [[1, -2]], "the gradient 2·(0.5, −1) taken at the start");
  });

  test("traceRun's gradients are the bowl's 2x at the point before each iteration", () => {
    const traced = traceRun(amsgrad, bowl.objective, bowl.derivative, { start: [0.5, -1], nIter: 3 });
    const before = [traced.start, ...traced.solutions.slice(0, -1)];
    assert.deepEqual(traced.gradients, before.map(([x, y]) => [2 * x, 2 * y]));
  });

  test("AMSGrad's effective step never grows with constant α; Adam's can (the tutorial's run)", () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true })),
        fc.double({ min: 0.001, max: 0.1, noNaN: true }),
        fc.double({ min: 0.5, max: 0.999, noNaN: true }),
        (start, alpha, beta2) => {
          const traced = traceRun(amsgrad, bowl.objective, bowl.derivative, { start, nIter: 60, alpha, beta2 });
          for (let t = 1; t < traced.effectiveStepSizes.length; t++) {
            for (let i = 0; i < 2; i++) if (!(traced.effectiveStepSizes[t][i] <= traced.effectiveStepSizes[t - 1][i])) return false;
          }
          return true;
        },
      ),
      { numRuns: 60 },
    );
    const adamTrace = traceRun(adam, bowl.objective, bowl.derivative, TUTORIAL);
    assert.equal(adamTrace.label, "Adam");
    assert.ok(adamTrace.effectiveStepSizes.at(-1)![0] > adamTrace.effectiveStepSizes[20][0], "Adam's step grows as gradients shrink");
    adamTrace.v.forEach((v, t) => assert.deepEqual(adamTrace.vmax[t], v));
  });

  test("traceRun keeps the caller's onIteration and the run's own result", () => {
    let calls = 0;
    const traced = traceRun(amsgrad, bowl.objective, bowl.derivative, { ...TUTORIAL, nIter: 7, onIteration: () => void calls++, label: "mine" });
    assert.equal(calls, 7);
    assert.equal(traced.label, "mine");
    assert.deepEqual(traced.solutions, amsgrad(bowl.objective, bowl.derivative, { ...TUTORIAL, nIter: 7 }).solutions);
  });

  test("curves draw one line per run (and coordinate) through every iteration", () => {
    const a = traceRun(amsgrad, bowl.objective, bowl.derivative, TUTORIAL);
    const b = traceRun(adam, bowl.objective, bowl.derivative, TUTORIAL);
    const lines = (figure: Figure) =>
      Array.from(parseSvg(figure.svg).querySelectorAll('g[aria-label="line"] path')).map((p) => (p.getAttribute("d")!.match(/[ML]/g) ?? []).length);
    assert.deepEqual(lines(objectiveCurve([a, b], { log: true })), [100, 100]);
    assert.deepEqual(lines(coordinateCurves([a, b])), [100, 100, 100, 100]);
    assert.deepEqual(lines(effectiveStepSizeCurve([a, b])), [100, 100, 100, 100]);
    // On a log scale a zero cannot be drawn: it is left out, not plotted at −∞.
    assert.deepEqual(lines(objectiveCurve([{ scores: [1, 0.1, 0, 0.001] }], { log: true })), [3]);
    assert.throws(() => effectiveStepSizeCurve([tutorialRun()]), /no effectiveStepSizes \(record it with traceRun\)/);
  });
});

// ---------------------------------------------------------------------------------------------------

describe("show", () => {
  test("outside a tslab kernel it says so, and points to figure.svg", () => {
    assert.throws(() => show(tutorialFigure()), /show: not running inside a tslab kernel.*figure\.svg|show: tslab is not installed here/s);
  });

  test("rejects what is not a figure", () => {
    assert.throws(() => show({ svg: 42 } as never), /expected a figure/);
  });

  test("a figure prints as a one-line summary and converts to its SVG", async () => {
    const { inspect } = await import("node:util");
    const figure = tutorialFigure();
    assert.match(inspect(figure), /^Figure\(contour, 480×\d+ px, [\d.]+ KB SVG; show\(figure\) displays it\)$/);
    assert.equal(String(figure), figure.svg);
  });
});

// ---------------------------------------------------------------------------------------------------

describe("compact path data", () => {
  test("pathData writes its points back exactly, rounded to 0.1 px", () => {
    assert.equal(pathData([[0, 0, 10, 0, 10, 5]], false), "M0 0h10v5");
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: -500, max: 500, noNaN: true }), fc.double({ min: -500, max: 500, noNaN: true })), { minLength: 2, maxLength: 40 }), (points) => {
        const d = pathData([points.flat()], false);
        const back = pathVertices(d).subpaths[0];
        // Steps that round to nothing are dropped; every other point comes back to 0.05 px (plus float noise).
        const rounded = points.map(([x, y]) => [Math.round(x * 10) / 10, Math.round(y * 10) / 10]).filter((p, i, all) => i === 0 || p[0] !== all[i - 1][0] || p[1] !== all[i - 1][1]);
        return back.length === rounded.length && back.every(([x, y], i) => Math.abs(x - rounded[i][0]) < 1e-6 && Math.abs(y - rounded[i][1]) < 1e-6);
      }),
    );
  });

  test("dotsPathData writes one zero-length subpath per point", () => {
    const d = dotsPathData([1, 2, 3.25, -4, 3.25, -4]);
    assert.deepEqual(pathVertices(d).subpaths.map((s) => s[0]), [[1, 2], [3.3, -4], [3.3, -4]]);
  });

  /** Largest distance from points on the cubics (100 per cubic) to the polyline. */
  const deviation = (cubics: Cubic[], points: number[]) => {
    let worst = 0;
    for (const c of cubics) {
      for (let k = 0; k <= 100; k++) {
        const t = k / 100, s = 1 - t;
        const x = s * s * s * c[0] + 3 * s * s * t * c[2] + 3 * s * t * t * c[4] + t * t * t * c[6];
        const y = s * s * s * c[1] + 3 * s * s * t * c[3] + 3 * s * t * t * c[5] + t * t * t * c[7];
        let best = Infinity;
        for (let i = 0; i + 3 < points.length; i += 2) {
          const [ax, ay, bx, by] = [points[i], points[i + 1], points[i + 2], points[i + 3]];
          const dx = bx - ax, dy = by - ay;
          const u = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy || 1)));
          best = Math.min(best, Math.hypot(ax + u * dx - x, ay + u * dy - y));
        }
        worst = Math.max(worst, best);
      }
    }
    return worst;
  };

  test("fitted cubics stay within tolerance of the polyline, between its points too", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 20, max: 300, noNaN: true }),
        fc.double({ min: 0.5, max: 6, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        (radius, spacing, wobble) => {
          // A wavy closed curve sampled every `spacing` px, and an open staircase-like piece of it.
          const n = Math.max(8, Math.round((2 * Math.PI * radius) / spacing));
          const ring: number[] = [];
          for (let i = 0; i < n; i++) {
            const a = (2 * Math.PI * i) / n;
            const r = radius + wobble * Math.sin(5 * a);
            ring.push(r * Math.cos(a), r * Math.sin(a));
          }
          const closed = [...ring, ring[0], ring[1]];
          const tolerance = 0.25;
          // The fit meets the tolerance at and between points; rounding to 0.1 px adds at most 0.07.
          if (!(deviation(fitClosedCubics(ring, tolerance), closed) <= tolerance + 0.05)) return false;
          const open = ring.slice(0, Math.min(ring.length, 40));
          return deviation(fitCubics(open, tolerance), open) <= tolerance + 0.05;
        },
      ),
      { numRuns: 60 },
    );
    // A full circle of radius 150 px takes four cubics (a quarter turn each) at a quarter pixel.
    const circle: number[] = [];
    for (let i = 0; i < 200; i++) circle.push(150 * Math.cos((2 * Math.PI * i) / 200), 150 * Math.sin((2 * Math.PI * i) / 200));
    assert.equal(fitClosedCubics(circle, 0.25).length, 4);
  });
});
