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
import { pixelX, pixelY, type Frame } from "../lib/src/figures/figure.ts";
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

/** The first segment of an arrow's path data ("Mx0 y0Lx1 y1…"), in px. */
function shaft(d: string): [number, number, number, number] {
  const m = /^M(-?[\d.]+) (-?[\d.]+)L(-?[\d.]+) (-?[\d.]+)/.exec(d);
  assert.ok(m, `an arrow's path: ${d}`);
  return [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
}

/**
 * The arrows at iteration t (0-based) must start at the point before the update, the step must end at
 * the point after it (both from traceRun, placed by the frame's linear scales), and −g and −m must point
 * the way traceRun's gradient and momentum (negated) point in px, 40 px long.
 */
function checkArrows(arrows: Record<"step" | "gradient" | "momentum", string>, run: TracedRun, t: number, frame: Frame, who: string): void {
  const point = (k: number) => (k === 0 ? START : run.solutions[k - 1]!);
  const px = (p: readonly number[]): [number, number] => [pixelX(frame, p[0]!), pixelY(frame, p[1]!)];
  const [bx, by] = px(point(t));
  const [ax, ay] = px(point(t + 1));
  const near = (got: number, want: number, what: string) => assert.ok(Math.abs(got - want) <= 0.006, `${who} t = ${t + 1}: ${what} ${got}, expected ${want}`);
  const step = shaft(arrows.step);
  near(step[0], bx, "step starts at x");
  near(step[1], by, "step starts at y");
  near(step[2], ax, "step ends at x");
  near(step[3], ay, "step ends at y");
  for (const [name, vector] of [["gradient", run.gradients[t]!], ["momentum", run.m[t]!]] as const) {
    const [x0, y0, x1, y1] = shaft(arrows[name]);
    near(x0, bx, `−${name[0]} starts at x`);
    near(y0, by, `−${name[0]} starts at y`);
    // The direction of −vector in px: the scales' slopes (y grows downwards).
    const want = [-vector[0]! * (pixelX(frame, 1) - pixelX(frame, 0)), -vector[1]! * (pixelY(frame, 1) - pixelY(frame, 0))];
    const got = [x1 - x0, y1 - y0];
    const cos = (want[0]! * got[0]! + want[1]! * got[1]!) / (Math.hypot(want[0]!, want[1]!) * Math.hypot(got[0]!, got[1]!));
    assert.ok(cos > 0.9999, `${who} t = ${t + 1}: −${name[0]} points along −${name[0]} (cos ${cos})`);
    assert.ok(Math.abs(Math.hypot(got[0]!, got[1]!) - 40) < 0.02, `${who}: −${name[0]} is 40 px long`);
  }
}

interface PanelState {
  t: number;
  label: string;
  amsgrad: Record<string, [string, string]>;
  adam: Record<string, [string, string]> | null;
  marks: string[];
  /** The charts' x labels: where "0" and "N iterations" stand. */
  axisEnds: [string, string][];
  arrows: Record<"amsgrad" | "adam", Record<"step" | "gradient" | "momentum", string>>;
  adamArrowsShown: boolean;
  frame: Frame;
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
      axisEnds: Array.from(root.querySelectorAll(".ax-chart"), (chart) => {
        const texts = Array.from(chart.querySelectorAll("text"));
        const x = (label: RegExp) => texts.find((tx) => label.test(tx.textContent ?? ""))?.getAttribute("x") ?? "";
        return [x(/^0$/), x(/ iterations$/)] as [string, string];
      }),
      arrows: Object.fromEntries(
        (["amsgrad", "adam"] as const).map((kind) => {
          const prefix = kind === "amsgrad" ? "ax-scrub" : "ax-scrub-adam";
          const d = (name: string) => root.querySelector(`.${prefix}-${name}`)!.getAttribute("d") ?? "";
          return [kind, { step: d("step"), gradient: d("gradient"), momentum: d("momentum") }];
        }),
      ) as PanelState["arrows"],
      adamArrowsShown: root.querySelector(".ax-scrub-adam-arrows")!.getAttribute("visibility") === "visible",
      frame: instance.frame(),
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

  test("the contour shows the update at t: the step taken, −g and −m, for AMSGrad and (dashed) Adam", async () => {
    for (const t of [0, 4, 30, 99]) {
      await page.evaluate((t) => Object.values(window.__amsgradExplorer!.instances)[0]!.scrubber()!.show(t), t);
      const st = await panel(page);
      assert.ok(st.adamArrowsShown, "Adam's arrows are shown with the overlay");
      checkArrows(st.arrows.amsgrad, traced, t, st.frame, "AMSGrad");
      checkArrows(st.arrows.adam, tracedAdam, t, st.frame, "Adam");
    }
    // Without the overlay, Adam's arrows are hidden (and its table with them).
    await page.locator('[data-field="compareAdam"] input').uncheck();
    await page.waitForFunction(() => Object.values(window.__amsgradExplorer!.instances)[0]!.pending() === false);
    let st = await panel(page);
    assert.equal(st.adamArrowsShown, false);
    assert.equal(st.adam, null);
    await page.locator('[data-field="compareAdam"] input').check();
    await page.waitForFunction(() => Object.values(window.__amsgradExplorer!.instances)[0]!.pending() === false);
    st = await panel(page);
    assert.ok(st.adamArrowsShown);
    await page.evaluate(() => Object.values(window.__amsgradExplorer!.instances)[0]!.scrubber()!.show(4));
    await page.locator(".amsgrad-explorer").first().screenshot({ path: join(SHOTS, "scrubber-arrows-t5.png") });
  });

  test("the charts' mark stands at t on their iteration axis (0 at the left label, nIter at the right one)", async () => {
    for (const [t, where] of [[99, 1], [49, 0.5], [24, 0.25]] as const) {
      await page.evaluate((t) => Object.values(window.__amsgradExplorer!.instances)[0]!.scrubber()!.show(t), t);
      const st = await panel(page);
      assert.equal(st.marks.length, 2, "both charts have a mark");
      st.marks.forEach((x, i) => {
        const [left, right] = st.axisEnds[i]!.map(Number) as [number, number];
        const want = left + where * (right - left);
        assert.ok(Math.abs(Number(x) - want) <= 0.05, `chart ${i}, t = ${t + 1}: mark at ${x}, expected ${want}`);
      });
    }
  });

  test("keyboard alone: → ← Home End and the slider's own keys; every t shows traceRun's numbers", async () => {
    await page.evaluate(() => Object.values(window.__amsgradExplorer!.instances)[0]!.scrubber()!.show(4));
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

  test("reached with Tab from the top of the page; space on play plays and pauses", async () => {
    await page.evaluate(() => Object.values(window.__amsgradExplorer!.instances)[0]!.scrubber()!.show(0));
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const focused = () => page.evaluate(() => document.activeElement?.className ?? "");
    let presses = 0;
    while (!/ax-scrub-play/.test(await focused()) && presses < 80) {
      await page.keyboard.press("Tab");
      presses++;
    }
    assert.match(await focused(), /ax-scrub-play/, `play reached by Tab (${presses} presses)`);
    await page.keyboard.press(" ");
    assert.equal(await page.getAttribute(".ax-scrub-play", "aria-pressed"), "true", "space plays");
    await page.waitForFunction(() => Object.values(window.__amsgradExplorer!.instances)[0]!.scrubber()!.t() >= 1, undefined, { timeout: 5000 });
    await page.keyboard.press(" ");
    assert.equal(await page.getAttribute(".ax-scrub-play", "aria-pressed"), "false", "space pauses");
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
