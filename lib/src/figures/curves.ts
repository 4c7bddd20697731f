/**
 * Line charts over iterations, for one run or several compared: the objective value (optionally on a log
 * scale), each coordinate, and the effective step size per coordinate (see {@link traceRun}). Plot draws
 * the axes and lines; series are told apart by colour and by dash, and named in a legend. Iterations are
 * counted as the tutorial's progress lines count them (`>0` … `>99`): a run's `scores[t]`, the value
 * after update t + 1 of the notation, stands at t, and the axis label says so.
 */
import * as Plot from "@observablehq/plot";
import { format as d3format, ticks as niceTicks } from "d3";
import { checkKnownKeys, describe } from "../errors.js";
import { renderDocument, serializeSvg } from "./dom.js";
import { makeFigure, type Figure, type RenderDocument } from "./figure.js";
import { checkOptionalPixels } from "./limits.js";
import { swatchLegendMark, titleMark } from "./marks.js";
import { simplifyLine } from "./pathdata.js";
import { assignStyles, OPTIMIZER_STYLES, SERIES_STYLES, type SeriesStyle } from "./style.js";
import { logAxisDomain, logTickFormat, logTicks } from "./ticks.js";
import { plainText, sentences, seriesLook, spoken } from "./words.js";

/** What the curves read from a run; a run's result (or a {@link TracedRun}) fits, plus a label. */
export interface CurveRun {
  /** Legend label. Default "run 1", "run 2", … (none shown for a single unlabelled run). */
  label?: string;
  /** objective value after each iteration (a run's `scores`). */
  scores?: ArrayLike<number>;
  /** point after each iteration (a run's `solutions`). */
  solutions?: ArrayLike<ArrayLike<number>>;
  /** effective step size per coordinate after each iteration (a traced run's). */
  effectiveStepSizes?: ArrayLike<ArrayLike<number>>;
}

/** Options shared by the line charts. */
export interface CurveOptions {
  /** Log scale for the values (the axis label says so). Default false for objectiveCurve and coordinateCurves, true for step sizes. */
  log?: boolean;
  /** Figure width in px, 100 to 4000. Default 480. */
  width?: number;
  /** Figure height in px, 100 to 4000. Default 300. */
  height?: number;
  /** Title; a default naming the quantity; null for none. */
  title?: string | null;
  /** Label of the value axis. */
  yLabel?: string;
  /** DOM to render with; default a shared linkedom document. */
  document?: RenderDocument;
}

/** Options of {@link coordinateCurves}. */
export interface CoordinateCurveOptions extends CurveOptions {
  /** Names of the coordinates, written at the end of their lines. Default "x", "y" for 2-D, else "x₁", "x₂", …. */
  names?: readonly string[];
  /** The minimizer: its coordinates are drawn as dashed rules. */
  minimum?: ArrayLike<number>;
}

const CURVE_OPTIONS = ["log", "width", "height", "title", "yLabel", "document"];

interface Series {
  label: string;
  color: string;
  dash?: string;
  run: CurveRun;
}

const sameLook = (a: SeriesStyle, b: SeriesStyle) => a.color === b.color && a.dash === b.dash;

function seriesOf(where: string, runs: CurveRun | readonly CurveRun[], need: keyof CurveRun): Series[] {
  const list = Array.isArray(runs) ? runs : [runs as CurveRun];
  if (list.length === 0) throw new TypeError(`${where}: give at least one run`);
  const checked = list.map((run, i) => {
    if (run === null || typeof run !== "object") throw new TypeError(`${where}: runs[${i}] must be a run's result, got ${describe(run)}`);
    const data = run[need] as ArrayLike<unknown> | undefined;
    if (!data || typeof data.length !== "number") {
      const hint = need === "effectiveStepSizes" ? " (record it with traceRun)" : "";
      throw new TypeError(`${where}: runs[${i}] has no ${need}${hint}`);
    }
    const label = run.label ?? (list.length > 1 ? `run ${i + 1}` : "");
    if (typeof label !== "string") throw new TypeError(`${where}: runs[${i}].label must be a string`);
    return { label, run };
  });
  // One look per optimizer across the series (AMSGrad blue, Adam black dashed, …), whatever the order.
  const looks = assignStyles(checked.map((c) => c.label), (name) => OPTIMIZER_STYLES[name].series, SERIES_STYLES, sameLook);
  return checked.map(({ label, run }, i) => ({ label, color: looks[i].color, dash: looks[i].dash, run }));
}

