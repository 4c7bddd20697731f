// A class logging in at once on `npm run class`: for each class size, a fresh hub (scripts/class.mjs
// with the TEST-ONLY login: any name, one password; the students' servers run as this account
// instead of each student's, otherwise the same hub, proxy, servers and kernels), every student
// logs in at the same moment, opens notebook 5 and runs all its cells through the hub's proxy over
// the kernel websocket as the Notebook page does (test/support/hub-students.py). Reported per size:
//   - seconds from login to the first figure and to the end of Run All (median; 95th percentile by
//     nearest rank, so for 10 students the slowest), and to server and kernel ready;
//   - memory: the peak of the class's summed RSS (sampled every second) per student, the summed PSS
//     at the end (shared pages counted once) per student, the largest kernel and server;
//   - CPU: the machine's busy share of its cores from the first login to the last Run All, and
//     CPU-seconds per student (kernel + server), of the hub and proxy, and of the students' client;
//   - outputs lost: each student's outputs against the solo student's (the class of 1), cell by cell;
//   - the class size this machine serves with the 95th percentile of the first figure under 10 s.
// Then tslab's abort-after-error window: a cell fails and the next one is sent D ms after the
// failure's reply reaches the student, alone and in a class of 10 while it logs in and starts.
//
// Run: node --import tsx bench/class.ts [--quick] [--sizes 10,20,30] [--stagger-ms N] [--no-error-trials]
//   (npm run bench runs it with none of these). --stagger-ms: students log in N ms apart instead of at
//   once (times stay per student, from their own login); --no-error-trials: the class sizes only.
// Needs Debian's jupyterhub (npm test / npm run class install it). Results also go to
// bench/results-class-DATE.json.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { setup } from "../scripts/setup.mjs";
import { compareWithSolo, LESSONS_FOLDER, processTree, runStudents, startClassHub, type ClassProcess, type StudentRun } from "../test/support/class-hub.ts";
import type { Output } from "../test/support/notebooks.ts";
import { median } from "./median.ts";

const LESSON = `${LESSONS_FOLDER}/05-visualization.ipynb`;
const TARGET_FIRST_FIGURE_S = 10;
const ERROR_DELAYS_MS = [0, 100, 150, 175, 200, 225, 250, 300, 500];
const quick = process.argv.includes("--quick");
const sizesArg = process.argv.indexOf("--sizes");
const sizes = sizesArg > 0 ? parseSizes(process.argv[sizesArg + 1]) : quick ? [2, 4] : [2, 3, 4, 6, 10, 20, 30];
const staggerArg = process.argv.indexOf("--stagger-ms");
const staggerMs = staggerArg > 0 ? parseStagger(process.argv[staggerArg + 1]) : 0;
const errorTrialsWanted = !process.argv.includes("--no-error-trials");
const errorClass = quick ? 2 : 10;
const errorTrials = quick ? 1 : 4;

function parseStagger(value: string | undefined): number {
  const ms = Number(value);
  if (!/^\d+$/.test(value ?? "") || ms > 60_000) throw new Error(`--stagger-ms must be milliseconds between logins (0-60000), not ${value}`);
  return ms;
}

function parseSizes(value: string | undefined): number[] {
  const list = (value ?? "").split(",").map(Number);
  if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n < 1 || n > 200)) {
    throw new Error(`--sizes must be comma-separated class sizes (1-200), not ${value}`);
  }
  return list;
}

const PAGE = 4096;
const TICKS = 100; // USER_HZ on Linux

/** CPU ticks (user + system) and RSS bytes of a process, from /proc; null when it is gone. */
function usage(pid: number): { ticks: number; rss: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const rssPages = Number(readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]);
    return { ticks: Number(fields[11]) + Number(fields[12]), rss: rssPages * PAGE };
  } catch {
    return null;
  }
}

