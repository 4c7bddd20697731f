// The whole notebook series executed the way a reader or `npm run build` does it: every notebook in a
// fresh tslab kernel through real Jupyter (nbclient), top to bottom. Target: at most 60 s on this 2-core
// machine for the whole series. Reports wall time one notebook at a time and two at a time (the build's
// default), and each notebook's own time including kernel start-up.
// Run: node --import tsx bench/notebooks.ts
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { jupyterEnv } from "../scripts/setup.mjs";

const ROOT = new URL("..", import.meta.url).pathname;
const NOTEBOOKS = join(ROOT, "notebooks");
const notebooks = readdirSync(NOTEBOOKS).filter((n) => /^\d\d-.*\.ipynb$/.test(n)).sort();

function execute(name: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn("/usr/bin/python3", [join(ROOT, "test/support/execute-notebook.py"), join(NOTEBOOKS, name), "--output", "/dev/null", "-q"], {
      env: jupyterEnv(),
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) => (code === 0 ? resolve((performance.now() - started) / 1000) : reject(new Error(`${name} failed:\n${stderr}`))));
  });
}

async function series(jobs: number): Promise<{ wall: number; each: Map<string, number> }> {
  const each = new Map<string, number>();
  const queue = [...notebooks];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: jobs }, async () => {
      for (let name = queue.shift(); name; name = queue.shift()) each.set(name, await execute(name));
    }),
  );
  return { wall: (performance.now() - started) / 1000, each };
}

const one = await series(1);
const two = await series(2);
console.log(`Notebook series: ${notebooks.length} notebooks, each in a fresh tslab kernel via nbclient\n`);
console.log("| notebook | seconds (alone, with kernel start-up) |\n|---|---:|");
for (const name of notebooks) console.log(`| ${name} | ${one.each.get(name)!.toFixed(1)} |`);
console.log(`\nwhole series, one at a time: ${one.wall.toFixed(1)} s; two at a time (npm run build's default): ${two.wall.toFixed(1)} s; target ≤ 60 s`);
