// The handout template (scripts/nbconvert/handout, run as npm run build runs it) on every executed lesson,
// in Chromium: no line of code or output is cut at the right edge, on screen (a 1000 px window) or on paper
// (A4's 703 px, print styles).
// The long lines of the lessons' hyperparameter cells ran past the cell, which clipped them (issue 15).
// The lessons are the shared executions (test/support/executed-lessons.ts); npm run build's own run is
// tested in notebooks.test.ts and classroom.test.ts.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { after, describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import { nbconvert } from "../scripts/offline-pages.mjs";
import { jupyterEnv } from "../scripts/setup.mjs";
import { chromiumAvailable, launchBrowser } from "./support/browser.ts";
import { executedLessons } from "./support/executed-lessons.ts";
import { shotsDir } from "./support/front-ends.ts";
import { notebookSources } from "./support/notebooks.ts";

describe("handouts: long lines wrap, on screen and on paper", { skip: !chromiumAvailable() && "no chromium" }, () => {
  const dir = mkdtempSync(join(tmpdir(), "amsgrad-handouts-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test("no code or output line runs past its cell's right edge, in any lesson", async () => {
    const lessons = await executedLessons();
    const names = notebookSources().filter((p) => /^\d\d-/.test(basename(p))).map((p) => basename(p, ".ipynb"));
    const files = lessons.map((nb, i) => {
      const path = join(dir, `${names[i]}.ipynb`);
      writeFileSync(path, JSON.stringify(nb));
      return path;
    });
    const converted = await nbconvert({ to: "html", template: "handout", outDir: dir, files, env: jupyterEnv() });
    assert.equal(converted.code, 0, converted.output);
    const browser = await launchBrowser({ viewport: { width: 1000, height: 900 } });
    try {
      const page = await browser.context.newPage();
      const cut: string[] = [];
      for (const name of names) {
        for (const [media, width] of [["screen", 1000], ["print", 703]] as const) {
          await page.emulateMedia({ media });
          await page.setViewportSize({ width, height: 1000 });
          await page.goto(pathToFileURL(join(dir, `${name}.html`)).href);
          const overflowing = await page.evaluate(() =>
            Array.from(document.querySelectorAll<HTMLElement>(".jp-InputArea-editor pre, .jp-OutputArea-output pre"))
              .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
              .map((el) => (el.textContent ?? "").split("\n").reduce((a, b) => (b.length > a.length ? b : a), "").slice(0, 60)),
          );
          for (const line of overflowing) cut.push(`${name} (${media}, ${width} px): ${line}`);
          if (name.startsWith("06") && media === "screen") await page.screenshot({ path: join(shotsDir(), "handout-06-screen.png") });
        }
      }
      assert.deepEqual(cut, []);
    } finally {
      await browser.close();
    }
  });
});
