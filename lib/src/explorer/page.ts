/**
 * The explorer's script in the page: the entry point bundled by lib/scripts/bundle-explorer.mjs into one
 * IIFE that every explorer output inlines. It brings the library's core (optimizer, run, objectives,
 * errors) and nothing of the figures: the contour was drawn in Node and is only shown here; a redraw
 * recomputes the runs and rewrites a few `d` attributes and texts.
 *
 * Each output calls `mount(id, config)`. Instances are independent: each keeps its own settings and
 * buffers and finds its elements inside its own root. `window.__amsgradExplorer.instances[id]` exposes
 * each one to tests and benchmarks.
 */
import { checkChoice } from "../errors.js";
import { testProblems } from "../objectives.js";
import { ALPHA_SCHEDULES, BETA1_SCHEDULES, defaultBeta1Schedule } from "../optimizer.js";
import { computeRun, createRunBuffers, type RunBuffers } from "./compute.js";
import { SLIDERS, fieldText, snapStart } from "./controls.js";
import { dataX, dataY, drawing, type Drawing, type Frame } from "./draw.js";
import type { Scrubber, ScrubberSource } from "./scrubber-page.js";
import {
  FIELD_WHERE,
  fieldError,
  fieldValue,
  NUMERIC_FIELDS,
  PROBLEM_NAMES,
  reproducingCode,
  type ExplorerSettings,
  type NumericField,
  type ProblemName,
} from "./settings.js";

/** What Node writes into each output's mount call. */
export interface PageConfig {
  settings: ExplorerSettings;
  /** The contour frame of every problem the page offers. */
  frames: Partial<Record<ProblemName, Frame>>;
  /** The step-by-step panel's first iteration (0-based), or null without the panel. */
  scrub: number | null;
  /** The version of the panel's bundle the output inlined (a key of the registry's `scrubbers`), or null. */
  scrubber: string | null;
}

/** How long a redraw took, in ms (performance.now()): computing the runs, writing the drawing, both. */
export interface RedrawTiming {
  compute: number;
  draw: number;
  total: number;
}

/** A run as plain arrays, for tests: what `amsgrad()` would return for the same settings. */
export interface RunSnapshot {
  start: [number, number];
  solutions: [number, number][];
  scores: number[];
  stepSizes: [number, number][];
  stopped: string | null;
}

/** One mounted explorer, as tests and benchmarks see it. */
export interface InstanceApi {
  readonly id: string;
  readonly root: HTMLElement;
  /** A copy of the settings the current drawing shows (the last good value of every field). */
  settings(): ExplorerSettings;
  /** Recomputes and redraws now; returns the time it took. */
  redraw(): RedrawTiming;
  /** Whether a redraw is waiting for the next animation frame. */
  pending(): boolean;
  /** The frame of the current problem (scales of the contour). */
  frame(): Frame;
  /** The last runs drawn. */
  runs(): { amsgrad: RunSnapshot; adam: RunSnapshot | null };
  /** The number of redraws so far (the first, at mount, included). */
  redraws(): number;
  /** The step-by-step panel, or null when the explorer has none. */
  scrubber(): { t(): number; show(t: number): number; playing(): boolean } | null;
}

interface Registry {
  instances: Record<string, InstanceApi>;
  versions: Record<string, unknown>;
  /** The step-by-step panel's class, by its bundle's version (scrubber.bundle.js, inlined with `scrub`). */
  scrubbers?: Record<string, new (root: HTMLElement, source: ScrubberSource, initial: number) => Scrubber>;
  /** Outputs brought to life on this page so far, by any version of the script: makes element ids unique. */
  serial?: number;
}

declare global {
  interface Window {
    __amsgradExplorer?: Registry;
  }
}

function registry(): Registry {
  const w = window;
  if (!w.__amsgradExplorer) w.__amsgradExplorer = { instances: {}, versions: {} };
  return w.__amsgradExplorer;
}

function snapshot(run: RunBuffers): RunSnapshot {
  const solutions: [number, number][] = [];
  const stepSizes: [number, number][] = [];
  for (let t = 0; t < run.length; t++) {
    solutions.push([run.xs[t], run.ys[t]]);
    stepSizes.push([run.stepX[t], run.stepY[t]]);
  }
  return {
    start: [run.startX, run.startY],
    solutions,
    scores: Array.from(run.scores.subarray(0, run.length)),
    stepSizes,
    stopped: run.stopped,
  };
}

