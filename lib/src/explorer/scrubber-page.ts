/**
 * The step-by-step panel in the page: picks iteration t (slider, ◀ ▶, play at a chosen speed, keys), and
 * shows that update on the contour (the step taken, the directions of −g and −m; Adam's dashed when it is
 * overlaid), in the charts (a mark at t) and in a table per optimizer. It reads the buffers the explorer's last run filled and recomputes
 * nothing (scrubber.ts); after every redraw the explorer calls {@link Scrubber.refresh}, which keeps t
 * where it was, clamped to the new run's length.
 */
import type { Frame } from "../figures/figure.js";
import type { RunBuffers } from "./compute.js";
import { CHART } from "./draw.js";
import { updateArrows, updateAt, updateRows, type UpdateArrows, type UpdateRow } from "./scrubber.js";

/** What the panel needs from its explorer. */
export interface ScrubberSource {
  /** The last runs drawn: AMSGrad's, and Adam's when the overlay is on (else null). */
  runs(): { amsgrad: RunBuffers; adam: RunBuffers | null };
  /** The contour's frame. */
  frame(): Frame;
  /** The iterations the charts span (the settings' nIter). */
  nIter(): number;
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** The panel's elements, found inside the explorer's root. */
function elements(root: HTMLElement) {
  const one = <T extends Element>(selector: string): T => {
    const found = root.querySelector<T>(selector);
    if (!found) throw new Error(`amsgrad explorer: missing ${selector}`);
    return found;
  };
  return {
    panel: one<HTMLElement>(".ax-scrub"),
    layer: one<SVGSVGElement>(".ax-scrub-layer"),
    slider: one<HTMLInputElement>(".ax-scrub-slider"),
    prev: one<HTMLButtonElement>(".ax-scrub-prev"),
    next: one<HTMLButtonElement>(".ax-scrub-next"),
    play: one<HTMLButtonElement>(".ax-scrub-play"),
    speed: one<HTMLSelectElement>(".ax-scrub-speed"),
    label: one<HTMLElement>(".ax-scrub-t"),
    tables: { amsgrad: one<HTMLTableElement>(".ax-scrub-amsgrad"), adam: one<HTMLTableElement>(".ax-scrub-adam") },
    arrows: { amsgrad: arrowElements(root, "ax-scrub", ".ax-scrub-at, .ax-scrub-at2"), adam: arrowElements(root, "ax-scrub-adam", ".ax-scrub-adam-at") },
    adamArrows: one<SVGGElement>(".ax-scrub-adam-arrows"),
    charts: root.querySelectorAll<SVGSVGElement>(".ax-chart"),
  };
}

/** One optimizer's arrows on the contour (each path with its dark halo) and the rings at its point. */
function arrowElements(root: HTMLElement, prefix: string, rings: string) {
  const both = (name: string) => root.querySelectorAll<SVGPathElement>(`.${prefix}-${name}, .${prefix}-${name}-halo`);
  return { step: both("step"), gradient: both("gradient"), momentum: both("momentum"), at: root.querySelectorAll<SVGCircleElement>(rings) };
}

/** Draws an update's arrows into one optimizer's elements. */
function drawArrows(el: ReturnType<typeof arrowElements>, arrows: UpdateArrows): void {
  el.step.forEach((p) => p.setAttribute("d", arrows.step));
  el.gradient.forEach((p) => p.setAttribute("d", arrows.gradient));
  el.momentum.forEach((p) => p.setAttribute("d", arrows.momentum));
  el.at.forEach((c) => {
    c.setAttribute("cx", String(arrows.at[0]));
    c.setAttribute("cy", String(arrows.at[1]));
  });
}

/** Writes rows into a table's body, making its rows on first use (a header cell and two value cells each). */
function fillTable(table: HTMLTableElement, rows: readonly UpdateRow[]): void {
  const body = table.tBodies[0];
  while (body.rows.length < rows.length) {
    const tr = body.insertRow();
    const head = document.createElement("th");
    head.scope = "row";
    tr.append(head, document.createElement("td"), document.createElement("td"));
  }
  rows.forEach((row, i) => {
    const tr = body.rows[i];
    const [head, x, y] = [tr.cells[0], tr.cells[1], tr.cells[2]];
    head.textContent = row.label;
    head.title = row.description;
    x.textContent = row.x;
    y.textContent = row.y;
    // The moment AMSGrad's maximum holds is the moment it parts from Adam: mark it.
    x.classList.toggle("ax-held", row.x === "yes");
    y.classList.toggle("ax-held", row.y === "yes");
  });
}

/** The step-by-step panel of one explorer. */
export class Scrubber {
  private readonly el: ReturnType<typeof elements>;
  /** The iteration shown, 0-based (the update's own count is t + 1). */
  private current: number;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly marks: SVGLineElement[] = [];

