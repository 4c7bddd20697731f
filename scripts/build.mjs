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

import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { EDITIONS, notebookForEdition } from "./editions.mjs";
import { HARNESS, NOTEBOOKS_DIR, PYTHON, ROOT, SetupError, runMain, setup } from "./setup.mjs";

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

const MATHJAX_SOURCE = "/usr/share/javascript/mathjax";
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
const TEMPLATE = join(ROOT, "scripts", "nbconvert", "handout");
/**
 * nbconvert's HTML order of MIME types with image/svg+xml before text/html: a figure output also carries
 * its SVG as an <img> in HTML (for untrusted front ends); the handout, our own executed notebook, inlines
 * the SVG itself, so that it prints as vectors and its text can be selected.
 */
const DISPLAY_PRIORITY = [
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

function text(source) {
  return Array.isArray(source) ? source.join("") : (source ?? "");
}

function firstHeading(nb) {
  for (const cell of nb.cells) {
    if (cell.cell_type !== "markdown") continue;
    for (const line of text(cell.source).split("\n")) {
      const match = /^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
      if (match) return match[1].replace(/[*_`]/g, "").trim();
    }
  }
  return null;
}

/** Formulas MathJax would typeset: $…$, $$…$$, \(…\), \[…\], \begin{…} in markdown cells or markdown/latex outputs. */
function hasMath(nb) {
  const math = /\$[^$\n]+\$|\$\$|\\\(|\\\[|\\begin\{/;
  for (const cell of nb.cells) {
    if (cell.cell_type === "markdown" && math.test(text(cell.source))) return true;
    for (const output of cell.outputs ?? []) {
      if (output.data?.["text/latex"]) return true;
      if (output.data?.["text/markdown"] && math.test(text(output.data["text/markdown"]))) return true;
    }
  }
  return false;
}

/** A path relative to the current folder when it is inside it, else absolute. */
function shown(path) {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") ? rel : path;
}

function escapeHtml(value) {
  return String(value).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

/** Resources a page would fetch from the network: scripts, stylesheets, images, frames, CSS url()/@import. */
function externalLoads(html) {
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

function runCapture(command, args, env) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk) => (output += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code: code ?? 1, output }));
  });
}

async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  });
  await Promise.all(workers);
  return results;
}

/** Links between notebooks, written as NN-name.ipynb for classic Notebook, pointed at the handouts. */
function linkHandouts(html, entries) {
  const names = new Set(entries.map((e) => e.name));
  return html.replace(/href="([^"/#:]+)\.ipynb(#[^"]*)?"/g, (whole, stem, anchor = "") =>
    names.has(`${stem}.ipynb`) ? `href="${stem}.html${anchor}"` : whole,
  );
}

function editionLinks(current) {
  return EDITIONS.filter((e) => e.name !== current.name)
    .map((e) => `<a href="../${e.folder}/index.html">${escapeHtml(e.subtitle.trim().replace(/[()]/g, "") || "reader's edition")}</a> (${escapeHtml(e.note)})`)
    .join(" · ");
}

function indexPage(entries, edition = EDITIONS[0]) {
  const items = entries
    .map(
      (e) =>
        `    <li><a href="${escapeHtml(e.html)}">${escapeHtml(e.title)}</a>` +
        ` <span class="file">${escapeHtml(e.name)} · <a href="../notebooks/${escapeHtml(e.name)}">.ipynb</a></span></li>`,
    )
    .join("\n");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Gradient Descent Optimization With AMSGrad From Scratch — notebooks${escapeHtml(edition.subtitle)}</title>
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
<h1>Gradient Descent Optimization With AMSGrad From Scratch${escapeHtml(edition.subtitle)}</h1>
<p>The tutorial re-told in TypeScript notebooks (tslab kernel), executed and saved as static pages. They work offline.
This edition: ${escapeHtml(edition.note)}. Also: ${editionLinks(edition)}.</p>
${entries.length ? `<ol>\n${items}\n</ol>` : '<p class="empty">No notebooks yet.</p>'}
</body>
</html>
`;
}

function navBar(entries, i) {
  const prev = entries[i - 1];
  const next = entries[i + 1];
  const link = (e, label) => (e ? `<a href="${escapeHtml(e.html)}">${label} ${escapeHtml(e.title)}</a>` : "<span></span>");
  return (
    '<nav class="handout-nav" style="display:flex;justify-content:space-between;gap:1rem;max-width:1100px;' +
    'margin:0 auto;padding:.6rem 1rem;font:14px system-ui,sans-serif;border-bottom:1px solid #ddd">' +
    `${link(prev, "←")}<a href="index.html">All notebooks</a>${link(next, "→")}</nav>`
  );
}

/**
 * One edition of the handouts in `htmlDir`: the executed notebooks with their answers as the edition
 * wants them (staged in `stagingDir`), converted by nbconvert with the handout template, a local MathJax
 * copy when a notebook has formulas, the navigation bar, links between notebooks pointed at the
 * handouts, an index; and a check that no page would load anything from the network.
 */
async function writeEdition(edition, entries, htmlDir, stagingDir, env, mathjaxAvailable) {
  mkdirSync(htmlDir, { recursive: true });
  mkdirSync(stagingDir, { recursive: true });
  const staged = entries.map((entry) => {
    const path = join(stagingDir, entry.name);
    const nb = notebookForEdition(JSON.parse(readFileSync(entry.target, "utf8")), edition.name);
    writeFileSync(path, `${JSON.stringify(nb, null, 1)}\n`);
    return { ...entry, staged: path };
  });

  const withMath = mathjaxAvailable && staged.some((e) => e.math);
  if (withMath) {
    for (const part of MATHJAX_PARTS) {
      cpSync(join(MATHJAX_SOURCE, part), join(htmlDir, "mathjax", part), { recursive: true, dereference: true });
    }
  }

  // One nbconvert run for the notebooks with formulas, one for those without.
  for (const group of [staged.filter((e) => e.math && withMath), staged.filter((e) => !(e.math && withMath))]) {
    if (group.length === 0) continue;
    const url = group[0].math && withMath ? MATHJAX_URL : "";
    const { code, output } = await runCapture(
      PYTHON,
      [
        "-m", "nbconvert", "--to", "html", "--template", TEMPLATE,
        `--HTMLExporter.mathjax_url=${url}`, `--NbConvertBase.display_data_priority=${JSON.stringify(DISPLAY_PRIORITY)}`,
        "--output-dir", htmlDir,
        ...group.map((e) => e.staged),
      ],
      env,
    );
    if (code !== 0) throw new SetupError(`nbconvert failed (${edition.name}'s edition):\n${output}`);
  }

  const problems = [];
  entries.forEach((entry, i) => {
    const path = join(htmlDir, entry.html);
    let html = readFileSync(path, "utf8");
    html = html.replace(/<body\b[^>]*>/, (body) => `${body}\n${navBar(entries, i)}`);
    html = linkHandouts(html, entries);
    writeFileSync(path, html);
    for (const url of externalLoads(html)) problems.push(`${edition.folder}/${entry.html} loads ${url}`);
  });
  writeFileSync(join(htmlDir, "index.html"), indexPage(entries, edition));
  if (problems.length) {
    throw new SetupError(`the handouts would load files from the network:\n  ${problems.join("\n  ")}`);
  }
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: "string", default: "build" },
      jobs: { type: "string", default: String(Math.max(1, Math.min(2, availableParallelism()))) },
      timeout: { type: "string", default: "300" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const jobs = Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new SetupError(`--jobs must be a positive integer, not ${values.jobs}`);

  const env = setup();
  const sources = positionals.length
    ? positionals.map((p) => resolve(p))
    : existsSync(NOTEBOOKS_DIR)
      ? readdirSync(NOTEBOOKS_DIR).filter((n) => n.endsWith(".ipynb")).sort().map((n) => join(NOTEBOOKS_DIR, n))
      : [];
  for (const source of sources) if (!existsSync(source)) throw new SetupError(`no such notebook: ${source}`);
  const names = sources.map((s) => basename(s));
  if (new Set(names).size !== names.length) throw new SetupError("two notebooks share a file name");

  const out = resolve(values.out);
  const nbOut = join(out, "notebooks");
  const htmlOut = join(out, "html");
  rmSync(nbOut, { recursive: true, force: true });
  for (const edition of EDITIONS) rmSync(join(out, edition.folder), { recursive: true, force: true });
  mkdirSync(nbOut, { recursive: true });
  mkdirSync(htmlOut, { recursive: true });

  if (sources.length === 0) console.log("notebooks/ has no notebooks yet: writing an empty index.");

  // 1. Execute (at most `jobs` kernels at a time).
  const started = performance.now();
  const results = await mapLimit(sources, jobs, async (source) => {
    const target = join(nbOut, basename(source));
    const t0 = performance.now();
    const { code, output } = await runCapture(
      PYTHON,
      [HARNESS, source, "--output", target, "--timeout", values.timeout, "--quiet"],
      env,
    );
    const seconds = (performance.now() - t0) / 1000;
    console.log(`${code === 0 ? "executed" : "FAILED  "} ${relative(ROOT, source)} (${seconds.toFixed(1)} s)`);
    return { source, target, code, output, seconds };
  });
  const failed = results.filter((r) => r.code !== 0);
  if (failed.length) {
    for (const r of failed) process.stderr.write(`\n${r.output}`);
    throw new SetupError(`${failed.length} of ${results.length} notebooks failed to execute; no handouts written.`);
  }

  // 2. Titles, math detection; the title goes into the executed notebook's metadata (nbconvert's <title>).
  const entries = results.map((r) => {
    const nb = JSON.parse(readFileSync(r.target, "utf8"));
    const name = basename(r.target);
    const title = firstHeading(nb) ?? name.replace(/\.ipynb$/, "");
    nb.metadata.title = title;
    writeFileSync(r.target, `${JSON.stringify(nb, null, 1)}\n`);
    return { name, title, target: r.target, html: name.replace(/\.ipynb$/, ".html"), math: hasMath(nb) };
  });

  // 3. The handouts, one folder per edition (answers collapsed, open, left out).
  const mathjaxMissing = entries.some((e) => e.math) && !existsSync(join(MATHJAX_SOURCE, "MathJax.js"));
  if (mathjaxMissing) {
    console.warn(
      "warning: some notebooks have formulas but Debian's MathJax is missing " +
        "(sudo apt-get install libjs-mathjax): they will show as TeX source.",
    );
  }
  const staging = join(out, ".editions");
  rmSync(staging, { recursive: true, force: true });
  try {
    for (const edition of EDITIONS) {
      await writeEdition(edition, entries, join(out, edition.folder), join(staging, edition.name), env, !mathjaxMissing);
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
