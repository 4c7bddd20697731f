// JupyterLab 4's own output rendering (what JupyterLab and Notebook 7, Binder's default, draw), in
// Chromium: the npm packages @jupyterlab/rendermime and @jupyterlab/outputarea with JupyterLab's sanitizer
// and its light and dark theme variables, bundled by esbuild (test/support/jupyterlab-page.ts). Every
// executed lesson's outputs are rendered as cells of a notebook opened from file (untrusted) and as cells
// just run (trusted), in both themes:
//   - every figure shows (untrusted, JupyterLab shows no SVG: the <img> in HTML is what survives);
//   - the explorer untrusted is its still picture and a note, no line of stripped tick labels; trusted it
//     comes to life and redraws;
//   - screenshots in both themes, for a person to look at.

import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import type { Page } from "playwright-core";
import { NO_SCRIPT_NOTE } from "../lib/src/explorer/markup.ts";
import type {} from "../lib/src/explorer/page.ts"; // window.__amsgradExplorer
import { chromiumAvailable, launchBrowser, offlineOnly } from "./support/browser.ts";
import { poorContrast } from "./support/contrast.ts";
import { executedLessons } from "./support/executed-lessons.ts";
import { explorerOutputs, figureOutputs, joined, shotsDir } from "./support/front-ends.ts";
import { ROOT, type Notebook } from "./support/notebooks.ts";

const lessonsRun = executedLessons();
lessonsRun.catch(() => {});

const THEMES = {
  light: join(ROOT, "node_modules", "@jupyterlab", "theme-light-extension", "style"),
  dark: join(ROOT, "node_modules", "@jupyterlab", "theme-dark-extension", "style"),
};

/** Lumino and JupyterLab reach these through the page's globals; esbuild replaces them at build time. */
const DEFINE = { "process.env.NODE_ENV": '"production"', global: "globalThis" };

