/**
 * The explorer's HTML, in two parts. What the output holds as HTML is only what survives an HTML sanitizer
 * (an untrusted notebook in JupyterLab, Notebook 7 or classic Notebook 6.4, GitHub's viewer): the first
 * drawing as an `<img>` of an SVG data URI, the readout, the reproducing code and a one-line note on how to
 * bring it to life. Inline SVG, forms and styles would be stripped there, leaving the tick labels as a line
 * of text. The live part (contours, overlay, charts, controls) is markup the page script inserts in place
 * of that fallback when it runs, taking the current contour from the picture instead of storing it twice.
 * Class names are the contract with page.ts. Everything is written with the `html` template (escape.ts),
 * which escapes every interpolated value: only the SVG the figures' serializer wrote is marked `trusted`.
 */
import { deflateSync } from "node:zlib";
import { html, trusted, type SafeHtml } from "../escape.js";
import { dotsPathData, pathData, simplifyLine } from "../figures/pathdata.js";
import { OPTIMIZER_STYLES } from "../figures/style.js";
import { testProblems } from "../objectives.js";
import { ALPHA_SCHEDULES, BETA1_SCHEDULES } from "../optimizer.js";
import type { ContourBackground } from "./background.js";
import { SLIDERS, fieldText } from "./controls.js";
import { CHART, type Drawing, type Frame, type PathFormat } from "./draw.js";
import { SCRUB_CSS, scrubLayer, scrubPanel } from "./scrubber-markup.js";
import { NUMERIC_FIELDS, reproducingCode, type ExplorerSettings, type ProblemName } from "./settings.js";

/** The line shown where the script does not run (an untrusted notebook, GitHub's viewer): how to enable it. */
export const NO_SCRIPT_NOTE =
  "A still picture: to use the sliders, run this cell or trust the notebook (File → Trust Notebook; in JupyterLab, Trust Notebook in the command palette)";

/**
 * The optimizers' looks of every figure (figures/style.ts): AMSGrad white dots joined by a line (the
 * tutorial's `'.-', color='w'`) over the contour and blue in the charts, Adam a thin black dashed line
 * drawn over AMSGrad, so that where the two coincide both show. In the charts colour and dash name the
 * optimizer, never a coordinate (the step-size chart names its x and y lines at their ends).
 */
const AMSGRAD = OPTIMIZER_STYLES.AMSGrad.path;
const ADAM = OPTIMIZER_STYLES.Adam.path;
const AMSGRAD_COLOR = AMSGRAD.color;
const ADAM_COLOR = ADAM.color;
const AMSGRAD_SERIES = OPTIMIZER_STYLES.AMSGrad.series.color;
const ADAM_SERIES = OPTIMIZER_STYLES.Adam.series.color;
const ADAM_SERIES_DASH = OPTIMIZER_STYLES.Adam.series.dash;

/** The stored first drawing has a dot per iterate up to this many iterations (the page: up to MAX_DOTS). */
export const STATIC_MAX_DOTS = 300;

/**
 * At most this many points per stored line: a wild run's line is an impression (the page redraws every
 * point), and two of them must leave room in the output's budget for the picture's legend, ends and words.
 */
export const STATIC_MAX_LINE_POINTS = 200;

/**
 * The first drawing as it is stored in the notebook: the figures' compact path data (relative steps of
 * 0.1 px, steps that round to nothing dropped, so a converged tail costs nothing), lines simplified to
 * within 0.3 px and 0.25 px (charts). The page redraws at full precision as soon as its script runs.
 */
export const COMPACT_FORMAT: PathFormat = {
  line: (points, count) => (count > 0 ? [pathData([simplifyWithin(points.subarray(0, 2 * count), 0.3, STATIC_MAX_LINE_POINTS)], false)] : []),
  dots(points, from, count) {
    // Dots for short runs only (a long run's dots would be most of the output), and one dot per distinct
    // tenth-of-a-pixel position: iterates piled on one spot draw one dot.
    if (count - from > STATIC_MAX_DOTS) return "";
    const kept: number[] = [];
    let px = NaN;
    let py = NaN;
    for (let i = from; i < count; i++) {
      const x = Math.round(points[2 * i] * 10);
      const y = Math.round(points[2 * i + 1] * 10);
      if (x === px && y === py) continue;
      kept.push(points[2 * i], points[2 * i + 1]);
      px = x;
      py = y;
    }
    return dotsPathData(kept);
  },
  chart: (points, count) => (count > 0 ? pathData([simplifyWithin(points.subarray(0, 2 * count), 0.25, 200)], false) : ""),
};