/** "x", "y" in 2-D (the tutorial's names), else x₁, x₂, …. */
function defaultNames(dimension: number): string[] {
  if (dimension === 2) return ["x", "y"];
  return Array.from({ length: dimension }, (_, i) => `x${String(i + 1).replace(/\d/g, (d) => "₀₁₂₃₄₅₆₇₈₉"[+d])}`);
}

function checkCommon(where: string, options: CurveOptions, extra: string[] = []) {
  if (options === null || typeof options !== "object") throw new TypeError(`${where}: options must be an object, got ${describe(options)}`);
  checkKnownKeys(where, options, [...CURVE_OPTIONS, ...extra]);
  checkOptionalPixels(where, "width", options.width);
  checkOptionalPixels(where, "height", options.height);
  if (options.log !== undefined && typeof options.log !== "boolean") throw new TypeError(`${where}: log must be true or false`);
  for (const name of ["title", "yLabel"] as const) {
    const value = options[name];
    if (value !== undefined && value !== null && typeof value !== "string") throw new TypeError(`${where}: ${name} must be a string, got ${describe(value)}`);
  }
}

interface Point {
  t: number;
  value: number;
  /** The coordinate the point belongs to (0 for single-valued curves). */
  line: number;
}

/** px per character of Plot's 10 px tick labels, generously. */
const CHAR = 6.2;

/**
 * The points of one line as Plot needs them to draw it within a quarter pixel: all of them when there are
 * few, else the Douglas–Peucker selection in (approximate) pixel units. A 150,000-iteration run then
 * costs a few kilobytes of SVG, not megabytes, and looks the same.
 */
function drawnPoints(points: Point[], px: (t: number) => number, py: (v: number) => number, innerWidth: number): Point[] {
  if (points.length <= 2 * innerWidth) return points;
  const flat = new Float64Array(2 * points.length);
  for (let i = 0; i < points.length; i++) {
    flat[2 * i] = px(points[i].t);
    flat[2 * i + 1] = py(points[i].value);
  }
  // simplifyLine keeps a subset of the points; find each kept one again by walking forward.
  const kept = simplifyLine(flat, 0.25);
  const out: Point[] = [];
  let i = 0;
  for (let k = 0; k < kept.length; k += 2) {
    while (i < points.length && !(flat[2 * i] === kept[k] && flat[2 * i + 1] === kept[k + 1])) i++;
    if (i < points.length) out.push(points[i++]);
  }
  return out;
}

/**
 * The horizontal axis of the charts over a run's iterations: t as the tutorial's progress lines print it,
 * from 0 (`>0` is the point after the first update, x₁ of the notation, which counts from 1), as the label
 * says and the words repeat.
 */
const ITERATIONS = {
  label: "iteration t (the tutorial's >t, from 0)",
  words: "iteration t",
  note: "the tutorial's >t: 0 is the point after the first update",
};

