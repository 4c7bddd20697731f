// Types for scripts/node24.mjs (plain Node ESM), for the TypeScript tests.

export const NODE24_VERSION: string;
export const NODE24_DIR: string;
export const NODE24_BIN: string;
export const OTHER_NODE_KERNEL: string;
export function ensureNode24(): string;
export function otherNode(): { binary: string; version: string };
export function writeOtherNodeKernelSpec(): { kernel: string; version: string };
export function removeOtherNodeKernelSpec(): void;