/** The elements of one explorer, found inside its root. */
function elements(root: HTMLElement) {
  const one = <T extends Element>(selector: string): T => {
    const found = root.querySelector<T>(selector);
    if (!found) throw new Error(`amsgrad explorer: missing ${selector}`);
    return found;
  };
  return {
    controls: one<HTMLFormElement>(".ax-controls"),
    overlay: one<SVGSVGElement>(".ax-overlay"),
    clip: one<SVGRectElement>(".ax-clip"),
    line: one<SVGGElement>(".ax-line"),
    dots: one<SVGPathElement>(".ax-dots"),
    adamLine: one<SVGGElement>(".ax-adam-line"),
    adamDots: one<SVGPathElement>(".ax-adam-dots"),
    start: one<SVGCircleElement>(".ax-start"),
    objectiveAxes: one<SVGGElement>(".ax-objective .ax-axes"),
    objective: one<SVGPathElement>(".ax-objective .ax-a"),
    objectiveAdam: one<SVGPathElement>(".ax-objective .ax-b"),
    stepAxes: one<SVGGElement>(".ax-steps .ax-axes"),
    stepX: one<SVGPathElement>(".ax-steps .ax-ax"),
    stepY: one<SVGPathElement>(".ax-steps .ax-ay"),
    stepAdamX: one<SVGPathElement>(".ax-steps .ax-bx"),
    stepAdamY: one<SVGPathElement>(".ax-steps .ax-by"),
    readout: one<HTMLElement>(".ax-read"),
    readoutAdam: one<HTMLElement>(".ax-read-adam"),
    stopped: one<HTMLElement>(".ax-stopped"),
    startText: one<HTMLElement>(".ax-start-text"),
    code: one<HTMLElement>(".ax-code"),
    copy: one<HTMLButtonElement>(".ax-copy"),
    reset: one<HTMLButtonElement>(".ax-reset"),
    legendAdam: root.querySelectorAll<SVGElement>(".ax-legend-adam"),
    backgrounds: root.querySelectorAll<HTMLElement>(".ax-bg"),
  };
}

type Elements = ReturnType<typeof elements>;

/** The menus of the controls. */
type SelectField = "problem" | "beta1Schedule" | "alphaSchedule";

/** Puts a line's pieces into its group's path elements, adding elements as needed and emptying the rest. */
function setPieces(group: SVGGElement, pieces: readonly string[]): void {
  const paths = group.children;
  for (let i = paths.length; i < pieces.length; i++) {
    group.appendChild(document.createElementNS("http://www.w3.org/2000/svg", "path"));
  }
  for (let i = 0; i < paths.length; i++) {
    const d = i < pieces.length ? pieces[i] : "";
    if (paths[i].getAttribute("d") !== d) paths[i].setAttribute("d", d);
  }
}

/** Writes a drawing into the elements: only attributes and texts change, never the contour. */
function apply(el: Elements, d: Drawing, settings: ExplorerSettings, root: HTMLElement): void {
  setPieces(el.line, d.line);
  el.dots.setAttribute("d", d.dots);
  setPieces(el.adamLine, d.adamLine);
  el.adamDots.setAttribute("d", d.adamDots);
  el.start.setAttribute("cx", String(d.startX));
  el.start.setAttribute("cy", String(d.startY));
  el.objectiveAxes.innerHTML = d.objectiveAxes;
  el.objective.setAttribute("d", d.objective);
  el.objectiveAdam.setAttribute("d", d.objectiveAdam);
  el.stepAxes.innerHTML = d.stepAxes;
  el.stepX.setAttribute("d", d.stepX);
  el.stepY.setAttribute("d", d.stepY);
  el.stepAdamX.setAttribute("d", d.stepAdamX);
  el.stepAdamY.setAttribute("d", d.stepAdamY);
  el.readout.textContent = d.readout;
  el.readoutAdam.textContent = d.readoutAdam;
  el.stopped.textContent = d.stopped;
  el.code.textContent = reproducingCode(settings);
  el.startText.textContent = `(${settings.start[0]}, ${settings.start[1]})`;
  el.legendAdam.forEach((node) => node.setAttribute("visibility", settings.compareAdam ? "visible" : "hidden"));
  root.setAttribute("data-best", d.best);
  root.setAttribute("data-score", d.score);
  root.setAttribute("data-best-adam", d.bestAdam);
  root.setAttribute("data-score-adam", d.scoreAdam);
}

