// Running one of the test drivers written in Python (Debian's python3, which has Jupyter) and collecting
// what it printed: the tests of the kernel, the class hub and the classroom all drive Jupyter this way.
import { spawn } from "node:child_process";
import { PYTHON, ROOT } from "../../scripts/setup.mjs";

export interface PythonRun {
  /** The exit status (1 when it was killed by a signal). */
  code: number;
  stdout: string;
  stderr: string;
}

export interface PythonOptions {
  env?: NodeJS.ProcessEnv;
  /** Written to its stdin, which is then closed (stdin is closed at once without it). */
  input?: string;
  /** Called with the process id once it runs (the class benchmark samples its CPU). */
  onSpawn?: (pid: number) => void;
}

/**
 * Runs `python3 ARGS…` in the project's root and resolves when it exits, with its status and output.
 *
 * @example const { code, stdout } = await runPython(["test/support/kernel-sockets.py", "--case", "ipc"], { env: jupyterEnv() });
 */
export function runPython(args: readonly string[], options: PythonOptions = {}): Promise<PythonRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(PYTHON, args, { cwd: ROOT, env: options.env ?? process.env, stdio: ["pipe", "pipe", "pipe"] });
    if (child.pid !== undefined) options.onSpawn?.(child.pid);
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}
