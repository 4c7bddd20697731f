// Classic Jupyter Notebook 6.4 (what `npm start` and a hub's single-user server serve), in Chromium, with
// executed lessons opened from file as a student receives them: not trusted. Every figure must show (the
// Notebook skips untrusted image/svg+xml, "Ignoring untrusted image/svg+xml output", but sanitizes text/html
// and keeps its <img>), and the explorer must show its still picture and say how to enable it. Then File →
// Trust Notebook: the explorer comes to life and redraws. Then a dark page style (a user's custom.css):
// the figures look as they did.

import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Page } from "playwright-core";
import { NO_SCRIPT_NOTE } from "../lib/src/explorer/markup.ts";
import type {} from "../lib/src/explorer/page.ts"; // window.__amsgradExplorer
import { chromiumAvailable, launchBrowser, offlineOnly } from "./support/browser.ts";
import { executedLesson } from "./support/executed-lessons.ts";
import { explorerOutputs, FAR, figureOutputs, pixelDifference, shotsDir, STRAY } from "./support/front-ends.ts";
import { freePort, startNotebookServer, type NotebookServer } from "./support/jupyter-server.ts";
import { NOTEBOOKS_DIR, ROOT, type Notebook } from "./support/notebooks.ts";
import { FIGURE_IMAGES } from "./support/notebook-ui.ts";

const LESSON = "06-adam-versus-amsgrad.ipynb";
const lessonRun = executedLesson(join(NOTEBOOKS_DIR, LESSON));
lessonRun.catch(() => {});

/** A dark page style, as a user's custom.css would give classic Notebook (it has no dark theme of its own). */
const DARK = `body, #site, #notebook, #notebook-container, .cell, .output_area, .output_subarea, div.output_wrapper,
  .text_cell_render, .input_area, .CodeMirror { background: #1e1e1e !important; color: #dddddd !important; }`;

interface JupyterWindow {
  Jupyter?: { notebook?: { trusted: boolean; _fully_loaded?: boolean; set_autosave_interval(ms: number): void } };
}

