// Driving the classic Jupyter Notebook 6 page (what `npm start` serves) in chromium as a person would:
// open a notebook, use the menus, answer dialogs, type into a cell, wait until the kernel is idle, and
// read what every code cell shows. The page's own `Jupyter` object is only *read* (prompts, kernel
// state, the selection in CodeMirror), never used to run or edit anything.
//
//   const nb = await openNotebook(page, server, "05-visualization.ipynb");   // never saves (see below)
//   await watchExecutions(page);
//   await menu(page, "Kernel", "Restart & Run All");
//   await confirm(page, "Restart and Run All Cells");
//   await waitUntilIdle(page, { cells: n, restarted: true, fresh: true });
//   const cells = await codeCellStates(page);

import type { Locator, Page } from "playwright-core";
import type { NotebookServer } from "./jupyter-server.ts";

/** The bits of classic Notebook's page API read here. */
interface CodeMirrorLike {
  getSelection(): string;
  getValue(): string;
}
interface JupyterCell {
  cell_type: string;
  input_prompt_number: number | string | null | undefined;
  code_mirror: CodeMirrorLike;
  get_text(): string;
  element: ArrayLike<HTMLElement>;
}
interface JupyterPage {
  notebook: {
    kernel: { name: string; is_connected(): boolean } | null;
    kernel_busy?: boolean;
    trusted: boolean;
    set_autosave_interval(ms: number): void;
    get_cells(): JupyterCell[];
    get_selected_index(): number;
    writable: boolean;
  };
}

/** What one code cell shows on the page. */
export interface CodeCellState {
  /** Index among all cells (markdown included), as in the .ipynb. */
  index: number;
  /** The `[n]` prompt: a number once run, "*" while queued/running, null when never run. */
  prompt: number | string | null;
  source: string;
  /** Text of stderr outputs (`.output_stderr`: tslab's errors) and of error outputs (`.output_error`). */
  stderr: string;
  errors: string;
  /** Plain text of the stdout outputs. */
  stdout: string;
  /** Number of figures: SVG outputs, and show()'s figures drawn as <img> of their SVG. */
  svgs: number;
}

/** Menu titles and item labels of classic Notebook 6.4, by the ids its template gives them. */
const MENUS: Record<string, { id: string; items: Record<string, string> }> = {
  File: { id: "#filelink", items: { Save: "#save_checkpoint" } },
  Cell: {
    id: "#celllink",
    items: {
      "Run Cells": "#run_cell",
      "Run All": "#run_all_cells",
      "Run All Above": "#run_all_cells_above",
      "Run All Below": "#run_all_cells_below",
    },
  },
  Kernel: {
    id: "#kernellink",
    items: {
      Interrupt: "#int_kernel",
      Restart: "#restart_kernel",
      "Restart & Clear Output": "#restart_clear_output",
      "Restart & Run All": "#restart_run_all",
      Shutdown: "#shutdown_kernel",
    },
  },
};

export interface OpenedNotebook {
  /** Requests that would have changed files on the server (saves, checkpoints), refused by the page route. */
  refusedWrites: string[];
  kernel: string;
  trusted: boolean;
}

/**
 * Opens `name` (relative to the served folder) with the server's token, waits until its kernel is
 * connected, and makes sure the session can never change files: autosave is switched off and every
 * request that writes through the contents API (save, checkpoint, rename, delete) is refused by the
 * browser. A class's copy stays as it is on disk whatever the test types.
 */
export async function openNotebook(page: Page, server: NotebookServer, name: string, timeoutMs = 60_000): Promise<OpenedNotebook> {
  return openNotebookAt(page, `${server.base}/notebooks/${encodeURIComponent(name)}?token=${server.token}`, timeoutMs);
}

/** {@link openNotebook} for a notebook page at `url` (e.g. a student's server behind a hub, its cookies already set). */
export async function openNotebookAt(page: Page, url: string, timeoutMs = 60_000): Promise<OpenedNotebook> {
  const refusedWrites: string[] = [];
  await page.route(/\/api\/contents\//, (route) => {
    const request = route.request();
    if (request.method() === "GET") return route.continue();
    refusedWrites.push(`${request.method()} ${new URL(request.url()).pathname}`);
    return route.abort();
  });
  await page.goto(url);
  await page.waitForFunction(
    () => Boolean((window as unknown as { Jupyter?: JupyterPage }).Jupyter?.notebook?.kernel?.is_connected()),
    null,
    { timeout: timeoutMs },
  );
  const info = await page.evaluate(() => {
    const nb = (window as unknown as { Jupyter: JupyterPage }).Jupyter.notebook;
    nb.set_autosave_interval(0);
    return { kernel: nb.kernel!.name, trusted: nb.trusted };
  });
  // The kernel answers kernel_info before it is really idle: let the indicator settle.
  await page.waitForSelector("#kernel_indicator_icon.kernel_idle_icon", { timeout: timeoutMs });
  return { refusedWrites, ...info };
}

