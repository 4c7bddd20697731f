// VS Code's two notebook renderers, their rules reproduced in a page (VS Code itself cannot run here), on
// its dark theme (editor background #1e1e1e, foreground #cccccc), with every executed lesson's outputs:
//   - the built-in renderer (microsoft/vscode extensions/notebook-renderers/src/index.ts, renderHTML): it
//     takes text/html first (NOTEBOOK_DISPLAY_ORDER), puts it in a <div> with innerHTML and re-creates each
//     <script> from its innerText so that it runs; image/svg+xml it inlines the same way, on a transparent
//     background under the editor's light foreground;
//   - the Jupyter extension's renderer (microsoft/vscode-notebook-renderers src/client/render.tsx and
//     index.css): image/svg+xml inlined in a .svgContainerStyle <div> whose CSS gives the svg a white
//     background, under the same light foreground.
// A figure must look the same in all three as on a white page. And VS Code puts every output of a notebook
// in one webview: several explorers share one page, and each must keep to its own scope and elements.

import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Page } from "playwright-core";
import type {} from "../lib/src/explorer/page.ts"; // window.__amsgradExplorer
import { chromiumAvailable, launchBrowser, offlineOnly } from "./support/browser.ts";
import { executedLessons } from "./support/executed-lessons.ts";
import { explorerOutputs, FAR, figureOutputs, pixelDifference, shotsDir, STRAY } from "./support/front-ends.ts";
import type { Notebook } from "./support/notebooks.ts";

const lessonsRun = executedLessons();
lessonsRun.catch(() => {});

/** VS Code's dark editor, and the Jupyter renderer's one rule for SVG. */
const WEBVIEW = `<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body{margin:0;padding:12px;background:#1e1e1e;color:#cccccc;font-family:system-ui,sans-serif;font-size:13px}
#container .output{padding:4px 0 12px}
.svgContainerStyle svg{background-color:white}
</style></head><body><div id="container"></div></body></html>`;

/** The built-in renderer's renderHTML and domEval, as VS Code's source has them. */
const BUILTIN = `
window.renderBuiltin = (html) => {
  const output = document.createElement("div");
  output.className = "output";
  document.getElementById("container").appendChild(output);
  const element = document.createElement("div");
  element.innerHTML = html;
  output.appendChild(element);
  for (const node of Array.from(element.getElementsByTagName("script"))) {
    const script = document.createElement("script");
    script.text = node.innerText;
    element.appendChild(script).parentNode.removeChild(script);
  }
  return output;
};
window.renderJupyterSvg = (svg) => {
  const output = document.createElement("div");
  output.className = "output";
  document.getElementById("container").appendChild(output);
  const display = document.createElement("div");
  display.className = "display";
  display.innerHTML = '<div class="svgContainerStyle">' + svg + "</div>";
  output.appendChild(display);
  return output;
};`;

