// Running a command, above all one of the test drivers written in Python (Debian's python3, which has
// Jupyter), and collecting what it printed: the kernel, class-hub, classroom and notebook tests do this.
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
 * Runs `COMMAND ARGS…` in the project's root and resolves when it exits, with its status and output.
 *
 * @example const { code, stderr } = await runCommand(process.execPath, ["scripts/build.mjs", "--help"]);
 */
export function runCommand(command: string, args: readonly string[], options: PythonOptions = {}): Promise<PythonRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: options.env ?? process.env, stdio: ["pipe", "pipe", "pipe"] });
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

/**
 * Runs `python3 ARGS…` (Debian's, with Jupyter) in the project's root: {@link runCommand} with PYTHON.
 *
 * @example const { code, stdout } = await runPython(["test/support/kernel-sockets.py", "--case", "ipc"], { env: jupyterEnv() });
 */
export function runPython(args: readonly string[], options: PythonOptions = {}): Promise<PythonRun> {
  return runCommand(PYTHON, args, options);
}
