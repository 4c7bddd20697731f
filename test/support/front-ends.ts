// What the front-end tests read from executed notebooks: the figure outputs (show()'s bundles) and the
// explorer outputs, with nbformat's multi-line string arrays joined as every front end joins them.

import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { text, type DataOutput, type Notebook, type Output } from "./notebooks.ts";

/** Where the front-end tests write their screenshots (look at them: the tests check structure, not taste). */
export const SHOTS = process.env.FRONT_END_SHOTS ?? "/tmp/front-end-shots";

export function shotsDir(): string {
  mkdirSync(SHOTS, { recursive: true });
  return SHOTS;
}

/** An output with every multi-line MIME value joined into one string (what JupyterLab's model expects). */
export function joined(output: Output): Output {
  if (output.output_type === "stream") return { ...output, text: text(output.text) };
  if (output.output_type === "error") return output;
  const data: Record<string, unknown> = {};
  for (const [mime, value] of Object.entries(output.data)) data[mime] = Array.isArray(value) ? value.join("") : value;
  return { ...output, data };
}

/** One figure as show() sent it. */
export interface FigureOutput {
  notebook: string;
  cell: number;
  svg: string;
  html: string;
  plain: string;
}

/** Every display output carrying image/svg+xml, in order. */
export function figureOutputs(nb: Notebook, name: string): FigureOutput[] {
  return nb.cells.flatMap((cell, index) =>
    (cell.outputs ?? [])
      .filter((o): o is DataOutput => o.output_type === "display_data" && "image/svg+xml" in o.data)
      .map((o) => ({
        notebook: name,
        cell: index,
        svg: text(o.data["image/svg+xml"] as string | string[]),
        html: text(o.data["text/html"] as string | string[] | undefined),
        plain: text(o.data["text/plain"] as string | string[] | undefined),
      })),
  );
}

/** Every explorer output (text/html holding an amsgrad-explorer root), in order. */
export function explorerOutputs(nb: Notebook): { cell: number; html: string; plain: string }[] {
  return nb.cells.flatMap((cell, index) =>
    (cell.outputs ?? [])
      .filter((o): o is DataOutput => o.output_type === "display_data" && /class="amsgrad-explorer"/.test(text(o.data["text/html"] as string | string[] | undefined)))
      .map((o) => ({ cell: index, html: text(o.data["text/html"] as string | string[]), plain: text(o.data["text/plain"] as string | string[] | undefined) })),
  );
}

/**
 * Two renderings of one opaque image may differ by a few levels, and a handful of pixels by more (Chromium
 * rasterizes a zero-length dot or an antialiased edge a little differently at two places on a page). A
 * background showing through differs by up to 255 levels over every pixel it shows through: thousands.
 */
export const FAR = 96;
export const STRAY = 1e-4;

/**
 * How many pixels of two same-sized PNGs differ by more than FAR in some channel (decoded in the page),
 * leaving out the outermost pixel all round: an element at a fractional position on the page shares its
 * edge pixels with the page behind it.
 */
export async function pixelDifference(page: Page, a: Buffer, b: Buffer): Promise<{ far: number; size: number }> {
  return page.evaluate(
    async ([a64, b64, far]) => {
      const decoded = await Promise.all(
        [a64, b64].map(async (png) => {
          const img = new Image();
          img.src = `data:image/png;base64,${png}`;
          await img.decode();
          const c = document.createElement("canvas");
          c.width = img.width;
          c.height = img.height;
          const g = c.getContext("2d")!;
          g.drawImage(img, 0, 0);
          return { data: g.getImageData(0, 0, c.width, c.height).data, width: c.width, height: c.height };
        }),
      );
      const [x, y] = decoded as [(typeof decoded)[0], (typeof decoded)[0]];
      if (x.width !== y.width || x.height !== y.height) return { far: Infinity, size: x.width * x.height };
      let count = 0;
      for (let row = 1; row < x.height - 1; row++) {
        for (let col = 1; col < x.width - 1; col++) {
          const i = 4 * (row * x.width + col);
          const limit = far as number;
          if (Math.abs(x.data[i]! - y.data[i]!) > limit || Math.abs(x.data[i + 1]! - y.data[i + 1]!) > limit || Math.abs(x.data[i + 2]! - y.data[i + 2]!) > limit) count++;
        }
      }
      return { far: count, size: (x.width - 2) * (x.height - 2) };
    },
    [a.toString("base64"), b.toString("base64"), FAR] as const,
  );
}