function pss(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8").split("\n").find((l) => l.startsWith("Pss:"));
    return Number(line?.split(/\s+/)[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** Busy and total jiffies of the whole machine (all cores), from /proc/stat. */
function machineTicks(): { busy: number; total: number } {
  const cpu = readFileSync("/proc/stat", "utf8").split("\n")[0]!.split(/\s+/).slice(1).map(Number);
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
  const total = cpu.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/** Samples the class's processes every second: peak summed RSS, last CPU ticks per process and kind. */
class Sampler {
  peakRss = 0;
  /** The machine's CPU counters at each sample, to take its busy share over the students' window. */
  machine: { at: number; busy: number; total: number }[] = [];
  peakByKind = new Map<string, number>();
  ticks = new Map<number, { kind: string; ticks: number }>();
  private timer: NodeJS.Timeout | null = null;
  constructor(
    private readonly root: number,
    private readonly extra: () => number[],
  ) {}
  sample(): ClassProcess[] {
    const tree = processTree(this.root);
    const all = [...tree.map((p) => ({ pid: p.pid, kind: p.kind as string })), ...this.extra().map((pid) => ({ pid, kind: "client" }))];
    let total = 0;
    for (const { pid, kind } of all) {
      const u = usage(pid);
      if (!u) continue;
      if (kind !== "client") total += u.rss;
      this.peakByKind.set(kind, Math.max(this.peakByKind.get(kind) ?? 0, u.rss));
      this.ticks.set(pid, { kind, ticks: u.ticks });
    }
    this.peakRss = Math.max(this.peakRss, total);
    this.machine.push({ at: performance.now(), ...machineTicks() });
    return tree;
  }
  start() {
    this.timer = setInterval(() => this.sample(), 1000);
  }
  stop() {
    if (this.timer) clearInterval(this.timer);
  }
  cpuSeconds(kind: string): number {
    let ticks = 0;
    for (const entry of this.ticks.values()) if (entry.kind === kind) ticks += entry.ticks;
    return ticks / TICKS;
  }
}

/** Nearest-rank percentile. */
function percentile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(q * s.length) - 1)]!;
}

interface Round {
  size: number;
  students: StudentRun[];
  failed: string[];
  times: Record<"server_ready" | "kernel_ready" | "first_figure" | "run_all", { median: number; p95: number }>;
  memory: { peakRssPerStudentMB: number; pssPerStudentMB: number; hubProxyPssMB: number; largestKernelMB: number; largestServerMB: number };
  cpu: {
    machineBusy: number;
    /** Of the machine's busy CPU time, the share this class used (the rest: other users of the machine). */
    classShare: number;
    perStudentS: number;
    kernelPerStudentS: number;
    serverPerStudentS: number;
    hubProxyS: number;
    clientS: number;
  };
  loadAtStart: number;
  wallS: number;
}

const MB = 2 ** 20;

async function round(size: number, options: { errorTrials?: number; errorTrialsFirst?: boolean; prefix?: string } = {}): Promise<Round> {
  const state = mkdtempSync(join(os.tmpdir(), `amsgrad-bench-class-${size}-`));
  // Error-trial rounds always log in at once: their window is measured against a class starting together.
  const roundStaggerMs = options.errorTrials ? 0 : staggerMs;
  const hub = await startClassHub(state);
  let clientPid = 0;
  const sampler = new Sampler(hub.child.pid!, () => (clientPid ? [clientPid] : []));
  try {
    const names = Array.from({ length: size }, (_, i) => `${options.prefix ?? "s"}${String(i + 1).padStart(2, "0")}`);
    sampler.sample();
    const loadAtStart = os.loadavg()[0]!;
    const cpuBefore = machineTicks();
    const began = performance.now();
    sampler.start();
    const running = runStudents({
      hub,
      students: names,
      notebook: LESSON,
      timeoutSeconds: 300,
      errorTrials: options.errorTrials,
      errorTrialsFirst: options.errorTrialsFirst,
      errorDelaysMs: options.errorTrials ? ERROR_DELAYS_MS : undefined,
      staggerMs: roundStaggerMs,
      onSpawn: (pid) => (clientPid = pid),
    });
    const { students } = await running;
    sampler.stop();
    const tree = sampler.sample();
    if (students.some((s) => !s.ok || (s.reconnects ?? 0) > 0)) {
      const log = `bench/results-class-${new Date().toISOString().slice(0, 16).replace(":", "-")}-${size}-hub.log`;
      writeFileSync(log, hub.stderr());
      const failed = students.filter((s) => !s.ok).length;
      const reconnected = students.filter((s) => (s.reconnects ?? 0) > 0).length;
      console.error(`class of ${size}: ${failed} student(s) failed, ${reconnected} reconnected; the hub's log is in ${log}`);
    }
    // The window: from the logins to the last student's end of Run All (a student who never finished
    // would otherwise stretch it to the timeout).
    // (Times are from each student's own login: with staggered logins, student i logged in i × stagger later.)
    const lastEnd = Math.max(0, ...students.map((s, i) => (s.times.run_all === undefined ? 0 : s.times.run_all + (i * roundStaggerMs) / 1000)));
    const wallS = lastEnd > 0 ? lastEnd : (performance.now() - began) / 1000;
    const cpuAfter = sampler.machine.filter((m) => m.at <= began + wallS * 1000 + 1000).pop() ?? sampler.machine[sampler.machine.length - 1]!;
    const pssBy = (kinds: string[]) => tree.filter((p) => kinds.includes(p.kind)).reduce((sum, p) => sum + pss(p.pid), 0);
    const ok = students.filter((s) => s.ok);
    const stat = (key: keyof StudentRun["times"]) => {
      const values = ok.map((s) => s.times[key]).filter((v): v is number => typeof v === "number");
      return values.length ? { median: median(values), p95: percentile(values, 0.95) } : { median: NaN, p95: NaN };
    };
    const kernelS = sampler.cpuSeconds("kernel");
    const serverS = sampler.cpuSeconds("server");
    const ours = kernelS + serverS + sampler.cpuSeconds("hub") + sampler.cpuSeconds("proxy") + sampler.cpuSeconds("client");
    return {
      size,
      students,
      failed: students.filter((s) => !s.ok).map((s) => `${s.name}: ${s.error ?? "a cell did not finish ok"}`),
      times: { server_ready: stat("server_ready"), kernel_ready: stat("kernel_ready"), first_figure: stat("first_figure"), run_all: stat("run_all") },
      memory: {
        peakRssPerStudentMB: sampler.peakRss / size / MB,
        pssPerStudentMB: pssBy(["hub", "proxy", "server", "kernel"]) / size / MB,
        hubProxyPssMB: pssBy(["hub", "proxy"]) / MB,
        largestKernelMB: (sampler.peakByKind.get("kernel") ?? 0) / MB,
        largestServerMB: (sampler.peakByKind.get("server") ?? 0) / MB,
      },
      cpu: {
        machineBusy: (cpuAfter.busy - cpuBefore.busy) / (cpuAfter.total - cpuBefore.total),
        classShare: ours / ((cpuAfter.busy - cpuBefore.busy) / TICKS),
        perStudentS: (kernelS + serverS) / size,
        kernelPerStudentS: kernelS / size,
        serverPerStudentS: serverS / size,
        hubProxyS: sampler.cpuSeconds("hub") + sampler.cpuSeconds("proxy"),
        clientS: sampler.cpuSeconds("client"),
      },
      loadAtStart,
      wallS,
    };
  } finally {
    sampler.stop();
    const stopped = await hub.stop(120_000);
    if (stopped.killed || stopped.code !== 0) console.error(`the class of ${size} did not stop cleanly: ${JSON.stringify(stopped)}\n${hub.stderr().slice(-2000)}`);
    rmSync(state, { recursive: true, force: true });
  }
}

function lostAgainst(solo: Map<number, Output[]>, r: Round) {
  let lost = 0;
  let cellsDifferent = 0;
  let studentsWithLoss = 0;
  for (const s of r.students) {
    const c = compareWithSolo(solo, s);
    lost += c.lost;
    cellsDifferent += c.different.length;
    if (c.lost > 0 || c.different.length > 0) studentsWithLoss++;
  }
  const lostIdle = r.students.reduce((sum, s) => sum + (s.lost_idle ?? 0), 0);
  const rateLimited = r.students.filter((s) => s.rate_limited).length;
  return { lost, cellsDifferent, studentsWithLoss, lostIdle, rateLimited };
}

const f1 = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : "—");

