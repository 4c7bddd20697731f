/**
 * Figure benchmark: bytes and render time of every figure, rendered with linkedom (the library's default
 * DOM) and with jsdom, next to the naive Observable Plot version of the tutorial figure.
 *
 *   npx tsc -p lib && node --import tsx bench/figures.ts [--runs 30] [--json out.json]
 *
 * Times are medians of warm renders (after warm-up) in one process; "tutorial cell" also runs AMSGrad,
 * as the notebook cell does. Contour figures keep their contours in a small cache keyed by the sampled
 * values, so a re-render with a new path over the same objective skips contouring; "cache off" shows the
 * cost without it. The warm-kernel round trip is measured separately by bench/figures-kernel.py.
 *
 * Importable too: `benchFigures(runs)` returns the rows and `figureBenchTable(rows)` formats them.
 */
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parseHTML } from "linkedom";
import { contours } from "d3-contour";
import { sampleGrid, setBandCacheSize, setRingWriting } from "../lib/dist/figures/bands.js";
import { isobandRings } from "../lib/dist/figures/isobands.js";
import { contourLevels } from "../lib/dist/figures/levels.js";
import { PROBLEM_NAMES, testProblems } from "../lib/dist/index.js";
import { bowl, FIGURES, figures, naiveContourSvg, tutorialRun } from "./figures-cases.ts";
import { median } from "./median.ts";

// jsdom ships no types and @types/jsdom is not installed: loaded by a non-literal specifier, typed as used here.
const { JSDOM } = (await import("jsdom" as string)) as {
  JSDOM: new (html?: string) => { window: { document: Document; DOMParser: typeof DOMParser } };
};

type Doc = figures.RenderDocument;
const doms: Record<string, () => Doc> = {
  linkedom: () => parseHTML("<!DOCTYPE html><html><body></body></html>").document as unknown as Doc,
  jsdom: () => new JSDOM("").window.document as unknown as Doc,
};

function time(render: () => string, n: number): { ms: number; bytes: number } {
  let svg = "";
  for (let i = 0; i < 5; i++) svg = render(); // warm-up: JIT, caches
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    svg = render();
    samples.push(performance.now() - t0);
  }
  return { ms: median(samples), bytes: Buffer.byteLength(svg) };
}

const cases: Record<string, (document: Doc) => string> = {
  ...Object.fromEntries(Object.entries(FIGURES).map(([name, render]) => [name, (document: Doc) => render(document).svg])),
  // What the notebook cell does: run AMSGrad, then draw its path on the contour.
  "tutorial cell (run + contour)": (document) =>
    figures.contourFigure(bowl, { paths: [{ label: "AMSGrad", ...tutorialRun() }], document }).svg,
  // The same with the contour cache off: contouring from scratch every time.
  "tutorial cell, contour cache off": (document) => {
    const previous = setBandCacheSize(0);
    try {
      return figures.contourFigure(bowl, { paths: [{ label: "AMSGrad", ...tutorialRun() }], document }).svg;
    } finally {
      setBandCacheSize(previous);
    }
  },
  "naive Plot.contour (baseline)": (document) => naiveContourSvg(document),
};

/** One measurement: a figure rendered with one DOM. */
export interface FigureBenchRow {
  figure: string;
  dom: string;
  bytes: number;
  ms: number;
}

/** Renders every case with every DOM `runs` times (after a warm-up) and returns the medians. */
export function benchFigures(runs = 30): FigureBenchRow[] {
  const rows: FigureBenchRow[] = [];
  for (const [figure, render] of Object.entries(cases)) {
    for (const [dom, make] of Object.entries(doms)) {
      const document = make();
      const n = figure.startsWith("naive") ? Math.min(runs, 10) : runs;
      const { ms, bytes } = time(() => render(document), n);
      rows.push({ figure, dom, bytes, ms });
    }
  }
  return rows;
}