/** Clicks a menu in the menu bar, then one of its items (`menu(page, "Kernel", "Restart & Run All")`). */
export async function menu(page: Page, title: string, item: string): Promise<void> {
  const entry = MENUS[title];
  const itemId = entry?.items[item];
  if (!entry || !itemId) throw new Error(`unknown menu item ${title} → ${item}`);
  await page.click(entry.id);
  const link = page.locator(`${itemId} > a`);
  await link.waitFor({ state: "visible", timeout: 5000 });
  const label = (await link.innerText()).trim();
  if (label !== item) throw new Error(`menu ${title}: expected the item "${item}", the page says "${label}"`);
  await link.click();
}

/** Clicks the button labelled `button` in the modal dialog that is open (or about to open). */
export async function confirm(page: Page, button: string, timeoutMs = 10_000): Promise<void> {
  const dialog = page.locator(".modal.in .modal-dialog");
  await dialog.waitFor({ state: "visible", timeout: timeoutMs });
  await dialog.locator(".modal-footer button", { hasText: button }).click();
  await dialog.waitFor({ state: "hidden", timeout: timeoutMs });
}

/** Prompt numbers of all code cells (null: never run, "*": queued or running). */
export async function prompts(page: Page): Promise<(number | string | null)[]> {
  return page.evaluate(() =>
    (window as unknown as { Jupyter: JupyterPage }).Jupyter.notebook
      .get_cells()
      .filter((c) => c.cell_type === "code")
      .map((c) => (c.input_prompt_number === undefined ? null : c.input_prompt_number)),
  );
}

/**
 * Starts counting what the page reports from now on: cells sent for execution and finished (the
 * Notebook's `execute.CodeCell` / `finished_execute.CodeCell` events) and kernel restarts. Call it just
 * before the menu action that {@link waitUntilIdle} then waits for.
 */
export async function watchExecutions(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as {
      Jupyter: { notebook: { events: { on(name: string, f: () => void): void } } };
      __classroom?: { started: number; finished: number; restarts: number; ready: number; hooked?: boolean };
    };
    const hooked = w.__classroom?.hooked;
    w.__classroom = { started: 0, finished: 0, restarts: 0, ready: 0, hooked: true };
    if (hooked) return;
    const events = w.Jupyter.notebook.events;
    events.on("execute.CodeCell", () => void w.__classroom!.started++);
    events.on("finished_execute.CodeCell", () => void w.__classroom!.finished++);
    events.on("kernel_restarting.Kernel", () => void w.__classroom!.restarts++);
    events.on("kernel_ready.Kernel", () => void w.__classroom!.ready++);
  });
}

/**
 * Waits (after {@link watchExecutions}) until `cells` code cells were executed and finished, the kernel
 * indicator shows idle and no code cell waits (`[*]`); with `restarted`, until the kernel also restarted
 * and came back first. Then checks the prompts: `fresh` (after a restart) means every code cell ran once,
 * in order (1, 2, …, n); `after` (the prompts before) with `from` (index among code cells) means the
 * cells from there on ran again (prompts past every earlier one) and the cells above kept theirs.
 */
export async function waitUntilIdle(
  page: Page,
  expect: { cells: number; restarted?: boolean; fresh?: boolean; after?: (number | string | null)[]; from?: number },
  timeoutMs = 120_000,
): Promise<(number | string | null)[]> {
  const before = expect.after ?? null;
  const highest = before ? Math.max(0, ...before.filter((p): p is number => typeof p === "number")) : 0;
  await page.waitForFunction(
    ({ cells, restarted, fresh, from, highest, before }) => {
      const w = window as unknown as { Jupyter: JupyterPage; __classroom: { started: number; finished: number; restarts: number; ready: number } };
      const seen = w.__classroom;
      if (restarted && (seen.restarts < 1 || seen.ready < 1)) return false;
      if (seen.finished < cells || seen.finished < seen.started) return false;
      const icon = document.querySelector("#kernel_indicator_icon");
      if (!icon?.classList.contains("kernel_idle_icon")) return false;
      const ps = w.Jupyter.notebook
        .get_cells()
        .filter((c) => c.cell_type === "code")
        .map((c) => c.input_prompt_number);
      if (ps.some((p) => p === "*")) return false;
      if (fresh) return ps.every((p, i) => p === i + 1);
      if (before) return ps.every((p, i) => (i < from ? p === before[i] : typeof p === "number" && p > highest));
      return true;
    },
    { cells: expect.cells, restarted: Boolean(expect.restarted), fresh: Boolean(expect.fresh), from: expect.from ?? 0, highest, before },
    { timeout: timeoutMs, polling: 100 },
  );
  return prompts(page);
}

