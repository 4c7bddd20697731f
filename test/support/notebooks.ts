// Helpers for tests that execute notebooks: run test/support/execute-notebook.py (Debian's Python,
// nbclient, a fresh tslab kernel) and read cells and outputs of the executed notebook.
//
//   const nb = await executeNotebook("notebooks/01-intro.ipynb");
//   cellStdout(nb, 'console.log(best)');      // a cell by a piece of its source…
//   cellSvg(nb, 7);                            // …or by its index in nb.cells
//   nb.execution.cells                         // per-cell status, seconds, stderr (not enumerable)

import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { HARNESS, jupyterEnv, missingJupyterModules, NOTEBOOKS_DIR, PYTHON, ROOT, writeKernelSpec } from "../../scripts/setup.mjs";

export { NOTEBOOKS_DIR, ROOT };

export type MultilineString = string | string[];

export interface StreamOutput {
  output_type: "stream";
  name: "stdout" | "stderr";
  text: MultilineString;
}
export interface DataOutput {
  output_type: "display_data" | "execute_result";
  data: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  execution_count?: number | null;
}
export interface ErrorOutput {
  output_type: "error";
  ename: string;
  evalue: string;
  traceback: string[];
}
export type Output = StreamOutput | DataOutput | ErrorOutput;

export interface Cell {
  cell_type: "code" | "markdown" | "raw";
  id?: string;
  source: MultilineString;
  metadata: Record<string, unknown> & { tags?: string[] };
  outputs?: Output[];
  execution_count?: number | null;
}

export interface Notebook {
  cells: Cell[];
  metadata: Record<string, unknown> & {
    kernelspec?: { name?: string; display_name?: string; language?: string };
  };
  nbformat: number;
  nbformat_minor: number;
}

/** One execution of one cell, as the harness reports it. */
export interface CellRun {
  /** 1, or 2 for the second pass of a `twice` run. */
  pass: number;
  /** 1, or 2 for a cell's immediate second run under `repeatEach`. */
  run: number;
  /** Index in `nb.cells` (markdown cells count). */
  index: number;
  status: "ok" | "error" | "timeout" | "dead";
  execution_count: number | null;
  seconds: number;
  /** Everything the cell wrote to stderr (tslab's only channel for errors). */
  stderr: string;
  source: string;
  outputs: Output[];
  /** For timeouts and dead kernels. */
  message?: string;
}

export interface ExecutionReport {
  ok: boolean;
  notebook: string;
  kernel: string;
  seconds: number;
  passes: number;
  /** The first failure in full (cell index, source, stderr), or null. */
  error: string | null;
  cells: CellRun[];
}

export interface Execution extends ExecutionReport {
  /** The notebook as it was after each pass: `passes[0]` is the fresh top-to-bottom run. */
  passNotebooks: Notebook[];
  /** What the harness printed on stderr (one line per cell, the summary, failures). */
  log: string;
  exitCode: number;
  /** Wall time including Python and kernel start-up. */
  wallSeconds: number;
}

/** An executed notebook (pass 1) with its `execution` report as a non-enumerable property. */
export type ExecutedNotebook = Notebook & { readonly execution: Execution };

export interface ExecuteOptions {
  /** Run every cell even after a failure and resolve instead of rejecting. Default false. */
  allowErrors?: boolean;
  /** Seconds per cell. Default 120. */
  timeoutSeconds?: number;
  /** Run all cells twice in the same kernel (as a class re-running everything). */
  twice?: boolean;
  /** Run every cell twice in a row (a reader pressing Shift+Enter on it again); both runs are reported. */
  repeatEach?: boolean;
  /**
   * Text replacements made before the run, each in the one code cell that contains its `find` text (the
   * harness refuses an edit whose text is in no cell or in several): a reader editing a cell.
   */
  edits?: readonly NotebookEdit[];
  /** Also keep the executed notebook at this path. */
  outputPath?: string;
  /** Kernel name; default: the notebook's kernelspec. */
  kernel?: string;
  signal?: AbortSignal;
}

/** One replacement in a notebook's source: `find` (in exactly one code cell, once) becomes `replace`. */
export interface NotebookEdit {
  find: string;
  replace: string;
}

