// The one escape of every markup writer (lib/src/escape.ts) and the `html` template the explorer's markup
// is built with: hostile values come out as text, never as markup, wherever they are interpolated.
// Expected strings are written out by hand from the HTML and XML rules, not produced by the code.
import assert from "node:assert/strict";
import { test } from "node:test";
import { escapeHtml, html, trusted } from "../lib/src/escape.ts";

test("escapeHtml: & < > \" ' become entities; characters XML cannot hold become U+FFFD", () => {
  assert.equal(escapeHtml(`<script>alert("x")</script>`), "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
  assert.equal(escapeHtml(`" onmouseover='evil()'`), "&quot; onmouseover=&#39;evil()&#39;");
  assert.equal(escapeHtml("a && b"), "a &amp;&amp; b");
  assert.equal(escapeHtml("&amp;"), "&amp;amp;", "an entity already written is text too");
  assert.equal(escapeHtml("red\u001b[31m"), "red\ufffd[31m");
  assert.equal(escapeHtml("nul\u0000 vt\u000b ff\u000c"), "nul\ufffd vt\ufffd ff\ufffd");
  assert.equal(escapeHtml("tab\tnew\nline\rend"), "tab\tnew\nline\rend", "tab, newline and CR are XML");
  assert.equal(escapeHtml("\ufffe\uffff"), "\ufffd\ufffd");
  assert.equal(escapeHtml("lone \ud800 and \udc00"), "lone \ufffd and \ufffd");
  assert.equal(escapeHtml("pair \ud83d\ude00"), "pair \ud83d\ude00", "a character beyond U+FFFF stays");
});

test("html`…`: every interpolated value is escaped, in content and in attributes, unless marked trusted", () => {
  const hostile = `"><img src=x onerror=alert(1)>`;
  assert.equal(
    html`<option value="${hostile}">${hostile}</option>`.markup,
    `<option value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</option>`,
  );
  // Arrays are joined, each element escaped; null, undefined and false write nothing; numbers as text.
  assert.equal(html`<p>${["<a>", "&"]}${null}${undefined}${false}${0}${1.5}</p>`.markup, "<p>&lt;a&gt;&amp;01.5</p>");
  // Markup built by html (or marked trusted) is kept, and nests.
  const inner = html`<b>${"<i>"}</b>`;
  assert.equal(html`<div>${inner}${trusted("<svg/>")}</div>`.markup, "<div><b>&lt;i&gt;</b><svg/></div>");
  assert.equal(String(inner), "<b>&lt;i&gt;</b>");
});
