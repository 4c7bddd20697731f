// What the notebooks say, read without running them (the claims' checks against the runs are in
// test/notebooks.test.ts):
//   - every claim of the claims table quotes words that are in its notebook, and every number with a
//     decimal point or an exponent in a notebook's prose is a value its code sets, a listed definition, or
//     inside a claim: a number nobody checks cannot stay in the prose;
//   - the shape of a lesson: title, what you will learn, the hyperparameter cell as the first code cell,
//     a summary, exercises at the end, each with a worked answer under it, and a "predict, then run"
//     question whose answer a cell checks (a claim of the table);
//   - the way through: previous/next links and the notation page in the first cell, a two-line "so far";
//   - formulas in LaTeX, not in Unicode; the ε of the runs stated where it is not the series' 0.

import assert from "node:assert/strict";
import { basename } from "node:path";
import { describe, test } from "node:test";
import { ANSWER_CLOSE, ANSWER_OPEN } from "../scripts/editions.mjs";
import { claims, definitions, HYPERPARAMETERS_MARK } from "./notebook-content.ts";
import { codeCells, notebookSources, readNotebook, text } from "./support/notebooks.ts";
import {
  codeNumbers,
  exercises,
  links,
  markdownCells,
  normalized,
  plainProse,
  proseAndMath,
  statedNumbers,
  UNICODE_MATH,
} from "./support/prose.ts";

const paths = notebookSources();
const names = paths.map((p) => basename(p));
const REFERENCE = "00-notation.ipynb";
const lessons = paths.filter((p) => basename(p) !== REFERENCE);

const sameNumber = (a: number, b: number) => a === b || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));

test("the claims table names existing notebooks, and the notation page exists", () => {
  assert.ok(names.includes(REFERENCE), `${REFERENCE}: the notation table every notebook links to`);
  assert.deepEqual(Object.keys(claims).filter((name) => !names.includes(name)), []);
  assert.deepEqual(Object.keys(definitions).filter((name) => !names.includes(name)), []);
});

for (const path of paths) {
  const name = basename(path);
  const nb = readNotebook(path);
  const markdown = markdownCells(nb);
  const ownClaims = claims[name] ?? [];

  describe(`${name}: what it says`, () => {
    test("every claim of the table quotes words that are in one of its markdown cells", () => {
      const missing = ownClaims.filter((claim) => !markdown.some((cell) => normalized(cell.text).includes(normalized(claim.says))));
      assert.deepEqual(missing.map((c) => c.says), [], "reword the claim in the table (and re-check it) or restore the prose");
    });

    test("every number the prose states is set by the code, a definition, or inside a checked claim", () => {
      // A number the prose may state without a claim is a setting: a literal of the hyperparameter cell,
      // or of the code cell just before or after the text (which it describes). A literal anywhere else in
      // the notebook does not vouch for it (an unchecked number that happened to equal one passed before).
      const code = codeCells(nb);
      const hyper = codeNumbers(code.filter(({ cell }) => text(cell.source).includes(HYPERPARAMETERS_MARK)).map(({ cell }) => text(cell.source)).join("\n"));
      const nearby = (index: number) => codeNumbers(code.filter((c) => Math.abs(c.index - index) <= 1).map(({ cell }) => text(cell.source)).join("\n"));
      const allowed = (definitions[name] ?? []).map((d) => d.written);
      const unchecked: string[] = [];
      for (const cell of markdown) {
        // Each claim's words are taken out first: their numbers are checked. So are the exercises'
        // questions: their numbers are settings for the reader to type, as in code.
        let rest = normalized(proseAndMath(cell.text));
        for (const exercise of exercises(nb)) rest = rest.split(normalized(proseAndMath(exercise.text))).join(" ");
        for (const claim of ownClaims) rest = rest.split(normalized(proseAndMath(claim.says))).join(" ");
        for (const n of statedNumbers(rest)) {
          if ([...hyper, ...nearby(cell.index)].some((s) => sameNumber(s, n.value)) || allowed.includes(n.written)) continue;
          unchecked.push(`cell ${cell.index}: ${n.written} in "…${rest.slice(Math.max(0, rest.indexOf(n.written) - 60), rest.indexOf(n.written) + 40)}…"`);
        }
      }
      assert.deepEqual(unchecked, [], "add a claim with a check to test/notebook-content.ts, or print the number from a cell");
    });

    test("formulas are LaTeX: no Unicode math symbols in the plain prose", () => {
      const found = markdown.flatMap((cell) => [...new Set(plainProse(cell.text).match(UNICODE_MATH) ?? [])].map((c) => `cell ${cell.index}: ${c}`));
      assert.deepEqual(found, []);
    });

    test("the first cell links to the previous and next notebooks and the notation page, and says what came so far", () => {
      const first = markdown[0]!.text;
      const targets = links(first).map((l) => l.target.split("#")[0]);
      const i = names.indexOf(name);
      const previous = names[(i - 1 + names.length) % names.length]!;
      const next = names[(i + 1) % names.length]!;
      if (name !== REFERENCE) assert.ok(targets.includes(previous), `a link to the previous notebook, ${previous}`);
      assert.ok(targets.includes(next), `a link to the next notebook, ${next}`);
      if (name !== REFERENCE) assert.ok(targets.includes(REFERENCE), "a link to the notation page");
      assert.match(first, /^\*\*So far:\*\* .+\n\n\*\*Here:\*\* .+$/m, "two lines: so far, and here");
    });
  });
}

