// The class hub as tests and the benchmark use it: `node scripts/class.mjs` (what `npm run class`
// runs) with the TEST-ONLY login on a free loopback port, students driven through its proxy by
// test/support/hub-students.py, the processes the hub started found through /proc, and students'
// outputs compared with a solo nbclient run cell by cell.

import type { ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { ROOT } from "../../scripts/setup.mjs";
import { freePort, startScript, type StartedScript } from "./jupyter-server.ts";
import { text, type Output } from "./notebooks.ts";
import { runPython } from "./run-command.ts";

export const HUB_STUDENTS = join(ROOT, "test", "support", "hub-students.py");
export const CLASS_SCRIPT = join(ROOT, "scripts", "class.mjs");
/** The lessons' folder in every student's server (binder/jupyterhub/amsgrad-notebooks.sh). */
export const LESSONS_FOLDER = "amsgrad-notebooks";

export interface ClassHub {
  child: ChildProcess;
  /** http://127.0.0.1:PORT, the proxy students connect to. */
  url: string;
  port: number;
  password: string;
  state: string;
  stdout: () => string;
  stderr: () => string;
  /** SIGINT (Ctrl+C), wait for the exit; SIGKILL after `graceMs` (default 60 s). */
  stop: StartedScript["stop"];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const READY_LINE = /^\s+(http:\/\/127\.0\.0\.1:(\d+))\/\s*$/m;

/**
 * Starts `scripts/class.mjs --state STATE` with the test-only login on a free port (with `npm`: `npm run
 * class -- …` in a process group of its own, as a teacher's terminal runs it; with `realLogin`: the
 * class's own PAM login, as root, `password` then only recorded for the students' client); resolves
 * when it prints its URL.
 */
export async function startClassHub(
  state: string,
  { password = "test-only-password", timeoutMs = 90_000, args = [] as string[], npm = false, realLogin = false } = {},
): Promise<ClassHub> {
  const port = await freePort();
  const options = ["--port", String(port), "--state", state, ...args];
  const command = npm ? ["npm", "run", "class", "--silent", "--", ...options] : [process.execPath, CLASS_SCRIPT, ...options];
  const started = await startScript(command, {
    readyLine: READY_LINE,
    timeoutMs,
    name: "class.mjs",
    detached: npm,
    env: realLogin ? withoutTestLogin(process.env) : { ...process.env, AMSGRAD_CLASS_TEST_ONLY_PASSWORD: password },
    // The hub stops each server with SIGINT, SIGTERM after 10 s, SIGKILL after 5 s more.
    graceMs: 60_000,
  });
  const { child, match, stdout, stderr, stop, exited } = started;
  return { child, url: match[1]!, port: Number(match[2]), password, state, stdout, stderr, stop, exited };
}

function withoutTestLogin(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy.AMSGRAD_CLASS_TEST_ONLY_PASSWORD;
  return copy;
}

/** One process of the class, by what its command line says it is. */
export interface ClassProcess {
  pid: number;
  ppid: number;
  kind: "hub" | "proxy" | "server" | "kernel" | "other";
  command: string;
}

function kindOf(command: string): ClassProcess["kind"] {
  if (/-m jupyterhub -f /.test(command)) return "hub";
  if (/configurable-http-proxy/.test(command)) return "proxy";
  if (/jupyterhub-singleuser/.test(command)) return "server";
  if (/tslab\/bin\/tslab kernel/.test(command)) return "kernel";
  return "other";
}

/** Every live process descending from `root` (not `root` itself), read from /proc. */
export function processTree(root: number): ClassProcess[] {
  const all = new Map<number, { ppid: number; command: string }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name in parentheses may hold spaces: fields start after the last ")".
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (fields[0] === "Z") continue; // a zombie has exited; only its parent's wait() is missing
      const command = readFileSync(`/proc/${entry}/cmdline`, "utf8").replace(/\0/g, " ").trim();
      all.set(Number(entry), { ppid: Number(fields[1]), command });
    } catch {
      // gone while reading
    }
  }
  const found: ClassProcess[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const [pid, info] of all) {
      if (info.ppid === parent) {
        found.push({ pid, ppid: info.ppid, kind: kindOf(info.command), command: info.command });
        queue.push(pid);
      }
    }
  }
  return found;
}

/**
 * A kernel process's connection: the file its server wrote (tslab's `--config-path`), the folder it is
 * in, and the transport and address it names (for `ipc`, the sockets are `${ip}-1` … `${ip}-5`).
 */
export function kernelConnection(kernel: ClassProcess): { file: string; folder: string; transport: string; ip: string } {
  const file = /--config-path (\S+)/.exec(kernel.command)?.[1];
  if (!file) throw new Error(`no --config-path in the kernel's command: ${kernel.command}`);
  const { transport, ip } = JSON.parse(readFileSync(file, "utf8")) as { transport: string; ip: string };
  return { file, folder: dirname(file), transport, ip };
}

/** Whether process `pid` still runs (a zombie does not). */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