describe("JupyterLab 4's renderers (rendermime + outputarea from npm), in Chromium", { skip: !chromiumAvailable() && "no chromium" }, () => {
  let dir = "";
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let refused: string[] = [];
  let lessons: Notebook[] = [];
  const errors: string[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "amsgrad-jupyterlab-"));
    const started = performance.now();
    await build({
      entryPoints: [join(ROOT, "test", "support", "jupyterlab-page.ts")],
      bundle: true,
      outdir: dir,
      format: "iife",
      platform: "browser",
      target: "chrome110",
      loader: { ".woff": "dataurl", ".woff2": "dataurl", ".svg": "dataurl", ".png": "dataurl", ".ttf": "dataurl" },
      define: DEFINE,
      logLevel: "error",
    });
    console.log(`bundled JupyterLab's output area in ${(performance.now() - started).toFixed(0)} ms`);
    for (const [theme, style] of Object.entries(THEMES)) {
      cpSync(join(style, "variables.css"), join(dir, `${theme}-variables.css`));
      cpSync(join(style, "theme.css"), join(dir, `${theme}-theme.css`));
      // The notebook panel's colours around the outputs, from the theme's own variables.
      writeFileSync(
        join(dir, `${theme}.html`),
        `<!DOCTYPE html><html><head><meta charset="utf-8"><link rel="stylesheet" href="${theme}-variables.css">` +
          `<link rel="stylesheet" href="${theme}-theme.css"><link rel="stylesheet" href="jupyterlab-page.css">` +
          `<style>body{margin:0;padding:16px;background:var(--jp-layout-color0);color:var(--jp-content-font-color1);` +
          `font-family:var(--jp-ui-font-family)} .jp-OutputArea{margin:0 0 12px}</style></head>` +
          `<body data-jp-theme-light="${theme === "light"}"><div id="notebook"></div><script src="jupyterlab-page.js"></script></body></html>`,
      );
    }
    lessons = await lessonsRun;
    browser = await launchBrowser({ viewport: { width: 1200, height: 900 } });
    refused = await offlineOnly(browser.context);
    await browser.context.addInitScript({ content: "window.__name = (f) => f;" });
  });

  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A page with every lesson's outputs rendered, one OutputArea per code cell. */
  async function rendered(theme: keyof typeof THEMES, trusted: boolean): Promise<Page> {
    const page = await browser.context.newPage();
    page.on("pageerror", (e) => errors.push(`${theme}/${trusted}: ${e.message}`));
    await page.goto(pathToFileURL(join(dir, `${theme}.html`)).href);
    const cells = lessons.flatMap((nb) => nb.cells.filter((c) => c.cell_type === "code").map((c) => (c.outputs ?? []).map(joined)));
    await page.evaluate(([cells, trusted]) => window.renderCells(cells as never, trusted as boolean), [cells, trusted] as const);
    return page;
  }

  const figureCount = () => lessons.reduce((n, nb) => n + figureOutputs(nb, "").length, 0);
  const explorerCount = () => lessons.reduce((n, nb) => n + explorerOutputs(nb).length, 0);

  /** The figures as drawn: <img> elements showing an SVG data URI, and whether each decoded. */
  const figureImages = (page: Page) =>
    page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLImageElement>(".jp-OutputArea-output img"))
        .filter((img) => img.getAttribute("src")?.startsWith("data:image/svg+xml") && !img.closest(".amsgrad-explorer"))
        .map((img) => ({ width: img.naturalWidth, shown: img.getBoundingClientRect().width > 0 })),
    );

  for (const theme of ["light", "dark"] as const) {
    test(`${theme} theme, untrusted (opened from file): every figure shows, the explorer is a still picture and a note`, async () => {
      const page = await rendered(theme, false);
      try {
        const images = await figureImages(page);
        assert.equal(images.length, figureCount(), "one picture per figure");
        assert.ok(images.every((i) => i.width > 0 && i.shown), "every picture decoded and shows");
        assert.equal(await page.locator("text=Cannot display an untrusted SVG").count(), 0);
        const explorers = await page.evaluate(() =>
          Array.from(document.querySelectorAll<HTMLElement>(".jp-OutputArea-output")).filter((o) => o.querySelector(".ax-note")).map((o) => ({
            text: o.innerText,
            still: (o.querySelector<HTMLImageElement>(".ax-still img")?.naturalWidth ?? 0) > 0,
            forms: o.querySelectorAll("form, input, svg").length,
          })),
        );
        assert.equal(explorers.length, explorerCount(), "every explorer output is there");
        for (const e of explorers) {
          assert.ok(e.still, "the first drawing shows as a picture");
          assert.equal(e.forms, 0, "no stripped controls or SVG");
          assert.ok(e.text.includes(NO_SCRIPT_NOTE), "the note says how to enable it");
          assert.doesNotMatch(e.text, /−1\.0−0\.5|0\.0.?0\.5.?1\.0.?y/, "no line of tick labels");
        }
        assert.equal(await page.evaluate(() => window.__amsgradExplorer === undefined), true, "no script ran");
        assert.deepEqual(await poorContrast(page, ".jp-OutputArea-output"), [], "text with a contrast ratio under 3");
        const output = page.locator(".jp-OutputArea-output", { has: page.locator(".ax-note") }).first();
        await output.scrollIntoViewIfNeeded();
        await output.screenshot({ path: join(shotsDir(), `jupyterlab-${theme}-untrusted-explorer.png`) });
        const figure = page.locator(".jp-OutputArea-output", { has: page.locator("img") }).nth(3);
        await figure.screenshot({ path: join(shotsDir(), `jupyterlab-${theme}-untrusted-figure.png`) });
      } finally {
        await page.close();
      }
    });

    test(`${theme} theme, trusted (cells just run): figures show and every explorer comes to life and redraws`, async () => {
      const page = await rendered(theme, true);
      try {
        const images = await figureImages(page);
        assert.equal(images.length, figureCount());
        assert.ok(images.every((i) => i.width > 0 && i.shown));
        const count = explorerCount();
        await page.waitForFunction((n) => Object.keys(window.__amsgradExplorer?.instances ?? {}).length === n, count, { timeout: 30_000 });
        const keys = await page.evaluate(() => Object.keys(window.__amsgradExplorer!.instances));
        const first = keys[0]!;
        assert.equal(await page.locator(`[data-instance="${first}"] .ax-controls`).isVisible(), true, "controls shown");
        const before = await page.evaluate((k) => window.__amsgradExplorer!.instances[k]!.runs().amsgrad.solutions.at(-1), first);
        await page.locator(`[data-instance="${first}"] [data-field="alpha"] input[type=range]`).focus();
        await page.keyboard.press("ArrowRight");
        await page.waitForFunction((k) => window.__amsgradExplorer!.instances[k]!.settings().alpha === 0.008 && !window.__amsgradExplorer!.instances[k]!.pending(), first);
        const afterRun = await page.evaluate((k) => window.__amsgradExplorer!.instances[k]!.runs().amsgrad.solutions.at(-1), first);
        assert.notDeepEqual(afterRun, before, "the path was recomputed for the new α");
        // The explorer keeps its own white card on a dark theme, and the theme's colours (its tables' rows and
        // text among them) leave every text of every explorer readable.
        assert.equal(await page.locator(`[data-instance="${first}"]`).evaluate((e) => getComputedStyle(e).backgroundColor), "rgb(255, 255, 255)");
        assert.deepEqual(await poorContrast(page, ".amsgrad-explorer"), [], "text with a contrast ratio under 3");
        const root = page.locator(`[data-instance="${first}"]`);
        await root.scrollIntoViewIfNeeded();
        await root.screenshot({ path: join(shotsDir(), `jupyterlab-${theme}-trusted-explorer.png`) });
        const figure = page.locator(".jp-OutputArea-output", { has: page.locator("img") }).nth(3);
        await figure.screenshot({ path: join(shotsDir(), `jupyterlab-${theme}-trusted-figure.png`) });
      } finally {
        await page.close();
      }
    });
  }

  test("nothing was loaded from the network and no page error", () => {
    assert.deepEqual(refused, []);
    assert.deepEqual(errors, []);
  });
});
