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
