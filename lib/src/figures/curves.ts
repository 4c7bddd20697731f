/**
 * Line charts over iterations, for one run or several compared: the objective value (optionally on a log
 * scale), each coordinate, and the effective step size per coordinate (see {@link traceRun}). Plot draws
 * the axes and lines; series are told apart by colour and by dash, and named in a legend.
 */
import * as Plot from "@observablehq/plot";
import { checkKnownKeys, checkPositive, describe } from "../errors.js";
import { renderDocument, serializeSvg } from "./dom.js";
import { makeFigure, type Figure, type RenderDocument } from "./figure.js";
import { swatchLegendMark, titleMark } from "./marks.js";

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
  /** Log scale for the values. Default false for objectiveCurve and coordinateCurves, true for step sizes. */
  log?: boolean;
  /** Figure width in px. Default 480. */
  width?: number;
  /** Figure height in px. Default 300. */
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

/** Observable 10, Plot's default categorical colours. */
const SERIES_COLORS = ["#4269d0", "#efb118", "#ff725c", "#6cc5b0", "#3ca951", "#ff8ab7", "#a463f2", "#97bbf5", "#9c6b4e", "#9498a0"];
/** Dashes so that series differ without colour too. */
const SERIES_DASHES = [undefined, "6 3", "2 2", "8 3 2 3", "4 4"];

interface Series {
  label: string;
  color: string;
  dash?: string;
  run: CurveRun;
}

function seriesOf(where: string, runs: CurveRun | readonly CurveRun[], need: keyof CurveRun): Series[] {
  const list = Array.isArray(runs) ? runs : [runs as CurveRun];
  if (list.length === 0) throw new TypeError(`${where}: give at least one run`);
  return list.map((run, i) => {
    if (run === null || typeof run !== "object") throw new TypeError(`${where}: runs[${i}] must be a run's result, got ${describe(run)}`);
    const data = run[need] as ArrayLike<unknown> | undefined;
    if (!data || typeof data.length !== "number") {
      const hint = need === "effectiveStepSizes" ? " (record it with traceRun)" : "";
      throw new TypeError(`${where}: runs[${i}] has no ${need}${hint}`);
    }
    const label = run.label ?? (list.length > 1 ? `run ${i + 1}` : "");
    if (typeof label !== "string") throw new TypeError(`${where}: runs[${i}].label must be a string`);
    return { label, color: SERIES_COLORS[i % SERIES_COLORS.length], dash: SERIES_DASHES[i % SERIES_DASHES.length], run };
  });
}

const SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";

/** 10⁻³ for 0.001; "" for values that are not powers of ten (minor ticks). */
function powerOfTen(value: number): string {
  const exponent = Math.round(Math.log10(value));
  if (Math.abs(value / 10 ** exponent - 1) > 1e-9) return "";
  if (exponent === 0) return "1";
  if (exponent === 1) return "10";
  return "10" + (exponent < 0 ? "⁻" : "") + String(Math.abs(exponent)).replace(/\d/g, (d) => SUPERSCRIPT[+d]);
}

/** "x", "y" in 2-D (the tutorial's names), else x₁, x₂, …. */
function defaultNames(dimension: number): string[] {
  if (dimension === 2) return ["x", "y"];
  return Array.from({ length: dimension }, (_, i) => `x${String(i + 1).replace(/\d/g, (d) => "₀₁₂₃₄₅₆₇₈₉"[+d])}`);
}

function checkCommon(where: string, options: CurveOptions, extra: string[] = []) {
  if (options === null || typeof options !== "object") throw new TypeError(`${where}: options must be an object, got ${describe(options)}`);
  checkKnownKeys(where, options, [...CURVE_OPTIONS, ...extra]);
  if (options.width !== undefined) checkPositive(where, "width", options.width);
  if (options.height !== undefined) checkPositive(where, "height", options.height);
  if (options.log !== undefined && typeof options.log !== "boolean") throw new TypeError(`${where}: log must be true or false`);
}

interface Point {
  t: number;
  value: number;
  /** The coordinate the point belongs to (0 for single-valued curves). */
  line: number;
}

/**
 * Draws one line per series and per coordinate with Plot, iterations on x, values on y (log when asked;
 * non-positive values are left out there, as a log scale cannot show them). Lines of one run share its
 * colour and dash; with several coordinates each line is named at its end.
 */
