/**
 * Screenshots for eyeballing the figures: renders the tutorial figure (ours, the naive Plot.contour
 * version, and matplotlib's own, run from Debian's Python) and the other figures to PNG in Chromium, so
 * they can be compared side by side. Output goes to a temporary folder (not committed).
 *
 *   node --import tsx bench/figures-screenshots.ts [outDir]   (default /tmp/amsgrad-figures)
 *
 * Needs /usr/bin/chromium and playwright-core; matplotlib (python3-matplotlib) for the reference PNG.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { bandComparison, tutorialFigures, naiveContourSvg, TUTORIAL_START } from "./figures-cases.ts";

const outDir = process.argv[2] ?? "/tmp/amsgrad-figures";
mkdirSync(outDir, { recursive: true });

// matplotlib's rendering of the same figure: the tutorial's code, with its printed start point.
const MATPLOTLIB = `
import sys, numpy as np, matplotlib
matplotlib.use("Agg")
from matplotlib import pyplot
from math import sqrt
def objective(x, y): return x**2.0 + y**2.0
def derivative(x, y): return np.asarray([x * 2.0, y * 2.0])
x = np.asarray([${TUTORIAL_START[0]}, ${TUTORIAL_START[1]}])
m = [0.0, 0.0]; v = [0.0, 0.0]; vhat = [0.0, 0.0]; solutions = []
for t in range(100):
    g = derivative(x[0], x[1])
    for i in range(2):
        m[i] = 0.9**(t+1) * m[i] + (1.0 - 0.9**(t+1)) * g[i]
        v[i] = (0.99 * v[i]) + (1.0 - 0.99) * g[i]**2
        vhat[i] = max(vhat[i], v[i])
        x[i] = x[i] - 0.007 * m[i] / (sqrt(vhat[i]) + 1e-8)
    solutions.append(x.copy())
bounds = np.asarray([[-1.0, 1.0], [-1.0, 1.0]])
xaxis = np.arange(bounds[0,0], bounds[0,1], 0.1); yaxis = np.arange(bounds[1,0], bounds[1,1], 0.1)
xx, yy = np.meshgrid(xaxis, yaxis)
pyplot.contourf(xx, yy, objective(xx, yy), levels=50, cmap='jet')
solutions = np.asarray(solutions)
pyplot.plot(solutions[:, 0], solutions[:, 1], '.-', color='w')
pyplot.savefig(sys.argv[1])
`;

async function main() {
  const files: string[] = [];
  try {
    execFileSync("/usr/bin/python3", ["-c", MATPLOTLIB, join(outDir, "tutorial-matplotlib.png")], { stdio: "inherit" });
    files.push("tutorial-matplotlib.png");
  } catch {
    console.error("matplotlib reference skipped (install python3-matplotlib)");
  }
  const bands = bandComparison();
  const svgs: Record<string, string> = {
    ...tutorialFigures(),
    "tutorial-naive-plot": naiveContourSvg(),
    "bands-ours": bands.ours,
    "bands-reference": bands.reference,
  };
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage({ deviceScaleFactor: Number(process.env.SCALE ?? 1) });
    for (const [name, svg] of Object.entries(svgs)) {
      writeFileSync(join(outDir, `${name}.svg`), svg);
      const size = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
      const width = Math.ceil(Number(size?.[1] ?? 640));
      const height = Math.ceil(Number(size?.[2] ?? 480));
      await page.setViewportSize({ width, height });
      // As an inline SVG in a page, which is how Notebook and nbconvert show image/svg+xml.
      await page.setContent(`<!doctype html><html><body style="margin:0;background:white">${svg}</body></html>`);
      await page.screenshot({ path: join(outDir, `${name}.png`), clip: { x: 0, y: 0, width, height } });
      files.push(`${name}.png`);
    }
  } finally {
    await browser.close();
  }
  for (const f of files) console.log(join(outDir, f));
  // How far our compact bands are from Plot.contour sampled at ¼ px, pixel by pixel (Python's PIL).
  try {
    const report = execFileSync("/usr/bin/python3", ["-c", PIXEL_DIFF, join(outDir, "bands-ours.png"), join(outDir, "bands-reference.png"), join(outDir, "bands-diff.png")], { encoding: "utf8" });
    console.log(report.trim());
  } catch {
    console.error("pixel comparison skipped (needs python3-pil)");
  }
}

const PIXEL_DIFF = `
import sys
from PIL import Image, ImageChops
a = Image.open(sys.argv[1]).convert("RGB"); b = Image.open(sys.argv[2]).convert("RGB")
d = ImageChops.difference(a, b)
px = list(d.getdata()); n = len(px)
per = [max(p) for p in px]
big = sum(1 for v in per if v > 32); some = sum(1 for v in per if v > 8)
print(f"bands vs Plot.contour at 1/4 px: {n} pixels, mean channel difference {sum(per)/n:.3f}/255, "
      f"{some} pixels ({100*some/n:.2f}%) differ by more than 8/255, {big} ({100*big/n:.3f}%) by more than 32/255, max {max(per)}/255")
d.point(lambda v: min(255, v * 8)).save(sys.argv[3])
`;

await main();
