// Types for scripts/node24.mjs (plain Node ESM), for the TypeScript tests.

export const NODE24_VERSION: string;
export const NODE24_DIR: string;
export const NODE24_BIN: string;
export const NODE24_KERNEL: string;
export function ensureNode24(): string;
export function writeNode24KernelSpec(): string;