/** Index (in the .ipynb, markdown included) of the first code cell whose source contains `text`. */
export async function findCodeCell(page: Page, text: string): Promise<{ index: number; codeIndex: number }> {
  const found = await page.evaluate((needle) => {
    const cells = (window as unknown as { Jupyter: JupyterPage }).Jupyter.notebook.get_cells();
    let codeIndex = -1;
    for (const [index, cell] of cells.entries()) {
      if (cell.cell_type !== "code") continue;
      codeIndex++;
      if (cell.get_text().includes(needle)) return { index, codeIndex };
    }
    return null;
  }, text);
  if (!found) throw new Error(`no code cell contains ${JSON.stringify(text)}`);
  return found;
}

/** What every code cell shows: prompt, stdout, stderr/error text, number of SVG outputs. */
export async function codeCellStates(page: Page): Promise<CodeCellState[]> {
  return page.evaluate(() => {
    const cells = (window as unknown as { Jupyter: JupyterPage }).Jupyter.notebook.get_cells();
    const states: CodeCellState[] = [];
    cells.forEach((cell, index) => {
      if (cell.cell_type !== "code") return;
      const el = cell.element[0]!;
      // (No named helper functions in here: tsx would wrap them in a `__name` call the page lacks.)
      const [stderr, errors, stdout] = [".output_stderr", ".output_error", ".output_stdout"].map((selector) =>
        Array.from(el.querySelectorAll(selector))
          .map((n) => (n as HTMLElement).innerText)
          .join(""),
      );
      states.push({
        index,
        prompt: cell.input_prompt_number === undefined ? null : cell.input_prompt_number,
        source: cell.get_text(),
        stderr: stderr!,
        errors: errors!,
        stdout: stdout!,
        svgs: el.querySelectorAll('.output_svg svg, .output_subarea img[src^="data:image/svg+xml;base64,"]').length,
      });
    });
    return states;
  });
}

/** The code cells that wrote to stderr, showed an error or did not run, each described for a message. */
export function failedCells(cells: CodeCellState[]): string[] {
  return cells
    .filter((c) => c.stderr.trim() || c.errors.trim() || typeof c.prompt !== "number")
    .map((c) => `cell ${c.index} [${c.prompt}]: ${(c.stderr + c.errors).trim() || "did not run"}\n${c.source}`);
}

/**
 * Replaces `oldText` with `newText` in the code cell at `index` with the mouse and the keyboard: clicks
 * right after the text's last character, selects it with Shift+← (checking in CodeMirror that exactly
 * `oldText` is selected), types the new text, and leaves the cell in edit mode. Returns the cell's new
 * source.
 */
export async function retypeInCell(page: Page, index: number, oldText: string, newText: string): Promise<string> {
  const cell = page.locator("#notebook-container > .cell").nth(index);
  const line = cell.locator(".CodeMirror-line", { hasText: oldText }).first();
  await line.scrollIntoViewIfNeeded();
  // Where `oldText` ends on screen: measure it with a DOM range over the rendered line.
  const box = await line.evaluate((el, needle) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let full = "";
    const nodes: { node: Text; start: number }[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes.push({ node: n as Text, start: full.length });
      full += (n as Text).data;
    }
    const at = full.indexOf(needle);
    if (at < 0) return null;
    const end = at + needle.length;
    const last = [...nodes].reverse().find((x) => x.start < end)!;
    const range = document.createRange();
    range.setStart(last.node, end - last.start - 1);
    range.setEnd(last.node, end - last.start);
    const r = range.getBoundingClientRect();
    return { x: r.right, y: r.top + r.height / 2 };
  }, oldText);
  if (!box) throw new Error(`cell ${index} shows no ${JSON.stringify(oldText)}`);
  await page.mouse.click(box.x - 0.5, box.y);
  for (let i = 0; i < oldText.length; i++) await page.keyboard.press("Shift+ArrowLeft");
  const selected = await page.evaluate(
    (i) => (window as unknown as { Jupyter: JupyterPage }).Jupyter.notebook.get_cells()[i]!.code_mirror.getSelection(),
    index,
  );
  if (selected !== oldText) {
    throw new Error(`selecting ${JSON.stringify(oldText)} in cell ${index} selected ${JSON.stringify(selected)} instead`);
  }
  await page.keyboard.type(newText, { delay: 20 });
  return page.evaluate((i) => (window as unknown as { Jupyter: JupyterPage }).Jupyter.notebook.get_cells()[i]!.get_text(), index);
}

