// The explorer's redraw time in headless Chromium, and its output size.
//
// A page with one explorer (explorer() → HTML, loaded from a file) is driven by slider changes: each
// change sets a new value the way a slider does (an `input` event), and the redraw it schedules is timed
// in the page with performance.now() (computing the run(s) with the bundled library, writing the path
// data and texts). Separately, one change per animation frame for a while: if the frames keep coming at
// the display's rate, redraw plus the browser's own style, layout and paint fit in a frame.
//
//   node --import tsx bench/explorer.ts [--quick]
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { contourBackground } from "../lib/src/explorer/background.ts";
import { explorer } from "../lib/src/explorer/index.ts";
import type {} from "../lib/src/explorer/page.ts";
import { testProblems } from "../lib/src/objectives.ts";
import { launchBrowser } from "../test/support/browser.ts";
import { median } from "./median.ts";

const quick = process.argv.includes("--quick");
const CHANGES = quick ? 15 : 50;
const KB = 1024;

function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

interface Case {
  label: string;
  options: Parameters<typeof explorer>[0];
  /** The slider moved back and forth. */
  field: "alpha" | "beta2";
}

const cases: Case[] = [
  { label: "bowl, 100 iterations", options: { nIter: 100 }, field: "alpha" },
  { label: "bowl, 100 iterations, with Adam", options: { nIter: 100, compareAdam: true }, field: "alpha" },
  { label: "bowl, 10,000 iterations", options: { nIter: 10_000 }, field: "alpha" },
  { label: "Rosenbrock, 10,000 iterations", options: { problem: "rosenbrock", nIter: 10_000, alpha: 0.05 }, field: "alpha" },
  { label: "Rosenbrock, 10,000 iterations, with Adam", options: { problem: "rosenbrock", nIter: 10_000, alpha: 0.05, compareAdam: true }, field: "beta2" },
];

const scrubCases: Omit<Case, "field">[] = [
  { label: "bowl, 100 iterations, with Adam", options: { nIter: 100 } },
  { label: "bowl, 10,000 iterations, with Adam", options: { nIter: 10_000 } },
  { label: "Rosenbrock, 10,000 iterations, with Adam", options: { problem: "rosenbrock", nIter: 10_000, alpha: 0.05 } },
];
const scrubRows: string[][] = [];

const dir = mkdtempSync(join(os.tmpdir(), "amsgrad-explorer-bench-"));
const browser = await launchBrowser({ viewport: { width: 1100, height: 900 } });
const rows: string[][] = [];

/** A page holding one explorer output, loaded from a file, once its script has mounted it. */
async function openPage(html: string) {
  const file = join(dir, "page.html");
  writeFileSync(file, `<!DOCTYPE html><html><head><meta charset="utf-8"><title>bench</title></head><body>${html}</body></html>`);
  const page = await browser.context.newPage();
  await page.addInitScript({ content: "window.__name = (f) => f;" });
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction(() => Object.keys(window.__amsgradExplorer?.instances ?? {}).length === 1);
  return page;
}

