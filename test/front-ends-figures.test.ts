// Every figure of every executed lesson, as front ends draw it (issue 15): show() sent the SVG, the same
// SVG as an <img> in HTML, and words; drawn as an <img> on a white and on a black page it looks the same
// pixel for pixel (its own opaque background and explicit colours; it lost every axis on black before);
// inlined on a page, no text leaves the figure and no two texts overlap (colliding ticks, clipped labels,
// overlapping panel titles). The lessons are executed once and shared (test/support/executed-lessons.ts).

import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Page } from "playwright-core";
import { amsgrad, bowl, derivative, objective } from "../lib/src/index.ts";
import { contourFigure, contourPanels, seriesChart, surfaceFigure } from "../lib/src/figures/index.ts";
import { chromiumAvailable, launchBrowser } from "./support/browser.ts";
import { executedLessons } from "./support/executed-lessons.ts";
import { FAR, figureOutputs, pixelDifference, shotsDir, STRAY, type FigureOutput } from "./support/front-ends.ts";
import { notebookName, notebookSources } from "./support/notebooks.ts";

const lessonsRun = executedLessons();
lessonsRun.catch(() => {});

async function allFigures(): Promise<FigureOutput[]> {
  const lessons = await lessonsRun;
  const names = notebookSources().filter((p) => /^\d\d-/.test(notebookName(p))).map(notebookName);
  return lessons.flatMap((nb, i) => figureOutputs(nb, names[i]!));
}

describe("figures as show() sends them, from every executed lesson", () => {
  test("each figure output carries the SVG, the same SVG as an <img> in HTML, and its words", async () => {
    const figures = await allFigures();
    assert.ok(figures.length >= 20, `${figures.length} figures in the series`);
    for (const f of figures) {
      const where = `${f.notebook} cell ${f.cell}`;
      const img = /^<img src="data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)" width="\d+" height="\d+" alt="([^"]*)" style="max-width:100%;height:auto">$/.exec(f.html);
      assert.ok(img, `${where}: text/html is one <img> of a base64 SVG: ${f.html.slice(0, 120)}`);
      assert.equal(Buffer.from(img[1]!, "base64").toString("utf8"), f.svg, `${where}: the <img> shows the same SVG`);
      assert.ok(f.plain.length > 60 && !/[\u0000-\u001f]/.test(f.plain), `${where}: text/plain describes it: ${f.plain.slice(0, 100)}`);
      assert.match(f.svg, /<title>[^<]+<\/title><desc>[^<]+<\/desc>/, `${where}: title and desc for screen readers`);
    }
  });
});