/**
 * Puts a contour stored deflated (every objective but the first, see markup.ts) into its element, once.
 * Asynchronous (DecompressionStream); the path is drawn meanwhile, over white for a frame or two.
 */
function inflate(bg: HTMLElement): void {
  const data = bg.getAttribute("data-deflated");
  if (!data) return;
  bg.removeAttribute("data-deflated");
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  if (typeof DecompressionStream !== "function") {
    bg.textContent = "(this browser cannot show the contour: no DecompressionStream)";
    return;
  }
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
  new Response(stream).text().then(
    (svg) => {
      bg.innerHTML = svg;
      bg.setAttribute("data-inflated", "");
    },
    (error: Error) => {
      bg.textContent = `(the contour could not be unpacked: ${error.message})`;
    },
  );
}

class Explorer {
  readonly settings: ExplorerSettings;
  private readonly initial: ExplorerSettings;
  private readonly el: Elements;
  private readonly amsgradRun = createRunBuffers("amsgrad");
  private readonly adamRun = createRunBuffers("adam");
  private waiting = false;
  private count = 0;
  private dragging = -1;
  /** The step-by-step panel (`scrub` option); it reads this explorer's run buffers. */
  readonly scrubber: Scrubber | null = null;

  constructor(
    readonly root: HTMLElement,
    private readonly config: PageConfig,
  ) {
    this.initial = { ...config.settings, start: [config.settings.start[0], config.settings.start[1]] };
    this.settings = { ...this.initial, start: [this.initial.start[0], this.initial.start[1]] };
    this.el = elements(root);
    this.wire();
    // The script runs: show the controls.
    this.el.controls.hidden = false;
    this.el.controls.style.display = "";
    this.el.copy.hidden = false;
    this.enableDecay();
    this.showProblem();
    if (config.scrub !== null) {
      const PanelClass = config.scrubber === null ? undefined : registry().scrubbers?.[config.scrubber];
      if (!PanelClass) throw new Error("the step-by-step panel's script is missing from this output");
      this.scrubber = new PanelClass(
        root,
        {
          runs: () => ({ amsgrad: this.amsgradRun, adam: this.settings.compareAdam ? this.adamRun : null }),
          frame: () => this.frame(),
          nIter: () => this.settings.nIter,
        },
        config.scrub,
      );
    }
    this.redraw();
  }

  frame(): Frame {
    return this.config.frames[this.settings.problem]!;
  }

  pending(): boolean {
    return this.waiting;
  }

  redraws(): number {
    return this.count;
  }

  runs() {
    return { amsgrad: snapshot(this.amsgradRun), adam: this.settings.compareAdam ? snapshot(this.adamRun) : null };
  }

  /** Coalesces changes: at most one redraw per animation frame, however many events arrive. */
  schedule(): void {
    if (this.waiting) return;
    this.waiting = true;
    requestAnimationFrame(() => {
      this.waiting = false;
      this.redraw();
    });
  }

  redraw(): RedrawTiming {
    const t0 = performance.now();
    const s = this.settings;
    computeRun(s, this.amsgradRun);
    if (s.compareAdam) computeRun(s, this.adamRun);
    const t1 = performance.now();
    apply(this.el, drawing(this.amsgradRun, s.compareAdam ? this.adamRun : null, s.nIter, this.frame()), s, this.root);
    // The panel keeps its t (clamped to the new run) and shows the new run's numbers there.
    this.scrubber?.refresh();
    const t2 = performance.now();
    this.count++;
    return { compute: t1 - t0, draw: t2 - t1, total: t2 - t0 };
  }

  /** Shows the current problem's contour and fits the overlay to its frame. */
  private showProblem(): void {
    const frame = this.frame();
    this.el.backgrounds.forEach((bg) => {
      const shown = bg.getAttribute("data-problem") === this.settings.problem;
      if (shown) inflate(bg);
      bg.hidden = !shown;
      bg.style.display = shown ? "" : "none";
    });
    this.el.overlay.setAttribute("viewBox", `0 0 ${frame.width} ${frame.height}`);
    const clip = this.el.clip;
    clip.setAttribute("x", String(frame.marginLeft));
    clip.setAttribute("y", String(frame.marginTop));
    clip.setAttribute("width", String(frame.width - frame.marginLeft - frame.marginRight));
    clip.setAttribute("height", String(frame.height - frame.marginTop - frame.marginBottom));
  }

