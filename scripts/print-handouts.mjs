#!/usr/bin/env node
// `npm run print`: the HTML handouts of `npm run build` (build/html/*.html) printed to PDF by headless
// Chromium (Debian's, through playwright-core), one PDF per notebook, A4 with page numbers:
//
//   build/pdf/NN-name.pdf
//
// The handouts' print styles (scripts/nbconvert/handout/index.html.j2) keep each code cell and each
// figure on one page where it fits, scale figures to the page width (they stay vectors), wrap long code
// lines and leave out the navigation bar.
//
// Usage: node scripts/print-handouts.mjs [--html DIR] [--out DIR] [--format A4|Letter] [HANDOUT.html ...]

import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { shown } from "./lessons.mjs";
import { CHROMIUM, CHROMIUM_ARGS, ROOT, SetupError, runMain, setup } from "./setup.mjs";

const HELP = `Usage: npm run print [-- [options] [HANDOUT.html ...]]

Prints the HTML handouts made by \`npm run build\` to PDF with headless Chromium:
  <out>/NN-name.pdf   one PDF per handout (index.html is left out)

Options:
  --html DIR        the handouts (default: build/html; run \`npm run build\` first)
  --out DIR         where the PDFs go (default: build/pdf)
  --format NAME     paper size: A4 (default) or Letter
  -h, --help        this help
`;


const FOOTER =
  '<div style="width:100%;font:8px system-ui,sans-serif;color:#666;padding:0 12mm;display:flex;justify-content:space-between">' +
  '<span class="title"></span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>';

/**
 * Prints each HTML file to `outDir/<name>.pdf`. Only local files load (anything else is refused, so a
 * handout that would fetch from the network prints without it and is reported). Returns, per file, the
 * PDF path, its size and the URLs that were refused.
 *
 * `beforePrint(page)` runs on each loaded page just before printing (tests mark blocks with it).
 *
 * @param {{ files: string[], outDir: string, format?: string, executablePath?: string,
 *   beforePrint?: (page: import("playwright-core").Page) => Promise<void> }} options
 */
export async function printHandouts({ files, outDir, format = "A4", executablePath = CHROMIUM, beforePrint }) {
  const { chromium } = await import("playwright-core");
  mkdirSync(outDir, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), "amsgrad-print-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args: CHROMIUM_ARGS });
  const results = [];
  try {
    for (const file of files) {
      const page = await context.newPage();
      const refused = [];
      await page.route("**/*", (route) => {
        const url = route.request().url();
        if (/^(file|data|blob|about):/.test(url)) return route.continue();
        refused.push(url);
        return route.abort();
      });
      await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
      // Formulas: wait until MathJax (a local copy, only in handouts with formulas) has typeset them.
      await page.evaluate(
        () =>
          new Promise((done) => {
            const mj = /** @type {any} */ (window).MathJax;
            if (mj?.Hub?.Queue) mj.Hub.Queue(() => done(undefined));
            else done(undefined);
          }),
      );
      await page.evaluate(() => document.fonts.ready);
      if (beforePrint) await beforePrint(page);
      const pdf = join(outDir, basename(file).replace(/\.html?$/, ".pdf"));
      await page.pdf({
        path: pdf,
        format,
        printBackground: true,
        preferCSSPageSize: false,
        displayHeaderFooter: true,
        headerTemplate: "<span></span>",
        footerTemplate: FOOTER,
        margin: { top: "14mm", bottom: "16mm", left: "12mm", right: "12mm" },
      });
      await page.close();
      results.push({ html: file, pdf, refused });
    }
  } finally {
    await context.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  }
  return results;
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      html: { type: "string", default: join(ROOT, "build", "html") },
      out: { type: "string", default: join(ROOT, "build", "pdf") },
      format: { type: "string", default: "A4" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (!["A4", "Letter"].includes(values.format)) throw new SetupError(`--format must be A4 or Letter, not ${values.format}`);
  const htmlDir = resolve(values.html);
  const files = positionals.length
    ? positionals.map((p) => resolve(p))
    : existsSync(htmlDir)
      ? readdirSync(htmlDir)
          .filter((n) => n.endsWith(".html") && n !== "index.html")
          .sort()
          .map((n) => join(htmlDir, n))
      : [];
  for (const file of files) if (!existsSync(file)) throw new SetupError(`no such handout: ${file}`);
  if (files.length === 0) {
    throw new SetupError(`no handouts in ${shown(htmlDir)}: run \`npm run build\` first`);
  }
  setup({ chromium: true, jupyter: false, need: ["playwright-core"] });
  const started = performance.now();
  const results = await printHandouts({ files, outDir: resolve(values.out), format: values.format });
  for (const r of results) {
    console.log(`printed ${shown(r.pdf)}`);
    for (const url of r.refused) console.warn(`  warning: ${basename(r.html)} tried to load ${url} (refused)`);
  }
  console.log(`\n${results.length} handouts printed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) runMain(main);
