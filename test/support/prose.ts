// Reading the prose of a notebook for the content tests: its markdown cells, the numbers they state, the
// exercises and their answers, and the characters that belong in LaTeX rather than in plain text.

import { answersIn, ANSWER_OPEN } from "../../scripts/editions.mjs";
import { text, type Notebook } from "./notebooks.ts";

/** The markdown cells' texts, with their indices in `nb.cells`. */
export function markdownCells(nb: Notebook): { index: number; text: string }[] {
  return nb.cells.flatMap((cell, index) => (cell.cell_type === "markdown" ? [{ index, text: text(cell.source) }] : []));
}

/** Whitespace folded to single spaces: a claim may wrap differently from the cell it quotes. */
export function normalized(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}

/**
 * Markdown without fenced code, code spans and links (what a reader reads as prose and formulas; a link's
 * label names a place, such as an arXiv number, and states nothing).
 */
export function proseAndMath(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/`[^`\n]*`/g, " ")
    .replace(/\[[^\]]*\]\([^)\s]*\)/g, " ");
}

/** Markdown without code and without LaTeX ($…$, $$…$$): the plain prose. */
export function plainProse(markdown: string): string {
  return proseAndMath(markdown)
    .replace(/\$\$[\s\S]*?\$\$/g, " ")
    .replace(/\$[^$\n]*\$/g, " ");
}

/** A number stated in prose or formulas: its text as written and its value. */
export interface StatedNumber {
  written: string;
  value: number;
}

/**
 * The non-integer numbers a text states: decimals (0.94), powers of ten in LaTeX (10^{-8}, 1.6 \cdot 10^{-6})
 * and e-notation (8e-45). Whole numbers (t = 5, 100 iterations, notebook 3) are left out: the audit is
 * about measured quantities, and those come with decimals or exponents.
 */
export function statedNumbers(value: string): StatedNumber[] {
  const found: StatedNumber[] = [];
  let rest = value;
  const take = (pattern: RegExp, valueOf: (m: RegExpExecArray) => number) => {
    rest = rest.replace(pattern, (...args) => {
      const match = args.slice(0, -2) as unknown as RegExpExecArray;
      found.push({ written: match[0], value: valueOf(match) });
      return " ";
    });
  };
  take(/(\d+(?:\.\d+)?)\s*\\cdot\s*10\^\{?(-?\d+)\}?/g, (m) => Number(m[1]) * 10 ** Number(m[2]));
  take(/10\^\{(-?\d+)\}|10\^(-?\d)/g, (m) => 10 ** Number(m[1] ?? m[2]));
  take(/(?<![\w.])\d+(?:\.\d+)?e[-+]?\d+(?![\w.])/g, (m) => Number(m[0]));
  take(/(?<![\w.])\d+\.\d+(?![\w.])/g, (m) => Number(m[0]));
  return found;
}

/** The numbers written as literals in a piece of code (0.007, 1e-8, 1_000_000), as values. */
export function codeNumbers(code: string): number[] {
  return [...code.matchAll(/(?<![\w.])\d[\d_]*(?:\.\d+)?(?:e[-+]?\d+)?(?![\w.])/g)].map((m) => Number(m[0].replace(/_/g, "")));
}

/** Characters that mean a formula was written in Unicode instead of LaTeX. */
export const UNICODE_MATH = /[√²³⁰¹⁴⁵⁶⁷⁸⁹⁻₀-₉\u0302αβγεηλσΔ∇≈≤≥≠∞∑∏−]/g;

/** One exercise of a notebook's "## Exercises" section: its number, its text, and its answer (if any). */
export interface Exercise {
  number: number;
  text: string;
  answers: string[];
}

/**
 * The exercises of the last markdown cell that has "## Exercises": each starts with a line "**N.**" and
 * runs to the next one; its answers are the answer blocks inside that stretch.
 */
export function exercises(nb: Notebook): Exercise[] {
  const cell = markdownCells(nb).filter((c) => /^## Exercises\s*$/m.test(c.text)).at(-1);
  if (!cell) return [];
  const section = cell.text.slice(cell.text.search(/^## Exercises\s*$/m));
  const starts = [...section.matchAll(/^\*\*(\d+)\.\*\*/gm)];
  return starts.map((match, k) => {
    const body = section.slice(match.index, starts[k + 1]?.index ?? section.length);
    const question = body.split(ANSWER_OPEN)[0];
    return { number: Number(match[1]), text: question, answers: answersIn(body) };
  });
}

/** The links of a markdown text: [label](target). */
export function links(markdown: string): { label: string; target: string }[] {
  return [...markdown.matchAll(/\[([^\]]+)\]\(([^)\s]+)\)/g)].map((m) => ({ label: m[1], target: m[2] }));
}