describe("VS Code's notebook renderers, reproduced in a page (dark theme)", { skip: !chromiumAvailable() && "no chromium" }, () => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let refused: string[] = [];
  let lessons: Notebook[] = [];
  const errors: string[] = [];

  before(async () => {
    lessons = await lessonsRun;
    browser = await launchBrowser({ viewport: { width: 1100, height: 900 } });
    refused = await offlineOnly(browser.context);
    await browser.context.addInitScript({ content: `window.__name = (f) => f;${BUILTIN}` });
  });
  after(async () => browser?.close());

  async function webview(): Promise<Page> {
    const page = await browser.context.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
    await page.setContent(WEBVIEW);
    return page;
  }

  const figures = () => lessons.flatMap((nb) => figureOutputs(nb, ""));

  test("figures look as on a white page: as text/html (built-in), inlined SVG (built-in) and in .svgContainerStyle (Jupyter)", async () => {
    const page = await webview();
    const white = await browser.context.newPage();
    try {
      const differing: string[] = [];
      // Pixels for the first figure of each kind (contour, panels, surface, line chart): the rules are the
      // same for all, and every figure's own colours are checked below.
      const kinds = new Set<string>();
      const sample = figures().filter((f) => {
        const kind = /<title>([A-Za-z -]+?)[:<]/.exec(f.svg)?.[1] ?? "";
        return !kinds.has(kind) && Boolean(kinds.add(kind));
      });
      assert.ok(sample.length >= 4, `${sample.length} kinds of figure`);
      for (const [k, f] of sample.entries()) {
        await page.evaluate(() => (document.getElementById("container")!.innerHTML = ""));
        await page.evaluate(([html, svg]) => {
          window.renderBuiltin(html!).id = "html";
          window.renderBuiltin(svg!).id = "inline";
          window.renderJupyterSvg(svg!).id = "jupyter";
        }, [f.html, f.svg]);
        await page.waitForFunction(() => Array.from(document.images).every((i) => i.complete && i.naturalWidth > 0));
        await white.setContent(`<body style="margin:0;padding:12px;background:#fff">${f.svg}</body>`);
        const reference = await white.locator("svg").screenshot();
        for (const which of ["#html img", "#inline svg", "#jupyter svg"]) {
          const shot = await page.locator(which).first().screenshot();
          const { far, size } = await pixelDifference(page, reference, shot);
          if (far > STRAY * size) differing.push(`figure ${k} ${which}: ${far} of ${size} pixels differ by more than ${FAR} levels`);
        }
        if (k === 0) {
          await page.locator("#html").screenshot({ path: join(shotsDir(), "vscode-builtin-html.png") });
          await page.locator("#inline").screenshot({ path: join(shotsDir(), "vscode-builtin-inline-svg.png") });
          await page.locator("#jupyter").screenshot({ path: join(shotsDir(), "vscode-jupyter-renderer-svg.png") });
        }
      }
      assert.deepEqual(differing, []);
    } finally {
      await page.close();
      await white.close();
    }
  });

  test("every figure inlined under the editor's light foreground writes its text in its own ink", async () => {
    const page = await webview();
    try {
      for (const f of figures()) await page.evaluate((svg) => void window.renderBuiltin(svg), f.svg);
      const fills = await page.evaluate(() => Array.from(new Set(Array.from(document.querySelectorAll("svg text"), (t) => getComputedStyle(t).fill))));
      assert.ok(!fills.includes("rgb(204, 204, 204)"), `no text in the editor's #cccccc: ${fills}`);
      assert.ok(fills.includes("rgb(34, 34, 34)"), `${fills}`);
    } finally {
      await page.close();
    }
  });

  test("explorers sharing one webview: each mounts in its own scope, and changing one leaves the others as they were", async () => {
    const page = await webview();
    try {
      const outputs = lessons.flatMap(explorerOutputs);
      assert.ok(outputs.length >= 3, `${outputs.length} explorers in the series`);
      for (const o of outputs) await page.evaluate((html) => void window.renderBuiltin(html), o.html);
      await page.waitForFunction((n) => Object.keys(window.__amsgradExplorer?.instances ?? {}).length === n, outputs.length);
      const keys = await page.evaluate(() => Object.keys(window.__amsgradExplorer!.instances));
      const snapshot = () =>
        page.evaluate((ks) => ks.map((k) => ({ settings: window.__amsgradExplorer!.instances[k]!.settings(), redraws: window.__amsgradExplorer!.instances[k]!.redraws() })), keys);
      const before = await snapshot();
      // One explorer's slider and start; the others must not move.
      const first = page.locator(`[data-instance="${keys[0]}"]`);
      await first.locator('[data-field="alpha"] input[type=range]').focus();
      await page.keyboard.press("ArrowRight");
      await first.locator(".ax-overlay").click({ position: { x: 300, y: 120 } });
      await page.waitForFunction((k) => !window.__amsgradExplorer!.instances[k]!.pending() && window.__amsgradExplorer!.instances[k]!.redraws() >= 2, keys[0]);
      const afterChange = await snapshot();
      assert.notDeepEqual(afterChange[0]!.settings, before[0]!.settings, "the first explorer changed");
      assert.deepEqual(afterChange.slice(1), before.slice(1), "the others did not change or redraw");
      // Their elements stay their own: one clip rectangle id per overlay, none shared.
      const ids = await page.evaluate(() => Array.from(document.querySelectorAll("[id]"), (e) => e.id));
      assert.equal(new Set(ids).size, ids.length, `element ids are unique on the page: ${ids.join(", ")}`);
      // VS Code re-renders an output when its cell moves: the same HTML again, in a new element.
      await page.evaluate((html) => void window.renderBuiltin(html), outputs[1]!.html);
      await page.waitForFunction((n) => Object.keys(window.__amsgradExplorer!.instances).length === n, outputs.length + 1);
      const again = await page.evaluate(() => Object.keys(window.__amsgradExplorer!.instances).at(-1)!);
      await page.locator(`[data-instance="${again}"] [data-field="beta2"] input[type=text]`).fill("0.5");
      await page.waitForFunction((k) => window.__amsgradExplorer!.instances[k]!.settings().beta2 === 0.5 && !window.__amsgradExplorer!.instances[k]!.pending(), again);
      assert.equal(await page.evaluate((k) => window.__amsgradExplorer!.instances[k]!.settings().beta2, keys[1]), before[1]!.settings.beta2, "the first copy is untouched");
      await page.setViewportSize({ width: 1100, height: 2400 });
      await page.screenshot({ path: join(shotsDir(), "vscode-shared-webview-explorers.png") });
    } finally {
      await page.close();
    }
  });

  test("nothing was loaded from the network and no page error", () => {
    assert.deepEqual(refused, []);
    assert.deepEqual(errors, []);
  });
});

declare global {
  interface Window {
    renderBuiltin(html: string): HTMLElement;
    renderJupyterSvg(svg: string): HTMLElement;
  }
}
