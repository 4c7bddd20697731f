// Start a command of this project as a child process until it prints its URL (startScript), and `node
// scripts/start.mjs` (what `npm start` runs) in particular, for tests that need a live Jupyter Notebook
// server (start.test.ts, browser tests). Always stop it: `await server.stop()` in `finally`/`after`.

import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { ROOT } from "../../scripts/setup.mjs";

export interface NotebookServer {
  child: ChildProcess;
  /** The URL printed by start.mjs: http://127.0.0.1:PORT/tree?token=TOKEN */
  url: string;
  base: string;
  port: number;
  token: string;
  /** Everything printed so far. */
  stdout: () => string;
  stderr: () => string;
  /** GET/POST/DELETE a REST path (e.g. "/api/kernelspecs") with the token. */
  api: (path: string, init?: RequestInit) => Promise<Response>;
  /**
   * SIGINT, wait for the exit; SIGKILL after `graceMs`. Resolves with the exit code/signal and the time taken.
   * With `group` (a server started `detached`), SIGINT goes to its whole process group, as Ctrl+C in a
   * terminal sends it.
   */
  stop: (
    graceMs?: number,
    options?: { group?: boolean },
  ) => Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number; killed: boolean }>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** A port nothing listens on right now (asks the OS for one). */
export function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen({ host, port: 0 }, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePromise(port));
    });
  });
}

const URL_LINE = /^\s+(http:\/\/127\.0\.0\.1:(\d+))\/tree\?token=([0-9a-f]+)\s*$/m;

/** A command run as a child process until it printed a line its caller waits for. */
export interface StartedScript {
  child: ChildProcess;
  /** The first match of `readyLine` in what the command printed on stdout. */
  match: RegExpExecArray;
  stdout: () => string;
  stderr: () => string;
  /** As {@link NotebookServer.stop}; `graceMs` defaults to the start's `graceMs`. */
  stop: NotebookServer["stop"];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Runs `command` from the repository root and resolves once its stdout matches `readyLine`; rejects
 * (after stopping it) if it exits first or prints nothing matching within `timeoutMs`. `detached` puts
 * it in a process group of its own, as a terminal does.
 */
export async function startScript(
  [command, ...commandArgs]: string[],
  {
    readyLine,
    timeoutMs,
    name = command!,
    env = process.env,
    detached = false,
    graceMs: defaultGraceMs = 10_000,
  }: { readyLine: RegExp; timeoutMs: number; name?: string; env?: NodeJS.ProcessEnv; detached?: boolean; graceMs?: number },
): Promise<StartedScript> {
  const child = spawn(command!, commandArgs, { cwd: ROOT, env, detached, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (err += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolvePromise) =>
    child.on("exit", (code, signal) => resolvePromise({ code, signal })),
  );

  const stop: StartedScript["stop"] = async (graceMs = defaultGraceMs, { group = false } = {}) => {
    const started = Date.now();
    if (child.exitCode !== null || child.signalCode !== null) {
      return { code: child.exitCode, signal: child.signalCode, ms: 0, killed: false };
    }
    const signal = (signalName: NodeJS.Signals) => {
      try {
        if (group) process.kill(-child.pid!, signalName);
        else child.kill(signalName);
      } catch {
        // already gone
      }
    };
    signal("SIGINT");
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      signal("SIGKILL");
    }, graceMs);
    const result = await exited;
    clearTimeout(timer);
    return { ...result, ms: Date.now() - started, killed };
  };

  const deadline = Date.now() + timeoutMs;
  let match: RegExpExecArray | null = null;
  while (!(match = readyLine.exec(out))) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before printing its URL:\n${out}\n${err}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${name} printed no URL within ${timeoutMs / 1000} s:\n${out}\n${err}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, match, stdout: () => out, stderr: () => err, stop, exited };
}

/**
 * Starts `node scripts/start.mjs ARGS` (or, with `npm`, `npm start -- ARGS` as a user types it) and resolves
 * once it printed its URL. `detached` puts it in a process group of its own, as a terminal does.
 */
export async function startNotebookServer(
  args: string[] = [],
  { timeoutMs = 60_000, npm = false, detached = false, env = process.env }: {
    timeoutMs?: number;
    npm?: boolean;
    detached?: boolean;
    env?: NodeJS.ProcessEnv;
  } = {},
): Promise<NotebookServer> {
  const command = npm ? ["npm", "start", "--silent", "--", ...args] : [process.execPath, join(ROOT, "scripts", "start.mjs"), ...args];
  const { child, match, stdout, stderr, stop, exited } = await startScript(command, {
    readyLine: URL_LINE,
    timeoutMs,
    name: "start.mjs",
    env,
    detached,
  });
  const base = match[1]!;
  const port = Number(match[2]);
  const token = match[3]!;
  return {
    child,
    url: `${base}/tree?token=${token}`,
    base,
    port,
    token,
    stdout,
    stderr,
    api: (path, init = {}) =>
      fetch(`${base}${path}`, {
        ...init,
        headers: { Authorization: `token ${token}`, "Content-Type": "application/json", ...(init.headers ?? {}) },
      }),
    stop,
    exited,
  };
}
