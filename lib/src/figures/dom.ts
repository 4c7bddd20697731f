/**
 * The DOM that Plot draws into. In Node there is none, so a light one (linkedom) is created once and
 * reused: Plot builds detached elements in it and the figure keeps only the serialized SVG. linkedom was
 * chosen over jsdom by measurement (bench/figures.ts): same bytes, about 3× faster for these figures.
 */
import { parseHTML } from "linkedom";

import { escapeHtml } from "../escape.js";
import type { RenderDocument } from "./figure.js";
import { INK, PAPER } from "./style.js";

/** The SVG namespace, for createElementNS and the root's xmlns. */
export const SVG_NS = "http://www.w3.org/2000/svg";

let shared: Document | undefined;

/** The document figures render into: the given one, or a shared linkedom document. */
export function renderDocument(document?: RenderDocument): Document {
  if (document !== undefined) {
    if (document === null || typeof (document as { createElementNS?: unknown }).createElementNS !== "function") {
      throw new TypeError("figures: document must be a DOM document (with createElementNS)");
    }
    return document as unknown as Document;
  }
  shared ??= parseHTML("<!DOCTYPE html><html><head></head><body></body></html>").document as unknown as Document;
  return shared;
}

/** Creates an SVG element with attributes (values are set as attributes, so the serializer escapes them). */
export function svgElement(document: Document, name: string, attributes: Record<string, string | number | undefined> = {}): SVGElement {
  const element = document.createElementNS(SVG_NS, name) as SVGElement;
  for (const key in attributes) {
    const value = attributes[key];
    if (value !== undefined) element.setAttribute(key, String(value));
  }
  return element;
}

/** An SVG `<text>` element holding `text` as a text node, so any markup in it is escaped. */
export function svgText(document: Document, text: string, attributes: Record<string, string | number | undefined> = {}): SVGElement {
  const element = svgElement(document, "text", attributes);
  element.appendChild(document.createTextNode(text));
  return element;
}

/** What a figure says in words: its accessible name and its text alternative. */
export interface FigureText {
  /** A short name, e.g. "Contour plot of f(x, y) = x² + y²". */
  title: string;
  /** The figure in sentences: what is drawn, over what range, what the paths do. */
  description: string;
}

/**
 * Serializes a rendered SVG root as a standalone XML document (image/svg+xml must be XML), by walking the
 * tree ourselves rather than trusting the DOM's outerHTML: HTML serializers leave "<" and "&" raw in
 * attribute values, which breaks XML parsers, and jsdom and linkedom order attributes differently. Here
 * attributes are sorted by name and text and attribute values are escaped (escapeHtml, which also replaces
 * the characters XML cannot hold), so any DOM gives the same bytes and the SVG is always well-formed.
 *
 * With `text`, the figure is made to stand on its own wherever it is shown: a `<title>` and `<desc>` for
 * screen readers (`role="img"`), an opaque white background painted first, and every `currentColor` (Plot's
 * default for text, axes and ticks) written as {@link INK}. Drawn as an `<img>` (JupyterLab, Notebook 7)
 * an SVG cannot inherit the page's colour, so `currentColor` is black there and vanishes on a dark theme;
 * inlined under VS Code's light foreground it would be light text on white.
 */
export function serializeSvg(svg: Element, text?: FigureText): string {
  svg.setAttribute("xmlns", SVG_NS);
  if (text) {
    const document = svg.ownerDocument;
    svg.setAttribute("role", "img");
    const first = svg.firstChild;
    const title = svgElement(document, "title");
    title.appendChild(document.createTextNode(text.title));
    const desc = svgElement(document, "desc");
    desc.appendChild(document.createTextNode(text.description));
    svg.insertBefore(title, first);
    svg.insertBefore(desc, first);
    // Behind everything else: after Plot's <style>, if there is one, which paints nothing.
    const style = Array.from(svg.childNodes).find((n) => (n as Element).localName === "style");
    const background = svgElement(document, "rect", { width: "100%", height: "100%", fill: PAPER });
    svg.insertBefore(background, style ? style.nextSibling : first);
  }
  const out: string[] = [];
  write(svg, out, text !== undefined);
  return out.join("");
}

/** An element serialized as {@link serializeSvg} does, to go inside another SVG (whose root declares the namespace). */
export function serializeFragment(element: Element): string {
  const out: string[] = [];
  write(element, out, false);
  return out.join("");
}

function write(node: Node, out: string[], explicitColors: boolean) {
  if (node.nodeType === 3) {
    out.push(escapeHtml((node as Text).data));
    return;
  }
  if (node.nodeType !== 1) return;
  const element = node as Element;
  const name = element.localName;
  out.push("<", name);
  const attributes = Array.from(element.attributes, (a) => [a.name, a.value] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [key, value] of attributes) {
    // Plot positions ticks with full float noise (translate(40,329.20000000000005)); 0.01 px is plenty.
    const v = key === "transform" ? value.replace(/-?\d+\.\d{3,}(?:e-?\d+)?/g, round2) : explicitColors && value === "currentColor" ? INK : value;
    out.push(" ", key, '="', escapeHtml(v), '"');
  }
  const children = element.childNodes;
  if (children.length === 0) {
    out.push("/>");
    return;
  }
  out.push(">");
  for (let i = 0; i < children.length; i++) write(children[i], out, explicitColors);
  out.push("</", name, ">");
}

function round2(text: string): string {
  const value = Math.round(Number(text) * 100) / 100;
  return String(Object.is(value, -0) ? 0 : value);
}
