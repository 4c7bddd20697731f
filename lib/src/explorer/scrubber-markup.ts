/**
 * The step-by-step panel's HTML and styles: an iteration slider with ◀ ▶ and play/pause, a layer over
 * the contour for the update's arrows, and a table per optimizer. Written with the `html` template (every
 * value escaped); filled and kept up to date by scrubber-page.ts. Class names are the contract between them.
 */
import { html, type SafeHtml } from "../escape.js";
import type { Frame } from "../figures/figure.js";

/** Colours of the arrows: the step, −g and −m (legible on jet's blues and reds alike, with a dark outline). */
export const SCRUB_COLORS = { step: "#ffffff", gradient: "#ffd400", momentum: "#ff4fd8" } as const;

/** Play speeds offered, in iterations per second. */
export const PLAY_SPEEDS = [1, 2, 5, 10, 25] as const;

/** Scoped to the explorer's root, like the rest of its styles. */
export const SCRUB_CSS =
  ".amsgrad-explorer .ax-scrub-layer{position:absolute;left:0;top:0;width:100%;height:100%;pointer-events:none;overflow:visible}" +
  ".amsgrad-explorer .ax-scrub{margin:8px 0 0;padding:6px 8px;border:1px solid #ddd;border-radius:4px}" +
  ".amsgrad-explorer .ax-scrub-bar{display:flex;flex-wrap:wrap;gap:6px 8px;align-items:center}" +
  ".amsgrad-explorer .ax-scrub-bar input[type=range]{flex:1 1 200px;min-width:120px}" +
  ".amsgrad-explorer .ax-scrub button[aria-disabled=true]{opacity:.45;cursor:default}" +
  ".amsgrad-explorer .ax-scrub-t{font-variant-numeric:tabular-nums;min-width:15ch}" +
  ".amsgrad-explorer .ax-scrub-tables{display:flex;flex-wrap:wrap;gap:6px 18px;margin:6px 0 0}" +
  // Explicit ink and paper on every part of the tables: a front end's own table styles reach into outputs
  // (JupyterLab's dark theme writes light text and dark rows, which left the caption white on the panel's white).
  ".amsgrad-explorer .ax-scrub table{border-collapse:collapse;margin:0;color:#222;background:#fff;font:12px/1.35 ui-monospace,SFMono-Regular,Menlo,Consolas,\"DejaVu Sans Mono\",monospace}" +
  ".amsgrad-explorer .ax-scrub caption{color:#222;text-align:left;font:600 12px/1.4 system-ui,sans-serif;padding:0 0 2px}" +
  ".amsgrad-explorer .ax-scrub th,.amsgrad-explorer .ax-scrub td{color:#222;background:#fff;padding:1px 8px 1px 0;text-align:left;white-space:nowrap;font-weight:normal}" +
  ".amsgrad-explorer .ax-scrub tbody tr:nth-child(even) th,.amsgrad-explorer .ax-scrub tbody tr:nth-child(even) td{background:#f2f2f2}" +
  ".amsgrad-explorer .ax-scrub thead th{color:#555}" +
  ".amsgrad-explorer .ax-scrub tbody tr td.ax-held{background:#fff3c4}" +
  ".amsgrad-explorer .ax-scrub-key{color:#555;font-size:12px;margin:4px 0 0}" +
  ".amsgrad-explorer .ax-scrub-key b{font-weight:normal;padding:0 4px;border-radius:2px;background:#333}";

/** The layer over the contour where the update at t is drawn (no pointer events: dragging the start still works). */
export function scrubLayer(frame: Frame): SafeHtml {
  const outline = (cls: string, color: string) =>
    html`<path class="${cls}-halo" stroke="#000" stroke-opacity="0.55" stroke-width="4"/><path class="${cls}" stroke="${color}" stroke-width="2"/>`;
  const arrows = (prefix: string) =>
    html`${outline(`${prefix}-gradient`, SCRUB_COLORS.gradient)}${outline(`${prefix}-momentum`, SCRUB_COLORS.momentum)}${outline(`${prefix}-step`, SCRUB_COLORS.step)}`;
  // Adam's update at the same t in the same colours, dashed (Adam's look in every figure) and drawn under
  // AMSGrad's, so that where the two coincide both show; hidden unless the overlay is on.
  return html`<svg class="ax-scrub-layer" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${frame.width} ${frame.height}" aria-hidden="true" hidden>\
<g class="ax-scrub-adam-arrows" fill="none" stroke-linecap="butt" stroke-linejoin="round" stroke-dasharray="5 3" visibility="hidden">\
${arrows("ax-scrub-adam")}<circle class="ax-scrub-adam-at" r="6" stroke="#000" stroke-width="1.5"/></g>\
<g fill="none" stroke-linecap="round" stroke-linejoin="round">${arrows("ax-scrub")}</g>\
<circle class="ax-scrub-at" r="6" fill="none" stroke="#000" stroke-width="3"/><circle class="ax-scrub-at2" r="6" fill="none" stroke="#fff" stroke-width="1.5"/></svg>`;
}

/** One table: a caption, the column heads, and an empty body for the page to fill (one row per quantity). */
function table(kind: "amsgrad" | "adam", label: string): SafeHtml {
  return html`<table class="ax-scrub-table ax-scrub-${kind}"${kind === "adam" ? html` hidden` : ""}>\
<caption>${label}</caption><thead><tr><th scope="col">quantity</th><th scope="col">x</th><th scope="col">y</th></tr></thead>\
<tbody></tbody></table>`;
}

/** The panel under the controls: the iteration bar, the tables (filled by the page), and a key to the arrows. */
export function scrubPanel(id: string): SafeHtml {
  const speeds = PLAY_SPEEDS.map((s) => html`<option value="${s}"${s === 5 ? html` selected` : ""}>${s} / s</option>`);
  // A <div role="region"> rather than a <section> (the same landmark to a screen reader): reveal.js takes
  // every <section> inside its slides for a slide, and made the panel inert on the slides (npm run slides).
  return html`<div class="ax-scrub" role="region" aria-label="step through the search, one update at a time" hidden style="display:none">\
<div class="ax-scrub-bar">\
<button type="button" class="ax-scrub-prev" aria-label="previous iteration" title="previous iteration (←)">◀</button>\
<input type="range" class="ax-scrub-slider" min="1" max="1" step="1" value="1" aria-label="iteration" aria-describedby="${id}-scrub-t">\
<button type="button" class="ax-scrub-next" aria-label="next iteration" title="next iteration (→)">▶</button>\
<button type="button" class="ax-scrub-play" aria-pressed="false">play</button>\
<label>speed <select class="ax-scrub-speed" aria-label="play speed">${speeds}</select></label>\
<span class="ax-scrub-t" id="${id}-scrub-t" aria-live="polite"></span></div>\
<div class="ax-scrub-tables">${table("amsgrad", "AMSGrad")}${table("adam", "Adam")}</div>\
<p class="ax-scrub-key">On the contour: <b style="color:${SCRUB_COLORS.step}">→</b> the step taken, \
<b style="color:${SCRUB_COLORS.gradient}">→</b> the direction of −g, <b style="color:${SCRUB_COLORS.momentum}">→</b> the direction of −m \
(AMSGrad's solid; Adam's dashed when it is overlaid; −g and −m drawn at one length). Keys: ← → one iteration, Home / End the first and last, space plays or pauses.</p></div>`;
}
