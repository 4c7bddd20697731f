/**
 * npm start's own times: from running scripts/start.mjs to its URL line (Jupyter up, kernel spec written),
 * and from Ctrl+C (SIGINT to the process group, as a terminal sends it) to every process gone, with one
 * kernel running. The start test checks that these happen; how long they take is measured here (a timed
 * test on a shared machine would fail for reasons that are not bugs).
 *
 *   node --import tsx bench/start.ts [--quick] [--runs 5]
 */
import { startNotebookServer } from "../test/support/jupyter-server.ts";
import { median } from "./median.ts";

const argv = process.argv.slice(2);
const runs = argv.includes("--quick") ? 2 : Number(argv[argv.indexOf("--runs") + 1] || 0) || 5;

const starts: number[] = [];
const stops: number[] = [];
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const server = await startNotebookServer([], { detached: true });
  starts.push(performance.now() - t0);
  const kernel = await server.api("/api/kernels", { method: "POST", body: JSON.stringify({ name: "tslab" }) });
  if (!kernel.ok) throw new Error(`could not start a kernel: ${kernel.status}`);
  await new Promise((r) => setTimeout(r, 1500)); // let the kernel come up, as a student's would
  const stopped = await server.stop(15_000, { group: true });
  if (stopped.killed) throw new Error("npm start did not stop by itself after Ctrl+C");
  stops.push(stopped.ms);
}
console.log(`npm start (scripts/start.mjs), ${runs} runs, Node ${process.version}\n`);
console.log("| what | median | range |\n|---|---:|---:|");
for (const [what, ms] of [["start → URL line", starts], ["Ctrl+C with a kernel running → all stopped", stops]] as const) {
  console.log(`| ${what} | ${(median(ms) / 1000).toFixed(2)} s | ${(Math.min(...ms) / 1000).toFixed(2)}–${(Math.max(...ms) / 1000).toFixed(2)} s |`);
}
