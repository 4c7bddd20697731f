// The slides (`npm run slides`, scripts/slides.mjs): every cell of every lesson has a slide type; the cutting
// of markdown cells at their headings (scripts/slide-cells.mjs); and the slides of every executed lesson,
// made by the script itself from the shared executions (test/support/executed-lessons.ts: `--executed`
// skips its own execution, the only part not run here; notebooks.test.ts runs that part through
// build.mjs) and shown in Debian's Chromium: every slide renders (content, no script error, figures with a
// size, nothing cut off), the arrow keys step through every slide and fragment, each live explorer works
// on its slide, and no request leaves the machine. Screenshots of a title, a formula, a figure and an
// explorer slide go to /tmp/front-end-shots (FRONT_END_SHOTS overrides).

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import type RevealApi from "reveal.js";
import type {} from "../lib/src/explorer/page.ts"; // window.__amsgradExplorer
import { externalLoads } from "../scripts/offline-pages.mjs";
import { notebookForSlides, sections, SLIDE_TYPES, slideType } from "../scripts/slide-cells.mjs";
import { jupyterEnv } from "../scripts/setup.mjs";
import { chromiumAvailable, launchBrowser, offlineOnly } from "./support/browser.ts";
import { executedLessons } from "./support/executed-lessons.ts";
import { shotsDir } from "./support/front-ends.ts";
import { notebookSources, readNotebook, ROOT, text, type Notebook } from "./support/notebooks.ts";

declare global {
  // What the slides load as plain scripts: reveal.js and MathJax 2.
  const Reveal: typeof RevealApi;
  interface Window {
    MathJax?: { Hub: { Queue(...actions: unknown[]): void } };
  }
}

const LESSONS = notebookSources().filter((p) => /^\d\d-/.test(basename(p)));

describe("slide types in the notebooks", () => {
  test("every cell of every lesson has a slide type Jupyter knows", () => {
    const missing: string[] = [];
    for (const path of LESSONS) {
      readNotebook(path).cells.forEach((cell, i) => {
        const type = slideType(cell);
        if (!(SLIDE_TYPES as readonly (string | undefined)[]).includes(type)) {
          missing.push(`${basename(path)} cell ${i} (${text(cell.source).split("\n")[0].slice(0, 50)}): ${type ?? "none"}`);
        }
      });
    }
    assert.deepEqual(
      missing,
      [],
      `set metadata.slideshow.slide_type on every cell (${SLIDE_TYPES.join(", ")}): in classic Notebook ` +
        "View → Cell Toolbar → Slideshow, in JupyterLab the property inspector (README, Slides)",
    );
  });

  test("every lesson opens with a slide, and its hyperparameter cell is shown", () => {
    for (const path of LESSONS) {
      const nb = readNotebook(path);
      assert.equal(slideType(nb.cells[0]), "slide", `${basename(path)}: the title cell starts the first slide`);
      for (const cell of nb.cells.filter((c) => text(c.source).includes("── Hyperparameters"))) {
        assert.ok(!["skip", "notes"].includes(slideType(cell) ?? ""), `${basename(path)}: the hyperparameter cell is on a slide`);
      }
    }
  });
});