/** The rows as a Markdown table: one line per figure, bytes (identical for both DOMs) and both times. */
export function figureBenchTable(rows: FigureBenchRow[]): string {
  const byFigure = new Map<string, Record<string, { bytes: number; ms: number }>>();
  for (const r of rows) byFigure.set(r.figure, { ...byFigure.get(r.figure), [r.dom]: { bytes: r.bytes, ms: r.ms } });
  const lines = ["| figure | bytes | ms (linkedom) | ms (jsdom) |", "|---|---:|---:|---:|"];
  for (const [figure, r] of byFigure) {
    lines.push(`| ${figure} | ${r.linkedom.bytes.toLocaleString("en")} | ${r.linkedom.ms.toFixed(1)} | ${r.jsdom.ms.toFixed(1)} |`);
  }
  return lines.join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const argv = process.argv.slice(2);
  const runs = Number(argv[argv.indexOf("--runs") + 1] || 0) || 30;
  const jsonPath = argv.includes("--json") ? argv[argv.indexOf("--json") + 1] : undefined;
  const rows = benchFigures(runs);
  console.log(`Figures: SVG bytes and median render time of ${runs} warm renders (Node ${process.version})\n`);
  console.log(figureBenchTable(rows));
  if (jsonPath) writeFileSync(jsonPath, JSON.stringify(rows, null, 2));
  console.log(`\n${ringWritingTable()}`);
  console.log(`\n${contouringTable(runs)}`);
}

/**
 * The contouring alone, the library's marching squares (figures/isobands.ts) against d3-contour (Plot's
 * own) on the same samples and thresholds: a 71 × 71 grid over each test problem's bounds and 51
 * matplotlib levels, as a 480 px contour figure samples it. Medians of `runs` warm calls each,
 * interleaved, in one process; the ring and vertex counts show both did the same work.
 */
export function contouringTable(runs = 30): string {
  const lines = [
    "| contouring, 71 × 71 grid, 51 levels | marching squares (ours) | d3-contour 4 | ratio | rings (ours / d3's) |",
    "|---|---:|---:|---:|---:|",
  ];
  for (const name of PROBLEM_NAMES) {
    const problem = testProblems[name];
    const n = 71;
    const grid = sampleGrid(problem.objective, problem.bounds[0], problem.bounds[1], n, n, "bench");
    const thresholds = contourLevels(grid.min, grid.max, 50);
    const ours = () => isobandRings(grid.values, n, n, thresholds);
    const d3 = contours().size([n, n]).thresholds(thresholds);
    const theirs = () => d3(Array.from(grid.values));
    const rings = [ours().reduce((a, r) => a + r.length, 0), theirs().reduce((a, c) => a + c.coordinates.reduce((b, polygon) => b + polygon.length, 0), 0)];
    for (let i = 0; i < 5; i++) (ours(), theirs());
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < runs; i++) {
      let t0 = performance.now();
      ours();
      a.push(performance.now() - t0);
      t0 = performance.now();
      theirs();
      b.push(performance.now() - t0);
    }
    const [ma, mb] = [median(a), median(b)];
    lines.push(`| ${name} | ${ma.toFixed(2)} ms | ${mb.toFixed(2)} ms | ${(mb / ma).toFixed(1)}× | ${rings[0]} / ${rings[1]} |`);
  }
  return lines.join("\n");
}

/**
 * Contour figure bytes (480 px, 50 levels) of every test problem with the rings written as fitted
 * cubics only, as polylines only, and the shorter of the two per ring (what the library does).
 */
export function ringWritingTable(): string {
  const lines = ["| contour figure | curves only | polylines only | shorter per ring |", "|---|---:|---:|---:|"];
  const sizes: Record<string, number[]> = {};
  for (const way of ["curves", "polylines", "shorter"] as const) {
    const previous = setRingWriting(way);
    try {
      for (const name of PROBLEM_NAMES) (sizes[name] ??= []).push(Buffer.byteLength(figures.contourFigure(testProblems[name]).svg));
    } finally {
      setRingWriting(previous);
    }
  }
  for (const [name, [curves, polylines, shorter]] of Object.entries(sizes)) {
    lines.push(`| ${name} | ${(curves / 1024).toFixed(1)} KB | ${(polylines / 1024).toFixed(1)} KB | ${(shorter / 1024).toFixed(1)} KB |`);
  }
  return lines.join("\n");
}