setup({ hub: true });
const cpu = os.cpus();
console.log(`Class on one machine: ${cpu[0]?.model ?? "CPU"}, ${cpu.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average at start ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
console.log(`Each student: log in, open ${LESSON}, Run All through the hub's proxy (${staggerMs ? `logins ${staggerMs} ms apart; times from each student's own login` : "all students at once"}).\n`);

const solo = await round(1, { prefix: "solo" });
const soloStudent = solo.students[0]!;
if (!soloStudent.ok) throw new Error(`the solo student failed: ${soloStudent.error}`);
const soloOutputs = new Map(soloStudent.cells.map((c) => [c.index, c.outputs]));
const rounds = [solo];
for (const size of sizes) rounds.push(await round(size));

console.log(
  "| students | server ready s (median / p95) | kernel ready s | first figure s | end of Run All s | failed | outputs lost (cells differing, students) | lost idle | " +
    "PSS per student MB | peak RSS per student MB | largest kernel / server MB | hub + proxy PSS MB | machine busy (this class's share) | CPU s per student (kernel + server) | hub + proxy CPU s | load at start |",
);
console.log("|---:|---|---|---|---|---:|---|---:|---:|---:|---|---:|---|---|---:|---:|");
for (const r of rounds) {
  const t = r.times;
  const l = lostAgainst(soloOutputs, r);
  const m = r.memory;
  console.log(
    `| ${r.size} | ${f1(t.server_ready.median)} / ${f1(t.server_ready.p95)} | ${f1(t.kernel_ready.median)} / ${f1(t.kernel_ready.p95)} | ` +
      `${f1(t.first_figure.median)} / ${f1(t.first_figure.p95)} | ${f1(t.run_all.median)} / ${f1(t.run_all.p95)} | ${r.failed.length} | ` +
      `${l.lost} (${l.cellsDifferent}, ${l.studentsWithLoss}) | ${l.lostIdle} | ${m.pssPerStudentMB.toFixed(0)} | ${m.peakRssPerStudentMB.toFixed(0)} | ` +
      `${m.largestKernelMB.toFixed(0)} / ${m.largestServerMB.toFixed(0)} | ${m.hubProxyPssMB.toFixed(0)} | ${(100 * r.cpu.machineBusy).toFixed(0)}% (${(100 * r.cpu.classShare).toFixed(0)}%) | ` +
      `${r.cpu.perStudentS.toFixed(1)} (${r.cpu.kernelPerStudentS.toFixed(1)} + ${r.cpu.serverPerStudentS.toFixed(1)}) | ${r.cpu.hubProxyS.toFixed(1)} | ${r.loadAtStart.toFixed(1)} |`,
  );
}
for (const r of rounds) for (const failure of r.failed) console.log(`  class of ${r.size}: ${failure}`);