/** A cell failed (or timed out, or the kernel died). The message names the cell, shows its source and stderr. */
export class NotebookExecutionError extends Error {
  constructor(
    message: string,
    readonly notebook: ExecutedNotebook | null,
  ) {
    super(message);
    this.name = "NotebookExecutionError";
  }
}

export function text(value: MultilineString | undefined): string {
  if (value === undefined) return "";
  return Array.isArray(value) ? value.join("") : value;
}

export function readNotebook(path: string): Notebook {
  return JSON.parse(readFileSync(path, "utf8")) as Notebook;
}

let jupyterChecked = false;
function checkJupyter(): void {
  if (jupyterChecked) return;
  const missing = missingJupyterModules();
  if (missing.length > 0) {
    throw new Error(
      `Jupyter is missing for ${PYTHON} (cannot import ${missing.join(", ")}). Run the tests with \`npm test\`, ` +
        "which installs it or says what to install.",
    );
  }
  writeKernelSpec();
  jupyterChecked = true;
}

/**
 * Executes a notebook in a fresh tslab kernel (cwd = the notebook's folder) and returns the executed
 * notebook. Rejects with a {@link NotebookExecutionError} naming the failed cell, its source and its
 * stderr text, unless `allowErrors`.
 */
export async function executeNotebook(path: string, options: ExecuteOptions = {}): Promise<ExecutedNotebook> {
  checkJupyter();
  const absolute = resolve(ROOT, path);
  const work = mkdtempSync(join(tmpdir(), "amsgrad-nb-"));
  const outputPath = options.outputPath ? resolve(options.outputPath) : join(work, "executed.ipynb");
  const reportPath = join(work, "report.json");
  const args = [HARNESS, absolute, "--output", outputPath, "--report", reportPath, "--quiet"];
  if (options.allowErrors) args.push("--allow-errors");
  if (options.twice) args.push("--twice");
  if (options.repeatEach) args.push("--repeat-each");
  if (options.edits) {
    const editsPath = join(work, "edits.json");
    writeFileSync(editsPath, JSON.stringify(options.edits));
    args.push("--edits", editsPath);
  }
  if (options.timeoutSeconds !== undefined) args.push("--timeout", String(options.timeoutSeconds));
  if (options.kernel) args.push("--kernel", options.kernel);
  const started = performance.now();
  try {
    const { code, stderr } = await runProcess(PYTHON, args, options.signal);
    const wallSeconds = (performance.now() - started) / 1000;
    if (!existsSync(reportPath) || !existsSync(outputPath)) {
      throw new NotebookExecutionError(`could not execute ${path} (harness exit code ${code}):\n${stderr}`, null);
    }
    const notebook = readNotebook(outputPath);
    const report = JSON.parse(readFileSync(reportPath, "utf8")) as ExecutionReport;
    const passNotebooks = Array.from({ length: report.passes }, (_, i) => notebookAtPass(notebook, report, i + 1));
    const execution: Execution = { ...report, passNotebooks, log: stderr, exitCode: code, wallSeconds };
    Object.defineProperty(notebook, "execution", { value: execution, enumerable: false });
    const executed = notebook as ExecutedNotebook;
    if (!report.ok && !options.allowErrors) {
      throw new NotebookExecutionError(report.error ?? `${path}: a cell failed:\n${stderr}`, executed);
    }
    return executed;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function notebookAtPass(notebook: Notebook, report: ExecutionReport, pass: number): Notebook {
  const copy = structuredClone(notebook);
  if (pass === 1) return copy;
  for (const run of report.cells) {
    if (run.pass === pass && run.run !== 2) {
      copy.cells[run.index]!.outputs = run.outputs;
      copy.cells[run.index]!.execution_count = run.execution_count;
    }
  }
  return copy;
}

function runProcess(command: string, args: string[], signal?: AbortSignal): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: jupyterEnv(), stdio: ["ignore", "pipe", "pipe"], signal });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code, sig) => resolvePromise({ code: code ?? (sig ? 128 : 1), stdout, stderr }));
  });
}

/** notebooks/*.ipynb (or another folder's), sorted by name: the order of the lessons. */
export function notebookSources(dir: string = NOTEBOOKS_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(".ipynb"))
    .sort()
    .map((name) => join(dir, name));
}

/** A cell: by index in `nb.cells`, or the first code cell whose source contains the string / matches the RegExp. */
export type CellRef = number | string | RegExp;

