/**
 * The explorer's drawing as SVG path data and small markup strings, from a run's buffers. No DOM: Node
 * writes the first drawing into the markup (what shows where scripts do not run), the page rewrites the
 * same attributes at every change, with the same functions, so both are identical.
 *
 * Path coordinates are absolute and rounded to 0.01 px on the contour (tests read them back and compare
 * with the library's solutions through the same scales) and to 0.1 px on the charts.
 */
import { pixelX, pixelY, type Frame } from "../figures/figure.js";
import { decadeLabel } from "../figures/powers.js";
import type { RunBuffers } from "./compute.js";

/** The contour figure's plot area (data domains and pixel box), as the figures define it. */
export type { Frame };

/** The pixel box of one small chart (objective, step size). */
export interface ChartGeometry {
  width: number;
  height: number;
  marginTop: number;
  marginRight: number;
  marginBottom: number;
  marginLeft: number;
}

/** The charts' size: two of them stack beside a 420 px contour; the right margin holds the lines' names. */
export const CHART: Readonly<ChartGeometry> = Object.freeze({
  width: 340,
  height: 150,
  marginTop: 20,
  marginRight: 22,
  marginBottom: 20,
  marginLeft: 46,
});

/** Paths with more points than this are drawn as a line only, without a dot per iterate. */
export const MAX_DOTS = 1000;

export { dataX, dataY, pixelX, pixelY } from "../figures/figure.js";

/** Hundredths of a pixel: the precision of the live path on the contour. */
function hundredths(v: number): number {
  return Math.round(v * 100) / 100;
}

/** Tenths of a pixel: the precision of dots and charts. */
function tenths(v: number): number {
  return Math.round(v * 10) / 10;
}

/**
 * How pixel points become path data. The page writes absolute coordinates (fast to write, easy to read
 * back in tests); Node's first drawing, which is stored in the notebook, uses the figures' compact relative
 * form instead (see markup.ts).
 */
export interface PathFormat {
  /**
   * A polyline through `count` points of `points` (flat [x0, y0, x1, y1, …]), as one or more path data
   * strings: consecutive pieces share their end point, so together they draw the whole line.
   */
  line(points: Float64Array, count: number): string[];
  /** A dot at each of the points `from … count − 1`. */
  dots(points: Float64Array, from: number, count: number): string;
  /** A chart series (already at most a few hundred points). */
  chart(points: Float64Array, count: number): string;
}

/**
 * Segments per path element of a long line. Chromium rasterizes one path of 10,000 zig-zagging segments
 * several times slower than 20 paths of 500 (measured: about 150 ms against 30 ms a frame for Adam's path
 * on Rosenbrock), so the page splits lines into pieces.
 */
export const LINE_PIECE = 500;

/**
 * The page's format: "M x y L x y x y …" with the contour path at 0.01 px in pieces of {@link LINE_PIECE}
 * segments, dots ("M x yh0", drawn by round caps) and charts at 0.1 px.
 */
export const LIVE_FORMAT: PathFormat = {
  line(points, count) {
    if (count === 0) return [];
    const pieces: string[] = [];
    for (let first = 0; first === 0 || first < count - 1; first += LINE_PIECE) {
      const last = Math.min(count - 1, first + LINE_PIECE);
      let d = "M" + hundredths(points[2 * first]) + " " + hundredths(points[2 * first + 1]);
      if (last > first) d += "L";
      for (let i = first + 1; i <= last; i++) {
        d += (i === first + 1 ? "" : " ") + hundredths(points[2 * i]) + " " + hundredths(points[2 * i + 1]);
      }
      pieces.push(d);
    }
    return pieces;
  },
  dots(points, from, count) {
    let d = "";
    for (let i = from; i < count; i++) d += "M" + tenths(points[2 * i]) + " " + tenths(points[2 * i + 1]) + "h0";
    return d;
  },
  chart(points, count) {
    if (count === 0) return "";
    let d = "M" + tenths(points[0]) + " " + tenths(points[1]);
    if (count === 1) return d + "h0";
    d += "L";
    for (let i = 1; i < count; i++) d += (i === 1 ? "" : " ") + tenths(points[2 * i]) + " " + tenths(points[2 * i + 1]);
    return d;
  },
};

/** Scratch space for pixel points, reused by every drawing (a redraw writes its strings before the next). */
let scratch = new Float64Array(4096);

