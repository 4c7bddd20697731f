// Types for scripts/editions.mjs (plain Node ESM, used by scripts/build.mjs), for the TypeScript tests.

export type EditionName = "reader" | "teacher" | "student";

export const ANSWER_OPEN: string;
export const ANSWER_CLOSE: string;
export const TEACHER_ANSWER_OPEN: string;
export const EDITIONS: readonly { name: EditionName; folder: string; subtitle: string; note: string }[];

export function markdownForEdition(markdown: string, edition: EditionName): string;
export function notebookForEdition<T extends { cells: { cell_type: string; source: string | string[] }[] }>(nb: T, edition: EditionName): T;
export function answersIn(markdown: string): string[];