export function getCell(nb: Notebook, ref: CellRef): Cell {
  if (typeof ref === "number") {
    const cell = nb.cells[ref];
    if (!cell) throw new Error(`no cell ${ref} (the notebook has ${nb.cells.length} cells)`);
    return cell;
  }
  const cell = nb.cells.find(
    (c) => c.cell_type === "code" && (typeof ref === "string" ? text(c.source).includes(ref) : ref.test(text(c.source))),
  );
  if (!cell) throw new Error(`no code cell whose source ${typeof ref === "string" ? "contains" : "matches"} ${String(ref)}`);
  return cell;
}

export function cellIndex(nb: Notebook, ref: CellRef): number {
  return nb.cells.indexOf(getCell(nb, ref));
}

export function cellSource(nb: Notebook, ref: CellRef): string {
  return text(getCell(nb, ref).source);
}

export function cellOutputs(nb: Notebook, ref: CellRef): Output[] {
  return getCell(nb, ref).outputs ?? [];
}

function streamText(outputs: Output[], name: "stdout" | "stderr"): string {
  return outputs
    .filter((o): o is StreamOutput => o.output_type === "stream" && o.name === name)
    .map((o) => text(o.text))
    .join("");
}

/** Everything the cell printed to stdout (console.log, and the value of a last expression in tslab). */
export function cellStdout(nb: Notebook, ref: CellRef): string {
  return streamText(cellOutputs(nb, ref), "stdout");
}

export function cellStderr(nb: Notebook, ref: CellRef): string {
  return streamText(cellOutputs(nb, ref), "stderr");
}

function mimeData(nb: Notebook, ref: CellRef, mime: string): string[] {
  return cellOutputs(nb, ref)
    .filter((o): o is DataOutput => o.output_type === "display_data" || o.output_type === "execute_result")
    .filter((o) => mime in o.data)
    .map((o) => text(o.data[mime] as MultilineString));
}

/** stdout plus any text/plain results: what a reader sees as text under the cell. */
export function cellText(nb: Notebook, ref: CellRef): string {
  return cellStdout(nb, ref) + mimeData(nb, ref, "text/plain").join("");
}

/** The cell's image/svg+xml outputs (tslab.display.svg), in order. */
export function cellSvg(nb: Notebook, ref: CellRef): string[] {
  return mimeData(nb, ref, "image/svg+xml");
}

/** The cell's text/html outputs (tslab.display.html), in order. */
export function cellHtml(nb: Notebook, ref: CellRef): string[] {
  return mimeData(nb, ref, "text/html");
}

export function cellMime(nb: Notebook, ref: CellRef, mime: string): string[] {
  return mimeData(nb, ref, mime);
}

/** Code cells with their indices in `nb.cells`. */
export function codeCells(nb: Notebook): { index: number; cell: Cell }[] {
  return nb.cells.flatMap((cell, index) => (cell.cell_type === "code" ? [{ index, cell }] : []));
}

/** The text of the first markdown heading, without markdown emphasis/code marks; null when there is none. */
export function firstHeading(nb: Notebook): string | null {
  for (const cell of nb.cells) {
    if (cell.cell_type !== "markdown") continue;
    for (const line of text(cell.source).split("\n")) {
      const match = /^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
      if (match) return match[1]!.replace(/[*_`]/g, "").trim();
    }
  }
  return null;
}

export function notebookName(path: string): string {
  return basename(path);
}

/** Runs at most `limit` tasks at a time (2 cores: two kernels compile TypeScript in parallel). */
export function createPool(limit = Math.max(1, Math.min(2, availableParallelism()))) {
  let active = 0;
  const queue: (() => void)[] = [];
  const next = () => {
    if (active >= limit) return;
    const start = queue.shift();
    if (start) {
      active++;
      start();
    }
  };
  return function run<T>(task: () => Promise<T>): Promise<T> {
    const promise = new Promise<T>((resolvePromise, reject) => {
      queue.push(() => {
        task()
          .then(resolvePromise, reject)
          .finally(() => {
            active--;
            next();
          });
      });
    });
    next();
    // Mark as handled: a test awaits it later, an early rejection must not crash the run.
    promise.catch(() => {});
    return promise;
  };
}
