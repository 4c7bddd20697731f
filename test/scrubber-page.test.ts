// The step-by-step panel in a real browser: an explorer output with `scrub` (the markup and page bundle
// the kernel sends), in Debian's Chromium through playwright-core. Every number the panel shows at t is
// compared with the library's own run in Node (traceRun) printed as numpy prints it; the controls are
// driven with the keyboard alone; a hyperparameter change keeps t (clamped to the new run).
// Screenshots go to /tmp/scrubber-shots/ (SCRUBBER_SHOTS overrides).
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { BrowserContext, Page } from "playwright-core";
import { amsgrad, adam, bowl, formatNumpyArray, traceRun, type TracedRun } from "../lib/src/index.ts";
import { explorer } from "../lib/src/explorer/index.ts";
import type {} from "../lib/src/explorer/page.ts"; // window.__amsgradExplorer
import { chromiumAvailable, launchBrowser, offlineOnly } from "./support/browser.ts";

const SHOTS = process.env.SCRUBBER_SHOTS ?? "/tmp/scrubber-shots";
const START = [-0.165955990594852, 0.4406489868843162]; // numpy's seed(1) start, the tutorial's

/** numpy's print of one float64, as the tutorial's lines show it (the array printer, brackets removed). */
const np = (value: number) => formatNumpyArray([value]).slice(1, -1).trim();

/** The rows the panel must show at iteration t (0-based) of a traced run, computed from traceRun alone. */
function expectedRows(run: TracedRun, t: number, alpha: number): Record<string, [string, string]> {
  const pair = (f: (i: number) => string): [string, string] => [f(0), f(1)];
  const before = (series: number[][], i: number) => (t === 0 ? 0 : series[t - 1]![i]!);
  const point = (k: number, i: number) => (k === 0 ? START[i]! : run.solutions[k - 1]![i]!);
  return {
    g: pair((i) => np(run.gradients[t]![i]!)),
    m: pair((i) => `${np(before(run.m, i))} → ${np(run.m[t]![i]!)}`),
    v: pair((i) => `${np(before(run.v, i))} → ${np(run.v[t]![i]!)}`),
    "v̂": pair((i) => `${np(before(run.vmax, i))} → ${np(run.vmax[t]![i]!)}`),
    "max held": pair((i) => (run.vmax[t]![i]! !== run.v[t]![i]! ? "yes" : "no")),
    s: pair((i) => np(run.effectiveStepSizes[t]![i]!)),
    "Δx": pair((i) => np(point(t + 1, i) - point(t, i))),
    "Δx / α": pair((i) => np((point(t + 1, i) - point(t, i)) / alpha)),
  };
}

interface PanelState {
  t: number;
  label: string;
  amsgrad: Record<string, [string, string]>;
  adam: Record<string, [string, string]> | null;
  marks: string[];
  step: string;
}

async function panel(page: Page): Promise<PanelState> {
  return page.evaluate(() => {
    const instance = Object.values(window.__amsgradExplorer!.instances)[0]!;
    const root = instance.root;
    const rows = (selector: string) => {
      const table = root.querySelector<HTMLTableElement>(selector)!;
      if (table.hidden) return null;
      return Object.fromEntries(
        Array.from(table.tBodies[0]!.rows, (tr) => [tr.cells[0]!.textContent ?? "", [tr.cells[1]!.textContent ?? "", tr.cells[2]!.textContent ?? ""]]),
      ) as Record<string, [string, string]>;
    };
    return {
      t: instance.scrubber()!.t(),
      label: root.querySelector(".ax-scrub-t")!.textContent ?? "",
      amsgrad: rows(".ax-scrub-amsgrad")!,
      adam: rows(".ax-scrub-adam"),
      marks: Array.from(root.querySelectorAll(".ax-scrub-mark"), (m) => m.getAttribute("x1") ?? ""),
      step: root.querySelector(".ax-scrub-step")!.getAttribute("d") ?? "",
    };
  });
}

