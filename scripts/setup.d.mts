// Types for scripts/setup.mjs (plain Node ESM so it runs before `npm install`), for the TypeScript tests.

export const ROOT: string;
export const PYTHON: string;
export const LOCAL_JUPYTER: string;
export const KERNEL_NAME: string;
export const KERNEL_DISPLAY_NAME: string;
export const KERNEL_SPEC_PATH: string;
export const TSLAB_BIN: string;
export const NOTEBOOKS_DIR: string;
export const HARNESS: string;
export const CHROMIUM: string;
export const JUPYTER_PACKAGES: string[];
export const CHROMIUM_PACKAGES: string[];
export const JUPYTERHUB_PACKAGES: string[];
export const JUPYTER_SERVER_PACKAGES: string[];
export const AFTER_AN_ERROR_LINES: string[];
export const CONFIGURABLE_HTTP_PROXY: string;

export class SetupError extends Error {}

export function log(message: string): void;
export function checkNode(): void;
export function ensureDeps(options?: { need?: string[] }): void;
export function ensureLib(options?: { lenient?: boolean }): void;
export function missingJupyterModules(): string[];
export function ensureJupyter(): void;
export function ensureChromium(): void;
export function jupyterHubInstalled(): boolean;
export function ensureJupyterHub(): void;
export function jupyterServerInstalled(): boolean;
export function ensureJupyterServer(): void;
export const KERNEL_TYPES: string[];
export function ensureTslabPatched(): void;
export const NODE24_VERSION: string;
export const NODE24_DIR: string;
export const NODE24_BIN: string;
export const KERNEL_NODE_VARIABLE: string;
export function hasCompileCache(version?: string): boolean;
export function ensureNode24(): string;
export function kernelNode(): string;
export function kernelSpec(): { argv: string[]; display_name: string; language: string; env: Record<string, string> };
export function writeKernelSpec(): string;
export function jupyterEnv(base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
export function setup(options?: {
  chromium?: boolean;
  jupyter?: boolean;
  hub?: boolean;
  server?: boolean;
  need?: string[];
  lenientLib?: boolean;
}): NodeJS.ProcessEnv;
export function runMain(main: () => unknown): void;
export const CHROMIUM_ARGS: string[];