  private field(name: string): HTMLElement {
    return this.root.querySelector<HTMLElement>(`[data-field="${name}"]`)!;
  }

  /** Marks a field with the library's message, or clears it. */
  private mark(name: NumericField | SelectField, message: string | null): void {
    const box = this.field(name);
    const input = box.querySelector<HTMLElement>("input[type=text], select")!;
    const msg = box.querySelector<HTMLElement>(".ax-msg")!;
    box.classList.toggle("ax-invalid", message !== null);
    if (message === null) input.removeAttribute("aria-invalid");
    else input.setAttribute("aria-invalid", "true");
    msg.textContent = message ?? "";
  }

  /**
   * A menu's value, checked as the library checks the option (a value edited in the page's HTML is
   * refused with the library's message, and the drawing keeps the last good settings); null if refused.
   */
  private chosen<T extends string>(name: SelectField, accepted: readonly T[]): T | null {
    const value = this.field(name).querySelector<HTMLSelectElement>("select")!.value;
    try {
      checkChoice(FIELD_WHERE, name, value, accepted);
    } catch (error) {
      this.mark(name, (error as Error).message);
      return null;
    }
    this.mark(name, null);
    return value;
  }

  /** Puts every control back in line with the settings (after a reset or a problem change). */
  private syncControls(): void {
    const s = this.settings;
    for (const name of NUMERIC_FIELDS) {
      const box = this.field(name);
      box.querySelector<HTMLInputElement>("input[type=range]")!.value = String(SLIDERS[name].toPosition(s[name]));
      box.querySelector<HTMLInputElement>("input[type=text]")!.value = fieldText(s, name);
      this.mark(name, null);
    }
    for (const name of ["problem", "beta1Schedule", "alphaSchedule"] as const) {
      this.field(name).querySelector<HTMLSelectElement>("select")!.value = s[name];
      this.mark(name, null);
    }
    for (const name of ["biasCorrection", "compareAdam"] as const) {
      this.field(name).querySelector<HTMLInputElement>("input")!.checked = s[name];
    }
    this.enableDecay();
  }

  /**
   * The γ field (alphaDecay) takes input only under the exponential α schedule, the one schedule that
   * reads it; otherwise it is greyed out, keeping its value for when the schedule comes back.
   */
  private enableDecay(): void {
    const off = this.settings.alphaSchedule !== "exponential";
    const box = this.field("alphaDecay");
    box.querySelectorAll<HTMLInputElement>("input").forEach((input) => (input.disabled = off));
    box.classList.toggle("ax-disabled", off);
  }