describe("markdown cells cut at their headings (slide-cells.mjs)", () => {
  test("a cell is cut before each ## or ### heading after its first line, and the pieces give the text back", () => {
    const markdown = "Text about the figure.\n\n## Next section\n\nIts text.\n\n### A part\n\nMore.\n";
    const pieces = sections(markdown);
    assert.deepEqual(pieces, ["Text about the figure.\n\n", "## Next section\n\nIts text.\n\n", "### A part\n\nMore.\n"]);
    assert.equal(pieces.join(""), markdown);
    assert.deepEqual(sections("## Summary\n\n- one\n"), ["## Summary\n\n- one\n"], "a heading that opens the cell does not cut it");
    assert.deepEqual(sections("# Title\n\n#### Small\n\ntext\n"), ["# Title\n\n#### Small\n\ntext\n"], "# and #### do not cut");
  });

  test("headings in fenced code and in worked answers do not cut", () => {
    const fenced = "Intro.\n\n```ts\n## not a heading\n```\n\nAfter.\n";
    assert.deepEqual(sections(fenced), [fenced]);
    const answer = 'Q.\n\n<details class="answer"><summary>A</summary>\n\n## Inside\n\n</details>\n\n## Outside\n';
    assert.deepEqual(sections(answer), ['Q.\n\n<details class="answer"><summary>A</summary>\n\n## Inside\n\n</details>\n\n', "## Outside\n"]);
  });

  test("the first piece keeps the cell's slide type, ## starts a slide, ### a sub-slide, a skipped cell stays skipped", () => {
    const cell = (type: string) => ({ cell_type: "markdown", id: "c7", metadata: { slideshow: { slide_type: type } }, source: "Note.\n## Two\n### Three\n" });
    const types = (nb: { cells: { metadata?: object; id?: string }[] }) => nb.cells.map((c) => [c.id, slideType(c)]);
    assert.deepEqual(types(notebookForSlides({ cells: [cell("fragment")] })), [["c7", "fragment"], ["c7-1", "slide"], ["c7-2", "subslide"]]);
    assert.deepEqual(types(notebookForSlides({ cells: [cell("notes")] })), [["c7", "notes"], ["c7-1", "slide"], ["c7-2", "subslide"]]);
    assert.deepEqual(types(notebookForSlides({ cells: [cell("skip")] })), [["c7", "skip"], ["c7-1", "skip"], ["c7-2", "skip"]]);
    const code = { cell_type: "code", metadata: {}, source: "// ## not markdown\n" };
    assert.deepEqual(notebookForSlides({ cells: [code] }).cells, [code]);
  });
});

// --- The slides of every lesson, in Chromium ------------------------------------------------------------

/** What the page says about one slide, measured while it is shown. */
interface SlideReport {
  index: number;
  indices: { h: number; v: number };
  cells: number;
  text: string;
  heading: string;
  figures: { width: number; height: number }[];
  /** Content past the slide's bottom that cannot be scrolled to. */
  cutOff: boolean;
  /** Content past the slide's bottom without the "more below" mark. */
  unmarked: boolean;
  /** Code and printout lines wider than their box, or boxes past the slide's right edge. */
  tooWide: string[];
  mathErrors: number;
}

/** Resolves when MathJax (if the page has it) has done everything queued so far. */
function typeset(page: Page): Promise<void> {
  return page.evaluate(() => new Promise<void>((resolve) => (window.MathJax?.Hub ? window.MathJax.Hub.Queue(() => resolve()) : resolve())));
}

/** Shows each slide in turn (all its fragments), waits for MathJax, and measures it. */
async function everySlide(page: Page): Promise<SlideReport[]> {
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  return page.evaluate(async () => {
    const reports = [];
    const slides = Reveal.getSlides();
    for (let index = 0; index < slides.length; index++) {
      const slide = slides[index];
      const indices = Reveal.getIndices(slide);
      Reveal.slide(indices.h, indices.v ?? 0, Number.MAX_SAFE_INTEGER);
      await new Promise<void>((resolve) => (window.MathJax?.Hub ? window.MathJax.Hub.Queue(() => resolve()) : resolve()));
      await new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
      const box = slide.getBoundingClientRect();
      const scale = box.width / slide.offsetWidth;
      const style = getComputedStyle(slide);
      const tooWide = Array.from(slide.querySelectorAll<Element>(".jp-InputArea-editor pre, .jp-OutputArea-output pre, table, svg"))
        .filter((el) => el.getBoundingClientRect().width > 0)
        .filter((el) => (el instanceof HTMLElement && el.scrollWidth > el.clientWidth + 1) || el.getBoundingClientRect().right > box.right + 1)
        .map((el) => (el.textContent ?? "").trim().slice(0, 50));
      reports.push({
        index,
        indices: { h: indices.h, v: indices.v ?? 0 },
        cells: slide.querySelectorAll(".jp-Cell").length,
        text: (slide.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 80),
        heading: (slide.querySelector("h1, h2, h3")?.textContent ?? "").replace(/¶$/, "").trim(),
        figures: Array.from(slide.querySelectorAll(".jp-RenderedSVG svg, .amsgrad-explorer svg"), (svg) => {
          const r = svg.getBoundingClientRect();
          return { width: r.width / scale, height: r.height / scale };
        }),
        cutOff: slide.scrollHeight > slide.clientHeight + 1 && !["auto", "scroll"].includes(style.overflowY),
        unmarked: slide.scrollHeight > slide.clientHeight + 1 && !slide.classList.contains("more-below"),
        tooWide,
        mathErrors: slide.querySelectorAll(".MathJax_Error, merror, .mjx-merror").length,
      });
    }
    return reports;
  });
}

