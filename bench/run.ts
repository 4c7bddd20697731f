// npm run bench: every benchmark in turn, each in a fresh process so that one's JIT state or heap
// does not colour the next. Pass --quick for a shorter run. Benchmarks print their own tables.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";

const quick = process.argv.includes("--quick") ? ["--quick"] : [];
const benches: { file: string; command: string[] }[] = [
  { file: "bench/optimizer.ts", command: [process.execPath, "--expose-gc", "--import", "tsx", "bench/optimizer.ts", ...quick] },
  { file: "bench/figures.ts", command: [process.execPath, "--import", "tsx", "bench/figures.ts", ...quick] },
  { file: "bench/figures-kernel.py", command: ["/usr/bin/python3", "bench/figures-kernel.py", ...quick] },
  { file: "bench/notebooks.ts", command: [process.execPath, "--import", "tsx", "bench/notebooks.ts", ...quick] },
  { file: "bench/start.ts", command: [process.execPath, "--import", "tsx", "bench/start.ts", ...quick] },
  { file: "bench/kernel-start.py", command: ["/usr/bin/python3", "bench/kernel-start.py", ...quick] },
  { file: "bench/explorer.ts", command: [process.execPath, "--import", "tsx", "bench/explorer.ts", ...quick] },
  { file: "bench/class.ts", command: [process.execPath, "--import", "tsx", "bench/class.ts", ...quick] },
];

console.log(`machine: ${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
let failed = 0;
for (const { file, command } of benches) {
  if (!existsSync(file)) continue;
  console.log(`\n=== ${file}`);
  const run = spawnSync(command[0], command.slice(1), { stdio: "inherit" });
  if (run.status !== 0) {
    failed++;
    console.error(`${file} failed with exit code ${run.status}`);
  }
}
process.exit(failed ? 1 : 0);
