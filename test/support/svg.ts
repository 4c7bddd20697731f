// Reading figures back as their consumers do: SVG parsed as XML (image/svg+xml must be well-formed) and
// HTML parsed as a browser parses it, with jsdom's parsers.

import assert from "node:assert/strict";

// jsdom ships no types and @types/jsdom is not installed: loaded by a non-literal specifier, typed as used here.
const { JSDOM } = (await import("jsdom" as string)) as {
  JSDOM: new (html?: string) => { window: { document: Document; DOMParser: typeof DOMParser } };
};

const parser = new new JSDOM("").window.DOMParser();

/** Parses SVG as XML (as image/svg+xml consumers do); fails on any well-formedness error. */
export function parseSvg(svg: string): Document {
  const doc = parser.parseFromString(svg, "image/svg+xml");
  const error = doc.querySelector("parsererror");
  assert.equal(error, null, `not well-formed XML: ${error?.textContent}`);
  assert.equal(doc.documentElement.namespaceURI, "http://www.w3.org/2000/svg");
  return doc;
}

/** Parses HTML as a browser does. */
export function parseHtml(html: string): Document {
  return parser.parseFromString(html, "text/html");
}

/** A jsdom document to render figures with (`document` option), for comparisons with linkedom. */
export function jsdomDocument(): Document {
  return new JSDOM("").window.document;
}

/**
 * The subpaths of SVG path data (M, L, H, V, C and Z, absolute or relative; the commands the figures
 * write), each as its points, end and control points alike, in absolute coordinates: enough for a
 * marker's extent (a ring drawn as four cubics touches its bounding square at its end points, and its
 * control points stay inside it) or an axis's tick marks.
 */
export function pathSubpaths(d: string): [number, number][][] {
  const tokens = d.match(/[MLHVCZmlhvcz]|-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?/g) ?? [];
  const out: [number, number][][] = [];
  let x = 0, y = 0, startX = 0, startY = 0;
  let command = "";
  for (let i = 0; i < tokens.length; ) {
    if (/[A-Za-z]/.test(tokens[i]!)) command = tokens[i++]!;
    const relative = command === command.toLowerCase();
    const next = () => Number(tokens[i++]);
    const upper = command.toUpperCase();
    if (upper === "Z") {
      [x, y] = [startX, startY];
      continue;
    }
    if (upper === "H") x = (relative ? x : 0) + next();
    else if (upper === "V") y = (relative ? y : 0) + next();
    else if (upper === "C") {
      const [ox, oy] = relative ? [x, y] : [0, 0];
      for (let k = 0; k < 2; k++) out.at(-1)!.push([ox + next(), oy + next()]);
      [x, y] = [ox + next(), oy + next()];
    } else {
      const [ox, oy] = relative ? [x, y] : [0, 0];
      [x, y] = [ox + next(), oy + next()];
      if (upper === "M") {
        [startX, startY] = [x, y];
        out.push([]);
        command = relative ? "l" : "L"; // further pairs after a moveto are linetos
      }
    }
    out.at(-1)!.push([x, y]);
  }
  return out;
}

/** The bounding box of path data: [left, top, right, bottom]. */
export function pathBox(d: string): [number, number, number, number] {
  const points = pathSubpaths(d).flat();
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}
