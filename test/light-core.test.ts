/**
 * A light core: importing the library and running AMSGrad (a notebook's first cells) loads no figure
 * machinery (Observable Plot, d3, linkedom); figures load on first use. Checked in a fresh Node process
 * on the built library (what the kernel loads), recording every ES module it imports and every
 * CommonJS module it requires (the lazy figure bundle, which inlines all three, is one of those).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

const ROOT = new URL("..", import.meta.url).pathname;
const HEAVY = /node_modules\/(@observablehq\/plot|d3(-[a-z-]+)?|linkedom)\/|\/lib\/dist\/lazy\/figures\.cjs$/;

/** Runs an ES module script in a fresh process and returns the URLs of the ES modules it loaded. */
function loadsOf(script: string): { loaded: string[]; stdout: string } {
  const run = spawnSync(process.execPath, ["--import", join(ROOT, "test", "support", "record-loads.mjs"), "--input-type=module", "-e", script], {
    cwd: ROOT,
    encoding: "utf8",
  });
  assert.equal(run.status, 0, run.stderr);
  const loaded = run.stderr.split("\n").filter((l) => l.startsWith("load ")).map((l) => l.slice(5));
  return { loaded, stdout: run.stdout };
}

test("importing amsgrad and running the tutorial loads no Plot, d3 or linkedom", () => {
  const { loaded, stdout } = loadsOf(`
    import { amsgrad, bowl, formatResult, numpyRandom } from "amsgrad";
    const r = amsgrad(bowl.objective, bowl.derivative, { bounds: bowl.bounds, rng: numpyRandom(1), eps: 0 });
    console.log(formatResult(r.best, r.score));
  `);
  assert.equal(stdout.trim(), "f([-6.78222208e-12  1.27905115e-03]) = 0.000002");
  assert.ok(loaded.some((url) => url.endsWith("/lib/dist/run.js")), "the recorder sees the library's modules");
  assert.deepEqual(loaded.filter((url) => HEAVY.test(url)), []);
});

test("the first figure from the main entry loads the bundle (the recorder sees require() too)", () => {
  const { loaded } = loadsOf(`
    import { contourFigure, bowl } from "amsgrad";
    contourFigure(bowl);
  `);
  assert.ok(loaded.some((url) => url.endsWith("/lib/dist/lazy/figures.cjs")), "the lazy bundle");
});

test("amsgrad/figures, the eager entry, does load them (the recorder sees what it must)", () => {
  const { loaded } = loadsOf(`import "amsgrad/figures";`);
  assert.ok(loaded.some((url) => url.includes("/@observablehq/plot/")), "Plot");
  assert.ok(loaded.some((url) => url.includes("/linkedom/")), "linkedom");
});

test("the main entry's figures (one bundled file, loaded on first use) are the eager entry's, byte for byte", () => {
  const run = spawnSync(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `import * as main from "amsgrad";
       import * as eager from "amsgrad/figures";
       import { existsSync } from "node:fs";
       const run = main.amsgrad(main.bowl.objective, main.bowl.derivative, { start: [-0.5, 0.8], nIter: 40 });
       const same = [
         main.contourFigure(main.rosenbrock).svg === eager.contourFigure(main.rosenbrock).svg,
         main.contourFigure(main.bowl, { paths: [run] }).svg === eager.contourFigure(main.bowl, { paths: [run] }).svg,
         main.surfaceFigure(main.bowl).svg === eager.surfaceFigure(main.bowl).svg,
       ];
       console.log(JSON.stringify({ bundle: existsSync(new URL("./lazy/figures.cjs", import.meta.resolve("amsgrad"))), same }));`,
    ],
    { cwd: ROOT, encoding: "utf8" },
  );
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), { bundle: true, same: [true, true, true] });
});

test("a figure function from the main entry draws on its first call", () => {
  const run = spawnSync(
    process.execPath,
    ["--input-type=module", "-e", `import { contourFigure, bowl } from "amsgrad"; console.log(contourFigure(bowl).svg.slice(0, 4));`],
    { cwd: ROOT, encoding: "utf8" },
  );
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trim(), "<svg");
});

test("README's Public API table names every value the main entry exports, and nothing it does not", async () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = readme.split("### Public API, by module")[1]!.split("\n### ")[0]!;
  const table = section.split("\n").filter((line) => line.startsWith("| `")).join("\n");
  const named = new Set(Array.from(table.matchAll(/`([A-Za-z_$][\w$]*)/g), (m) => m[1]!));
  const main = await import("amsgrad");
  const missing = Object.keys(main).filter((name) => !named.has(name));
  assert.deepEqual(missing, [], "exported but not in README's table");
  // Every name the table gives as a value (not a type: those follow "type"/"types") is exported.
  const values = table
    .split("\n")
    .map((row) => row.split("|")[2]!.split(/;\s*types? /)[0]!)
    .flatMap((cell) => Array.from(cell.matchAll(/`([A-Za-z_$][\w$]*)[`(]/g), (m) => m[1]!));
  // The optimizers' methods (`init`, `update`) are named in the table too, as what those exports offer.
  const methods = new Set(["init", "update"]);
  assert.deepEqual(values.filter((name) => !(name in main) && !methods.has(name)), [], "in README's table but not exported");
});
