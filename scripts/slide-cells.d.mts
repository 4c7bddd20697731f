// Types for scripts/slide-cells.mjs (plain Node ESM, used by scripts/slides.mjs), for the TypeScript tests.

export type SlideType = "slide" | "subslide" | "fragment" | "skip" | "notes" | "-";

export const SLIDE_TYPES: readonly SlideType[];

export function slideType(cell: { metadata?: object }): string | undefined;
export function sections(markdown: string): string[];
export function notebookForSlides<T extends { cells: { cell_type: string; source: string | string[]; metadata?: object; id?: string }[] }>(nb: T): T;
