/**
 * Escaping text for HTML and XML (SVG): the one escape every writer of markup uses, the figures' SVG
 * serializer and the explorer's HTML alike, so that any value written into markup is safe where it is
 * written, not because a check far upstream let nothing else through.
 */

const ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Characters XML 1.0 cannot hold at all, even escaped (C0 controls but tab, newline and carriage return;
 * U+FFFE, U+FFFF; unpaired surrogates): a title holding one would make the SVG not well-formed and the
 * browser would show a broken image. They become U+FFFD, the replacement character.
 */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]/g;

/** A surrogate pair (a character beyond U+FFFF) is kept; anything else matched is replaced. */
const replaceNotXml = (match: string) => (match.length === 2 ? match : "\ufffd");

/**
 * `value` as text that is safe in HTML and XML element content and in quoted attribute values:
 * `& < > " '` become entities and characters XML cannot hold become U+FFFD.
 *
 * @example
 * escapeHtml(`<b title="x">Tom's</b>`) // "&lt;b title=&quot;x&quot;&gt;Tom&#39;s&lt;/b&gt;"
 * escapeHtml("red\u001b[31m")          // "red\ufffd[31m"
 */
export function escapeHtml(value: string): string {
  return value.replace(NOT_XML, replaceNotXml).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** Markup that is already safe (built by {@link html} or by the figures' serializer): written as it is. */
export class SafeHtml {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

/** Marks trusted markup, such as an SVG the figures' serializer wrote, so that {@link html} keeps it. */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

type Interpolation = SafeHtml | string | number | boolean | null | undefined | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value instanceof SafeHtml) return value.markup;
  if (Array.isArray(value)) return value.map(render).join("");
  if (value === null || value === undefined || value === false) return "";
  return escapeHtml(String(value));
}

/**
 * A tagged template that escapes every interpolated value ({@link escapeHtml}) unless it is
 * {@link SafeHtml}; arrays are joined; null, undefined and false write nothing. Markup built this way is
 * safe by construction: forgetting to escape is not possible.
 *
 * @example
 * html`<option value="${value}">${label}</option>`.markup
 * html`<div>${trusted(svg)}</div>` // the SVG as it is
 */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}
