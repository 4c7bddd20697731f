// The page-side entry of the JupyterLab test (test/front-ends-jupyterlab.test.ts), bundled by esbuild for
// Chromium: JupyterLab 4's own output rendering, from its npm packages, as a notebook cell uses it. A
// RenderMimeRegistry with the standard renderer factories and JupyterLab's sanitizer, and one OutputArea
// per cell over an OutputAreaModel that is trusted or not: the same choice of MIME type (only "safe" ones
// when untrusted), the same sanitizing of HTML, the same <img> for SVG, the same script handling.

import "@lumino/widgets/style/widget.css";
import "@jupyterlab/rendermime/style/base.css";
import "@jupyterlab/outputarea/style/base.css";
import { Sanitizer } from "@jupyterlab/apputils";
import type { IOutput } from "@jupyterlab/nbformat";
import { OutputArea, OutputAreaModel } from "@jupyterlab/outputarea";
import { RenderMimeRegistry, standardRendererFactories } from "@jupyterlab/rendermime";
import { Widget } from "@lumino/widgets";

declare global {
  interface Window {
    /** Renders each cell's outputs (multi-line strings already joined) into #notebook; resolves when all are drawn. */
    renderCells(cells: IOutput[][], trusted: boolean): Promise<void>;
  }
}

window.renderCells = async (cells, trusted) => {
  const rendermime = new RenderMimeRegistry({ initialFactories: standardRendererFactories, sanitizer: new Sanitizer() });
  const host = document.getElementById("notebook")!;
  for (const [index, outputs] of cells.entries()) {
    const model = new OutputAreaModel({ trusted });
    const area = new OutputArea({ model, rendermime });
    area.node.dataset.cell = String(index);
    model.fromJSON(outputs);
    Widget.attach(area, host);
  }
  // Renderers resolve asynchronously (images decode, HTML is sanitized and inserted).
  await new Promise((resolve) => setTimeout(resolve, 50));
  await Promise.all(Array.from(document.images, (img) => (img.complete ? Promise.resolve() : img.decode().catch(() => undefined))));
};