// The class size served with p95(first figure) < 10 s: the largest measured size that meets it, and
// where the line between it and the next measured size crosses 10 s.
const measured = rounds.filter((r) => r.failed.length === 0 && Number.isFinite(r.times.first_figure.p95)).sort((a, b) => a.size - b.size);
const passing = measured.filter((r) => r.times.first_figure.p95 < TARGET_FIRST_FIGURE_S);
const best = passing[passing.length - 1];
const next = measured.find((r) => best && r.size > best.size);
let crossing = "";
if (best && next) {
  const slope = (next.times.first_figure.p95 - best.times.first_figure.p95) / (next.size - best.size);
  if (slope > 0) crossing = `; between ${best.size} and ${next.size} the p95 crosses ${TARGET_FIRST_FIGURE_S} s at about ${(best.size + (TARGET_FIRST_FIGURE_S - best.times.first_figure.p95) / slope).toFixed(1)} students`;
}
console.log(
  `\nClass size with p95 first figure < ${TARGET_FIRST_FIGURE_S} s: ${best ? `${best.size} student(s) (p95 ${f1(best.times.first_figure.p95)} s)` : "none measured"}${crossing}.`,
);
// What CPU alone predicts for a machine nobody else uses: the class needs every student's CPU-seconds
// (the solo student's, the least inflated by contention) from 2 cores.
const estimate = (os.cpus().length * TARGET_FIRST_FIGURE_S) / solo.cpu.perStudentS;
console.log(
  `Estimate from CPU for a dedicated machine: ${os.cpus().length} cores × ${TARGET_FIRST_FIGURE_S} s / ${solo.cpu.perStudentS.toFixed(1)} CPU-seconds per student ` +
    `(the solo student, to the end of Run All) = ${estimate.toFixed(1)} students (an upper bound on the work before a first figure, so a lower bound on the class).`,
);
const iopub = rounds.flatMap((r) => r.students.map((s) => s.iopub_messages ?? 0));
console.log(`iopub messages per student's session: ${Math.min(...iopub)}–${Math.max(...iopub)}`);
for (const r of rounds) {
  const reconnected = r.students.filter((s) => (s.reconnects ?? 0) > 0);
  if (reconnected.length) {
    console.log(`class of ${r.size}: the server closed ${reconnected.length} student(s)' kernel websocket; they reconnected (${reconnected.map((s) => `${s.name} ×${s.reconnects}`).join(", ")})`);
  }
}
const biggest = rounds[rounds.length - 1]!;
console.log(
  `Limit: with ${biggest.size} students the machine's cores were ${(100 * biggest.cpu.machineBusy).toFixed(0)}% busy for ${biggest.wallS.toFixed(0)} s; ` +
    `each student costs ${biggest.cpu.perStudentS.toFixed(1)} CPU-seconds (kernel ${biggest.cpu.kernelPerStudentS.toFixed(1)}, server ${biggest.cpu.serverPerStudentS.toFixed(1)}), ` +
    `${(biggest.memory.pssPerStudentMB).toFixed(0)} MB (PSS) of ${(os.totalmem() / MB).toFixed(0)} MB; the students' client used ${biggest.cpu.clientS.toFixed(1)} CPU-seconds.`,
);