  private wire(): void {
    const s = this.settings;
    for (const name of NUMERIC_FIELDS) {
      const spec = SLIDERS[name];
      const box = this.field(name);
      const slider = box.querySelector<HTMLInputElement>("input[type=range]")!;
      const text = box.querySelector<HTMLInputElement>("input[type=text]")!;
      slider.addEventListener("input", () => {
        const value = spec.toValue(Number(slider.value));
        text.value = String(value);
        const message = fieldError(name, value);
        this.mark(name, message);
        if (message !== null) return;
        s[name] = value;
        this.schedule();
      });
      text.addEventListener("input", () => {
        const value = fieldValue(text.value);
        const message = fieldError(name, value);
        this.mark(name, message);
        // Invalid: the field says why, and the drawing keeps showing the last good settings.
        if (message !== null || typeof value !== "number") return;
        s[name] = value;
        slider.value = String(spec.toPosition(value));
        this.schedule();
      });
    }
    const select = (name: "problem" | "beta1Schedule" | "alphaSchedule") =>
      this.field(name).querySelector<HTMLSelectElement>("select")!;
    select("problem").addEventListener("change", () => {
      // Only the problems this explorer was built with (their contours are in the page).
      const offered = PROBLEM_NAMES.filter((name) => this.config.frames[name]);
      const problem = this.chosen("problem", offered);
      if (problem === null) return;
      s.problem = problem;
      const [x, y] = testProblems[problem].defaultStart;
      s.start = [x, y];
      this.showProblem();
      this.schedule();
    });
    select("beta1Schedule").addEventListener("change", () => {
      const schedule = this.chosen("beta1Schedule", BETA1_SCHEDULES);
      if (schedule === null) return;
      s.beta1Schedule = schedule;
      this.schedule();
    });
    select("alphaSchedule").addEventListener("change", () => {
      const schedule = this.chosen("alphaSchedule", ALPHA_SCHEDULES);
      if (schedule === null) return;
      s.alphaSchedule = schedule;
      this.enableDecay();
      this.schedule();
    });
    const bias = this.field("biasCorrection").querySelector<HTMLInputElement>("input")!;
    bias.addEventListener("change", () => {
      // As the library's defaults do (defaultBeta1Schedule): a schedule the reader chose is kept.
      const oldDefault = defaultBeta1Schedule(s.biasCorrection);
      s.biasCorrection = bias.checked;
      if (s.beta1Schedule === oldDefault) {
        s.beta1Schedule = defaultBeta1Schedule(s.biasCorrection);
        select("beta1Schedule").value = s.beta1Schedule;
      }
      this.schedule();
    });
    const adam = this.field("compareAdam").querySelector<HTMLInputElement>("input")!;
    adam.addEventListener("change", () => {
      s.compareAdam = adam.checked;
      this.schedule();
    });
    this.el.reset.addEventListener("click", () => {
      Object.assign(s, this.initial, { start: [this.initial.start[0], this.initial.start[1]] });
      this.syncControls();
      this.showProblem();
      this.schedule();
    });
    this.el.copy.addEventListener("click", () => this.copyCode());
    this.el.controls.addEventListener("submit", (event) => event.preventDefault());

    // Click or drag on the contour: the start point follows the pointer.
    const overlay = this.el.overlay;
    const moveStart = (event: PointerEvent) => {
      const frame = this.frame();
      const box = overlay.getBoundingClientRect();
      if (!(box.width > 0 && box.height > 0)) return;
      const px = ((event.clientX - box.left) * frame.width) / box.width;
      const py = ((event.clientY - box.top) * frame.height) / box.height;
      s.start = snapStart(frame, dataX(frame, px), dataY(frame, py));
      this.schedule();
    };
    overlay.addEventListener("pointerdown", (event) => {
      if (event.button !== 0) return;
      this.dragging = event.pointerId;
      try {
        overlay.setPointerCapture(event.pointerId);
      } catch {
        // Synthetic events have no active pointer to capture; the drag still works inside the overlay.
      }
      event.preventDefault();
      moveStart(event);
    });
    overlay.addEventListener("pointermove", (event) => {
      if (event.pointerId === this.dragging) moveStart(event);
    });
    const stop = (event: PointerEvent) => {
      if (event.pointerId === this.dragging) this.dragging = -1;
    };
    overlay.addEventListener("pointerup", stop);
    overlay.addEventListener("pointercancel", stop);
  }

  private copyCode(): void {
    const text = this.el.code.textContent ?? "";
    const selectIt = () => {
      const range = document.createRange();
      range.selectNodeContents(this.el.code);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
    };
    const flash = (label: string) => {
      this.el.copy.textContent = label;
      setTimeout(() => (this.el.copy.textContent = "copy"), 1200);
    };
    if (navigator.clipboard?.writeText) {
      navigator.clipboard.writeText(text).then(
        () => flash("copied"),
        () => {
          selectIt();
          flash("press Ctrl+C");
        },
      );
    } else {
      selectIt();
      flash("press Ctrl+C");
    }
  }
}

function register(id: string, explorer: Explorer): void {
  const instances = registry().instances;
  // The same id twice on a page (outputs of two kernel sessions, say): keep both, the second as id~2.
  let key = id;
  for (let k = 2; instances[key] && instances[key].root !== explorer.root; k++) key = `${id}~${k}`;
  instances[key] = {
    id: key,
    root: explorer.root,
    settings: () => ({ ...explorer.settings, start: [explorer.settings.start[0], explorer.settings.start[1]] }),
    redraw: () => explorer.redraw(),
    pending: () => explorer.pending(),
    frame: () => explorer.frame(),
    runs: () => explorer.runs(),
    redraws: () => explorer.redraws(),
    scrubber: () => explorer.scrubber,
  };
  explorer.root.setAttribute("data-instance", key);
}

