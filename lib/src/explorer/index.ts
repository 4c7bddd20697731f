/**
 * The live explorer: sliders and a draggable start point that redraw the AMSGrad path (and Adam's) in a
 * notebook output. tslab has no widgets, so it is one self-contained HTML output: the contour figure drawn
 * once in Node, the first drawing, the controls, and an inline script (the library's core, bundled at
 * build time) that recomputes and redraws on every change. Nothing is loaded from the network.
 */
import { readFileSync } from "node:fs";
import { kernelDisplay } from "../display.js";
import { fnv1a } from "../hash.js";
import { testProblems } from "../objectives.js";
import { contourBackground, type ContourBackground } from "./background.js";
import { computeRun, createRunBuffers } from "./compute.js";
import { drawing, type Frame } from "./draw.js";
import { COMPACT_FORMAT, liveMarkup, NO_SCRIPT_NOTE, outputMarkup, staticSvg } from "./markup.js";
import { stillExtras } from "./still.js";
import type { PageConfig } from "./page.js";
import {
  reproducingCode,
  resolveExplorerOptions,
  type ExplorerOptions,
  type ExplorerSettings,
  type ProblemName,
} from "./settings.js";

export type { ExplorerOptions, ExplorerSettings, ProblemName } from "./settings.js";
export { MAX_ITERATIONS, reproducingCode } from "./settings.js";

/** A built explorer: its HTML output and a static figure for viewers that show no HTML. */
export interface Explorer {
  /** Unique within the kernel's process, the same for the same cells run in the same order. */
  readonly id: string;
  /** The settings it starts with (every default filled in). */
  readonly settings: Readonly<ExplorerSettings>;
  /** The text/html output: markup, first drawing, controls and the inline script. */
  readonly html: string;
  /**
   * The first drawing (contour, path, start) as a standalone SVG: `show(ex.svg)` adds it as an
   * image/svg+xml output, for viewers that render no HTML at all.
   */
  readonly svg: string;
  /** One line for text-only viewers. */
  readonly text: string;
  /** The reproducing TypeScript of the first drawing. */
  readonly code: string;
}

/** Where the build puts the page's script: lib/dist/explorer/page.bundle.js (this path works from src and dist). */
const BUNDLE_URL = new URL("../../dist/explorer/page.bundle.js", import.meta.url);
const GLOBAL_NAME = "__amsgradExplorerBundle";
const SCRUBBER_BUNDLE_URL = new URL("../../dist/explorer/scrubber.bundle.js", import.meta.url);
const SCRUBBER_GLOBAL_NAME = "__amsgradScrubberBundle";

let bundleCache: { code: string; version: string } | undefined;
let scrubberCache: { code: string; version: string } | undefined;

/** The bundled page script, read once (built by `npm run build:lib`). */
function pageBundle(): { code: string; version: string } {
  bundleCache ??= readBundle(BUNDLE_URL);
  return bundleCache;
}

/** The step-by-step panel's script (scrubber.bundle.js), read once. */
function scrubberBundle(): { code: string; version: string } {
  scrubberCache ??= readBundle(SCRUBBER_BUNDLE_URL);
  return scrubberCache;
}

function readBundle(url: URL): { code: string; version: string } {
  let code: string;
  try {
    code = readFileSync(url, "utf8").trim();
  } catch (error) {
    throw new Error(`explorer: the page script ${url.pathname} is missing; build the library (npm run build:lib)`, { cause: error });
  }
  if (/<\/script|<!--/i.test(code)) throw new Error(`explorer: the page script ${url.pathname} contains </script or <!--`);
  return { code, version: hex8(fnv1a(code)) };
}

/** A 32-bit fingerprint as 8 hex digits. */
const hex8 = (hash: number) => hash.toString(16).padStart(8, "0");

/**
 * A value as a JavaScript literal that is safe inside a <script> element: JSON with only what could end the
 * element or start a comment escaped ("</" as "<\/", "<!--" as "<\!--"), plus the two line separators
 * JavaScript strings cannot hold. The live markup stays about as long as itself.
 */