/** Smallest and largest of a field over every point, by a loop (spreading 150,000 values overflows the stack). */
function extent(lists: readonly Point[][], field: "t" | "value"): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const list of lists) {
    for (const p of list) {
      const v = p[field];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return [lo, hi];
}

/** Plot's default labels of a linear axis (d3's ",f" formats): the widest one, in characters. */
function widestTick(lo: number, hi: number, count: number): number {
  const values = niceTicks(lo, hi, count);
  const step = values.length > 1 ? values[1] - values[0] : 1;
  const format = d3format(`,.${Math.max(0, Math.min(20, -Math.floor(Math.log10(step) + 1e-9)))}f`);
  return Math.max(1, ...values.map((v) => format(v).length));
}

/**
 * Draws one line per series and per coordinate with Plot, iterations on x, values on y (log when asked;
 * non-positive values are left out there, as a log scale cannot show them, and the words say how many).
 * Lines of one run share its look; with several coordinates each line is named at its end. Margins make
 * room for the widest tick labels, so that none is cut at the figure's edge.
 */
function lineChart(
  where: string,
  series: Series[],
  points: (s: Series) => Point[],
  options: CurveOptions,
  defaults: { title: string; yLabel: string; log: boolean; lineNames?: readonly string[]; rules?: number[]; xLabel?: string; quantity: string },
): Figure {
  const log = options.log ?? defaults.log;
  const names = defaults.lineNames;
  const title = options.title !== undefined ? options.title : defaults.title;
  const legend = series.length > 1 || series.some((s) => s.label);
  const top = (title ? 30 : 10) + (legend ? 18 : 0);
  const width = options.width ?? 480;
  const height = options.height ?? 300;
  const xLabel = defaults.xLabel ?? ITERATIONS.label;
  const xNote = defaults.xLabel === undefined ? ITERATIONS.note : undefined;
  const yLabel = (options.yLabel ?? defaults.yLabel) + (log ? " (log scale)" : "");
  let leftOut = 0;
  const all = series.map((s) =>
    points(s).filter((p) => {
      const shown = Number.isFinite(p.value) && (!log || p.value > 0);
      if (!shown) leftOut++;
      return shown;
    }),
  );
  const [lo, hi] = extent(all, "value");
  const [t0, t1] = extent(all, "t");
  if (!(lo <= hi)) {
    throw new RangeError(`${where}: there is nothing to draw: no value is finite${log ? " and above 0 (a log scale shows only those)" : ""}`);
  }
  // Room for the widest labels: the last x tick's half width past the plot, the y ticks left of it.
  const marginRight = Math.max(names && names.length > 1 ? 36 : 20, Math.ceil((CHAR * widestTick(t0, t1, width / 80)) / 2) + 4);
  const marginLeft = log ? 56 : Math.max(56, Math.ceil(CHAR * widestTick(lo, hi, 5)) + 22);
  const innerWidth = width - marginLeft - marginRight;
  const innerHeight = height - top - 36;
  if (!(innerWidth > 10 && innerHeight > 10)) throw new RangeError(`${where}: width ${width} × height ${height} leaves no room for the plot`);
  const px = (t: number) => ((t - t0) / (t1 - t0 || 1)) * innerWidth;
  // A log axis reaches the labelled values around the data (0.011 → 0.01), so that no value lies below its lowest label.
  const [axisLo, axisHi] = log ? logAxisDomain(lo, hi) : [lo, hi];
  const py = log
    ? (v: number) => ((Math.log(v) - Math.log(axisLo)) / (Math.log(axisHi) - Math.log(axisLo) || 1)) * innerHeight
    : (v: number) => ((v - lo) / (hi - lo || 1)) * innerHeight;
  const marks: Plot.Markish[] = [];
  if (defaults.rules?.length) {
    marks.push(Plot.ruleY(defaults.rules, { stroke: "currentColor", strokeOpacity: 0.5, strokeDasharray: "3 3" }));
  }
  series.forEach((s, i) => {
    const byLine = new Map<number, Point[]>();
    for (const p of all[i]) {
      let list = byLine.get(p.line);
      if (!list) byLine.set(p.line, (list = []));
      list.push(p);
    }
    const drawn = [...byLine.values()].flatMap((list) => drawnPoints(list, px, py, innerWidth));
    marks.push(Plot.line(drawn, { x: "t", y: "value", z: "line", stroke: s.color, strokeWidth: 1.75, strokeDasharray: s.dash }));
  });
  if (names && names.length > 1) {
    // Each coordinate named once, at the end of the first run's line; labels pushed apart vertically
    // (positions estimated from the value range) so that lines ending together stay readable.
    const last = new Map<number, Point>();
    for (const p of all[0]) last.set(p.line, p);
    const ends = names.map((_, c) => last.get(c)).filter((p): p is Point => p !== undefined);
    const placed = ends.map((p) => ({ p, y: innerHeight - py(p.value), dy: 0 })).sort((a, b) => a.y - b.y);
    for (let k = 1; k < placed.length; k++) {
      const previous = placed[k - 1].y + placed[k - 1].dy;
      if (placed[k].y + placed[k].dy < previous + 11) placed[k].dy = previous + 11 - placed[k].y;
    }
    // Centre the stack of labels on the lines they name.
    const shift = placed.length ? placed.reduce((sum, q) => sum + q.dy, 0) / placed.length : 0;
    for (const q of placed) {
      marks.push(Plot.text([q.p], { x: "t", y: "value", text: () => names[q.p.line], dx: 5, dy: Math.round(q.dy - shift), textAnchor: "start" }));
    }
  }
  if (log) {
    // The log axis drawn here rather than by the scale: Plot sends a scale's labels through d3's log
    // tickFormat(count), which blanks most of them on a short axis (the regret chart had none below 0.1).
    const values = logTicks(axisLo, axisHi);
    const format = logTickFormat(axisLo, axisHi);
    marks.push(Plot.gridY(values, { stroke: "currentColor", strokeOpacity: 0.1 }));
    marks.push(Plot.axisY(values, { text: (v: number) => format(v), label: yLabel, labelAnchor: "center", labelArrow: "none" }));
  }
  marks.push(swatchLegendMark(series, (title ? 30 : 10) + 6));
  marks.push(titleMark(title));
  const document = renderDocument(options.document);
  const svg = Plot.plot({
    document,
    width,
    height,
    marginTop: top,
    marginLeft,
    marginRight,
    marginBottom: 36,
    x: { label: xLabel, labelAnchor: "center", labelArrow: "none" },
    y: log
      ? { type: "log", domain: [axisLo, axisHi], axis: null }
      : { type: "linear", label: yLabel, labelAnchor: "center", labelArrow: "none", grid: true, ticks: 5, nice: true },
    marks,
  } as Plot.PlotOptions) as unknown as Element;
  const name = plainText(title ? `Line chart: ${title}` : `Line chart of ${yLabel}`);
  const description = describeLines(series, all, names, {
    quantity: defaults.quantity,
    xWords: defaults.xLabel ?? ITERATIONS.words,
    xNote,
    log,
    range: [lo, hi],
    span: [t0, t1],
    leftOut,
  });
  return makeFigure({ kind: "curves", svg: serializeSvg(svg, { title: name, description }), width, height, name, description });
}

/** The words of a line chart: its axes, then each series (and coordinate) from its first value to its last. */
function describeLines(
  series: readonly Series[],
  all: readonly Point[][],
  names: readonly string[] | undefined,
  facts: { quantity: string; xWords: string; xNote?: string; log: boolean; range: [number, number]; span: [number, number]; leftOut: number },
): string {
  const parts = [
    `Line chart of ${plainText(facts.quantity)} over ${plainText(facts.xWords)} from ${spoken(facts.span[0])} to ${spoken(facts.span[1])}` +
      (facts.xNote ? ` (${facts.xNote})` : "") +
      `${facts.log ? ", on a log scale" : ""}; values from ${spoken(facts.range[0])} to ${spoken(facts.range[1])}`,
  ];
  const MAX_LINES = 6;
  series.forEach((s, i) => {
    const firsts = new Map<number, Point>();
    const lasts = new Map<number, Point>();
    for (const p of all[i]) {
      if (!firsts.has(p.line)) firsts.set(p.line, p);
      lasts.set(p.line, p);
    }
    const lines = [...firsts.keys()];
    const clauses = lines.slice(0, MAX_LINES).map((line) => {
      const a = firsts.get(line)!;
      const b = lasts.get(line)!;
      const what = names && names.length > 1 ? `${plainText(names[line] ?? "")} ` : "";
      return `${what}from ${spoken(a.value)} at ${spoken(a.t)} to ${spoken(b.value)} at ${spoken(b.t)}`;
    });
    if (lines.length > MAX_LINES) clauses.push(`and ${lines.length - MAX_LINES} more lines`);
    const label = s.label ? plainText(s.label) : "the run";
    parts.push(`${label} (${seriesLook(s)}): ${clauses.join("; ") || "no values shown"}`);
  });
  if (facts.leftOut > 0) parts.push(`${facts.leftOut} values that are not finite${facts.log ? " or not above 0" : ""} are left out`);
  return sentences(parts);
}

/**
 * The objective value after each iteration, one line per run: how fast each search descends.
 *
 * Default linear scale; `log: true` shows the tail (values ≤ 0 are left out there). 480 × 300 px.
 *
 * @example
 * show(objectiveCurve([{ label: "AMSGrad", ...a }, { label: "Adam", ...b }], { log: true }));
 */
export function objectiveCurve(runs: CurveRun | readonly CurveRun[], options: CurveOptions = {}): Figure {
  const where = "objectiveCurve";
  checkCommon(where, options);
  const series = seriesOf(where, runs, "scores");
  return lineChart(where, series, (s) => Array.from(s.run.scores!, (value, t) => ({ t, value, line: 0 })), options, {
    title: "Objective value by iteration",
    yLabel: "f(x, y)",
    log: false,
    quantity: "the objective value",
  });
}

/**
 * Each coordinate of the point after each iteration: one line per coordinate and run (a run's lines share
 * its colour and dash and are named at their ends), with the minimizer's coordinates as dashed rules when
 * `minimum` is given.
 *
 * @example
 * show(coordinateCurves([{ label: "AMSGrad", ...a }], { minimum: bowl.minimum }));
 */
export function coordinateCurves(runs: CurveRun | readonly CurveRun[], options: CoordinateCurveOptions = {}): Figure {
  const where = "coordinateCurves";
  checkCommon(where, options, ["names", "minimum"]);
  const series = seriesOf(where, runs, "solutions");
  const dimension = Math.max(...series.map((s) => s.run.solutions![0]?.length ?? 0));
  if (!(dimension >= 1)) throw new TypeError(`${where}: the runs have no points`);
  const names = options.names ?? defaultNames(dimension);
  if (names.length !== dimension) throw new RangeError(`${where}: names has ${names.length} entries for ${dimension} coordinates`);
  const rules = options.minimum ? [...new Set(Array.from({ length: dimension }, (_, i) => options.minimum![i]))] : undefined;
  return lineChart(
    where,
    series,
    (s) => {
      const out: Point[] = [];
      const solutions = s.run.solutions!;
      for (let c = 0; c < dimension; c++) for (let t = 0; t < solutions.length; t++) out.push({ t, value: solutions[t][c], line: c });
      return out;
    },
    options,
    { title: "Coordinates by iteration", yLabel: "coordinate", log: false, lineNames: names, rules, quantity: "each coordinate" },
  );
}

/**
 * The effective step size α / (√v̂ + ε) per coordinate after each iteration (the factor on m in the
 * update; see {@link traceRun}), one line per coordinate and run, on a log scale by
 * default. AMSGrad's never grows (v̂ is a running maximum); Adam's can, when gradients shrink.
 *
 * @example
 * const a = traceRun(amsgrad, objective, derivative, { bounds: bowl.bounds });
 * const b = traceRun(adam, objective, derivative, { bounds: bowl.bounds });
 * show(effectiveStepSizeCurve([a, b]));
 */
export function effectiveStepSizeCurve(runs: CurveRun | readonly CurveRun[], options: CoordinateCurveOptions = {}): Figure {
  const where = "effectiveStepSizeCurve";
  checkCommon(where, options, ["names"]);
  const series = seriesOf(where, runs, "effectiveStepSizes");
  const dimension = Math.max(...series.map((s) => s.run.effectiveStepSizes![0]?.length ?? 0));
  if (!(dimension >= 1)) throw new TypeError(`${where}: the runs have no iterations`);
  const names = options.names ?? defaultNames(dimension);
  if (names.length !== dimension) throw new RangeError(`${where}: names has ${names.length} entries for ${dimension} coordinates`);
  return lineChart(
    where,
    series,
    (s) => {
      const out: Point[] = [];
      const steps = s.run.effectiveStepSizes!;
      for (let c = 0; c < dimension; c++) for (let t = 0; t < steps.length; t++) out.push({ t, value: steps[t][c], line: c });
      return out;
    },
    options,
    { title: "Effective step size α / (√v̂ + ε) by iteration", yLabel: "step size", log: true, lineNames: names, quantity: "the effective step size α / (√v̂ + ε) of each coordinate" },
  );
}

/** One line of {@link seriesChart}: values `y[k]` at positions `x[k]`. */
export interface ChartSeries {
  /** Legend label. */
  label: string;
  /** Positions along the horizontal axis (e.g. the steps t at which a value was recorded). */
  x: ArrayLike<number>;
  /** The values, as many as `x`. */
  y: ArrayLike<number>;
}

/** Options of {@link seriesChart}. */
export interface SeriesChartOptions extends CurveOptions {
  /** Label of the horizontal axis. Default "t". */
  xLabel?: string;
  /** Values drawn as dashed horizontal rules (e.g. the feasible interval's ends). */
  rules?: readonly number[];
}

/**
 * Any series over a shared horizontal axis, one line each, in the style of the other curves: for
 * quantities that are not a run's scores or coordinates, such as an online run's iterate x_t or its
 * average regret R_t / t (see `runOnline`). Default linear scale, 480 × 300 px.
 *
 * @example
 * const a = runOnline(counterexample, adamOptimizer(paper)), b = runOnline(counterexample, amsgradOptimizer(paper));
 * show(seriesChart([{ label: "Adam", x: a.t, y: a.x }, { label: "AMSGrad", x: b.t, y: b.x }], { yLabel: "x_t", rules: [-1, 1] }));
 */
export function seriesChart(series: readonly ChartSeries[], options: SeriesChartOptions = {}): Figure {
  const where = "seriesChart";
  checkCommon(where, options, ["xLabel", "rules"]);
  if (!Array.isArray(series) || series.length === 0) throw new TypeError(`${where}: give at least one series, got ${describe(series)}`);
  const runs: CurveRun[] = series.map((line: ChartSeries, i: number): CurveRun => {
    if (line === null || typeof line !== "object" || typeof line.label !== "string") {
      throw new TypeError(`${where}: series[${i}] must be { label, x, y }, got ${describe(line)}`);
    }
    if (!line.x || !line.y || line.x.length !== line.y.length) {
      throw new RangeError(`${where}: series[${i}] needs x and y of one length, got ${line.x?.length} and ${line.y?.length}`);
    }
    return { label: line.label, scores: line.y, solutions: Array.from(line.x, (x: number) => [x]) };
  });
  if (options.xLabel !== undefined && typeof options.xLabel !== "string") throw new TypeError(`${where}: xLabel must be a string`);
  return lineChart(
    where,
    seriesOf(where, runs, "scores"),
    (s) => Array.from(s.run.scores!, (value, k) => ({ t: s.run.solutions![k][0], value, line: 0 })),
    options,
    { title: "", yLabel: "value", log: false, xLabel: options.xLabel ?? "t", rules: options.rules ? [...options.rules] : undefined, quantity: options.yLabel ?? "the values" },
  );
}
