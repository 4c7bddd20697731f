/**
 * Showing figures in a tslab notebook. Kept apart from the figures themselves because it needs Node (the
 * kernel's display channel, display.ts), while figures do not; and light, since the main entry loads it.
 *
 * Each figure goes out as one display message with three representations, because front ends differ in
 * what they show (see README, "Figures in every front end"):
 * - `image/svg+xml`, the figure itself: classic Notebook and JupyterLab when the notebook is trusted,
 *   nbconvert's handouts, GitHub;
 * - `text/html`, the same SVG as `<img src="data:image/svg+xml;base64,…">`: what an untrusted notebook
 *   shows (JupyterLab, Notebook 7 and classic Notebook 6.4 sanitize HTML but keep such images, and show
 *   no untrusted SVG), and what VS Code picks;
 * - `text/plain`, the figure in words: text-only viewers, and VS Code's screen-reader order.
 */
import { kernelDisplay, type DisplayMessage } from "../display.js";
import { escapeHtml } from "../escape.js";
import type { Figure } from "./figure.js";
import { plainText } from "./words.js";

/** What a bare SVG string says about itself: its size and its <title>, if it has them. */
function svgFacts(svg: string): { width?: number; height?: number; name: string } {
  const open = /<svg\b[^>]*>/.exec(svg)?.[0] ?? "";
  const size = (name: string) => {
    const value = Number(new RegExp(`\\s${name}="([\\d.]+)"`).exec(open)?.[1]);
    return Number.isFinite(value) && value > 0 ? value : undefined;
  };
  const title = /<title>([^<]*)<\/title>/.exec(svg)?.[1];
  return { width: size("width"), height: size("height"), name: title ? title.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&") : "An SVG image" };
}

/**
 * The display message of one figure (or SVG string): the SVG, the same SVG as a base64 `<img>` in HTML
 * with the description as its alt text, and the description as text/plain (also as VS Code's
 * `vscode_altText`). Exported for tests and for anyone writing outputs without a kernel.
 *
 * @example
 * figureDisplayMessage(contourFigure(bowl)).data["text/plain"] // "Contour plot of f(x, y) = x² + y² for x from -1 to 1 …"
 */
export function figureDisplayMessage(figure: Figure | string): DisplayMessage {
  const svg = typeof figure === "string" ? figure : figure?.svg;
  if (typeof svg !== "string" || !svg.trimStart().startsWith("<svg")) {
    throw new TypeError("show: expected a figure (from contourFigure, surfaceFigure, …) or an SVG string");
  }
  const facts = typeof figure === "string" ? svgFacts(svg) : { width: figure.width, height: figure.height, name: figure.name };
  const description = plainText(typeof figure === "string" ? facts.name : figure.description || figure.name);
  const size = `${facts.width ? ` width="${facts.width}"` : ""}${facts.height ? ` height="${facts.height}"` : ""}`;
  const base64 = Buffer.from(svg, "utf8").toString("base64");
  const img = `<img src="data:image/svg+xml;base64,${base64}"${size} alt="${escapeHtml(description)}" style="max-width:100%;height:auto">`;
  return { data: { "image/svg+xml": svg, "text/html": img, "text/plain": description }, metadata: { vscode_altText: description } };
}

/**
 * Shows figures in a tslab notebook, each as one output that every front end can show, trusted or not,
 * on a light or a dark theme: the SVG, the same SVG as an `<img>` in HTML, and a description in words
 * (see the module comment). Accepts figures or SVG strings.
 *
 * Throws a clear error outside a tslab kernel (use `figure.svg` there).
 *
 * @example
 * import { amsgrad, bowl } from "amsgrad";
 * const result = amsgrad(bowl.objective, bowl.derivative, { bounds: bowl.bounds });
 * show(contourFigure(bowl, { paths: [{ label: "AMSGrad", ...result }] }));
 */
export function show(...figures: (Figure | string)[]): void {
  const messages = figures.map(figureDisplayMessage);
  const display = kernelDisplay({
    where: "show",
    thing: "figure",
    outside: (said) =>
      said
        ? `show: not running inside a tslab kernel (tslab says: ${said}). Outside a notebook use figure.svg.`
        : "show: tslab is not installed here; show() displays figures in a tslab notebook kernel. Elsewhere use figure.svg (write it to a .svg file or put it in a page).",
    fallback: "image/svg+xml",
  });
  for (const message of messages) display(message);
}