describe("in Chromium", { skip: !chromiumAvailable() && "no chromium" }, () => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  before(async () => {
    browser = await launchBrowser({ viewport: { width: 1200, height: 900 } });
    // tsx compiles functions passed to page.evaluate with esbuild's keepNames (__name wrappers).
    await browser.context.addInitScript({ content: "window.__name = (f) => f;" });
    page = await browser.context.newPage();
  });
  after(async () => browser?.close());

  test("every figure looks the same drawn as an <img> on a white and on a black page", async () => {
    const figures = await allFigures();
    const shots = shotsDir();
    const differing: string[] = [];
    const rows: string[] = [];
    for (const [k, f] of figures.entries()) {
      const src = `data:image/svg+xml;base64,${Buffer.from(f.svg).toString("base64")}`;
      await page.setContent(
        `<body style="margin:0;display:flex;gap:20px;background:#888">` +
          `<div style="background:#fff;padding:20px"><img id="w" src="${src}"></div>` +
          `<div style="background:#000;padding:20px"><img id="b" src="${src}"></div></body>`,
      );
      await page.waitForFunction(() => Array.from(document.images).every((i) => i.complete && i.naturalWidth > 0));
      const [white, black] = [await page.locator("#w").screenshot(), await page.locator("#b").screenshot()];
      const { far, size } = await pixelDifference(page, white, black);
      if (far > STRAY * size) {
        differing.push(`${f.notebook} cell ${f.cell}: ${far} of ${size} pixels differ by more than ${FAR} levels`);
        writeFileSync(join(shots, `figure-${String(k).padStart(2, "0")}-on-white.png`), white);
        writeFileSync(join(shots, `figure-${String(k).padStart(2, "0")}-on-black.png`), black);
      }
      rows.push(`${f.notebook} cell ${f.cell}`);
    }
    // One page with every figure on black, for a person to look at.
    await page.setViewportSize({ width: 1900, height: 1000 });
    await page.setContent(
      `<body style="margin:0;background:#000;display:flex;flex-wrap:wrap;gap:8px;padding:8px">${figures
        .map((f) => `<img style="width:460px" src="data:image/svg+xml;base64,${Buffer.from(f.svg).toString("base64")}">`)
        .join("")}</body>`,
    );
    await page.waitForFunction(() => Array.from(document.images).every((i) => i.complete));
    await page.screenshot({ path: join(shots, "every-figure-on-black.png"), fullPage: true });
    await page.setViewportSize({ width: 1200, height: 900 });
    assert.deepEqual(differing, [], `these figures look different on black (PNGs in ${shots}); checked ${rows.length}`);
  });

  /** Text boxes of an inlined SVG: any outside the figure, and any two that overlap by more than 1 px. */
  async function textTrouble(svg: string): Promise<{ outside: string[]; overlapping: string[] }> {
    await page.setContent(`<body style="margin:0;padding:20px;background:#fff">${svg}</body>`);
    return page.evaluate(() => {
      const root = document.querySelector("svg")!.getBoundingClientRect();
      const boxes = Array.from(document.querySelectorAll("svg text"))
        .filter((t) => (t.textContent ?? "").trim() !== "" && getComputedStyle(t).visibility !== "hidden")
        .map((t) => ({ text: t.textContent!, r: t.getBoundingClientRect() }));
      const outside = boxes
        .filter(({ r }) => r.left < root.left - 0.5 || r.right > root.right + 0.5 || r.top < root.top - 0.5 || r.bottom > root.bottom + 0.5)
        .map((b) => b.text);
      const overlapping: string[] = [];
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!.r, b = boxes[j]!.r;
          const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          // Glyph boxes include line spacing: texts count as overlapping when their boxes share more than
          // a quarter of the smaller height, and more than a pixel across.
          if (w > 1 && h > 0.25 * Math.min(a.height, b.height)) overlapping.push(`"${boxes[i]!.text}" / "${boxes[j]!.text}"`);
        }
      }
      return { outside, overlapping };
    });
  }

  test("no text leaves a figure or overlaps another: every lesson figure, and the layouts that collided", async () => {
    const start = [-0.165955990594852, 0.4406489868843162];
    const run = amsgrad(objective, derivative, { start, nIter: 100 });
    const x = Array.from({ length: 100 }, (_, i) => (i + 1) * 10_000);
    const library = {
      // Notebook 1's panels ("1.0−1.0"), the schedule sweep's long titles, the surface's corner ticks,
      // a regret chart to a million steps, a zoomed pair.
      panels: contourPanels(objective, [0.02, 0.3, 0.97].map((alpha) => ({ title: `α = ${alpha}`, paths: [] })), { bounds: [[-1, 1], [-1, 1]] }),
      schedules: contourPanels(bowl, ["power / constant", "power / inverse-sqrt", "constant / constant", "inverse / inverse-sqrt"].map((s) => ({ title: `β1 / α schedule = ${s}`, paths: [{ label: "AMSGrad", ...run }] })), { zoom: true }),
      surface: surfaceFigure(bowl),
      million: seriesChart([{ label: "AMSGrad", x, y: x.map((t) => 1 / Math.sqrt(t)) }], { log: true, title: "regret" }),
      zoom: contourFigure(bowl, { paths: [run], zoom: true, title: "AMSGrad on x² + y²" }),
    };
    const troubles: string[] = [];
    const figures = await allFigures();
    for (const f of figures) {
      const t = await textTrouble(f.svg);
      if (t.outside.length || t.overlapping.length) troubles.push(`${f.notebook} cell ${f.cell}: outside ${JSON.stringify(t.outside)}, overlapping ${t.overlapping.join(", ")}`);
    }
    for (const [name, figure] of Object.entries(library)) {
      const t = await textTrouble(figure.svg);
      if (t.outside.length || t.overlapping.length) troubles.push(`${name}: outside ${JSON.stringify(t.outside)}, overlapping ${t.overlapping.join(", ")}`);
    }
    assert.deepEqual(troubles, []);
  });

  test("where the objective is infinite the figure is blank (white), and drawn everywhere else", async () => {
    const figure = contourFigure((px, py) => (px > 0.5 ? Infinity : px * px + py * py), { bounds: [[-1, 1], [-1, 1]] });
    const f = figure.frame!;
    const at = (vx: number, vy: number) => [f.marginLeft + ((vx + 1) / 2) * (f.width - f.marginLeft - f.marginRight), f.height - f.marginBottom - ((vy + 1) / 2) * (f.height - f.marginTop - f.marginBottom)];
    await page.setContent(`<body style="margin:0"><img src="data:image/svg+xml;base64,${Buffer.from(figure.svg).toString("base64")}"></body>`);
    await page.waitForFunction(() => document.images[0]!.complete);
    const pixel = (p: number[]) =>
      page.evaluate(([px, py]) => {
        const img = document.images[0]!;
        const c = document.createElement("canvas");
        c.width = img.naturalWidth;
        c.height = img.naturalHeight;
        const g = c.getContext("2d")!;
        g.drawImage(img, 0, 0);
        return Array.from(g.getImageData(Math.round(px!), Math.round(py!), 1, 1).data.slice(0, 3));
      }, p);
    assert.deepEqual(await pixel(at(0.8, 0)), [255, 255, 255], "blank where f = ∞");
    assert.notDeepEqual(await pixel(at(0, 0)), [255, 255, 255], "coloured where f is finite");
  });
});