  constructor(
    root: HTMLElement,
    private readonly source: ScrubberSource,
    initial = 0,
  ) {
    this.el = elements(root);
    this.current = initial;
    this.el.panel.hidden = false;
    this.el.panel.style.display = "";
    this.el.layer.removeAttribute("hidden");
    for (const chart of Array.from(this.el.charts)) {
      const line = document.createElementNS(SVG_NS, "line") as SVGLineElement;
      line.setAttribute("class", "ax-scrub-mark");
      line.setAttribute("stroke", "#b00020");
      line.setAttribute("stroke-width", "1");
      line.setAttribute("y1", String(CHART.marginTop));
      line.setAttribute("y2", String(CHART.height - CHART.marginBottom));
      chart.appendChild(line);
      this.marks.push(line);
    }
    this.wire();
  }

  /** The iteration shown (0-based). */
  t(): number {
    return this.current;
  }

  /** Whether it is playing. */
  playing(): boolean {
    return this.timer !== null;
  }

  /** Shows iteration t (clamped to the run), and returns how long the update of the view took, in ms. */
  show(t: number): number {
    const start = performance.now();
    const { amsgrad } = this.source.runs();
    const last = Math.max(0, amsgrad.length - 1);
    this.current = Math.min(last, Math.max(0, Math.round(t)));
    this.draw();
    return performance.now() - start;
  }

  /** After the explorer redrew (new settings, new run): the same t, clamped to the new run. */
  refresh(): void {
    this.show(this.current);
  }

  private draw(): void {
    const { amsgrad, adam } = this.source.runs();
    const el = this.el;
    const n = amsgrad.length;
    el.slider.max = String(Math.max(1, n));
    el.slider.disabled = n === 0;
    if (n === 0) {
      el.label.textContent = "no iterations to step through";
      el.layer.style.visibility = "hidden";
      return;
    }
    el.layer.style.visibility = "";
    const t = this.current;
    el.slider.value = String(t + 1);
    const text = `iteration t = ${t + 1} of ${n} (the tutorial's line >${t})`;
    el.slider.setAttribute("aria-valuetext", `iteration ${t + 1} of ${n}`);
    el.label.textContent = text;
    // aria-disabled, not disabled: a disabled button drops the keyboard focus (pressing End on ▶ would
    // leave the reader on the page's body, where Home no longer reaches the panel). show() clamps anyway.
    el.prev.setAttribute("aria-disabled", String(t === 0));
    el.next.setAttribute("aria-disabled", String(t >= n - 1));
    // The update on the contour.
    const frame = this.source.frame();
    const u = updateAt(amsgrad, t);
    el.layer.setAttribute("viewBox", `0 0 ${frame.width} ${frame.height}`);
    drawArrows(el.arrows.amsgrad, updateArrows(u, frame));
    fillTable(el.tables.amsgrad, updateRows(u));
    const adamShown = adam !== null && t < adam.length;
    el.tables.adam.hidden = !adamShown;
    el.adamArrows.setAttribute("visibility", adamShown ? "visible" : "hidden");
    if (adamShown) {
      const ua = updateAt(adam, t);
      drawArrows(el.arrows.adam, updateArrows(ua, frame));
      fillTable(el.tables.adam, updateRows(ua));
    }
    // The charts: a mark at iteration t + 1 (their x axis counts iterations from 0 at the start).
    const nIter = Math.max(1, this.source.nIter());
    const x = CHART.marginLeft + ((t + 1) / nIter) * (CHART.width - CHART.marginLeft - CHART.marginRight);
    const rounded = String(Math.round(x * 10) / 10);
    for (const mark of this.marks) {
      mark.setAttribute("x1", rounded);
      mark.setAttribute("x2", rounded);
    }
  }

  private stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.el.play.textContent = "play";
    this.el.play.setAttribute("aria-pressed", "false");
  }

  private start(): void {
    this.stop();
    const n = this.source.runs().amsgrad.length;
    if (this.current >= n - 1) this.show(0);
    const perSecond = Number(this.el.speed.value) || 5;
    this.timer = setInterval(() => {
      if (this.current >= this.source.runs().amsgrad.length - 1) return this.stop();
      this.show(this.current + 1);
    }, 1000 / perSecond);
    this.el.play.textContent = "pause";
    this.el.play.setAttribute("aria-pressed", "true");
  }

  private wire(): void {
    const el = this.el;
    el.slider.addEventListener("input", () => {
      this.stop();
      this.show(Number(el.slider.value) - 1);
    });
    el.prev.addEventListener("click", () => {
      this.stop();
      this.show(this.current - 1);
    });
    el.next.addEventListener("click", () => {
      this.stop();
      this.show(this.current + 1);
    });
    el.play.addEventListener("click", () => (this.playing() ? this.stop() : this.start()));
    el.speed.addEventListener("change", () => {
      if (this.playing()) this.start();
    });
    // Keys anywhere in the panel but the slider (which moves by itself): ← → one iteration, Home / End.
    el.panel.addEventListener("keydown", (event) => {
      if (event.target === el.slider || event.target === el.speed) return;
      if (event.key === " " && !(event.target instanceof HTMLButtonElement)) {
        event.preventDefault();
        return this.playing() ? this.stop() : this.start();
      }
      const moves: Record<string, () => number> = {
        ArrowLeft: () => this.current - 1,
        ArrowRight: () => this.current + 1,
        Home: () => 0,
        End: () => this.source.runs().amsgrad.length - 1,
      };
      const move = moves[event.key];
      if (!move) return;
      event.preventDefault();
      this.stop();
      this.show(move());
    });
  }
}