/**
 * Douglas–Peucker within `tolerance` px, loosened (doubling) until at most `maxPoints` remain: a path that
 * wanders for 100,000 iterations must not make the notebook megabytes larger. Douglas–Peucker is quadratic
 * on a zig-zag, so a path of more than 5 × maxPoints points is first thinned to every k-th point (the
 * stored drawing of such a run is an impression; the page redraws every point). Typical paths stay exact
 * to a third of a pixel.
 */
function simplifyWithin(points: Float64Array, tolerance: number, maxPoints: number): number[] {
  const n = points.length >> 1;
  let input: ArrayLike<number> = points;
  if (n > 5 * maxPoints) {
    const stride = Math.ceil(n / (5 * maxPoints));
    const thinned: number[] = [];
    for (let i = 0; i < n; i += stride) thinned.push(points[2 * i], points[2 * i + 1]);
    if ((n - 1) % stride !== 0) thinned.push(points[2 * n - 2], points[2 * n - 1]);
    input = thinned;
  }
  let simplified = simplifyLine(input, tolerance);
  while (simplified.length > 2 * maxPoints) {
    tolerance *= 2;
    simplified = simplifyLine(simplified, tolerance);
  }
  return simplified;
}

const BETA1_LABELS: Record<string, string> = {
  power: "β1^t (tutorial)",
  constant: "β1 (PyTorch, Keras)",
  inverse: "β1 / t",
};
const ALPHA_LABELS: Record<string, string> = {
  constant: "α (tutorial)",
  "inverse-sqrt": "α / √t (paper)",
  exponential: "α·γ^(t−1) (exponential decay)",
};

/** Scoped to the explorer's root: nothing here styles the rest of the notebook. */
const CSS = `
.amsgrad-explorer{font:13px/1.35 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#222;background:#fff;padding:8px;box-sizing:border-box;max-width:100%}
.amsgrad-explorer *{box-sizing:border-box}
.amsgrad-explorer .ax-top{display:flex;flex-wrap:wrap;gap:10px 14px;align-items:flex-start}
.amsgrad-explorer .ax-still img{display:block;max-width:100%;height:auto}
.amsgrad-explorer .ax-figure{position:relative;flex:0 1 auto;width:100%}
.amsgrad-explorer .ax-bg svg{display:block;width:100%;height:auto;max-width:none;margin:0}
.amsgrad-explorer .ax-overlay{position:absolute;left:0;top:0;width:100%;height:100%;touch-action:none;cursor:crosshair;overflow:visible}
.amsgrad-explorer .ax-side{flex:1 1 320px;max-width:${CHART.width}px;min-width:0}
.amsgrad-explorer .ax-chart{display:block;width:100%;height:auto;margin:0 0 4px;font-size:10px}
.amsgrad-explorer .ax-chart .ax-axes line{stroke:#e3e3e3}
.amsgrad-explorer .ax-chart .ax-axes text{fill:#555}
.amsgrad-explorer .ax-chart path{fill:none;stroke-width:1.5;stroke-linejoin:round}
.amsgrad-explorer .ax-chart .ax-axes .ax-name-a{fill:${AMSGRAD_SERIES}}
.amsgrad-explorer .ax-chart .ax-axes .ax-name-b{fill:${ADAM_SERIES}}
.amsgrad-explorer .ax-readout{margin:4px 0;font-variant-numeric:tabular-nums}
.amsgrad-explorer .ax-stopped{color:#b00020;white-space:pre-wrap}
.amsgrad-explorer .ax-controls{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:4px 18px;margin:10px 0 6px;padding:0;border:0}
.amsgrad-explorer .ax-control{display:grid;grid-template-columns:104px minmax(80px,1fr) 84px;align-items:center;gap:0 6px;margin:0}
.amsgrad-explorer .ax-control>span{white-space:nowrap}
.amsgrad-explorer .ax-control input[type=range]{width:100%;margin:0}
.amsgrad-explorer .ax-control input[type=text]{width:100%;font:inherit;padding:1px 4px;border:1px solid #aaa;border-radius:3px;background:#fff;color:#222}
.amsgrad-explorer .ax-control select{grid-column:2/4;font:inherit}
.amsgrad-explorer .ax-check{display:flex;gap:6px;align-items:center;margin:0}
.amsgrad-explorer .ax-msg{grid-column:1/4;color:#b00020;font-size:12px;min-height:0}
.amsgrad-explorer .ax-msg:empty{display:none}
.amsgrad-explorer .ax-invalid input[type=text]{border-color:#b00020;background:#fff0f0;outline:1px solid #b00020}
.amsgrad-explorer .ax-hint{color:#555}
.amsgrad-explorer .ax-disabled>span{color:#767676}
.amsgrad-explorer .ax-codebox{display:flex;gap:8px;align-items:flex-start;margin:6px 0 0}
.amsgrad-explorer .ax-code{flex:1;margin:0;padding:6px 8px;background:#f6f6f6;border:1px solid #e1e1e1;border-radius:3px;font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;white-space:pre-wrap;overflow-wrap:anywhere;color:#222}
.amsgrad-explorer button{font:inherit;padding:1px 8px}
.amsgrad-explorer .ax-note{margin:6px 0 0;color:#555;font-style:italic}
`
  .trim()
  .replace(/\n/g, "");

