/**
 * Long class sessions: runs that would exhaust memory or the stack are refused before their first step
 * (with a way to keep less), steps that go silently wrong stop with a message, and the low-level API says
 * plainly what it was given. Each case was a crash, a hang or a silent wrong result before (issue 12).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import {
  MAX_DIMENSIONS,
  RunStoppedError,
  adamOptimizer,
  amsgrad,
  amsgradOptimizer,
  bowl,
  checkedOptimizer,
  contourFigure,
  counterexample,
  derivative,
  objective,
  runOnline,
  stochasticCounterexample,
  traceRun,
} from "../lib/src/index.ts";

const start = [0.5, -0.5];
const ROOT = new URL("..", import.meta.url).pathname;

test("a run whose path would not fit in memory is refused before its first step, with the ways out", () => {
  let calls = 0;
  const counted = (x: number, y: number) => (calls++, derivative(x, y));
  assert.throws(() => amsgrad(objective, counted, { start, nIter: 1e8 }), {
    name: "RangeError",
    message:
      'amsgrad: keeping 100,000,000 points of 2 coordinates needs about 8.9 GB, more than the 1 GB a result may hold; keep less (keep: "last", keep: "none" or keep: { every: k }) or run fewer iterations',
  });
  assert.equal(calls, 0, "no step was taken");
  // traceRun keeps the state too: six arrays per point (the point, g, m, v, v̂, steps).
  assert.throws(() => traceRun(amsgrad, objective, derivative, { start, nIter: 5e6 }), /traceRun|amsgrad: keeping 5,000,000 points/);
});

test("the size a run is refused by is what its result really holds: measured on the heap, not under it", () => {
  // A child process with --expose-gc measures the heap a result holds per kept point (run and traceRun, a
  // 2-, 10- and 100-coordinate bowl); the estimate the refusal uses must not be below it (an estimate of
  // half the real size let runs of 1.6e7 iterations through that held 2 GB) nor far above it.
  const script = `
    import { amsgrad, traceRun } from "./lib/src/index.ts";
    import { resultBytes } from "./lib/src/run.ts";
    const f = (...x) => x.reduce((a, b) => a + b * b, 0);
    const g = (...x) => x.map((v) => 2 * v);
    const rows = [];
    const alive = []; // every result stays referenced, so that none is collected inside another's measurement
    for (const [d, n, trace] of [[2, 200000, false], [10, 100000, false], [100, 20000, false], [2, 50000, true], [10, 20000, true]]) {
      const options = { start: Array(d).fill(0.5), nIter: n };
      globalThis.gc();
      const before = process.memoryUsage().heapUsed;
      const result = trace ? traceRun(amsgrad, f, g, options) : amsgrad(f, g, options);
      globalThis.gc();
      const held = process.memoryUsage().heapUsed - before;
      alive.push(result);
      rows.push({ d, trace, measured: held / n, estimate: resultBytes(n, d, 1, trace ? 6 : 1) / n, kept: result.solutions.length });
    }
    console.log(JSON.stringify(rows));`;
  const run = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", "--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  for (const row of JSON.parse(run.stdout) as { d: number; trace: boolean; measured: number; estimate: number }[]) {
    const what = `${row.trace ? "traceRun" : "amsgrad"}, ${row.d} coordinates: ${row.measured.toFixed(0)} B measured, ${row.estimate} B estimated per point`;
    assert.ok(row.estimate >= row.measured, what);
    assert.ok(row.estimate <= 1.5 * row.measured, what);
  }
});

test("keep: 'last', 'none' and { every: k } keep less of the same run", () => {
  const full = amsgrad(objective, derivative, { start, nIter: 95 });
  const every = amsgrad(objective, derivative, { start, nIter: 95, keep: { every: 10 } });
  // Iterations 9, 19, …, 89, and always the last, 94.
  assert.deepEqual(every.iterations, [9, 19, 29, 39, 49, 59, 69, 79, 89, 94]);
  assert.deepEqual(every.solutions, every.iterations!.map((t) => full.solutions[t]));
  assert.deepEqual(every.scores, every.iterations!.map((t) => full.scores[t]));
  const last = amsgrad(objective, derivative, { start, nIter: 95, keep: "last" });
  assert.deepEqual([last.solutions, last.iterations], [[full.best], [94]]);
  const none = amsgrad(objective, derivative, { start, nIter: 95, keep: "none" });
  assert.deepEqual([none.solutions, none.scores, none.best, none.score], [[], [], full.best, full.score]);
  assert.equal(full.iterations, undefined, "a full path needs no index");
  assert.throws(() => amsgrad(objective, derivative, { start, keep: { every: 0 } }), {
    message: 'amsgrad: keep must be "all", "last", "none" or { every: k } with an integer k >= 1, got an object',
  });
  assert.throws(() => traceRun(amsgrad, objective, derivative, { start, keep: "none" }), /traceRun: keep must be "all" or \{ every: k \}/);
});

test("a long run with keep: 'last' runs to the end in constant memory", () => {
  const run = amsgrad(objective, derivative, { start, nIter: 3_000_000, keep: "last" });
  assert.equal(run.iterations![0], 2_999_999);
  assert.ok(run.score < 1e-10);
});

test("more coordinates than a call can take as arguments are refused before the first call", () => {
  let calls = 0;
  const f = (...x: number[]) => (calls++, x.reduce((a, b) => a + b * b, 0));
  const g = (...x: number[]) => (calls++, x.map((v) => 2 * v));
  assert.throws(() => amsgrad(f, g, { start: new Array(120_000).fill(0.5), nIter: 1 }), {
    name: "RangeError",
    message: /^amsgrad: 120000 coordinates are more than the 50,000 this function passes as separate arguments to objective\(\.\.\.point\)/,
  });
  assert.equal(calls, 0);
  // At the limit it works, from deep in a call stack too (a notebook cell runs inside the kernel's frames).
  const deep = (depth: number): number[] => (depth === 0 ? amsgrad(f, g, { start: new Array(MAX_DIMENSIONS).fill(0.5), nIter: 2 }).best : deep(depth - 1));
  assert.equal(deep(300).length, MAX_DIMENSIONS);
});

test("a finite gradient whose square overflows stops the run instead of freezing the coordinate", () => {
  const huge = () => [1e200, 1];
  assert.throws(() => amsgrad(objective, huge, { start }), (e: RunStoppedError) => {
    assert.equal(e.message, "amsgrad: stopped at iteration 0: non-finite second moment v = Infinity in coordinate 0 after the update: the gradient 1e+200 squared overflows");
    assert.deepEqual(e.partial.solutions, []);
    return true;
  });
});

test("checkedOptimizer refuses a NaN gradient before changing anything; the unchecked update writes NaN", () => {
  const params = Float64Array.of(0.5, 0.5);
  const plain = amsgradOptimizer();
  const plainState = plain.init(2);
  plain.update(params, Float64Array.of(NaN, 1), plainState);
  assert.ok(Number.isNaN(params[0]), "documented: the low-level update does not check");
  const checked = checkedOptimizer(amsgradOptimizer());
  const state = checked.init(2);
  const x = Float64Array.of(0.5, 0.5);
  assert.throws(() => checked.update(x, Float64Array.of(1, NaN), state), {
    name: "RangeError",
    message: "amsgrad: update: non-finite gradient NaN in coordinate 1",
  });
  assert.deepEqual([Array.from(x), state.step], [[0.5, 0.5], 0]);
  assert.throws(() => checked.update(x, Float64Array.of(1e200, 1), state), { message: "amsgrad: update: non-finite second moment v Infinity in coordinate 0" });
});

test("runOnline stops with a message on a NaN coefficient or an rng outside [0, 1), keeping what it recorded", () => {
  const nanAt5 = { ...counterexample, coefficient: (t: number) => (t === 5 ? NaN : -10) };
  assert.throws(() => runOnline(nanAt5, adamOptimizer(), { nIter: 10, recordEvery: 1 }), (e: RunStoppedError<{ t: number[] }>) => {
    assert.equal(e.message, "runOnline: stopped at step 5: the problem's coefficient is NaN, not a finite number");
    assert.deepEqual(e.partial.t, [1, 2, 3, 4]);
    return true;
  });
  assert.throws(() => runOnline(stochasticCounterexample, adamOptimizer(), { nIter: 10, rng: () => 5 }), {
    message: "runOnline: stopped at step 1: rng must return numbers in [0, 1), got 5",
  });
  assert.throws(() => runOnline(null as never, adamOptimizer()), /^TypeError: runOnline: problem must be an online problem .*got null$/);
  assert.throws(() => runOnline(counterexample, null as never), /^TypeError: runOnline: optimizer must be one made by amsgradOptimizer\(\).*got null$/);
});

test("the low-level API and the figures name what they were given instead of failing with a bare TypeError", () => {
  assert.throws(() => amsgradOptimizer(null as never), { name: "TypeError", message: "amsgradOptimizer: options must be an object, got null" });
  const opt = amsgradOptimizer();
  assert.throws(() => opt.update(new Float64Array(2), new Float64Array(2), null as never), {
    name: "TypeError",
    message: "amsgrad: update(params, grad, state) needs the state init() returned, got null",
  });
  assert.throws(() => opt.update([0, 0] as never, new Float64Array(2), opt.init(2)), /needs params as a Float64Array, got \[0, 0\]/);
  assert.throws(() => opt.init(2 ** 40), { name: "RangeError", message: "amsgrad: init(size) needs an integer size from 1 to 1073741824 (2^30), got 1099511627776" });
  assert.throws(() => contourFigure(bowl, null as never), { name: "TypeError", message: "contourFigure: options must be an object, got null" });
});

test("runOnline refuses, before its first step, a record that would not fit, and says how often to record", () => {
  assert.throws(() => runOnline(counterexample, adamOptimizer(), { nIter: 1e9, recordEvery: 1 }), {
    name: "RangeError",
    message:
      "runOnline: recording 1,000,000,000 samples (nIter 1000000000, recordEvery 1) needs about 33.5 GB, more than the 1 GB a result may hold; record less often (recordEvery >= 34)",
  });
  assert.throws(() => runOnline(counterexample, adamOptimizer(), { nIter: 1e9, recordEvery: 33 }), /recordEvery >= 34/);
  // recordEvery 34 passes the check: a problem that fails at its first step shows the run started
  // (10⁹ steps of it are not run here). 10⁹ / 34 samples of 36 B are 1.06 GB, under 2³⁰ B.
  const failing = { ...counterexample, coefficient: () => NaN };
  assert.throws(() => runOnline(failing, adamOptimizer(), { nIter: 1e9, recordEvery: 34 }), (e: unknown) => e instanceof RunStoppedError && e.iteration === 1);
});
