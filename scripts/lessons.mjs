// The lessons as the pages made from them need them (`npm run build`'s handouts, `npm run slides`):
// which notebooks, executed in fresh tslab kernels (by the tests' harness, test/support/execute-notebook.py),
// each described by its title (its first markdown heading) and whether it has formulas, and staged: a
// copy per kind of page, changed as that page wants it (an edition's answers, the slides' sections).
//
// Plain Node ESM without dependencies, like scripts/setup.mjs.

import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { HARNESS, NOTEBOOKS_DIR, PYTHON, ROOT, SetupError } from "./setup.mjs";

/** A notebook cell's source as one string (nbformat allows a string or a list of lines). */
export function text(source) {
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
export function shown(path) {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") ? rel : path;
}

/** Runs a command in the repository root; resolves with its exit code and its stdout and stderr together. */
export function runCapture(command, args, env) {
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

/**
 * The command line of a script that makes pages of the notebooks: `--out DIR` (default build), `--jobs N`
 * (kernels at a time: default 2, at most the cores), `--timeout SEC` (per cell, default 300), `-h`, and
 * `extra` options (parseArgs's form), plus notebooks. Returns { values, positionals, jobs }, or null
 * after printing `help` for -h.
 */
export function pageOptions(help, extra = {}) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: "string", default: "build" },
      jobs: { type: "string", default: String(Math.max(1, Math.min(2, availableParallelism()))) },
      timeout: { type: "string", default: "300" },
      help: { type: "boolean", short: "h" },
      ...extra,
    },
  });
  if (values.help) {
    process.stdout.write(help);
    return null;
  }
  const jobs = Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new SetupError(`--jobs must be a positive integer, not ${values.jobs}`);
  return { values, positionals, jobs };
}

/**
 * The notebooks to make pages of: the paths given (each must exist), or every notebook in `folder`
 * (default notebooks/) in name order. Two notebooks may not share a file name (their pages would).
 */
export function notebookPaths(paths, folder = NOTEBOOKS_DIR) {
  const sources = paths.length
    ? paths.map((p) => resolve(p))
    : existsSync(folder)
      ? readdirSync(folder).filter((n) => n.endsWith(".ipynb")).sort().map((n) => join(folder, n))
      : [];
  for (const source of sources) if (!existsSync(source)) throw new SetupError(`no such notebook: ${source}`);
  const names = sources.map((s) => basename(s));
  if (new Set(names).size !== names.length) throw new SetupError("two notebooks share a file name");
  return sources;
}

/**
 * An executed notebook as the pages need it: file name, title (its first markdown heading, else the file
 * name), path, the page's file name with `extension`, and whether it has formulas.
 */
export function describeNotebook(path, extension = ".html") {
  const nb = JSON.parse(readFileSync(path, "utf8"));
  const name = basename(path);
  const stem = name.replace(/\.ipynb$/, "");
  return { name, title: firstHeading(nb) ?? stem, target: path, html: `${stem}${extension}`, math: hasMath(nb) };
}

/**
 * Executes each notebook in a fresh tslab kernel (at most `jobs` at a time) into `nbOut`, writes its title
 * into its metadata (nbconvert's <title>) and returns their descriptions ({@link describeNotebook}). Any
 * failure stops everything with the kernels' output.
 */
export async function executeNotebooks(sources, nbOut, { jobs, timeout, env, extension }) {
  mkdirSync(nbOut, { recursive: true });
  const results = await mapLimit(sources, jobs, async (source) => {
    const target = join(nbOut, basename(source));
    const t0 = performance.now();
    const { code, output } = await runCapture(PYTHON, [HARNESS, source, "--output", target, "--timeout", timeout, "--quiet"], env);
    const seconds = (performance.now() - t0) / 1000;
    console.log(`${code === 0 ? "executed" : "FAILED  "} ${relative(ROOT, source)} (${seconds.toFixed(1)} s)`);
    return { target, code, output };
  });
  const failed = results.filter((r) => r.code !== 0);
  if (failed.length) {
    for (const r of failed) process.stderr.write(`\n${r.output}`);
    throw new SetupError(`${failed.length} of ${results.length} notebooks failed to execute; no pages written.`);
  }
  return results.map(({ target }) => {
    const entry = describeNotebook(target, extension);
    const nb = JSON.parse(readFileSync(target, "utf8"));
    nb.metadata.title = entry.title;
    writeFileSync(target, `${JSON.stringify(nb, null, 1)}\n`);
    return entry;
  });
}

/**
 * Copies of the executed notebooks in `dir`, each passed through `change` (a function of the parsed
 * notebook that returns the notebook to convert) and titled; returns the entries with `staged`, the copy.
 */
export function stageNotebooks(entries, dir, change) {
  mkdirSync(dir, { recursive: true });
  return entries.map((entry) => {
    const nb = change(JSON.parse(readFileSync(entry.target, "utf8")));
    nb.metadata = { ...nb.metadata, title: entry.title };
    const staged = join(dir, entry.name);
    writeFileSync(staged, `${JSON.stringify(nb, null, 1)}\n`);
    return { ...entry, staged };
  });
}