function lineChart(
  series: Series[],
  points: (s: Series) => Point[],
  options: CurveOptions,
  defaults: { title: string; yLabel: string; log: boolean; lineNames?: readonly string[]; rules?: number[]; xLabel?: string },
): Figure {
  const log = options.log ?? defaults.log;
  const names = defaults.lineNames;
  const title = options.title !== undefined ? options.title : defaults.title;
  const legend = series.length > 1 || series.some((s) => s.label);
  const top = (title ? 30 : 10) + (legend ? 18 : 0);
  const width = options.width ?? 480;
  const height = options.height ?? 300;
  const marks: Plot.Markish[] = [];
  if (defaults.rules?.length) {
    marks.push(Plot.ruleY(defaults.rules, { stroke: "currentColor", strokeOpacity: 0.5, strokeDasharray: "3 3" }));
  }
  const all = series.map((s) => points(s).filter((p) => Number.isFinite(p.value) && (!log || p.value > 0)));
  series.forEach((s, i) => {
    marks.push(Plot.line(all[i], { x: "t", y: "value", z: "line", stroke: s.color, strokeWidth: 1.75, strokeDasharray: s.dash }));
  });
  const values = all.flat().map((p) => p.value);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  if (names && names.length > 1) {
    // Each coordinate named once, at the end of the first run's line; labels pushed apart vertically
    // (positions estimated from the value range) so that lines ending together stay readable.
    const ends = names.map((_, c) => all[0].filter((p) => p.line === c).at(-1)).filter((p): p is Point => p !== undefined);
    const inner = height - top - 36;
    const pixel = (v: number) => (log ? (Math.log(hi) - Math.log(v)) / (Math.log(hi) - Math.log(lo) || 1) : (hi - v) / (hi - lo || 1)) * inner;
    const placed = ends.map((p) => ({ p, y: pixel(p.value), dy: 0 })).sort((a, b) => a.y - b.y);
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
  marks.push(swatchLegendMark(series, (title ? 30 : 10) + 6));
  marks.push(titleMark(title));
  const document = renderDocument(options.document);
  const svg = Plot.plot({
    document,
    width,
    height,
    marginTop: top,
    marginLeft: 56,
    marginRight: names && names.length > 1 ? 36 : 20,
    marginBottom: 36,
    x: { label: defaults.xLabel ?? "iteration t", labelAnchor: "center", labelArrow: "none" },
    y: {
      type: log ? "log" : "linear",
      label: options.yLabel ?? defaults.yLabel,
      labelAnchor: "center",
      labelArrow: "none",
      grid: true,
      ticks: log ? undefined : 5,
      // Over several decades only powers of ten are labelled (10⁻³); over a few, d3's log labels.
      tickFormat: log ? (hi / lo >= 100 ? powerOfTen : "~g") : undefined,
      nice: !log,
    },
    marks,
  } as Plot.PlotOptions) as unknown as Element;
  return makeFigure({ kind: "curves", svg: serializeSvg(svg), width, height });
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
  return lineChart(series, (s) => Array.from(s.run.scores!, (value, t) => ({ t, value, line: 0 })), options, {
    title: "Objective value by iteration",
    yLabel: "f(x, y)",
    log: false,
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
    series,
    (s) => {
      const out: Point[] = [];
      const solutions = s.run.solutions!;
      for (let c = 0; c < dimension; c++) for (let t = 0; t < solutions.length; t++) out.push({ t, value: solutions[t][c], line: c });
      return out;
    },
    options,
    { title: "Coordinates by iteration", yLabel: "coordinate", log: false, lineNames: names, rules },
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
    series,
    (s) => {
      const out: Point[] = [];
      const steps = s.run.effectiveStepSizes!;
      for (let c = 0; c < dimension; c++) for (let t = 0; t < steps.length; t++) out.push({ t, value: steps[t][c], line: c });
      return out;
    },
    options,
    { title: "Effective step size α / (√v̂ + ε) by iteration", yLabel: "step size", log: true, lineNames: names },
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
    seriesOf(where, runs, "scores"),
    (s) => Array.from(s.run.scores!, (value, k) => ({ t: s.run.solutions![k][0], value, line: 0 })),
    options,
    { title: "", yLabel: "value", log: false, xLabel: options.xLabel ?? "t", rules: options.rules ? [...options.rules] : undefined },
  );
}
