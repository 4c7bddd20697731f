// The globals a notebook cell of this project uses, declared for the tslab kernel in place of
// @types/node: the kernel parses its type packages at every start, and @types/node is about 100 files
// (measured: the kernel's first figure about 0.4 s sooner without it). The kernel spec sets
// TSLAB_TYPES=amsgrad-notebook-globals; start the kernel with TSLAB_TYPES=node for Node's full types
// (then this package is not loaded: the two are not meant to be combined).
// Written for TypeScript 5.0 (tslab's compiler).

interface Console {
  log(...data: any[]): void;
  info(...data: any[]): void;
  warn(...data: any[]): void;
  error(...data: any[]): void;
  debug(...data: any[]): void;
  dir(item?: any, options?: any): void;
  table(tabularData?: any, properties?: string[]): void;
  time(label?: string): void;
  timeEnd(label?: string): void;
  timeLog(label?: string, ...data: any[]): void;
  assert(condition?: boolean, ...data: any[]): void;
  count(label?: string): void;
  group(...data: any[]): void;
  groupEnd(): void;
}
declare var console: Console;

declare function setTimeout(callback: (...args: any[]) => void, ms?: number, ...args: any[]): any;
declare function clearTimeout(timeout: any): void;
declare function setInterval(callback: (...args: any[]) => void, ms?: number, ...args: any[]): any;
declare function clearInterval(timeout: any): void;
declare function queueMicrotask(callback: () => void): void;
declare function structuredClone<T>(value: T): T;

declare var performance: { now(): number; timeOrigin: number };

declare var process: {
  env: { [key: string]: string | undefined };
  argv: string[];
  version: string;
  versions: { [name: string]: string | undefined };
  platform: string;
  pid: number;
  cwd(): string;
  exit(code?: number): never;
  memoryUsage(): { rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number };
  hrtime: { bigint(): bigint };
  uptime(): number;
};

declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string);
  decode(input?: ArrayBufferView | ArrayBuffer): string;
}

// Node's own modules load in a cell (tslab compiles imports to require()); without @types/node they are
// typed `any` rather than refused, so that an experiment with "node:fs" still runs.
declare module "node:*";
declare module "fs";
declare module "path";
declare module "os";
declare module "util";
declare module "crypto";
declare module "zlib";
declare module "child_process";
declare module "worker_threads";
declare module "perf_hooks";