const mounted = new WeakSet<Element>();

/**
 * The contour figure inside the fallback's picture (a data: URI of an SVG whose first child is the contour),
 * as an element of this page: the live explorer's background, so that the output stores it once.
 */
function backgroundFromStill(root: HTMLElement): Element | null {
  const src = root.querySelector<HTMLImageElement>(".ax-still img")?.getAttribute("src") ?? "";
  const comma = src.indexOf(",");
  if (!src.startsWith("data:image/svg+xml;base64,") || comma < 0) return null;
  const bytes = Uint8Array.from(atob(src.slice(comma + 1)), (c) => c.charCodeAt(0));
  const doc = new DOMParser().parseFromString(new TextDecoder().decode(bytes), "image/svg+xml");
  const contour = doc.documentElement.firstElementChild;
  return contour ? document.importNode(contour, true) : null;
}

/** Attributes that refer to an element by its id: url(#id), #id, or a list of ids. */
const ID_REFERENCES = ["clip-path", "href", "aria-describedby", "aria-labelledby", "for"];

/**
 * Makes the ids of a root's live markup unique on the page, and every reference to them: the same output
 * can be on a page twice (VS Code shows every output of a notebook in one webview, and a kernel restarted
 * numbers its explorers from 1 again), and two equal ids would share one clip or label.
 */
function uniqueIds(root: HTMLElement): void {
  const now = registry();
  const serial = (now.serial = (now.serial ?? 0) + 1);
  const renamed = new Map<string, string>();
  root.querySelectorAll("[id]").forEach((el) => {
    const id = `${el.id}-${serial}`;
    renamed.set(el.id, id);
    el.id = id;
  });
  root.querySelectorAll("*").forEach((el) => {
    for (const name of ID_REFERENCES) {
      const value = el.getAttribute(name);
      if (!value) continue;
      const url = /^url\(#(.+)\)$/.exec(value);
      const next = url
        ? `url(#${renamed.get(url[1]!) ?? url[1]})`
        : value.startsWith("#")
          ? `#${renamed.get(value.slice(1)) ?? value.slice(1)}`
          : value.split(/\s+/).map((ref) => renamed.get(ref) ?? ref).join(" ");
      if (next !== value) el.setAttribute(name, next);
    }
  });
}

/**
 * Replaces a root's fallback (picture, readout, code, note: what shows without scripts) by the live
 * explorer's markup, with the picture's contour as the current background. A root without a fallback is
 * already live.
 */
function goLive(root: HTMLElement, live: string, problem: ProblemName): void {
  const fallback = root.querySelector<HTMLElement>(".ax-fallback");
  if (!fallback) return;
  const contour = backgroundFromStill(root);
  fallback.insertAdjacentHTML("beforebegin", live);
  fallback.remove();
  uniqueIds(root);
  const bg = root.querySelector<HTMLElement>(`.ax-bg[data-problem="${problem}"]`);
  if (bg && contour) bg.appendChild(contour);
}

/**
 * Brings the explorer output `id` to life: every root with `data-amsgrad-explorer="id"` not yet mounted
 * gets the live markup `live` and its controls. Each output's script calls this inside its own function
 * scope and finds its elements inside its own root, so that several explorers sharing one page (VS Code
 * puts every output of a notebook in one webview) never touch each other. Classic Notebook may run an
 * output's script before the output is in the document, so it retries for a few seconds.
 */
export function mount(id: string, config: PageConfig, live: string): void {
  let tries = 0;
  const attempt = () => {
    let found = 0;
    document.querySelectorAll<HTMLElement>(`[data-amsgrad-explorer="${id}"]`).forEach((root) => {
      if (mounted.has(root)) return;
      mounted.add(root);
      found++;
      try {
        goLive(root, live, config.settings.problem);
        register(id, new Explorer(root, config));
      } catch (error) {
        const message = document.createElement("p");
        message.className = "ax-failed";
        message.textContent = `The explorer failed to start: ${(error as Error).message}`;
        root.appendChild(message);
        throw error;
      }
    });
    if (found === 0 && tries++ < 50) setTimeout(attempt, 100);
  };
  attempt();
}