describe("the step-by-step panel in Chromium", { skip: !chromiumAvailable() && "chromium is missing (npm test installs it)" }, () => {
  let context: BrowserContext;
  let close: () => Promise<void>;
  let page: Page;
  let refused: string[];
  const options = { alpha: 0.02, beta1: 0.9, beta2: 0.99, eps: 0, nIter: 100 };
  const traced = traceRun(amsgrad, bowl.objective, bowl.derivative, { start: START, ...options });
  const tracedAdam = traceRun(adam, bowl.objective, bowl.derivative, { start: START, ...options });

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ context, close } = await launchBrowser({ viewport: { width: 1000, height: 1100 } }));
    refused = await offlineOnly(context);
    page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const ex = explorer({ ...options, start: START, compareAdam: true, scrub: 5 });
    await page.setContent(`<!DOCTYPE html><meta charset="utf-8"><body style="margin:0">${ex.html}</body>`);
    await page.waitForFunction(() => Object.keys(window.__amsgradExplorer?.instances ?? {}).length === 1);
    // tsx names the arrow functions inside page.evaluate() callbacks with its __name helper, which the page lacks.
    await page.evaluate("window.__name = (f) => f");
    assert.deepEqual(errors, []);
  });
  after(async () => close?.());

  test("opens at the iteration asked for, with the run's own numbers for AMSGrad and Adam", async () => {
    const st = await panel(page);
    assert.equal(st.t, 4);
    assert.match(st.label, /iteration t = 5 of 100 \(the tutorial's line >4\)/);
    assert.deepEqual(st.amsgrad, expectedRows(traced, 4, options.alpha));
    const adamRows = expectedRows(tracedAdam, 4, options.alpha);
    assert.deepEqual(st.adam, adamRows);
    await page.screenshot({ path: join(SHOTS, "scrubber-t5.png"), fullPage: true });
  });

  test("keyboard alone: → ← Home End and the slider's own keys; every t shows traceRun's numbers", async () => {
    await page.focus(".ax-scrub-next");
    for (const [key, t] of [["ArrowRight", 5], ["ArrowRight", 6], ["ArrowLeft", 5], ["End", 99], ["Home", 0]] as const) {
      await page.keyboard.press(key);
      const st = await panel(page);
      assert.equal(st.t, t, `after ${key}`);
      assert.deepEqual(st.amsgrad, expectedRows(traced, t, options.alpha), `t = ${t + 1}`);
    }
    // The slider itself: Tab-reachable, moved by its own arrow keys.
    await page.focus(".ax-scrub-slider");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    assert.equal((await panel(page)).t, 2);
    // Every t of the run, through the page's API, against traceRun.
    for (let t = 0; t < 100; t += 7) {
      await page.evaluate((t) => Object.values(window.__amsgradExplorer!.instances)[0]!.scrubber()!.show(t), t);
      assert.deepEqual((await panel(page)).amsgrad, expectedRows(traced, t, options.alpha), `t = ${t + 1}`);
    }
  });

  test("the first t where AMSGrad's maximum holds is where its v̂ parts from Adam's", async () => {
    const first = traced.v.findIndex((v, t) => v.some((vi, i) => traced.vmax[t]![i] !== vi));
    assert.ok(first > 0, "the maximum holds somewhere in this run");
    await page.evaluate((t) => Object.values(window.__amsgradExplorer!.instances)[0]!.scrubber()!.show(t), first);
    const st = await panel(page);
    assert.ok(st.amsgrad["max held"]!.includes("yes"), JSON.stringify(st.amsgrad["max held"]));
    assert.notDeepEqual(st.amsgrad["v̂"], st.adam!["v̂"], "v̂ differs from Adam's at that t");
    await page.screenshot({ path: join(SHOTS, "scrubber-max-holds.png"), fullPage: true });
  });

  test("a hyperparameter change keeps t, clamped to the new run, and shows the new run's numbers", async () => {
    await page.evaluate(() => Object.values(window.__amsgradExplorer!.instances)[0]!.scrubber()!.show(79));
    const field = (name: string) => page.locator(`[data-field="${name}"] input[type=text]`);
    const redraws = () => page.evaluate(() => Object.values(window.__amsgradExplorer!.instances)[0]!.redraws());
    let n = await redraws();
    await field("alpha").fill("0.05");
    await page.waitForFunction((n) => Object.values(window.__amsgradExplorer!.instances)[0]!.redraws() > n, n);
    const changed = traceRun(amsgrad, bowl.objective, bowl.derivative, { start: START, ...options, alpha: 0.05 });
    let st = await panel(page);
    assert.equal(st.t, 79, "t stays where it was");
    assert.deepEqual(st.amsgrad, expectedRows(changed, 79, 0.05));
    n = await redraws();
    await field("nIter").fill("50");
    await page.waitForFunction((n) => Object.values(window.__amsgradExplorer!.instances)[0]!.redraws() > n, n);
    st = await panel(page);
    assert.equal(st.t, 49, "clamped to the new run's last iteration");
    assert.match(st.label, /iteration t = 50 of 50/);
    const marks = new Set(st.marks);
    assert.equal(marks.size, 1, "both charts mark the same t");
    await field("nIter").fill("100");
    await field("alpha").fill("0.02");
  });

  test("play advances on its own at the chosen speed, and pause stops it", async () => {
    await page.evaluate(() => Object.values(window.__amsgradExplorer!.instances)[0]!.scrubber()!.show(0));
    await page.selectOption(".ax-scrub-speed", "25");
    await page.focus(".ax-scrub-play");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => Object.values(window.__amsgradExplorer!.instances)[0]!.scrubber()!.t() >= 5, undefined, { timeout: 5000 });
    await page.keyboard.press("Enter");
    const stopped = (await panel(page)).t;
    await page.waitForTimeout(300);
    assert.equal((await panel(page)).t, stopped, "paused");
    assert.equal(await page.getAttribute(".ax-scrub-play", "aria-pressed"), "false");
  });

  test("labelled for screen readers, and nothing requested from the network", async () => {
    for (const selector of [".ax-scrub-slider", ".ax-scrub-prev", ".ax-scrub-next", ".ax-scrub-speed"]) {
      assert.ok(await page.getAttribute(selector, "aria-label"), `${selector} has a label`);
    }
    assert.equal(await page.getAttribute(".ax-scrub-t", "aria-live"), "polite");
    assert.match((await page.getAttribute(".ax-scrub-slider", "aria-valuetext")) ?? "", /^iteration \d+ of 100$/);
    assert.deepEqual(refused, []);
  });
});

test("scrub is checked: an iteration within the run, or true/false", () => {
  assert.throws(() => explorer({ scrub: 0 }), /explorer: scrub must be true, false or an iteration from 1 to nIter \(100\), got 0/);
  assert.throws(() => explorer({ nIter: 10, scrub: 11 }), /scrub must be true, false or an iteration from 1 to nIter \(10\), got 11/);
  assert.throws(() => explorer({ scrub: 2.5 }), /got 2\.5/);
  assert.throws(() => explorer({ scrub: "yes" as unknown as boolean }), /got "yes"/);
  assert.doesNotMatch(explorer({}).html, /step through the search, one update at a time/, "no panel unless asked for");
  assert.match(explorer({ scrub: true }).html, /step through the search, one update at a time/);
});
