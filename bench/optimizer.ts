// ns per parameter-step of the low-level in-place update, 1e3 … 1e7 parameters, AMSGrad and Adam.
// Target: at least 2× faster than PyTorch's CPU AMSGrad in float64 on one thread (13.6 ns measured on
// this machine kind, 7.5 ns on its foreach path), i.e. ≤ 6.8 ns per parameter-step.
// Run: node --expose-gc --import tsx bench/optimizer.ts [--quick]
import { GCProfiler } from "node:v8";
import { adamOptimizer, amsgradOptimizer, type Optimizer } from "../lib/src/index.ts";

const quick = process.argv.includes("--quick");
const sizes = quick ? [1e3, 1e5, 1e6] : [1e3, 1e4, 1e5, 1e6, 1e7];
const gc = (globalThis as { gc?: () => void }).gc;

interface Row { optimizer: string; variant: string; size: number; nsPerParamStep: number }

function measure(make: () => Optimizer, variant: string, size: number): Row {
  const opt = make();
  const params = new Float64Array(size);
  const grad = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    params[i] = Math.sin(i);
    grad[i] = Math.cos(i * 0.7);
  }
  const state = opt.init(size);
  // Enough steps for ~0.3 s per measurement, at least 5.
  const steps = Math.max(5, Math.round((quick ? 1e7 : 3e7) / size));
  for (let k = 0; k < Math.min(steps, 20); k++) opt.update(params, grad, state); // warm-up: let the JIT settle
  const samples: number[] = [];
  gc?.();
  for (let rep = 0; rep < 5; rep++) {
    const t0 = process.hrtime.bigint();
    for (let k = 0; k < steps; k++) opt.update(params, grad, state);
    samples.push(Number(process.hrtime.bigint() - t0) / (steps * size));
  }
  samples.sort((a, b) => a - b);
  return { optimizer: opt.name, variant, size, nsPerParamStep: samples[2] };
}

const rows: Row[] = [];
for (const size of sizes) {
  rows.push(measure(() => amsgradOptimizer(), "tutorial", size));
  rows.push(measure(() => amsgradOptimizer({ biasCorrection: true, beta2: 0.999, alpha: 1e-3 }), "torch", size));
  rows.push(measure(() => adamOptimizer(), "tutorial", size));
}

console.log("\nLow-level update, ns per parameter-step (median of 5), float64, one thread");
console.log("optimizer  variant    parameters  ns/param-step");
for (const r of rows) {
  console.log(`${r.optimizer.padEnd(10)} ${r.variant.padEnd(10)} ${r.size.toExponential(0).padStart(10)}  ${r.nsPerParamStep.toFixed(2).padStart(13)}`);
}

// Allocation per step: two million updates of 4 parameters. Had a step allocated even one 16-byte
// heap number, that would be 32 MB and several young-generation collections; none means none.
{
  const opt = amsgradOptimizer();
  const params = Float64Array.of(0.1, 0.2, 0.3, 0.4), grad = Float64Array.of(1, -1, 0.5, -0.5), state = opt.init(4);
  for (let k = 0; k < 10_000; k++) opt.update(params, grad, state);
  gc?.();
  const profiler = new GCProfiler();
  profiler.start();
  for (let k = 0; k < 2_000_000; k++) opt.update(params, grad, state);
  const collections = profiler.stop()?.statistics.length ?? -1;
  console.log(`\ngarbage collections during 2,000,000 update() calls: ${collections} (0 = no allocation per step)`);
}
console.log("\nPyTorch CPU AMSGrad, float64, one thread, this machine kind: 13.6 ns (foreach path 7.5); target ≤ 6.8");
for (const variant of ["tutorial", "torch"]) {
  const worst = Math.max(...rows.filter((r) => r.optimizer === "amsgrad" && r.variant === variant).map((r) => r.nsPerParamStep));
  console.log(`AMSGrad ${variant}: slowest size ${worst.toFixed(2)} ns/param-step, ${(13.6 / worst).toFixed(1)}× PyTorch's single-tensor path`);
}