function numericControl(settings: ExplorerSettings, name: (typeof NUMERIC_FIELDS)[number]): SafeHtml {
  const spec = SLIDERS[name];
  return html`<div class="ax-control" data-field="${name}"><span title="${name}">${spec.label}</span>\
<input type="range" min="${spec.min}" max="${spec.max}" step="${spec.step}" value="${spec.toPosition(settings[name])}" \
aria-label="${spec.label} (${spec.scale})" title="${spec.scale}">\
<input type="text" value="${fieldText(settings, name)}" aria-label="${name}" spellcheck="false" autocomplete="off" inputmode="decimal">\
<div class="ax-msg" role="alert"></div></div>`;
}

function selectControl(name: string, label: string, value: string, options: readonly (readonly [string, string])[]): SafeHtml {
  const items = options.map(([v, text]) => html`<option value="${v}"${v === value ? trusted(" selected") : ""}>${text}</option>`);
  return html`<label class="ax-control" data-field="${name}"><span>${label}</span><select>${items}</select><div class="ax-msg" role="alert"></div></label>`;
}

function checkControl(name: string, label: string, checked: boolean): SafeHtml {
  return html`<label class="ax-check" data-field="${name}"><input type="checkbox"${checked ? trusted(" checked") : ""}><span>${label}</span></label>`;
}

function controls(settings: ExplorerSettings, problems: readonly ProblemName[]): SafeHtml {
  return html`<form class="ax-controls" hidden style="display:none" autocomplete="off">\
${selectControl("problem", "objective", settings.problem, problems.map((name) => [name, testProblems[name].label] as const))}\
${NUMERIC_FIELDS.filter((name) => name !== "alphaDecay").map((name) => numericControl(settings, name))}\
${selectControl("beta1Schedule", "β1 schedule", settings.beta1Schedule, BETA1_SCHEDULES.map((name) => [name, BETA1_LABELS[name] ?? name] as const))}\
${selectControl("alphaSchedule", "α schedule", settings.alphaSchedule, ALPHA_SCHEDULES.map((name) => [name, ALPHA_LABELS[name] ?? name] as const))}\
${numericControl(settings, "alphaDecay")}\
${checkControl("biasCorrection", "bias correction (as PyTorch)", settings.biasCorrection)}\
${checkControl("compareAdam", "overlay Adam, same settings (black, dashed)", settings.compareAdam)}\
<div class="ax-check"><span>start <span class="ax-start-text">(${settings.start[0]}, ${settings.start[1]})</span></span>\
<span class="ax-hint">click or drag on the contour</span></div>\
<div class="ax-check"><button type="button" class="ax-reset">reset</button></div></form>`;
}