/** The `##` headings of a notebook's shown markdown cells, up to their first formula (typeset on the slides). */
function sectionHeadings(nb: Notebook): string[] {
  return nb.cells
    .filter((c) => c.cell_type === "markdown" && slideType(c) !== "skip")
    .flatMap((c) => text(c.source).split("\n").filter((line) => /^##\s/.test(line)))
    .map((line) => line.replace(/^##\s+/, "").split("$")[0].replace(/[*_`]/g, "").trim());
}

describe("npm run slides: the lessons as reveal.js slides, in Chromium", { skip: !chromiumAvailable() && "no chromium" }, () => {
  const dir = mkdtempSync(join(tmpdir(), "amsgrad-slides-"));
  const slidesDir = join(dir, "out", "slides");
  const names = LESSONS.map((p) => basename(p, ".ipynb"));
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let refused: string[];
  const pageErrors: string[] = [];
  const missingFiles: string[] = [];
  let converted: { status: number | null; output: string };

  before(async () => {
    const executed = join(dir, "executed");
    mkdirSync(executed);
    (await executedLessons()).forEach((nb, i) => writeFileSync(join(executed, `${names[i]}.ipynb`), JSON.stringify(nb)));
    const run = spawnSync(process.execPath, [join(ROOT, "scripts", "slides.mjs"), "--executed", executed, "--out", join(dir, "out")], {
      cwd: ROOT,
      env: jupyterEnv(),
      encoding: "utf8",
    });
    converted = { status: run.status, output: `${run.stdout}\n${run.stderr}` };
    browser = await launchBrowser({ viewport: { width: 1280, height: 720 } });
    refused = await offlineOnly(browser.context);
    page = await browser.context.newPage();
    page.setDefaultTimeout(60_000); // a shared, busy machine: a slide show with MathJax can take a while to load
    page.on("pageerror", (error) => pageErrors.push(`${page.url()}: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") pageErrors.push(`${page.url()}: ${message.text()}`);
    });
    page.on("requestfailed", (request) => {
      if (request.url().startsWith("file:")) missingFiles.push(request.url());
    });
  });
  after(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Opens a lesson's slides and waits for reveal and for MathJax's first typesetting. */
  async function open(name: string): Promise<void> {
    await page.goto(pathToFileURL(join(slidesDir, `${name}.slides.html`)).href);
    await page.waitForFunction(() => typeof Reveal !== "undefined" && Reveal.isReady());
    await typeset(page);
  }

  test("writes one slide show per lesson, an index, and reveal.js; nothing in them loads from the network", () => {
    assert.equal(converted.status, 0, converted.output);
    const pages = readdirSync(slidesDir).filter((n) => n.endsWith(".slides.html")).sort();
    assert.deepEqual(pages, names.map((n) => `${n}.slides.html`));
    const index = readFileSync(join(slidesDir, "index.html"), "utf8");
    for (const name of names) assert.match(index, new RegExp(`<a href="${name}\\.slides\\.html">`));
    for (const file of ["reveal/dist/reveal.js", "reveal/dist/reveal.css", "reveal/dist/theme/white.css", "reveal/dist/plugin/notes.js", "reveal/LICENSE", "mathjax/MathJax.js"]) {
      assert.ok(existsSync(join(slidesDir, file)), `${file} is next to the slides`);
    }
    for (const file of [...pages, "index.html", "reveal/dist/reveal.css", "reveal/dist/theme/white.css"]) {
      assert.deepEqual(externalLoads(readFileSync(join(slidesDir, file), "utf8")), [], `${file} loads nothing from the network`);
    }
    const two = readFileSync(join(slidesDir, `${names[2]}.slides.html`), "utf8");
    assert.match(two, new RegExp(`href="${names[1]}\\.slides\\.html"`), "links between notebooks point at their slides");
  });

  /** Where the screenshots are taken: a notebook's slide, found by what it shows. */
  const SHOTS: Record<string, { file: string; selector: string }> = {
    [names[1]]: { file: "slides-title.png", selector: ".reveal h1" },
    [names[2]]: { file: "slides-formula.png", selector: '.reveal [id="Step-5:-the-step"]' },
    [names[5]]: { file: "slides-figure.png", selector: '.reveal [id="The-search-on-the-contour-plot"]' },
    [names[8]]: { file: "slides-explorer.png", selector: ".reveal .amsgrad-explorer" },
  };

  for (const name of names) {
    test(`${name}: every slide renders, → and ← step through it, its explorers work on their slides`, async () => {
      await open(name);
      const nb = readNotebook(join(ROOT, "notebooks", `${name}.ipynb`));

      // 1. Every slide, shown with all its fragments.
      const slides = await everySlide(page);
      assert.ok(slides.length >= 2, `${slides.length} slides`);
      for (const slide of slides) {
        const where = `slide ${slide.index} (${slide.indices.h}/${slide.indices.v}: ${slide.text.slice(0, 40)})`;
        assert.ok(slide.cells > 0 && slide.text.length > 0, `${where} has content`);
        for (const figure of slide.figures) assert.ok(figure.width > 50 && figure.height > 50, `${where}: a figure of ${figure.width} × ${figure.height}`);
        assert.equal(slide.cutOff, false, `${where}: content past the bottom can be scrolled to`);
        assert.equal(slide.unmarked, false, `${where}: a slide that scrolls says "more below"`);
        assert.deepEqual(slide.tooWide, [], `${where}: nothing runs past the right edge`);
        assert.equal(slide.mathErrors, 0, `${where}: every formula typesets`);
      }
      const headings = slides.map((s) => s.heading);
      assert.deepEqual(sectionHeadings(nb).filter((h) => !headings.some((shown) => shown.startsWith(h))), [], "each ## section opens a slide of its own");
      const svgOutputs = nb.cells.filter((c) => slideType(c) !== "skip").flatMap((c) => c.outputs ?? []).filter((o) => "data" in o && o.data["image/svg+xml"]);
      const drawn = slides.flatMap((s) => s.figures).length;
      assert.ok(drawn >= svgOutputs.length, `${drawn} figures drawn for ${svgOutputs.length} figure outputs`);
      // A speaker's note: in the speaker view (reveal's <aside class="notes">), on no slide. Its words as
      // they render: without markdown's marks.
      for (const note of nb.cells.filter((c) => slideType(c) === "notes").map((c) => text(c.source).replace(/[`*_]/g, "").slice(0, 40))) {
        const where = await page.evaluate((note) => {
          const slides = Reveal.getSlides();
          return {
            shown: slides.some((s) => Array.from(s.querySelectorAll(":scope > :not(aside)"), (e) => e.textContent ?? "").join(" ").includes(note)),
            inNotes: slides.some((s) => Array.from(s.querySelectorAll(":scope > aside.notes"), (e) => e.textContent ?? "").join(" ").includes(note)),
          };
        }, note);
        assert.deepEqual(where, { shown: false, inNotes: true }, `the speaker's note "${note}…" is in the speaker view only`);
      }
      const listed = new RegExp(`${name}\\.ipynb · (\\d+) slides`).exec(readFileSync(join(slidesDir, "index.html"), "utf8"));
      assert.equal(Number(listed?.[1]), slides.length, "the index counts the slides reveal shows");

      // 2. The arrow keys, from the first slide: → one step per fragment and slide, ← one back.
      const { total, fragments } = await page.evaluate(() => {
        Reveal.slide(0, 0, -1);
        return { total: Reveal.getTotalSlides(), fragments: document.querySelectorAll(".reveal .slides .fragment").length };
      });
      const where = () => page.evaluate(() => JSON.stringify(Reveal.getIndices()));
      const seen = [await where()];
      for (let step = 0; step < total + fragments; step++) {
        await page.keyboard.press("ArrowRight");
        seen.push(await where());
      }
      assert.equal(seen.at(-1), seen.at(-2), "→ on the last step stays there");
      seen.pop();
      assert.equal(new Set(seen).size, total + fragments, `${total} slides and ${fragments} fragments, one → each: ${seen.join(" ")}`);
      assert.equal(await page.evaluate(() => Reveal.isLastSlide()), true, "→ reaches the last slide");
      await page.keyboard.press("ArrowLeft");
      assert.equal(await where(), seen.at(-2), "← goes back one step");

      // 3. Each live explorer on its slide.
      const keys = await page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>(".reveal [data-instance]"), (e) => e.dataset.instance!));
      const explorers = nb.cells.filter((c) => c.cell_type === "code" && text(c.source).includes("showExplorer(")).length;
      assert.equal(keys.length, explorers, "every explorer cell shows a live explorer");
      for (const key of keys) await assertExplorerWorks(key);

      // 4. A screenshot, for looking at.
      const shot = SHOTS[name];
      if (shot) {
        await page.evaluate((selector) => {
          const { h, v } = Reveal.getIndices(document.querySelector(selector)!.closest("section")!);
          Reveal.slide(h, v ?? 0, Number.MAX_SAFE_INTEGER);
        }, shot.selector);
        await typeset(page);
        await page.screenshot({ path: join(shotsDir(), shot.file) });
      }
      assert.deepEqual(pageErrors, [], "no script error");
    });
  }

  /**
   * On the explorer's slide: its controls show and none of it is a slide, → on a slider changes it (not the
   * slide), ▶ in its step-by-step panel steps it, a click on the contour moves the start there.
   */
  async function assertExplorerWorks(key: string): Promise<void> {
    const root = `[data-instance="${key}"]`;
    const where = await page.evaluate((root) => {
      const { h, v } = Reveal.getIndices(document.querySelector(root)!.closest("section")!);
      Reveal.slide(h, v ?? 0, Number.MAX_SAFE_INTEGER);
      return JSON.stringify(Reveal.getIndices());
    }, root);
    assert.equal(await page.locator(`${root} .ax-controls`).isVisible(), true, "the explorer's controls show on its slide");
    assert.deepEqual(
      await page.locator(root).evaluate((e) => ({ inert: e.closest("[inert]") !== null, sections: e.querySelectorAll("section").length })),
      { inert: false, sections: 0 },
      "no part of the explorer is a slide of its own (reveal takes every <section> for one, and makes it inert)",
    );
    const redraws = () => page.evaluate((key) => window.__amsgradExplorer!.instances[key].redraws(), key);
    const settings = () => page.evaluate((key) => window.__amsgradExplorer!.instances[key].settings(), key);
    const settled = (count: number) =>
      page.waitForFunction(
        ([key, count]) => {
          const instance = window.__amsgradExplorer!.instances[key as string];
          return instance.redraws() > (count as number) && !instance.pending();
        },
        [key, count] as const,
        { timeout: 10_000 },
      );

    const before = await settings();
    let count = await redraws();
    await page.locator(`${root} [data-field="nIter"] input[type=range]`).focus();
    await page.keyboard.press("ArrowRight");
    await settled(count);
    assert.ok((await settings()).nIter > before.nIter, "→ on the iterations slider raises them");
    assert.equal(JSON.stringify(await page.evaluate(() => Reveal.getIndices())), where, "→ in the explorer does not change the slide");

    // The step-by-step panel, where the explorer has one: ▶ moves it on by one iteration.
    if (await page.locator(`${root} .ax-scrub`).isVisible()) {
      const label = page.locator(`${root} .ax-scrub-t`);
      const shown = await label.textContent();
      await page.locator(`${root} .ax-scrub-next`).click();
      await page.waitForFunction(([selector, shown]) => document.querySelector(selector)!.textContent !== shown, [`${root} .ax-scrub-t`, shown] as const, { timeout: 10_000 });
      assert.equal(JSON.stringify(await page.evaluate(() => Reveal.getIndices())), where, "▶ in the panel does not change the slide");
    }

    // The point under the pointer, through reveal's scaling of the slide: 70 % across, 30 % up the plot.
    const frame = await page.evaluate((key) => window.__amsgradExplorer!.instances[key].frame(), key);
    const box = (await page.locator(`${root} .ax-overlay`).boundingBox())!;
    const [x0, x1] = frame.xDomain;
    const [y0, y1] = frame.yDomain;
    const target = [x0 + 0.7 * (x1 - x0), y0 + 0.3 * (y1 - y0)];
    const px = frame.marginLeft + 0.7 * (frame.width - frame.marginLeft - frame.marginRight);
    const py = frame.height - frame.marginBottom - 0.3 * (frame.height - frame.marginTop - frame.marginBottom);
    count = await redraws();
    await page.mouse.click(box.x + (px * box.width) / frame.width, box.y + (py * box.height) / frame.height);
    await settled(count);
    const start = (await settings()).start;
    const tolerance = 0.01 * Math.max(x1 - x0, y1 - y0);
    assert.ok(Math.abs(start[0] - target[0]) <= tolerance && Math.abs(start[1] - target[1]) <= tolerance, `start ${start} after a click at ${target}`);
  }

  test("no request left the machine and every local file the slides asked for exists", () => {
    assert.deepEqual(refused, []);
    assert.deepEqual(missingFiles, []);
  });
});