/** One student's run as hub-students.py reports it. */
export interface StudentRun {
  name: string;
  ok: boolean;
  error: string | null;
  times: Partial<Record<"login" | "server_ready" | "kernel_ready" | "first_figure" | "run_all", number>>;
  cells: { index: number; status: string; outputs: Output[] }[];
  lost_idle?: number;
  rate_limited?: boolean;
  /** iopub messages of the Run All (status, inputs, outputs), counted when they reached the student. */
  iopub_messages?: number;
  /** Times the server closed the kernel websocket and the student reconnected, as the page does. */
  reconnects?: number;
  probes?: { other: string; status: number; at: string }[];
  extra_kernels?: { path: string; status: number; message: string }[];
  error_trials?: { delay_ms: number; failing: string; next: string; next_outputs: number; next_execution_count?: number | null; reply_ms: number }[];
  /** The --save-cell save: the contents API's answer to the PUT. */
  save?: { status: number; path: string };
}

export interface StudentsOptions {
  hub: ClassHub;
  students: string[];
  notebook: string;
  probeOthers?: boolean;
  extraKernels?: string[];
  errorTrials?: number;
  /** Error trials before Run All, while the rest of the class starts (default: after). */
  errorTrialsFirst?: boolean;
  /** Milliseconds after the failed cell's reply reached the student; < 0: sent right behind the failing cell. */
  errorDelaysMs?: number[];
  /** After Run All, add a code cell with this source at the end of the notebook and save it (the page's PUT). */
  saveCell?: string;
  timeoutSeconds?: number;
  /** Milliseconds between one student's login and the next (default 0: all at once). */
  staggerMs?: number;
  /** Called with the client's process id once it runs (the benchmark samples its CPU). */
  onSpawn?: (pid: number) => void;
}

/** Runs hub-students.py: every student logs in at once and runs `notebook` through the hub's proxy. */
export async function runStudents(options: StudentsOptions): Promise<{ students: StudentRun[]; stderr: string; code: number }> {
  const args = [
    HUB_STUDENTS,
    "--hub", options.hub.url,
    "--password", options.hub.password,
    "--students", options.students.join(","),
    "--notebook", options.notebook,
    "--timeout", String(options.timeoutSeconds ?? 600),
  ];
  if (options.probeOthers) args.push("--probe-others");
  if (options.extraKernels?.length) args.push("--extra-kernels", options.extraKernels.join(","));
  if (options.errorTrials) args.push("--error-trials", String(options.errorTrials));
  if (options.errorTrialsFirst) args.push("--error-trials-first");
  if (options.errorDelaysMs) args.push(`--error-delays=${options.errorDelaysMs.join(",")}`);
  if (options.saveCell) args.push("--save-cell", options.saveCell);
  if (options.staggerMs) args.push("--stagger-ms", String(options.staggerMs));
  const { code, stdout, stderr } = await runPython(args, { onSpawn: options.onSpawn });
  try {
    return { ...(JSON.parse(stdout) as { students: StudentRun[] }), stderr, code };
  } catch {
    throw new Error(`hub-students.py (exit ${code}) printed no report:\n${stdout}\n${stderr}`);
  }
}

/** An output reduced to what a student sees: its type, stream name and text, or each MIME type's data. */
export function comparable(output: Output): string {
  if (output.output_type === "stream") return JSON.stringify(["stream", output.name, text(output.text)]);
  if (output.output_type === "error") return JSON.stringify(["error", output.ename, output.evalue]);
  const data = Object.entries(output.data)
    .map(([mime, value]) => [mime, typeof value === "string" || Array.isArray(value) ? text(value as string | string[]) : JSON.stringify(value)])
    .sort(([a], [b]) => (a! < b! ? -1 : 1));
  return JSON.stringify([output.output_type === "execute_result" ? "result" : "display", data]);
}

/** Consecutive stream outputs of one name are one output (nbclient and the Notebook page merge them). */
function mergedStreams(outputs: Output[]): Output[] {
  const merged: Output[] = [];
  for (const output of outputs) {
    const last = merged[merged.length - 1];
    if (output.output_type === "stream" && last?.output_type === "stream" && last.name === output.name) {
      merged[merged.length - 1] = { ...last, text: text(last.text) + text(output.text) };
    } else {
      merged.push(output);
    }
  }
  return merged;
}

/**
 * A student's outputs against the solo run's, cell by cell: `lost` counts solo outputs the student
 * lacks, `different` names the cells whose outputs differ in any way (extra, changed or missing).
 */
export function compareWithSolo(
  solo: Map<number, Output[]>,
  student: StudentRun,
): { lost: number; different: number[]; missingCells: number[] } {
  let lost = 0;
  const different: number[] = [];
  const missingCells: number[] = [];
  const byIndex = new Map(student.cells.map((c) => [c.index, c.outputs]));
  for (const [index, expected] of solo) {
    const got = byIndex.get(index);
    if (!got) {
      missingCells.push(index);
      lost += expected.length;
      continue;
    }
    const want = mergedStreams(expected).map(comparable);
    const have = mergedStreams(got).map(comparable);
    const remaining = [...have];
    for (const output of want) {
      const at = remaining.indexOf(output);
      if (at === -1) lost++;
      else remaining.splice(at, 1);
    }
    if (want.length !== have.length || want.some((o, i) => o !== have[i])) different.push(index);
  }
  return { lost, different, missingCells };
}