function chart(kind: "objective" | "steps", d: Drawing, compareAdam: boolean): SafeHtml {
  const { width, height, marginLeft, marginRight } = CHART;
  const open = html`<svg class="ax-chart ax-${kind}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" \
width="${width}" height="${height}" role="img">`;
  if (kind === "objective") {
    return html`${open}<text x="${marginLeft}" y="12" font-weight="600">objective f (log scale)</text>\
<text class="ax-legend-adam" x="${width - marginRight}" y="12" text-anchor="end" visibility="${compareAdam ? "visible" : "hidden"}"><tspan fill="${AMSGRAD_SERIES}">— AMSGrad</tspan>  <tspan fill="${ADAM_SERIES}">┄ Adam</tspan></text>\
<g class="ax-axes">${trusted(d.objectiveAxes)}</g>\
<path class="ax-a" stroke="${AMSGRAD_SERIES}" d="${d.objective}"/>\
<path class="ax-b" stroke="${ADAM_SERIES}" stroke-dasharray="${ADAM_SERIES_DASH}" d="${d.objectiveAdam}"/></svg>`;
  }
  // Each run's lines in its optimizer's colour and dash, as the chart above; x and y named at their ends.
  return html`${open}<text x="${marginLeft}" y="12" font-weight="600">effective step size of x and y (log scale)</text>\
<g class="ax-axes">${trusted(d.stepAxes)}</g>\
<path class="ax-ax" stroke="${AMSGRAD_SERIES}" d="${d.stepX}"/>\
<path class="ax-ay" stroke="${AMSGRAD_SERIES}" d="${d.stepY}"/>\
<path class="ax-bx" stroke="${ADAM_SERIES}" stroke-dasharray="${ADAM_SERIES_DASH}" d="${d.stepAdamX}"/>\
<path class="ax-by" stroke="${ADAM_SERIES}" stroke-dasharray="${ADAM_SERIES_DASH}" d="${d.stepAdamY}"/></svg>`;
}

/** A line's pieces as path elements (at least one, so that the page always finds one to fill). */
function pieces(line: readonly string[]): SafeHtml[] {
  return (line.length ? line : [""]).map((d) => html`<path d="${d}"/>`);
}

/**
 * The overlay: the path(s) and the start ring (the figures' ring, in AMSGrad's colour) over the plot area,
 * clipped to it; then markup the page does not redraw, the still's: `markers` (clipped too) and `legend`.
 */
export function overlaySvg(id: string, d: Drawing, background: ContourBackground, markers = "", legend = ""): SafeHtml {
  const f = background.frame;
  const clipId = `${id}-clip`;
  return html`<svg class="ax-overlay" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${f.width} ${f.height}">\
<defs><clipPath id="${clipId}"><rect class="ax-clip" x="${f.marginLeft}" y="${f.marginTop}" \
width="${f.width - f.marginLeft - f.marginRight}" height="${f.height - f.marginTop - f.marginBottom}"/></clipPath></defs>\
<g clip-path="url(#${clipId})" fill="none" stroke-linejoin="round" stroke-linecap="round">\
<g class="ax-line" stroke="${AMSGRAD_COLOR}" stroke-width="${AMSGRAD.lineWidth}">${pieces(d.line)}</g>\
<path class="ax-dots" stroke="${AMSGRAD_COLOR}" stroke-width="${AMSGRAD.dotSize}" d="${d.dots}"/>\
<g class="ax-adam-line" stroke="${ADAM_COLOR}" stroke-width="${ADAM.lineWidth}" stroke-dasharray="${ADAM.dash}">${pieces(d.adamLine)}</g>\
<path class="ax-adam-dots" stroke="${ADAM_COLOR}" stroke-width="${ADAM.dotSize}" stroke-linecap="square" d="${ADAM.marker === "none" ? "" : d.adamDots}"/>${trusted(markers)}</g>\
<circle class="ax-start" cx="${d.startX}" cy="${d.startY}" r="5" stroke="${AMSGRAD_COLOR}" stroke-width="1.5" fill="none"/>${trusted(legend)}</svg>`;
}

/** What the still picture adds to the first drawing: its markers and legend (markup), and its words. */
export interface StillExtras {
  /** SVG markup over the paths, clipped to the plot: the end diamonds and Adam's start ring. */
  markers: string;
  /** SVG markup of the legend (empty without Adam). */
  legend: string;
  /** The picture's accessible name and its description (the search paths in words). */
  name: string;
  description: string;
}

/**
 * The first drawing as one standalone SVG (the contour and the overlay nested in it; nested `<svg>`
 * elements sit at 0, 0 and fill their parent by default): the fallback's picture, and `explorer().svg`.
 * Its first child is the contour figure itself, which the page takes as its background; the picture's
 * own words are its `aria-label` and the `<desc>` after it (the contour's are about the contour alone; a
 * `<title>` would have to come first to name the picture).
 */
