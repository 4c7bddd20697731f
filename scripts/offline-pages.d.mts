// Types for scripts/offline-pages.mjs (plain Node ESM, used by scripts/build.mjs and scripts/slides.mjs), for the TypeScript tests.

export const TEMPLATES: string;
export const DISPLAY_PRIORITY: string[];

/** One nbconvert run with a project template (a folder name under scripts/nbconvert). */
export function nbconvert(options: {
  to: string;
  template: string;
  outDir: string;
  files: string[];
  options?: string[];
  env?: NodeJS.ProcessEnv;
}): Promise<{ code: number; output: string }>;

export function externalLoads(html: string): string[];