describe("classic Notebook 6.4: an executed lesson opened from file, untrusted, then trusted, then dark", { skip: !chromiumAvailable() && "no chromium" }, () => {
  let dir = "";
  let server: NotebookServer | undefined;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let executed: Notebook;
  let refused: string[] = [];
  const consoleLines: string[] = [];
  const errors: string[] = [];

  before(async () => {
    executed = await lessonRun;
    dir = mkdtempSync(join(tmpdir(), "amsgrad-classic-"));
    symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
    // A fresh nonce in the metadata: a notebook this test trusted before is a different notebook now, so
    // that it opens untrusted on every run (the trust database remembers signatures).
    const copy = { ...executed, metadata: { ...executed.metadata, amsgrad_test_nonce: randomUUID() } };
    writeFileSync(join(dir, LESSON), JSON.stringify(copy, null, 1));
    server = await startNotebookServer(["--port", String(await freePort()), "--dir", dir]);
    browser = await launchBrowser({ viewport: { width: 1280, height: 1000 } });
    refused = await offlineOnly(browser.context);
    await browser.context.addInitScript({ content: "window.__name = (f) => f;" });
    page = await browser.context.newPage();
    page.on("console", (m) => consoleLines.push(m.text()));
    page.on("pageerror", (e) => errors.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(): Promise<void> {
    await page.goto(`${server!.base}/notebooks/${LESSON}?token=${server!.token}`);
    await page.waitForFunction(() => (window as unknown as JupyterWindow).Jupyter?.notebook?._fully_loaded === true, undefined, { timeout: 60_000 });
    await page.evaluate(() => (window as unknown as JupyterWindow).Jupyter!.notebook!.set_autosave_interval(0));
    await page.waitForFunction(() => Array.from(document.images).every((i) => i.complete));
  }

  const trusted = () => page.evaluate(() => (window as unknown as JupyterWindow).Jupyter!.notebook!.trusted);
  /** The figure images outside explorers, and whether each decoded and shows. */
  const figures = () =>
    page.evaluate((images) => Array.from(document.querySelectorAll<HTMLImageElement>(images)).filter((i) => !i.closest(".amsgrad-explorer")).map((i) => i.naturalWidth > 0 && i.getBoundingClientRect().width > 0), FIGURE_IMAGES);

  test("untrusted: every figure shows, and the explorer is its still picture with a note on how to enable it", async () => {
    await open();
    assert.equal(await trusted(), false, "the notebook opened from file is not trusted");
    const shown = await figures();
    assert.equal(shown.length, figureOutputs(executed, LESSON).length, "one picture per figure output");
    assert.ok(shown.every(Boolean), "every picture decoded and shows");
    assert.deepEqual(consoleLines.filter((l) => /Ignoring untrusted/.test(l)), [], "the Notebook dropped no output");
    const explorers = explorerOutputs(executed).length;
    assert.equal(await page.locator(".amsgrad-explorer .ax-note", { hasText: NO_SCRIPT_NOTE }).count(), explorers);
    assert.equal(await page.locator(".amsgrad-explorer .ax-still img").evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth > 0).length), explorers);
    assert.equal(await page.locator(".amsgrad-explorer svg, .amsgrad-explorer form").count(), 0, "nothing stripped into text");
    assert.equal(await page.evaluate(() => window.__amsgradExplorer === undefined), true, "no script ran");
    await page.locator(".amsgrad-explorer").first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shotsDir(), "classic-untrusted.png") });
  });

  test("File → Trust Notebook: the Notebook reloads trusted, and the explorer comes to life and redraws", async () => {
    await page.click("#filelink");
    await page.locator("#trust_notebook > a").click();
    // (The Notebook 6.4 menu opens its dialog twice, one over the other: either one trusts.)
    const dialog = page.locator(".modal.in .modal-dialog").last();
    await dialog.waitFor({ state: "visible" });
    await Promise.all([page.waitForEvent("load", { timeout: 60_000 }), dialog.locator(".modal-footer button", { hasText: "Trust" }).click()]);
    await open();
    assert.equal(await trusted(), true);
    const count = explorerOutputs(executed).length;
    await page.waitForFunction((n) => Object.keys(window.__amsgradExplorer?.instances ?? {}).length === n, count, { timeout: 30_000 });
    const key = await page.evaluate(() => Object.keys(window.__amsgradExplorer!.instances)[0]!);
    const root = page.locator(`[data-instance="${key}"]`);
    assert.equal(await root.locator(".ax-controls").isVisible(), true, "controls shown");
    await root.locator('[data-field="alpha"] input[type=range]').focus();
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction((k) => window.__amsgradExplorer!.instances[k]!.settings().alpha === 0.008 && !window.__amsgradExplorer!.instances[k]!.pending(), key);
    const shown = await figures();
    assert.equal(shown.length, figureOutputs(executed, LESSON).length, "the figures show trusted too");
    assert.ok(shown.every(Boolean));
    await root.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shotsDir(), "classic-trusted-explorer.png") });
  });

  test("in a dark page style every figure looks as it did on the light page, and the explorer keeps its white card", async (t) => {
    const images = page.locator(FIGURE_IMAGES);
    const count = await images.count();
    // Each figure in the middle of the window before its screenshot: an element screenshot takes whatever
    // covers the element, and scrolled only "into view" a figure could sit under the Notebook's fixed
    // header in one style and not in the other (the dark style changes the page's layout): the likely cause of
    // one CI failure on a figure (2.6% of its pixels) that passes on every rerun.
    // The failure came back after that (2.3% of one figure's pixels, again passing on rerun), so also:
    // the pointer is moved off the page (a hover style or tooltip under it moves with the scroll), the
    // fixed header and the notification area are hidden in both styles, each picture is decoded before
    // its shot, and a figure that differs is shot again in both styles once: a theme that really changes
    // a figure changes it every time, while a transient cover does not come back (logged when it happens).
    await page.mouse.move(0, 0);
    await page.addStyleTag({ content: "#header, #notification_area, .tooltip { visibility: hidden !important; }" });
    const shot = async (i: number) => {
      await images.nth(i).evaluate(async (e) => {
        e.scrollIntoView({ block: "center" });
        await (e as HTMLImageElement).decode();
      });
      return images.nth(i).screenshot();
    };
    const light: Buffer[] = [];
    for (let i = 0; i < count; i++) light.push(await shot(i));
    const dark = await page.addStyleTag({ content: DARK });
    const setDark = (on: boolean) => dark.evaluate((e, on) => ((e as HTMLStyleElement).disabled = !on), on);
    const differing: string[] = [];
    for (let i = 0; i < count; i++) {
      let { far, size } = await pixelDifference(page, light[i]!, await shot(i));
      if (far > STRAY * size) {
        t.diagnostic(`figure ${i}: ${far} of ${size} pixels differed; shot again in both styles`);
        await setDark(false);
        const again = await shot(i);
        await setDark(true);
        ({ far, size } = await pixelDifference(page, again, await shot(i)));
      }
      if (far > STRAY * size) differing.push(`figure ${i}: ${far} of ${size} pixels differ by more than ${FAR} levels`);
    }
    assert.deepEqual(differing, []);
    assert.equal(await page.locator(".amsgrad-explorer").first().evaluate((e) => getComputedStyle(e).backgroundColor), "rgb(255, 255, 255)");
    await images.nth(0).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shotsDir(), "classic-dark-figures.png") });
    await page.locator(".amsgrad-explorer").first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shotsDir(), "classic-dark-explorer.png") });
  });

  test("nothing was loaded from the network and no page error", () => {
    assert.deepEqual(refused, []);
    assert.deepEqual(errors, []);
  });
});