export function staticSvg(id: string, d: Drawing, background: ContourBackground, extras: StillExtras): string {
  const f = background.frame;
  return html`<svg xmlns="http://www.w3.org/2000/svg" width="${f.width}" height="${f.height}" viewBox="0 0 ${f.width} ${f.height}" \
role="img" aria-label="${extras.name}">${trusted(background.svg)}<desc>${extras.description}</desc>\
${overlaySvg(id, d, background, extras.markers, extras.legend)}</svg>`.markup;
}

/**
 * The whole text/html output: the root (carrying the first drawing's numbers for tests), the style (scoped
 * to the root; a sanitizer drops it), the fallback and the page script, which replaces the fallback by the
 * live explorer. What survives a sanitizer is only the fallback: the first drawing as a picture (`still`,
 * an `<img>` of an SVG data URI, described by `alt`), the readout, the code and the note.
 */
export function outputMarkup(id: string, settings: ExplorerSettings, d: Drawing, still: string, frame: Frame, alt: string, script: string): SafeHtml {
  const base64 = Buffer.from(still, "utf8").toString("base64");
  return html`<div class="amsgrad-explorer" data-amsgrad-explorer="${id}" data-best="${d.best}" data-score="${d.score}" \
data-best-adam="${d.bestAdam}" data-score-adam="${d.scoreAdam}"><style>${trusted(CSS)}</style>\
<div class="ax-fallback"><div class="ax-still"><img src="data:image/svg+xml;base64,${base64}" width="${frame.width}" height="${frame.height}" \
alt="${alt}" style="max-width:100%;height:auto"></div>\
<div class="ax-readout"><div>${d.readout}</div><div>${d.readoutAdam}</div><div class="ax-stopped">${d.stopped}</div></div>\
<pre class="ax-code">${reproducingCode(settings)}</pre>\
<p class="ax-note">${NO_SCRIPT_NOTE}</p></div>${trusted(script)}</div>`;
}

/**
 * The live explorer the page script puts in place of the fallback: contours (the current one left empty,
 * for the page to fill from the fallback's picture; the others deflated), the overlay, the charts, the
 * readout, the controls and the code. Never part of the HTML itself (see the module comment). The paths,
 * charts and readout are left empty: the page draws them as it mounts, so the fallback's picture is the
 * only stored copy of the first drawing.
 */
export function liveMarkup(
  id: string,
  settings: ExplorerSettings,
  problems: readonly ProblemName[],
  backgrounds: Readonly<Partial<Record<ProblemName, ContourBackground>>>,
  first: Drawing,
  scrub = false,
): SafeHtml {
  const d: Drawing = {
    ...first,
    line: [],
    dots: "",
    adamLine: [],
    adamDots: "",
    objectiveAxes: "",
    objective: "",
    objectiveAdam: "",
    stepAxes: "",
    stepX: "",
    stepY: "",
    stepAdamX: "",
    stepAdamY: "",
    readout: "",
    readoutAdam: "",
    stopped: "",
  };
  const current = backgrounds[settings.problem]!;
  // The other objectives' contours, needed only once the reader switches, deflated (a third of the size)
  // for the page to inflate then.
  const bgs = problems.map((name) => {
    if (name === settings.problem) return html`<div class="ax-bg" data-problem="${name}"></div>`;
    const deflated = deflateSync(Buffer.from(backgrounds[name]!.svg, "utf8"), { level: 9 }).toString("base64");
    return html`<div class="ax-bg" data-problem="${name}" data-deflated="${deflated}" hidden style="display:none"></div>`;
  });
  return html`<div class="ax-top"><div class="ax-figure" style="max-width:${current.frame.width}px">${bgs}${overlaySvg(id, d, current)}${scrub ? scrubLayer(current.frame) : ""}</div>\
<div class="ax-side">${chart("objective", d, settings.compareAdam)}${chart("steps", d, settings.compareAdam)}\
<div class="ax-readout"><div class="ax-read">${d.readout}</div><div class="ax-read-adam">${d.readoutAdam}</div>\
<div class="ax-stopped">${d.stopped}</div></div></div></div>\
${controls(settings, problems)}${scrub ? html`<style>${trusted(SCRUB_CSS)}</style>${scrubPanel(id)}` : ""}\
<div class="ax-codebox"><pre class="ax-code">${reproducingCode(settings)}</pre><button type="button" class="ax-copy" hidden>copy</button></div>`;
}
