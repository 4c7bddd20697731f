#!/usr/bin/env node
// `npm run slides`: reveal.js slides of every notebook, for presenting in class, working offline.
//
//   build/notebooks/NN-name.ipynb      the executed notebooks (as `npm run build` writes them)
//   build/slides/NN-name.slides.html   the slides (nbconvert's slides exporter, scripts/nbconvert/slides)
//   build/slides/index.html            the slide shows in order, titled by each notebook's first heading
//   build/slides/reveal/               reveal.js (the npm package's dist files and licence)
//   build/slides/mathjax/              a trimmed copy of Debian's MathJax 2.7, when a notebook has formulas
//
// What each cell is on the slides (a slide, a sub-slide, a fragment, skipped, speaker notes) is set in the
// notebooks' cell metadata (scripts/slide-cells.mjs). Links between notebooks point to their slides.
//
// Usage: node scripts/slides.mjs [--out DIR] [--jobs N] [--timeout SECONDS] [--executed DIR] [NOTEBOOK.ipynb ...]

import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describeNotebook, executeNotebooks, notebookPaths, pageOptions, shown, stageNotebooks } from "./lessons.mjs";
import { assertOffline, convertNotebooks, indexPage, linkPages, markup, mathjaxUsable } from "./offline-pages.mjs";
import { notebookForSlides } from "./slide-cells.mjs";
import { ROOT, SetupError, runMain, setup } from "./setup.mjs";

const HELP = `Usage: npm run slides [-- [options] [NOTEBOOK.ipynb ...]]

Executes every notebook in notebooks/ (or the ones given) in a fresh tslab kernel and writes
  <out>/notebooks/*.ipynb           executed notebooks
  <out>/slides/NN-name.slides.html  reveal.js slides that work offline (open in a browser; ← → step)
  <out>/slides/index.html           the slide shows in order, with their titles

Options:
  --out DIR        output folder (default: build)
  --executed DIR   take the executed notebooks in DIR (e.g. build/notebooks from \`npm run build\`)
                   instead of executing: only the slides are written
  --jobs N         notebooks executed at the same time (default: 2, at most the number of cores)
  --timeout SEC    seconds allowed per cell (default: 300)
  -h, --help       this help
`;

const EXTENSION = ".slides.html";
/** The npm package's files the slides load, copied into <slides>/reveal/ with the package's layout. */
const REVEAL_PACKAGE = join(ROOT, "node_modules", "reveal.js");
const REVEAL_FILES = ["dist/reveal.js", "dist/reveal.css", "dist/theme/white.css", "dist/plugin/notes.js", "LICENSE"];
/** reveal's white theme: its font (Source Sans Pro) is inside the CSS; the other light themes @import Google's. */
const REVEAL_OPTIONS = ["--SlidesExporter.reveal_url_prefix=reveal", "--SlidesExporter.reveal_theme=white", "--SlidesExporter.reveal_transition=none", "--no-prompt"];

function copyReveal(slidesDir) {
  for (const file of REVEAL_FILES) {
    const from = join(REVEAL_PACKAGE, file);
    if (!existsSync(from)) throw new SetupError(`reveal.js is incomplete (${from} is missing). Run \`npm ci\` and try again.`);
    cpSync(from, join(slidesDir, "reveal", file));
  }
}

async function slidesIndex(entries, counts) {
  const { html } = await markup();
  return indexPage({
    title: "Gradient Descent Optimization With AMSGrad From Scratch — slides",
    heading: "Gradient Descent Optimization With AMSGrad From Scratch: slides",
    intro: html`<p>The notebooks as slides for class, executed, with their figures, formulas and live explorers. They work offline.
← → (or space) step through a notebook, Esc shows all its slides, S opens the speaker view, F is full screen.</p>`,
    items: entries.map(
      (e, i) => html`<a href="${e.html}">${e.title}</a> <span class="file">${e.name} · ${counts[i]} slides</span>`,
    ),
  });
}

/**
 * The slides of a page: nbconvert writes every slide as a <section> around its sub-slides' <section>s,
 * so the slides one steps through are the <section>s (outside scripts) less those that open with another.
 */
function countSlides(page) {
  const markup = page.replace(/<script\b[^>]*>[^]*?<\/script>/gi, "");
  return (markup.match(/<section\b/g) ?? []).length - (markup.match(/<section>\s*<section\b/g) ?? []).length;
}

/**
 * The slides of executed notebooks (`entries`, see lessons.mjs) in `slidesDir`: staged as the slides
 * show them (slide-cells.mjs), converted with the slides template, reveal.js and MathJax copied next to
 * them, links between notebooks pointed at their slides, an index; and a check that no page would load
 * anything from the network.
 */
async function writeSlides(entries, slidesDir, env) {
  rmSync(slidesDir, { recursive: true, force: true });
  mkdirSync(slidesDir, { recursive: true });
  const staging = join(slidesDir, ".staged");
  try {
    const staged = stageNotebooks(entries, staging, notebookForSlides);
    copyReveal(slidesDir);
    await convertNotebooks({ to: "slides", template: "slides", outDir: slidesDir, staged, withMath: mathjaxUsable(entries), options: REVEAL_OPTIONS, env, what: "slides" });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  const pages = entries.map((entry) => {
    const path = join(slidesDir, entry.html);
    const page = linkPages(readFileSync(path, "utf8"), entries);
    writeFileSync(path, page);
    return { label: `slides/${entry.html}`, html: page };
  });
  const counts = pages.map((p) => countSlides(p.html));
  writeFileSync(join(slidesDir, "index.html"), await slidesIndex(entries, counts));
  assertOffline([...pages, { label: "slides/reveal/dist/theme/white.css", html: readFileSync(join(slidesDir, "reveal", "dist", "theme", "white.css"), "utf8") }], "slides");
}

async function main() {
  const options = pageOptions(HELP, { executed: { type: "string" } });
  if (!options) return 0;
  const { values, positionals, jobs } = options;
  const env = setup({ need: ["tslab", "reveal.js"] });
  const out = resolve(values.out);
  const started = performance.now();
  let entries;
  if (values.executed !== undefined) {
    const folder = resolve(values.executed);
    if (!existsSync(folder)) throw new SetupError(`--executed ${values.executed}: there is no such folder (run \`npm run build\` first, or leave --executed out)`);
    if (positionals.length) throw new SetupError("give either --executed DIR or notebooks to execute, not both");
    entries = notebookPaths([], folder).map((path) => describeNotebook(path, EXTENSION));
    if (entries.length === 0) throw new SetupError(`--executed ${values.executed}: the folder has no .ipynb files`);
  } else {
    const sources = notebookPaths(positionals);
    if (sources.length === 0) throw new SetupError("notebooks/ has no notebooks yet: there is nothing to make slides of");
    const nbOut = join(out, "notebooks");
    rmSync(nbOut, { recursive: true, force: true });
    entries = await executeNotebooks(sources, nbOut, { jobs, timeout: values.timeout, env, extension: EXTENSION });
  }
  const slidesDir = join(out, "slides");
  await writeSlides(entries, slidesDir, env);
  const total = (performance.now() - started) / 1000;
  console.log(`\n${entries.length} notebooks made into slides in ${total.toFixed(1)} s`);
  console.log(`  slides: ${shown(join(slidesDir, "index.html"))}`);
  return 0;
}

runMain(main);
