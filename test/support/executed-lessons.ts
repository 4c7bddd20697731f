// Every lesson executed once per kernel (the project's kernel, or the same on the other Node), shared by every test file that
// only reads outputs: the front-end checks (classic Notebook, JupyterLab's renderers, VS Code's rules, the
// dark-page check), the Node 24 comparison and notebooks.test.ts's second fresh execution. Executing the
// eight lessons takes about 30 s; each file after the first reads them from the cache instead.
//
//   const lessons = await executedLessons();               // ExecutedNotebook[] in lesson order
//   const other = await executedLessons(OTHER_NODE_KERNEL);   // scripts/node24.mjs
//
// The cache, node_modules/.cache/amsgrad-executed/<kernel>/<key>/, is keyed by what decides the outputs:
// the notebook's bytes, the built library (lib/dist), the kernel's command line and tslab's version. A
// result is written to a temporary folder and renamed into place, so two test processes never read half
// of one.

import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { LOCAL_JUPYTER } from "../../scripts/setup.mjs";
import {
  createPool,
  executeNotebook,
  notebookSources,
  readNotebook,
  ROOT,
  type Execution,
  type ExecutedNotebook,
  type ExecutionReport,
} from "./notebooks.ts";

const CACHE = join(ROOT, "node_modules", ".cache", "amsgrad-executed");

/** A hash of every file under `dir`, by relative path and content. */
function treeHash(dir: string, hash = createHash("sha256"), prefix = ""): ReturnType<typeof createHash> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) treeHash(path, hash, `${prefix}${name}/`);
    else hash.update(`${prefix}${name}\0`).update(readFileSync(path)).update("\0");
  }
  return hash;
}

/** What every lesson's key shares: the library build, the kernel spec, tslab's version. */
function commonKey(kernel: string): string {
  const hash = treeHash(join(ROOT, "lib", "dist"));
  const spec = join(LOCAL_JUPYTER, "kernels", kernel, "kernel.json");
  hash.update(existsSync(spec) ? readFileSync(spec) : kernel);
  hash.update(readFileSync(join(ROOT, "node_modules", "tslab", "package.json")));
  return hash.digest("hex");
}

function load(dir: string): ExecutedNotebook {
  const notebook = readNotebook(join(dir, "executed.ipynb"));
  const report = JSON.parse(readFileSync(join(dir, "report.json"), "utf8")) as ExecutionReport & { log: string; exitCode: number; wallSeconds: number };
  const execution: Execution = { ...report, passNotebooks: [structuredClone(notebook)] };
  Object.defineProperty(notebook, "execution", { value: execution, enumerable: false });
  return notebook as ExecutedNotebook;
}

const pool = createPool();

/**
 * A lesson executed once (fresh kernel, top to bottom, errors allowed: the report says which cells failed)
 * in `kernel`, from the cache when the same notebook ran against the same library and kernel before.
 * `schedule` runs the execution (default: this module's pool, two kernels at a time); a caller with its
 * own pool passes it, so that kernels never outnumber the cores.
 */
export async function executedLesson(
  path: string,
  kernel = "tslab",
  schedule: <T>(task: () => Promise<T>) => Promise<T> = pool,
): Promise<ExecutedNotebook> {
  const key = createHash("sha256").update(commonKey(kernel)).update(readFileSync(path)).digest("hex").slice(0, 24);
  const dir = join(CACHE, kernel, `${basename(path, ".ipynb")}-${key}`);
  if (existsSync(join(dir, "report.json"))) return load(dir);
  return schedule(async () => {
    if (existsSync(join(dir, "report.json"))) return load(dir);
    const work = `${dir}.tmp-${randomBytes(4).toString("hex")}`;
    mkdirSync(work, { recursive: true });
    try {
      const executed = await executeNotebook(path, { allowErrors: true, kernel, outputPath: join(work, "executed.ipynb") });
      const { passNotebooks: _notebooks, ...report } = executed.execution;
      writeFileSync(join(work, "report.json"), JSON.stringify(report));
      try {
        renameSync(work, dir);
      } catch {
        // Another process got there first: its result is the same.
      }
      return load(existsSync(join(dir, "report.json")) ? dir : work);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
}

/** Every lesson (notebooks/NN-*.ipynb), executed once in `kernel` (see {@link executedLesson}), in lesson order. */
export function executedLessons(kernel = "tslab"): Promise<ExecutedNotebook[]> {
  return Promise.all(notebookSources().filter((p) => /^\d\d-/.test(basename(p))).map((p) => executedLesson(p, kernel)));
}