// tslab aborts requests arriving within 200 ms of an error: alone, and in a class running the lesson.
if (!errorTrialsWanted) {
  writeResults([...rounds]);
  process.exit(0);
}
const aloneRound = await round(1, { errorTrials, prefix: "alone" });
// In the class, each student's trials run right after their kernel is ready, while the others'
// servers and kernels are still starting: the machine at its busiest.
const errorRound = await round(errorClass, { errorTrials, errorTrialsFirst: true, prefix: "e" });
const abortTable = (students: StudentRun[]) =>
  ERROR_DELAYS_MS.map((delay) => {
    const trials = students.flatMap((s) => s.error_trials ?? []).filter((t) => t.delay_ms === delay);
    const aborted = trials.filter((t) => t.next === "abort").length;
    return { delay, aborted, trials: trials.length, failing: trials.filter((t) => t.failing === "error").length };
  });
const aloneAborts = abortTable(aloneRound.students);
const classAborts = abortTable(errorRound.students);
console.log(`\ntslab after an error: the next cell sent D ms after the failed cell's reply reached the student, aborted / trials (status "abort", no output)`);
console.log(`| D ms | alone | class of ${errorClass} logging in and starting ${LESSON} |\n|---:|---:|---:|`);
for (let i = 0; i < ERROR_DELAYS_MS.length; i++) {
  const a = aloneAborts[i]!;
  const c = classAborts[i]!;
  console.log(`| ${a.delay} | ${a.aborted} / ${a.trials} | ${c.aborted} / ${c.trials} |`);
}
const replyMs = (students: StudentRun[]) => median(students.flatMap((s) => s.error_trials ?? []).filter((t) => t.next === "ok").map((t) => t.reply_ms));
console.log(`median reply time of the next cell when it ran: alone ${replyMs(aloneRound.students).toFixed(0)} ms, in the class ${replyMs(errorRound.students).toFixed(0)} ms`);
const outputsInAborted = [...aloneRound.students, ...errorRound.students].flatMap((s) => s.error_trials ?? []).filter((t) => t.next === "abort" && t.next_outputs > 0).length;
console.log(`aborted cells that still showed an output: ${outputsInAborted}`);

writeResults([...rounds, aloneRound, errorRound]);

/** The rounds' details (without each student's outputs) in bench/results-class-DATE.json. */
function writeResults(all: Round[]): void {
  const file = `bench/results-class-${new Date().toISOString().slice(0, 16).replace(":", "-")}.json`;
  writeFileSync(
    file,
    JSON.stringify({ machine: `${cpu[0]?.model}, ${cpu.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`, node: process.version, staggerMs, rounds: all.map(({ students, ...r }) => ({ ...r, students: students.map(({ cells, ...s }) => s) })) }, null, 1),
  );
  console.log(`\n(details: ${file})`);
}
