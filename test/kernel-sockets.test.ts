// The tslab kernel's sockets as this project patches them (patches/tslab+*.patch), started through real
// jupyter_client as a Notebook server starts kernels (test/support/kernel-sockets.py):
//   - a port of the connection file already taken by another process (two students' servers on one
//     machine picked the same "free" port, seen in bench/class.ts with 20 and with 10 students): unpatched,
//     the kernel logs an unhandled rejection and lives on deaf, never answering, so the student's page
//     waits for ever; patched, it says which address it could not bind and exits at once (the server's
//     restarter then starts a new kernel);
//   - the ipc transport (unix sockets), which the class servers use so that no port can clash:
//     unpatched, tslab binds "ipc://PATH:N", where jupyter_client connects to "ipc://PATH-N", and never
//     answers; patched, it answers and runs a cell, and its sockets go away at shutdown.
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, test } from "node:test";
import { jupyterEnv, missingJupyterModules, ROOT, writeKernelSpec } from "../scripts/setup.mjs";
import { runPython } from "./support/run-command.ts";

const DRIVER = join(ROOT, "test", "support", "kernel-sockets.py");

async function runCase(name: "taken" | "ipc", timeoutSeconds: number): Promise<Record<string, unknown>> {
  assert.deepEqual(missingJupyterModules(), [], "Jupyter is installed (npm test installs it)");
  writeKernelSpec();
  const { code, stdout, stderr } = await runPython([DRIVER, "--case", name, "--timeout", String(timeoutSeconds)], { env: jupyterEnv() });
  assert.equal(code, 0, stderr);
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as Record<string, unknown>;
}

describe("the tslab kernel's sockets", () => {
  test("a port already taken: the kernel says which address and exits, instead of living on without answering", async () => {
    const timeout = 60;
    const report = await runCase("taken", timeout);
    assert.equal(report.answered, false, "it cannot answer: the server listens on a port the kernel does not hold");
    assert.equal(report.exit_code, 1, `the kernel exited (null: still running after ${report.seconds} s)`);
    assert.ok((report.seconds as number) < timeout, `exited before the client gave up (${report.seconds} s)`);
    assert.equal(
      report.stderr,
      `tslab: cannot start the kernel: Address already in use (tcp://127.0.0.1:${report.port}); exiting\n`,
    );
  });

  test("the ipc transport: the kernel binds jupyter_client's socket paths, answers, runs a cell, and its sockets go at shutdown", async () => {
    const report = await runCase("ipc", 60);
    assert.equal(report.transport, "ipc");
    assert.equal(report.answered, true, `kernel_info was answered: ${report.error ?? ""}\n${report.stderr}`);
    assert.equal(report.status, "ok");
    assert.equal(report.result, "1 4 9\n", "the cell's output");
    assert.deepEqual(report.sockets, ["kernel-ipc-1", "kernel-ipc-2", "kernel-ipc-3", "kernel-ipc-4", "kernel-ipc-5"]);
    assert.deepEqual(report.left_after_shutdown, []);
    assert.equal(report.stderr, "", "nothing went wrong on the way");
  });
});