function room(points: number): Float64Array {
  if (scratch.length < 2 * points) scratch = new Float64Array(Math.max(2 * points, 2 * scratch.length));
  return scratch;
}

/**
 * The search path in pixels: the start, then every iterate (`points[2t + 2]`, `points[2t + 3]` is
 * solutions[t] through the frame's scales). Returns the number of points, `run.length + 1`.
 */
export function pathPoints(run: RunBuffers, frame: Frame, out: Float64Array): number {
  out[0] = pixelX(frame, run.startX);
  out[1] = pixelY(frame, run.startY);
  const { xs, ys, length } = run;
  for (let t = 0; t < length; t++) {
    out[2 * t + 2] = pixelX(frame, xs[t]);
    out[2 * t + 3] = pixelY(frame, ys[t]);
  }
  return length + 1;
}

/** A log10 domain [lo, hi] (whole decades) covering every positive value of the series. */
export interface LogDomain {
  lo: number;
  hi: number;
}

/** Smallest and largest positive values of `values[from … to − 1]`, folded into `acc`. */
function foldPositive(values: Float64Array, from: number, to: number, acc: [number, number]): void {
  let min = acc[0];
  let max = acc[1];
  for (let i = from; i < to; i++) {
    const v = values[i];
    if (v > 0) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  acc[0] = min;
  acc[1] = max;
}

/**
 * The decades spanned by the positive values of the given series (each `[values, count]`); at least one
 * decade. Values ≤ 0 (an objective that reached exactly 0) are drawn on the bottom edge.
 */
export function logDomain(series: readonly (readonly [Float64Array, number])[], extra: readonly number[] = []): LogDomain {
  const acc: [number, number] = [Infinity, -Infinity];
  for (const [values, count] of series) foldPositive(values, 0, count, acc);
  for (const v of extra) {
    if (v > 0 && v < acc[0]) acc[0] = v;
    if (v > 0 && v > acc[1]) acc[1] = v;
  }
  if (!(acc[0] <= acc[1])) return { lo: -1, hi: 0 };
  let lo = Math.floor(Math.log10(acc[0]));
  let hi = Math.ceil(Math.log10(acc[1]));
  if (!Number.isFinite(lo)) lo = -324;
  if (!Number.isFinite(hi)) hi = 308;
  if (hi <= lo) hi = lo + 1;
  return { lo, hi };
}

/** The pixel row of a value on a chart's log axis; values ≤ 0 (and below the domain) on the bottom edge. */
function chartY(v: number, domain: LogDomain, chart: ChartGeometry): number {
  const k = v > 0 ? (domain.hi - Math.log10(v)) / (domain.hi - domain.lo) : 1;
  return chart.marginTop + (k < 0 ? 0 : k > 1 ? 1 : k) * (chart.height - chart.marginTop - chart.marginBottom);
}

/**
 * One series of a chart in pixels: value i (of `count`) at iteration `first + i` of `n`, on a log scale,
 * after an optional `leading` value at iteration `first − 1`. With more values than twice the plot's width
 * in pixels, each pixel column keeps its lowest and highest value (what a line through all of them would
 * show), so a series stays a few hundred points long. Returns the number of points written to `out`.
 */
export function chartPoints(
  values: Float64Array,
  count: number,
  first: number,
  n: number,
  domain: LogDomain,
  chart: ChartGeometry,
  leading: number | undefined,
  out: Float64Array,
): number {
  const left = chart.marginLeft;
  const plotWidth = chart.width - chart.marginLeft - chart.marginRight;
  const top = chart.marginTop;
  const plotHeight = chart.height - chart.marginTop - chart.marginBottom;
  const xAt = (i: number) => left + (n > 0 ? (i / n) * plotWidth : 0);
  const yAt = (v: number) => chartY(v, domain, chart);
  let m = 0;
  const point = (x: number, y: number) => {
    out[2 * m] = x;
    out[2 * m + 1] = y;
    m++;
  };
  if (leading !== undefined) point(xAt(first - 1), yAt(leading));
  if (count <= 2 * plotWidth) {
    for (let i = 0; i < count; i++) point(xAt(first + i), yAt(values[i]));
    return m;
  }
  let column = -1;
  let low = 0;
  let high = 0;
  for (let i = 0; i < count; i++) {
    const c = Math.floor(xAt(first + i));
    const y = yAt(values[i]);
    if (c !== column) {
      if (column >= 0) {
        point(column + 0.5, low);
        if (high !== low) point(column + 0.5, high);
      }
      column = c;
      low = high = y;
    } else if (y < low) low = y;
    else if (y > high) high = y;
  }
  point(column + 0.5, low);
  if (high !== low) point(column + 0.5, high);
  return m;
}

/** A chart series as path data in the given format. */
export function chartPath(
  format: PathFormat,
  values: Float64Array,
  count: number,
  first: number,
  n: number,
  domain: LogDomain,
  leading?: number,
): string {
  const out = room(count + 2 * CHART.width + 4);
  return format.chart(out, chartPoints(values, count, first, n, domain, CHART, leading, out));
}

/** Tick labels and grid lines of a chart (log y with decades, iterations along x), as SVG markup. */
export function chartAxes(domain: LogDomain, n: number, chart: ChartGeometry = CHART): string {
  const left = chart.marginLeft;
  const right = chart.width - chart.marginRight;
  const top = chart.marginTop;
  const bottom = chart.height - chart.marginBottom;
  const span = domain.hi - domain.lo;
  // A round number of decades between labels (1, 2, 5, 10, 20, 50, …), at most about five labels.
  const stride = [1, 2, 5, 10, 20, 50, 100, 200, 500].find((s) => span / s <= 5) ?? 1000;
  let s = "";
  for (let k = Math.floor(domain.hi / stride) * stride; k >= domain.lo; k -= stride) {
    const y = tenths(top + ((domain.hi - k) / span) * (bottom - top));
    s += `<line x1="${left}" x2="${right}" y1="${y}" y2="${y}"/>`;
    s += `<text x="${left - 4}" y="${y}" dy=".32em" text-anchor="end">${decadeLabel(k)}</text>`;
  }
  s += `<text x="${left}" y="${bottom + 14}">0</text>`;
  s += `<text x="${right}" y="${bottom + 14}" text-anchor="end">${n} iterations</text>`;
  return s;
}

/** A line of a chart to name at its end: its name, its last value and the class that colours it as its line. */
export interface LineEnd {
  name: string;
  value: number;
  className: string;
}

/**
 * Names written at the right ends of chart lines (the coordinates "x" and "y", as the figures name
 * theirs), pushed apart vertically so that lines ending together stay readable. Each takes its line's
 * colour from its class (the page's style, markup.ts), so that this script carries no colours of its own.
 */
export function lineNames(ends: readonly LineEnd[], domain: LogDomain, chart: ChartGeometry = CHART): string {
  const placed = ends.map((end) => ({ end, y: chartY(end.value, domain, chart) })).sort((a, b) => a.y - b.y);
  // Each name at least 10 px below the one above, the stack moved up by half of what that added.
  let added = 0;
  for (let k = 1; k < placed.length; k++) {
    const y = Math.max(placed[k].y, placed[k - 1].y + 10);
    added += y - placed[k].y;
    placed[k].y = y;
  }
  let s = "";
  for (const { end, y } of placed) {
    s += `<text class="${end.className}" x="${chart.width - chart.marginRight + 4}" y="${tenths(y - added / 2)}" dy=".32em">${end.name}</text>`;
  }
  return s;
}

/** A number for the readout: 6 significant digits, as a reader compares them. */
export function shortNumber(v: number): string {
  if (v === 0) return "0";
  const a = Math.abs(v);
  return a >= 1e-4 && a < 1e6 ? String(Number(v.toPrecision(6))) : v.toExponential(5);
}

/** The readout under the charts: where the run ended and f there, or why it stopped. */
export function readoutText(run: RunBuffers, label: string): string {
  const n = run.length;
  const x = n > 0 ? run.xs[n - 1] : run.startX;
  const y = n > 0 ? run.ys[n - 1] : run.startY;
  const f = n > 0 ? run.scores[n - 1] : run.startScore;
  return `${label}: f = ${shortNumber(f)} at (${shortNumber(x)}, ${shortNumber(y)}) after ${n} iteration${n === 1 ? "" : "s"}`;
}

/** Every attribute and text of one drawing: what the markup starts with and what a redraw writes. */
export interface Drawing {
  /** The AMSGrad path (in pieces, see {@link PathFormat.line}) and its dots, the start marker's centre. */
  line: string[];
  dots: string;
  adamLine: string[];
  adamDots: string;
  startX: number;
  startY: number;
  /** Charts: axes markup and series paths. */
  objectiveAxes: string;
  objective: string;
  objectiveAdam: string;
  stepAxes: string;
  stepX: string;
  stepY: string;
  stepAdamX: string;
  stepAdamY: string;
  /** The readout lines and the library's message when a run stopped early ("" otherwise). */
  readout: string;
  readoutAdam: string;
  stopped: string;
  /** The final point and f there at full precision ("x y" and "f"), for anyone checking the numbers. */
  best: string;
  score: string;
  bestAdam: string;
  scoreAdam: string;
}

/** The step-size chart's lines to name: each run's x and y ("ax-name-a" AMSGrad's, "ax-name-b" Adam's). */
function stepEnds(amsgradRun: RunBuffers, adamRun: RunBuffers | null): LineEnd[] {
  const ends: LineEnd[] = [];
  const add = (run: RunBuffers, className: string) => {
    if (run.length === 0) return;
    ends.push({ name: "x", value: run.stepX[run.length - 1], className }, { name: "y", value: run.stepY[run.length - 1], className });
  };
  add(amsgradRun, "ax-name-a");
  if (adamRun) add(adamRun, "ax-name-b");
  return ends;
}

function finalPoint(run: RunBuffers): [string, string] {
  const n = run.length;
  return n > 0
    ? [`${run.xs[n - 1]} ${run.ys[n - 1]}`, String(run.scores[n - 1])]
    : [`${run.startX} ${run.startY}`, String(run.startScore)];
}

/**
 * The drawing of an AMSGrad run (and an Adam run, or null) of `nIter` iterations on a frame: pure strings,
 * the same in Node and in the page.
 */
export function drawing(
  amsgradRun: RunBuffers,
  adamRun: RunBuffers | null,
  nIter: number,
  frame: Frame,
  format: PathFormat = LIVE_FORMAT,
): Drawing {
  const line = (run: RunBuffers) => {
    const out = room(run.length + 1);
    return format.line(out, pathPoints(run, frame, out));
  };
  const dots = (run: RunBuffers) => {
    if (run.length > MAX_DOTS) return "";
    const out = room(run.length + 1);
    return format.dots(out, 1, pathPoints(run, frame, out));
  };
  const runs = adamRun ? [amsgradRun, adamRun] : [amsgradRun];
  const objectiveDomain = logDomain(
    runs.map((r) => [r.scores, r.length] as const),
    [amsgradRun.startScore],
  );
  const stepDomain = logDomain(runs.flatMap((r) => [[r.stepX, r.length] as const, [r.stepY, r.length] as const]));
  const [best, score] = finalPoint(amsgradRun);
  const [bestAdam, scoreAdam] = adamRun ? finalPoint(adamRun) : ["", ""];
  return {
    line: line(amsgradRun),
    dots: dots(amsgradRun),
    adamLine: adamRun ? line(adamRun) : [],
    adamDots: adamRun ? dots(adamRun) : "",
    startX: hundredths(pixelX(frame, amsgradRun.startX)),
    startY: hundredths(pixelY(frame, amsgradRun.startY)),
    objectiveAxes: chartAxes(objectiveDomain, nIter),
    objective: chartPath(format, amsgradRun.scores, amsgradRun.length, 1, nIter, objectiveDomain, amsgradRun.startScore),
    objectiveAdam: adamRun
      ? chartPath(format, adamRun.scores, adamRun.length, 1, nIter, objectiveDomain, adamRun.startScore)
      : "",
    stepAxes: chartAxes(stepDomain, nIter) + lineNames(stepEnds(amsgradRun, adamRun), stepDomain),
    stepX: chartPath(format, amsgradRun.stepX, amsgradRun.length, 1, nIter, stepDomain),
    stepY: chartPath(format, amsgradRun.stepY, amsgradRun.length, 1, nIter, stepDomain),
    stepAdamX: adamRun ? chartPath(format, adamRun.stepX, adamRun.length, 1, nIter, stepDomain) : "",
    stepAdamY: adamRun ? chartPath(format, adamRun.stepY, adamRun.length, 1, nIter, stepDomain) : "",
    readout: readoutText(amsgradRun, "AMSGrad"),
    readoutAdam: adamRun ? readoutText(adamRun, "Adam") : "",
    stopped: runs.map((r) => r.stopped ?? "").filter(Boolean).join("\n"),
    best,
    score,
    bestAdam,
    scoreAdam,
  };
}