/**
 * show()'s figures as classic Notebook draws them: it takes text/html before image/svg+xml, and a figure's
 * HTML is an <img> of its SVG (see lib/src/figures/show.ts).
 */
export const FIGURE_IMAGES = '.output_subarea img[src^="data:image/svg+xml;base64,"]';

/**
 * The `d` attributes of the SVG paths matching `selector` in the figures on the page (e.g. a contour's
 * path mark, `g[aria-label="search paths"] path`), in page order: inside inline SVG outputs and inside the
 * SVG that each figure <img> shows (decoded and parsed, as the browser drew it).
 */
export async function svgPathData(page: Page, selector: string): Promise<string[]> {
  return page.evaluate(
    ([images, selector]) => {
      const found: string[] = [];
      for (const el of Array.from(document.querySelectorAll(`.output_svg svg, ${images}`))) {
        let root: ParentNode = el;
        if (el instanceof HTMLImageElement) {
          const bytes = Uint8Array.from(atob(el.src.slice(el.src.indexOf(",") + 1)), (c) => c.charCodeAt(0));
          root = new DOMParser().parseFromString(new TextDecoder().decode(bytes), "image/svg+xml");
        }
        root.querySelectorAll(selector).forEach((p) => found.push(p.getAttribute("d") ?? ""));
      }
      return found;
    },
    [FIGURE_IMAGES, selector] as const,
  );
}

/** The figure <img> elements on the page whose SVG holds something matching `selector`, as a locator. */
export async function figureImagesWith(page: Page, selector: string): Promise<Locator> {
  const indices = await page.evaluate(
    ([images, selector]) =>
      Array.from(document.querySelectorAll<HTMLImageElement>(images)).flatMap((img, i) => {
        const bytes = Uint8Array.from(atob(img.src.slice(img.src.indexOf(",") + 1)), (c) => c.charCodeAt(0));
        const doc = new DOMParser().parseFromString(new TextDecoder().decode(bytes), "image/svg+xml");
        return doc.querySelector(selector) ? [i] : [];
      }),
    [FIGURE_IMAGES, selector] as const,
  );
  const all = page.locator(FIGURE_IMAGES);
  // A locator that matches exactly those images: nth() for one, or an :is() of nth-match for several.
  return indices.length === 1 ? all.nth(indices[0]!) : page.locator(indices.map((i) => `:nth-match(${FIGURE_IMAGES}, ${i + 1})`).join(", ") || "#none-such-figure");
}

/**
 * Absolute points of SVG path data made of moves, lines and dots (M/m, L/l, H/h, V/v, Z/z): one entry
 * per vertex, in order. The figures' dot marks are "M x y h0 m dx dy h0 …": one point per move.
 */
export function pathVertices(d: string): { moves: [number, number][]; vertices: [number, number][] } {
  const tokens = d.match(/[MmLlHhVvZz]|-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?/g) ?? [];
  const moves: [number, number][] = [];
  const vertices: [number, number][] = [];
  let x = 0;
  let y = 0;
  let sx = 0;
  let sy = 0;
  let command = "";
  let i = 0;
  const num = () => {
    const t = tokens[i++];
    if (t === undefined || /[A-Za-z]/.test(t)) throw new Error(`path data: expected a number at token ${i - 1} of ${d.slice(0, 80)}…`);
    return Number(t);
  };
  while (i < tokens.length) {
    if (/[A-Za-z]/.test(tokens[i]!)) command = tokens[i++]!;
    switch (command) {
      case "M":
      case "m": {
        const dx = num();
        const dy = num();
        [x, y] = command === "M" ? [dx, dy] : [x + dx, y + dy];
        [sx, sy] = [x, y];
        moves.push([x, y]);
        vertices.push([x, y]);
        command = command === "M" ? "L" : "l"; // implicit lines after a move
        break;
      }
      case "L":
      case "l": {
        const dx = num();
        const dy = num();
        [x, y] = command === "L" ? [dx, dy] : [x + dx, y + dy];
        vertices.push([x, y]);
        break;
      }
      case "H":
      case "h": {
        const v = num();
        if (!(command === "h" && v === 0)) {
          x = command === "H" ? v : x + v;
          vertices.push([x, y]);
        }
        break;
      }
      case "V":
      case "v": {
        const v = num();
        y = command === "V" ? v : y + v;
        vertices.push([x, y]);
        break;
      }
      case "Z":
      case "z":
        [x, y] = [sx, sy];
        break;
      default:
        throw new Error(`path data: unsupported command ${JSON.stringify(command)} in ${d.slice(0, 80)}…`);
    }
  }
  return { moves, vertices };
}
