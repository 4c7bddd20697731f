// The worked answers in the notebooks and the three editions of the handouts that `npm run build` writes.
//
// An answer sits right under its exercise, in the exercise's markdown cell, collapsed so that a student can
// try first (classic Notebook and the handouts both render <details>):
//
//   **2.** The exercise.
//
//   <details class="answer"><summary><b>Answer</b> (click to show)</summary>
//
//   The worked answer, in markdown (formulas, lists, code).
//
//   </details>
//
// Editions: "reader" (as the notebooks are: answers collapsed), "teacher" (answers open), "student"
// (answers left out). The same executed notebooks go into each; only the markdown changes.

/** The line that opens an answer, exactly as the notebooks write it. */
export const ANSWER_OPEN = '<details class="answer"><summary><b>Answer</b> (click to show)</summary>';
/** The line that closes an answer. */
export const ANSWER_CLOSE = "</details>";
/** An answer's opening line in the teacher's edition: open, and no "click to show". */
export const TEACHER_ANSWER_OPEN = '<details class="answer" open><summary><b>Answer</b></summary>';

/** The editions: folder under the build's output, the index page's subtitle, and the markdown change. */
export const EDITIONS = [
  { name: "reader", folder: "html", subtitle: "", note: "answers collapsed under each exercise" },
  { name: "teacher", folder: "html-teacher", subtitle: " (teacher's edition)", note: "answers open" },
  { name: "student", folder: "html-student", subtitle: " (student's edition)", note: "no answers" },
];

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Every answer block, with the blank lines before it (so that leaving it out leaves no gap). */
const ANSWER_BLOCK = new RegExp(`\\n*${escapeRegExp(ANSWER_OPEN)}[\\s\\S]*?${escapeRegExp(ANSWER_CLOSE)}`, "g");

/**
 * A markdown cell's text in an edition: as it is ("reader"), with every answer open ("teacher"), or with
 * every answer left out ("student").
 *
 * @param {string} markdown
 * @param {"reader" | "teacher" | "student"} edition
 */
export function markdownForEdition(markdown, edition) {
  if (edition === "teacher") return markdown.split(ANSWER_OPEN).join(TEACHER_ANSWER_OPEN);
  if (edition === "student") return markdown.replace(ANSWER_BLOCK, "");
  return markdown;
}

/**
 * A copy of a notebook (nbformat JSON) for an edition: every markdown cell through {@link markdownForEdition}.
 *
 * @param {{ cells: { cell_type: string, source: string | string[] }[] }} nb
 * @param {"reader" | "teacher" | "student"} edition
 */
export function notebookForEdition(nb, edition) {
  const copy = structuredClone(nb);
  for (const cell of copy.cells) {
    if (cell.cell_type !== "markdown") continue;
    const text = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
    cell.source = markdownForEdition(text, edition);
  }
  return copy;
}

/** The answers of a markdown text: the markdown between each opening and closing line. */
export function answersIn(markdown) {
  return [...markdown.matchAll(new RegExp(`${escapeRegExp(ANSWER_OPEN)}([\\s\\S]*?)${escapeRegExp(ANSWER_CLOSE)}`, "g"))].map((m) => m[1]);
}