try {
  for (const c of cases) {
    const ex = explorer(c.options);
    const page = await openPage(ex.html);
    const result = await page.evaluate(
      async ([field, changes]) => {
        const registry = window.__amsgradExplorer!;
        const instance = Object.values(registry.instances)[0];
        const slider = instance.root.querySelector<HTMLInputElement>(`[data-field="${field}"] input[type=range]`)!;
        const lo = Number(slider.min);
        const hi = Number(slider.max);
        const start = Number(slider.value);
        // Positions around the start, as a hand moving the slider would visit them.
        const position = (i: number) => Math.max(lo, Math.min(hi, start + ((i % 6) - 3) * Number(slider.step)));
        const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
        // Warm up the JIT the way a class would: a few changes first.
        for (let i = 0; i < 10; i++) {
          slider.value = String(position(i));
          slider.dispatchEvent(new Event("input", { bubbles: true }));
          instance.redraw();
        }
        // 1. Redraw time per change (the function the animation frame runs), timed in the page.
        const redraw: number[] = [];
        const compute: number[] = [];
        for (let i = 0; i < changes; i++) {
          slider.value = String(position(i + 1));
          slider.dispatchEvent(new Event("input", { bubbles: true }));
          const t = instance.redraw();
          redraw.push(t.total);
          compute.push(t.compute);
          await nextFrame();
        }
        // 2. One change per frame: the interval between frames, redraw and rendering included.
        const frames: number[] = [];
        let last = await nextFrame();
        for (let i = 0; i < changes; i++) {
          slider.value = String(position(i));
          slider.dispatchEvent(new Event("input", { bubbles: true }));
          const now = await nextFrame(); // the scheduled redraw runs in this frame's callbacks
          frames.push(now - last);
          last = now;
        }
        // The display's own frame interval, with nothing to do.
        const idle: number[] = [];
        last = await nextFrame();
        for (let i = 0; i < 20; i++) {
          const now = await nextFrame();
          idle.push(now - last);
          last = now;
        }
        return { redraw, compute, frames, idle, points: instance.settings().nIter };
      },
      [c.field, CHANGES] as const,
    );
    await page.close();
    // The contour is stored once, as the fallback's picture: base64, a third longer than the SVG.
    const figure = Buffer.byteLength(Buffer.from(contourBackground(testProblems[ex.settings.problem], 420, undefined).svg).toString("base64"));
    const bytes = Buffer.byteLength(ex.html);
    rows.push([
      c.label,
      median(result.redraw).toFixed(2),
      quantile(result.redraw, 0.95).toFixed(2),
      median(result.compute).toFixed(2),
      median(result.frames).toFixed(1),
      median(result.idle).toFixed(1),
      (bytes / KB).toFixed(1),
      ((bytes - figure) / KB).toFixed(1),
    ]);
  }
  // The step-by-step panel: one scrub step (show(t): the update's numbers, the arrows, the chart marks, the
  // tables) timed in the page, 200 steps in a row divided by 200 (performance.now() has 0.1 ms resolution);
  // then one step per animation frame, the interval between frames with the browser's style, layout and paint.
  for (const c of scrubCases) {
    const ex = explorer({ ...c.options, compareAdam: true, scrub: true });
    const page = await openPage(ex.html);
    const result = await page.evaluate(async (rounds) => {
      const instance = Object.values(window.__amsgradExplorer!.instances)[0];
      const scrubber = instance.scrubber()!;
      const n = instance.settings().nIter;
      const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
      const at = (i: number) => Math.floor((i * 7919) % n); // spread over the run, as a dragged slider jumps
      for (let i = 0; i < 50; i++) scrubber.show(at(i)); // warm-up
      const perStep: number[] = [];
      for (let r = 0; r < rounds; r++) {
        const t0 = performance.now();
        for (let i = 0; i < 200; i++) scrubber.show(at(r * 200 + i));
        perStep.push((performance.now() - t0) / 200);
        await nextFrame();
      }
      const frames: number[] = [];
      let last = await nextFrame();
      for (let i = 0; i < 60; i++) {
        scrubber.show(at(i));
        const now = await nextFrame();
        frames.push(now - last);
        last = now;
      }
      return { perStep, frames };
    }, quick ? 5 : 20);
    await page.close();
    const figure = Buffer.byteLength(Buffer.from(contourBackground(testProblems[ex.settings.problem], 420, undefined).svg).toString("base64"));
    scrubRows.push([
      c.label,
      median(result.perStep).toFixed(3),
      quantile(result.perStep, 0.95).toFixed(3),
      median(result.frames).toFixed(1),
      quantile(result.frames, 0.95).toFixed(1),
      ((Buffer.byteLength(ex.html) - figure) / KB).toFixed(1),
    ]);
  }
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}

const bundle = readFileSync(new URL("../lib/dist/explorer/page.bundle.js", import.meta.url));
const header = ["case", "redraw median ms", "p95 ms", "of which compute", "frame interval ms", "idle frame ms", "output KB", "KB beyond its contour"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
console.log(`explorer in headless Chromium (${CHANGES} slider changes per case; ${os.cpus()[0]?.model ?? "unknown CPU"})`);
console.log(line(header));
for (const r of rows) console.log(line(r));
console.log(`page script (bundled library core): ${(bundle.length / KB).toFixed(1)} KB, inlined in each output`);
console.log("bars: redraw median ≤ 4 ms at 100 iterations, ≤ 16 ms at 10,000; ≤ 60 KB per output beyond its contour figure");
console.log("(KB beyond its contour, stored once as the fallback's base64 picture: the script, the live markup, the first");
console.log(" drawing's path in the picture and the other objectives' contours, deflated;");
console.log(" performance.now() in the page has 0.1 ms resolution)");

const scrubHeader = ["step-by-step panel (scrub: true)", "ms per step, median", "p95", "frame interval ms, one step per frame", "p95", "KB beyond its contour"];
const scrubWidths = scrubHeader.map((h, i) => Math.max(h.length, ...scrubRows.map((r) => r[i].length)));
console.log("");
for (const r of [scrubHeader, ...scrubRows]) console.log(r.map((c, i) => (i === 0 ? c.padEnd(scrubWidths[i]) : c.padStart(scrubWidths[i]))).join("  "));
console.log("bars: ≤ 4 ms per scrub step at 100 iterations; one frame (the idle frame interval above) per step at 10,000");
