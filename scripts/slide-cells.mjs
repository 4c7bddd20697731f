// The cells of a notebook as its slides show them (`npm run slides`, scripts/slides.mjs).
//
// Which cell starts a slide, a sub-slide or a fragment, which is skipped and which goes to the speaker's
// notes is the notebook's choice: each cell's metadata.slideshow.slide_type, as Jupyter's "Slide Type"
// menu writes it (View → Cell Toolbar → Slideshow in classic Notebook). One thing is added here, in the
// copy that is converted: a markdown cell that holds more than one section (a `##` or `###` heading
// after its first line) is cut before each such heading. The cell's slide type applies to its text up to
// that heading; each `##` section after it starts a slide, each `###` section a sub-slide (a skipped
// cell stays skipped whole). The notebooks keep such cells whole (a commentary with the next section's
// heading under it; a summary with the exercises), and a slide shows one idea.
//
// Plain Node ESM.

import { text } from "./lessons.mjs";

/** The slide types Jupyter offers; "-" continues the slide (or fragment) above. */
export const SLIDE_TYPES = ["slide", "subslide", "fragment", "skip", "notes", "-"];

/** A cell's slide type as written in its metadata, or undefined. */
export function slideType(cell) {
  return cell.metadata?.slideshow?.slide_type;
}

/**
 * A markdown text cut before each `##`/`###` heading that does not open it; headings inside fenced code
 * blocks or inside an HTML <details> element (a worked answer) do not count. The pieces joined give the
 * text back.
 */
export function sections(markdown) {
  const pieces = [""];
  let fence = null;
  let openDetails = 0;
  for (const line of markdown.split(/(?<=\n)/)) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = null;
    } else if (marker) {
      fence = marker;
    } else if (openDetails === 0 && /^ {0,3}#{2,3}\s/.test(line) && pieces.at(-1).trim() !== "") {
      pieces.push("");
    }
    if (!fence && !marker) openDetails += (line.match(/<details\b/g) ?? []).length - (line.match(/<\/details>/g) ?? []).length;
    pieces[pieces.length - 1] += line;
  }
  return pieces;
}

/**
 * A copy of an executed notebook for nbconvert's slides exporter: every markdown cell with more than one
 * section ({@link sections}) becomes one cell per section, the first with the cell's own metadata, each
 * other a slide (`##`) or a sub-slide (`###`), or skipped with a skipped cell. Cell ids stay unique.
 */
export function notebookForSlides(nb) {
  const copy = structuredClone(nb);
  copy.cells = copy.cells.flatMap((cell) => {
    if (cell.cell_type !== "markdown") return [cell];
    const pieces = sections(text(cell.source));
    if (pieces.length === 1) return [cell];
    const skipped = slideType(cell) === "skip";
    return pieces.map((source, k) => {
      if (k === 0) return { ...cell, source };
      const type = skipped ? "skip" : /^ {0,3}##\s/.test(source) ? "slide" : "subslide";
      return { ...cell, ...(cell.id ? { id: `${cell.id}-${k}` } : {}), metadata: { ...cell.metadata, slideshow: { slide_type: type } }, source };
    });
  });
  return copy;
}
