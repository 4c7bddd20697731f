// Static pages of executed notebooks that load nothing from the network, as `npm run build` (handouts) and
// `npm run slides` (reveal.js slides) write them: nbconvert with the project's templates (scripts/nbconvert/),
// figures inlined as SVG, a trimmed local copy of Debian's MathJax 2.7 for notebooks with formulas, links
// between notebooks pointed at their pages, an index page, and a check that no page fetches anything from
// the network.
//
// Plain Node ESM. lib's markup helpers (lib/dist/escape.js) are loaded on first use, after setup() has
// built lib: a fresh clone has no lib/dist when a script starts.

import { cpSync, existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { PYTHON, ROOT, SetupError } from "./setup.mjs";
import { runCapture } from "./lessons.mjs";

/** The project's nbconvert templates: handout/, slides/ and the cell rendering they share, cells.html.j2. */
export const TEMPLATES = join(ROOT, "scripts", "nbconvert");

export const MATHJAX_SOURCE = "/usr/share/javascript/mathjax";
/** What MathJax 2.7 loads for `?config=TeX-AMS_CHTML-full,Safe` (about 1.5 MB instead of 54 MB). */
const MATHJAX_PARTS = [
  "MathJax.js",
  "config/TeX-AMS_CHTML-full.js",
  "config/Safe.js",
  "extensions",
  "jax/element",
  "jax/input/TeX",
  "jax/output/CommonHTML",
  "fonts/HTML-CSS/TeX/woff",
];
const MATHJAX_URL = "mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe";

/**
 * nbconvert's HTML order of MIME types with image/svg+xml before text/html: a figure output also carries
 * its SVG as an <img> in HTML (for untrusted front ends); the pages, made from our own executed notebooks,
 * inline the SVG itself, so that it prints as vectors and its text can be selected.
 */
export const DISPLAY_PRIORITY = [
  "application/vnd.jupyter.widget-view+json",
  "application/javascript",
  "image/svg+xml",
  "text/html",
  "text/markdown",
  "text/latex",
  "image/png",
  "image/jpeg",
  "text/plain",
];

/**
 * Whether formulas can be typeset: true when no entry has formulas or Debian's MathJax is installed;
 * otherwise warns (the formulas will show as TeX source) and returns false.
 */
export function mathjaxUsable(entries) {
  if (!entries.some((e) => e.math) || existsSync(join(MATHJAX_SOURCE, "MathJax.js"))) return true;
  console.warn(
    "warning: some notebooks have formulas but Debian's MathJax is missing " +
      "(sudo apt-get install libjs-mathjax): they will show as TeX source.",
  );
  return false;
}

/**
 * Converts staged notebooks (`entry.staged`) into `outDir` with nbconvert's exporter `to` ("html",
 * "slides") and the template `template` (a folder name under {@link TEMPLATES}). With `withMath`, the
 * notebooks with formulas get the local MathJax (copied into outDir/mathjax/ once); one nbconvert run
 * for those, one for the rest. `options` are more nbconvert flags; `what` names the pages in errors.
 */
export async function convertNotebooks({ to, template, outDir, staged, withMath, options = [], env, what }) {
  const math = withMath && staged.some((e) => e.math);
  if (math) {
    for (const part of MATHJAX_PARTS) {
      cpSync(join(MATHJAX_SOURCE, part), join(outDir, "mathjax", part), { recursive: true, dereference: true });
    }
  }
  for (const group of [staged.filter((e) => e.math && math), staged.filter((e) => !(e.math && math))]) {
    if (group.length === 0) continue;
    const { code, output } = await nbconvert({
      to,
      template,
      outDir,
      files: group.map((e) => e.staged),
      options: [`--HTMLExporter.mathjax_url=${group[0].math && math ? MATHJAX_URL : ""}`, ...options],
      env,
    });
    if (code !== 0) throw new SetupError(`nbconvert failed (${what}):\n${output}`);
  }
}

/**
 * One nbconvert run with a project template: the display priority above, the templates folder on the
 * template path (for cells.html.j2). Resolves with nbconvert's exit code and output.
 */
export function nbconvert({ to, template, outDir, files, options = [], env }) {
  return runCapture(
    PYTHON,
    [
      "-m", "nbconvert", "--to", to, "--template", join(TEMPLATES, template),
      `--TemplateExporter.extra_template_paths=${JSON.stringify([TEMPLATES])}`,
      `--NbConvertBase.display_data_priority=${JSON.stringify(DISPLAY_PRIORITY)}`,
      ...options,
      "--output-dir", outDir,
      ...files,
    ],
    env,
  );
}

/** Resources a page would fetch from the network: scripts, stylesheets, images, frames, CSS url()/@import. */
export function externalLoads(html) {
  const found = [];
  const patterns = [
    /<(?:script|img|iframe|audio|video|source|embed)\b[^>]*?\bsrc\s*=\s*["']?((?:https?:)?\/\/[^"'\s>]+)/gi,
    /<link\b[^>]*?\bhref\s*=\s*["']?((?:https?:)?\/\/[^"'\s>]+)/gi,
    /url\(\s*["']?((?:https?:)?\/\/[^"')\s]+)/gi,
    /@import\s+["']((?:https?:)?\/\/[^"']+)/gi,
  ];
  for (const pattern of patterns) for (const match of html.matchAll(pattern)) found.push(match[1]);
  return [...new Set(found)];
}

/** Throws when any of `pages` ({ label, html }) would load something from the network, naming each. */
export function assertOffline(pages, what) {
  const problems = pages.flatMap(({ label, html }) => externalLoads(html).map((url) => `${label} loads ${url}`));
  if (problems.length) throw new SetupError(`the ${what} would load files from the network:\n  ${problems.join("\n  ")}`);
}

/** Links between notebooks, written as NN-name.ipynb for classic Notebook, pointed at their pages (entry.html). */
export function linkPages(html, entries) {
  const pages = new Map(entries.map((e) => [e.name, e.html]));
  return html.replace(/href="([^"/#:]+\.ipynb)(#[^"]*)?"/g, (whole, name, anchor = "") =>
    pages.has(name) ? `href="${pages.get(name)}${anchor}"` : whole,
  );
}

let markupModule = null;

/**
 * lib's markup helpers (lib/src/escape.ts: `html`, `trusted`, `escapeHtml`), the one escape of the project.
 * Call after setup(), which builds lib/dist.
 */
export async function markup() {
  markupModule ??= await import(pathToFileURL(join(ROOT, "lib", "dist", "escape.js")).href);
  return markupModule;
}

/**
 * The index page of a folder of pages: `title` (the tab's), `heading` (the page's), `intro` (markup built
 * with {@link markup}'s `html`) under it, and `items` (markup, one per notebook) as a numbered list.
 */
export async function indexPage({ title, heading, intro, items }) {
  const { html } = await markup();
  const list = items.length
    ? html`<ol>\n${items.map((item) => html`    <li>${item}</li>\n`)}</ol>`
    : html`<p class="empty">No notebooks yet.</p>`;
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; max-width: 46rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5; color: #222; }
  h1 { font-size: 1.6rem; }
  ol { padding-left: 1.6rem; }
  li { margin: .5rem 0; }
  a { color: #1a5fb4; }
  .file { color: #777; font-size: .85em; margin-left: .4rem; }
  .empty { color: #777; }
</style>
</head>
<body>
<h1>${heading}</h1>
${intro}
${list}
</body>
</html>
`.markup;
}