for (const path of lessons) {
  const name = basename(path);
  const nb = readNotebook(path);

  describe(`${name}: the shape of a lesson`, () => {
    test("title, what you will learn, the hyperparameter cell first, a summary, exercises at the end", () => {
      const markdown = markdownCells(nb).map((c) => c.text);
      assert.match(markdown[0]!, /^# \d+ · /, "numbered title");
      assert.match(markdown[0]!, /What you will learn/);
      const code = codeCells(nb);
      const marked = code.filter(({ cell }) => text(cell.source).includes(HYPERPARAMETERS_MARK));
      assert.equal(marked.length, 1, "exactly one hyperparameter cell");
      assert.equal(marked[0]!.index, code[0]!.index, "it is the first code cell, so Run All Below from it runs every cell");
      assert.match(markdown.at(-1)!, /## Exercises/);
      assert.ok(markdown.some((m) => m.includes("## Summary")));
    });

    test("every exercise has one worked answer right under it, collapsed", () => {
      const list = exercises(nb);
      assert.ok(list.length > 0, "there are exercises");
      assert.deepEqual(list.map((e) => e.number), list.map((_, k) => k + 1), "numbered 1, 2, 3, …");
      assert.deepEqual(list.filter((e) => e.answers.length !== 1).map((e) => `exercise ${e.number}: ${e.answers.length} answers`), []);
      for (const cell of markdownCells(nb)) {
        const opened = cell.text.split(ANSWER_OPEN).length - 1;
        const closed = cell.text.split(`\n${ANSWER_CLOSE}`).length - 1;
        assert.equal(opened, closed, `cell ${cell.index}: every answer is closed by a line ${ANSWER_CLOSE}`);
        // Markdown inside <details> renders only with blank lines around it (classic Notebook's marked).
        assert.equal(cell.text.split(`${ANSWER_OPEN}\n\n`).length - 1, opened, `cell ${cell.index}: a blank line after each answer's opening`);
      }
    });

    test("there is a 'predict, then run' question, and the claims table checks its answer", () => {
      const questions = markdownCells(nb).filter((c) => c.text.includes("**Predict, then run.**"));
      assert.ok(questions.length > 0, "a 'Predict, then run.' question");
      for (const q of questions) {
        const after = nb.cells.slice(q.index + 1).find((c) => c.cell_type === "code");
        assert.ok(after, "a cell after the question computes the answer");
        const covered = (claims[name] ?? []).some((claim) => claim.says.includes("**Predict, then run.**") && normalized(q.text).includes(normalized(claim.says)));
        assert.ok(covered, "a claim in test/notebook-content.ts checks what the cell after the question prints");
      }
    });

    test("ε: the runs use the series' ε = 0, and a cell that uses another ε has it said above it", () => {
      const hyper = text(codeCells(nb)[0]!.cell.source);
      if (/\beps\b/.test(hyper)) assert.match(hyper, /\beps(?:: number)?\s*[:=]\s*0\b/, "the hyperparameter cell sets ε = 0, as the tutorial's printed run");
      const markdown = nb.cells.map((c) => (c.cell_type === "markdown" ? text(c.source) : null));
      for (const { index, cell } of codeCells(nb).slice(1)) {
        if (!/\beps\s*:\s*(?!0\b)[\w.]/.test(text(cell.source))) continue;
        const above = markdown.slice(0, index).filter((m): m is string => m !== null).at(-1) ?? "";
        assert.match(above, /varepsilon|\beps\b/, `cell ${index} uses another ε; the text above it must say so`);
      }
    });
  });
}

test("the notebooks are in order: 0 is the notation page, then the lessons 1, 2, …", () => {
  assert.equal(names[0], REFERENCE);
  lessons.forEach((path, k) => assert.match(text(readNotebook(path).cells[0]!.source), new RegExp(`^# ${k + 1} · `)));
});

