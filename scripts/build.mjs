#!/usr/bin/env node
// `npm run build`: execute every notebook in a fresh tslab kernel and make offline handouts.
//
//   build/notebooks/NN-name.ipynb   the executed notebooks (outputs, execution counts, title in metadata)
//   build/html/NN-name.html         static HTML (nbconvert, JupyterLab look) that loads nothing from the network
//   build/html/index.html           the handouts in order, titled by each notebook's first markdown heading
//   build/html/mathjax/             a trimmed copy of Debian's MathJax 2.7, only when a notebook has formulas
//   build/html-teacher/             the same handouts with every worked answer open (teacher's edition)
//   build/html-student/             the same handouts without the answers (student's edition)
//
// The editions differ only in the answers under the exercises (scripts/editions.mjs). Links between
// notebooks (NN-name.ipynb, as they are written in the notebooks for classic Notebook) point to the
// handouts (NN-name.html) in every edition.
//
// Usage: node scripts/build.mjs [--out DIR] [--jobs N] [--timeout SECONDS] [NOTEBOOK.ipynb ...]

import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { EDITIONS, notebookForEdition } from "./editions.mjs";
import { executeNotebooks, notebookPaths, pageOptions, shown, stageNotebooks } from "./lessons.mjs";
import { assertOffline, convertNotebooks, indexPage, linkPages, markup, mathjaxUsable } from "./offline-pages.mjs";
import { runMain, setup } from "./setup.mjs";

const HELP = `Usage: npm run build [-- [options] [NOTEBOOK.ipynb ...]]

Executes every notebook in notebooks/ (or the ones given) in a fresh tslab kernel and writes
  <out>/notebooks/*.ipynb     executed notebooks
  <out>/html/*.html           static HTML handouts that work offline (answers collapsed under each exercise)
  <out>/html/index.html       the handouts in order, with their titles
  <out>/html-teacher/         the teacher's edition: every answer open
  <out>/html-student/         the student's edition: no answers

Options:
  --out DIR        output folder (default: build)
  --jobs N         notebooks executed at the same time (default: 2, at most the number of cores)
  --timeout SEC    seconds allowed per cell (default: 300)
  -h, --help       this help
`;

function editionLinks(current, html) {
  const others = EDITIONS.filter((e) => e.name !== current.name).map(
    (e) => html`<a href="../${e.folder}/index.html">${e.subtitle.trim().replace(/[()]/g, "") || "reader's edition"}</a> (${e.note})`,
  );
  return others.flatMap((link, i) => (i ? [html` · `, link] : [link]));
}

async function handoutsIndex(entries, edition) {
  const { html } = await markup();
  return indexPage({
    title: `Gradient Descent Optimization With AMSGrad From Scratch — notebooks${edition.subtitle}`,
    heading: `Gradient Descent Optimization With AMSGrad From Scratch${edition.subtitle}`,
    intro: html`<p>The tutorial re-told in TypeScript notebooks (tslab kernel), executed and saved as static pages. They work offline.
This edition: ${edition.note}. Also: ${editionLinks(edition, html)}.</p>`,
    items: entries.map(
      (e) => html`<a href="${e.html}">${e.title}</a> <span class="file">${e.name} · <a href="../notebooks/${e.name}">.ipynb</a></span>`,
    ),
  });
}

function navBar(entries, i, html) {
  const link = (e, label) => (e ? html`<a href="${e.html}">${label} ${e.title}</a>` : html`<span></span>`);
  return html`<nav class="handout-nav" style="display:flex;justify-content:space-between;gap:1rem;max-width:1100px;margin:0 auto;padding:.6rem 1rem;font:14px system-ui,sans-serif;border-bottom:1px solid #ddd">${link(entries[i - 1], "←")}<a href="index.html">All notebooks</a>${link(entries[i + 1], "→")}</nav>`.markup;
}

/**
 * One edition of the handouts in `htmlDir`: the executed notebooks with their answers as the edition
 * wants them (staged in `stagingDir`), converted by nbconvert with the handout template, a local MathJax
 * copy when a notebook has formulas, the navigation bar, links between notebooks pointed at the
 * handouts, an index; and a check that no page would load anything from the network.
 */
async function writeEdition(edition, entries, htmlDir, stagingDir, env, withMath) {
  const { html } = await markup();
  const staged = stageNotebooks(entries, stagingDir, (nb) => notebookForEdition(nb, edition.name));
  await convertNotebooks({ to: "html", template: "handout", outDir: htmlDir, staged, withMath, env, what: `${edition.name}'s edition` });
  const pages = entries.map((entry, i) => {
    const path = join(htmlDir, entry.html);
    let page = readFileSync(path, "utf8");
    page = page.replace(/<body\b[^>]*>/, (body) => `${body}\n${navBar(entries, i, html)}`);
    page = linkPages(page, entries);
    writeFileSync(path, page);
    return { label: `${edition.folder}/${entry.html}`, html: page };
  });
  writeFileSync(join(htmlDir, "index.html"), await handoutsIndex(entries, edition));
  assertOffline(pages, "handouts");
}

async function main() {
  const options = pageOptions(HELP);
  if (!options) return 0;
  const { values, positionals, jobs } = options;

  const env = setup();
  const sources = notebookPaths(positionals);
  const out = resolve(values.out);
  const nbOut = join(out, "notebooks");
  const htmlOut = join(out, "html");
  rmSync(nbOut, { recursive: true, force: true });
  for (const edition of EDITIONS) rmSync(join(out, edition.folder), { recursive: true, force: true });
  mkdirSync(htmlOut, { recursive: true });

  if (sources.length === 0) console.log("notebooks/ has no notebooks yet: writing an empty index.");

  // 1. Execute (at most `jobs` kernels at a time); the title goes into each executed notebook's metadata.
  const started = performance.now();
  const entries = await executeNotebooks(sources, nbOut, { jobs, timeout: values.timeout, env });

  // 2. The handouts, one folder per edition (answers collapsed, open, left out).
  const withMath = mathjaxUsable(entries);
  const staging = join(out, ".editions");
  rmSync(staging, { recursive: true, force: true });
  try {
    for (const edition of EDITIONS) {
      await writeEdition(edition, entries, join(out, edition.folder), join(staging, edition.name), env, withMath);
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }

  const total = (performance.now() - started) / 1000;
  console.log(`\n${entries.length} notebooks executed and converted in ${total.toFixed(1)} s`);
  console.log(`  executed notebooks: ${shown(nbOut)}/`);
  console.log(`  HTML handouts:      ${shown(join(htmlOut, "index.html"))}`);
  for (const edition of EDITIONS.slice(1)) {
    console.log(`  ${`${edition.name}'s edition:`.padEnd(19)} ${shown(join(out, edition.folder, "index.html"))} (${edition.note})`);
  }
  return 0;
}

runMain(main);