function scriptLiteral(value: unknown): string {
  return JSON.stringify(value).replace(/<\//g, "<\\/").replace(/<!--/g, "<\\!--").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

let counter = 0;

const backgroundCache = new Map<string, ContourBackground>();

/** The contour of a problem at a size, drawn once per process (the same options give the same figure). */
function background(problem: ProblemName, width: number, height: number | undefined): ContourBackground {
  const key = `${problem} ${width} ${height}`;
  let found = backgroundCache.get(key);
  if (!found) {
    found = contourBackground(testProblems[problem], width, height);
    backgroundCache.set(key, found);
  }
  return found;
}

const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/**
 * Builds a live explorer of AMSGrad on a 2-D test problem, without displaying it (see
 * {@link showExplorer}). Every option is checked with the library's messages; hyperparameters have
 * `amsgrad()`'s names and defaults (the tutorial's run).
 *
 * In the page: sliders and fields for α (log scale), β1, β2, ε, the iterations and γ (the exponential α
 * schedule's decay), the two schedules, bias correction, an Adam overlay and the objective; click or
 * drag on the contour to move the start.
 * Every change recomputes the run(s) with the library's own code (bundled into the page) and redraws the
 * path, the objective and the effective step sizes, and the line of TypeScript that reproduces the run.
 *
 * @example
 * const ex = explorer({ problem: "rosenbrock", alpha: 0.05, nIter: 500, compareAdam: true });
 * writeFileSync("explorer.html", `<!DOCTYPE html><meta charset="utf-8">${ex.html}`);
 */
export function explorer(options: ExplorerOptions = {}): Explorer {
  const { settings, problems, width, height, scrub } = resolveExplorerOptions(options, "explorer");
  const backgrounds: Partial<Record<ProblemName, ContourBackground>> = {};
  const frames: Partial<Record<ProblemName, Frame>> = {};
  for (const name of problems) {
    backgrounds[name] = background(name, width, height);
    frames[name] = backgrounds[name]!.frame;
  }
  const bundle = pageBundle();
  counter += 1;
  const hash = hex8(fnv1a(JSON.stringify([settings, problems, width, height ?? null, scrub])));
  const id = `amsgrad-explorer-${counter}-${hash}`;

  // The first drawing, computed here with the page's own functions: what shows before (or without) the script.
  const amsgradRun = computeRun(settings, createRunBuffers("amsgrad", Math.max(1, settings.nIter)));
  const adamRun = settings.compareAdam ? computeRun(settings, createRunBuffers("adam", Math.max(1, settings.nIter))) : null;
  const d = drawing(amsgradRun, adamRun, settings.nIter, frames[settings.problem]!, COMPACT_FORMAT);

  const panel = scrub === null ? null : scrubberBundle();
  const config: PageConfig = { settings, frames, scrub, scrubber: panel?.version ?? null };
  const live = liveMarkup(id, settings, problems, backgrounds, d, scrub !== null).markup;
  const panelScript = panel
    ? `var W=${scriptLiteral(panel.version)};R.scrubbers=R.scrubbers||{};if(!R.scrubbers[W]){${panel.code}\nR.scrubbers[W]=${SCRUBBER_GLOBAL_NAME}.Scrubber;}`
    : "";
  const script =
    `<script>(function(){var R=window.__amsgradExplorer=window.__amsgradExplorer||{instances:{},versions:{}};${panelScript}` +
    `var V=${scriptLiteral(bundle.version)};if(!R.versions[V]){${bundle.code}\nR.versions[V]=${GLOBAL_NAME};}` +
    `R.versions[V].mount(${scriptLiteral(id)},${scriptLiteral(config)},${scriptLiteral(live)});})();</script>`;
  const current = backgrounds[settings.problem]!;
  // The picture's ids come from its content alone: the same explorer shown again gives the same bytes (a
  // re-run cell shows the same output), and two equal pictures inlined on one page clip to the same rectangle.
  const problem = testProblems[settings.problem];
  const svg = staticSvg(`amsgrad-still-${hash}`, d, current, stillExtras(problem, current.frame, amsgradRun, adamRun));
  // Both runs' results in words, where Adam is overlaid: text-only viewers and screen readers get both.
  const results = [d.readout, d.readoutAdam].filter(Boolean).join("; ");
  const text = `AMSGrad explorer on ${problem.title}${adamRun ? ", with Adam overlaid" : ""}: ${results}. ${NO_SCRIPT_NOTE}.`;
  const alt = `AMSGrad explorer, first drawing: the search${adamRun ? "es of AMSGrad and Adam" : ""} on the contour of ${problem.title}; ${results}`;
  const html = outputMarkup(id, settings, d, svg, current.frame, alt, script).markup;
  const code = reproducingCode(settings);
  const result: Explorer = { id, settings, html, svg, text, code };
  Object.defineProperty(result, INSPECT, {
    value: () => `Explorer(${id}, ${settings.problem}, ${settings.nIter} iterations; showExplorer(options) displays one)`,
  });
  return Object.freeze(result);
}

/**
 * Builds an {@link explorer} and displays it as this cell's output: text/html (the live explorer where
 * scripts run: classic Notebook, JupyterLab and Notebook 7 when trusted, nbconvert HTML, VS Code; elsewhere,
 * an untrusted notebook or GitHub, its first drawing as a picture and a one-line note on how to enable it)
 * with a text/plain line beside it. Returns nothing, so that the cell prints nothing more.
 * Several explorers in one notebook are independent.
 *
 * @example
 * import { showExplorer } from "amsgrad";
 * showExplorer({ problem: "bowl", nIter: 100, alpha: 0.007, beta1: 0.9, beta2: 0.99 });
 * showExplorer({ problem: "rosenbrock", alpha: 0.05, nIter: 1000, compareAdam: true });
 * @throws the library's TypeError/RangeError for a bad option; an Error outside a tslab kernel.
 */
export function showExplorer(options: ExplorerOptions = {}): void {
  const ex = explorer(options);
  const display = kernelDisplay({
    where: "showExplorer",
    thing: "explorer",
    outside: (said) => `showExplorer: not running in a tslab notebook kernel${said ? ` (tslab says: ${said})` : ""}; outside a notebook use explorer(options).html`,
    fallback: "text/html",
  });
  display({ data: { "text/html": ex.html, "text/plain": ex.text }, metadata: {} });
}
