// `npm start` (scripts/start.mjs): Jupyter comes up with the project's tslab kernel, a second instance
// moves to a free port (also when both start at the same instant), a tslab kernel really starts, and
// Ctrl+C stops everything quickly and cleanly (SIGINT to node, and to the whole group as a terminal sends it).

import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { jupyterEnv, LOCAL_JUPYTER, NOTEBOOKS_DIR, PYTHON, ROOT } from "../scripts/setup.mjs";
import { expectedKernelNode } from "./support/kernel-node.ts";
import { chromiumAvailable, launchBrowser } from "./support/browser.ts";
import { freePort, startNotebookServer, type NotebookServer } from "./support/jupyter-server.ts";

const FIXTURES = join(ROOT, "test", "fixtures", "notebooks");

/** The bits of the classic Notebook's page API the UI test uses. */
interface JupyterPage {
  notebook: {
    kernel: { name: string; is_connected(): boolean };
    trusted: boolean;
    set_autosave_interval(ms: number): void;
    execute_all_cells(): void;
    get_cells(): { cell_type: string; input_prompt_number: number | string | null | undefined }[];
  };
}

/** Processes whose command line mentions `needle` (Linux /proc). */
function processesWith(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(needle)) pids.push(Number(entry));
    } catch {
      // gone
    }
  }
  return pids;
}

/** Executes `code` in a running kernel through its connection file (jupyter_client), as the browser would. */
function runInKernel(connectionFile: string, code: string): { status: string; stdout: string; stderr: string } {
  const script = `
import json, sys
from jupyter_client import BlockingKernelClient
kc = BlockingKernelClient(connection_file=sys.argv[1])
kc.load_connection_file()
kc.start_channels()
# Like wait_for_ready, minus its heartbeat check (which calls a just-started kernel dead): ask for
# kernel_info until the iopub channel (subscribed late: "slow joiner") sees the kernel's status messages.
import queue, time
deadline = time.monotonic() + 60
while True:
    kc.kernel_info(reply=True, timeout=60)
    try:
        kc.get_iopub_msg(timeout=1)
        break
    except queue.Empty:
        if time.monotonic() > deadline:
            raise RuntimeError("no iopub message from the kernel within 60 s")
while True:
    try:
        kc.get_iopub_msg(timeout=0.2)
    except queue.Empty:
        break
out = {"stdout": "", "stderr": ""}
def hook(msg):
    if msg["msg_type"] == "stream":
        out[msg["content"]["name"]] += msg["content"]["text"]
reply = kc.execute_interactive(sys.argv[2], output_hook=hook, timeout=60)
out["status"] = reply["content"]["status"]
kc.stop_channels()
print(json.dumps(out))
`;
  const result = spawnSync(PYTHON, ["-c", script, connectionFile, code], { encoding: "utf8", env: jupyterEnv() });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as { status: string; stdout: string; stderr: string };
}

describe("npm start (scripts/start.mjs)", () => {
  const servers: NotebookServer[] = [];
  after(async () => {
    // Whatever happened, leave nothing running.
    await Promise.all(servers.map((s) => s.stop(5000)));
  });

  test("serves notebooks/ with the tslab kernel; a second instance takes another port; SIGINT stops both", async (t) => {
    try {
      await startStopScenario(t);
    } catch (error) {
      // Show what the servers printed: that is where the reason is.
      for (const [i, server] of servers.entries()) {
        t.diagnostic(`start.mjs #${i + 1} stdout:\n${server.stdout()}\nstderr:\n${server.stderr()}`);
      }
      throw error;
    }
  });

  async function startStopScenario(t: { diagnostic: (message: string) => void }): Promise<void> {
    const began = Date.now();
    const port = await freePort();
    const first = await startNotebookServer(["--port", String(port)]);
    servers.push(first);
    // The requested port, unless another process took it between freePort() and the start (test files
    // run in parallel): then the start must say where it went.
    if (first.port !== port) assert.match(first.stderr(), new RegExp(`port ${port} is in use: using port ${first.port}`));
    assert.match(first.token, /^[0-9a-f]{48}$/, "a random token is always set");
    // What to tell students about errors (class.test.ts checks the same lines against the kernel).
    assert.match(first.stdout(), /after a red error, fix the cell and run it again before going on\. A cell run\s+straight after an error \(within 0\.2 s/);

    const specs = (await (await fetch(`${first.base}/api/kernelspecs?token=${first.token}`)).json()) as {
      default: string;
      kernelspecs: Record<string, { spec: { display_name: string; language: string; argv: string[] } }>;
    };
    assert.ok(specs.kernelspecs.tslab, `tslab is listed (got ${Object.keys(specs.kernelspecs).join(", ")})`);
    assert.equal(specs.kernelspecs.tslab.spec.display_name, "TypeScript (tslab)");
    assert.equal(specs.kernelspecs.tslab.spec.language, "typescript");
    // Node 22.1 brought the compile cache the kernel's start needs; older Nodes hand the kernel to Node 24.
    assert.equal(specs.kernelspecs.tslab.spec.argv[0], expectedKernelNode());
    assert.equal(specs.default, "tslab", "new notebooks default to TypeScript");

    const unauthorized = await fetch(`${first.base}/api/kernelspecs`);
    assert.equal(unauthorized.status, 403, "the API needs the token");

    // A real tslab kernel starts through the server (as a notebook session would, in notebooks/) and runs code.
    const created = await first.api("/api/sessions", {
      method: "POST",
      body: JSON.stringify({ path: "start-test.ipynb", type: "notebook", name: "", kernel: { name: "tslab" } }),
    });
    assert.equal(created.status, 201, await created.clone().text());
    const kernel = ((await created.json()) as { kernel: { id: string } }).kernel;
    const reply = runInKernel(join(LOCAL_JUPYTER, "runtime", `kernel-${kernel.id}.json`), "console.log(6 * 7, process.cwd())");
    assert.equal(reply.status, "ok", reply.stderr);
    assert.equal(reply.stdout.trim(), `42 ${NOTEBOOKS_DIR}`, "the kernel computes, in notebooks/");
    assert.ok(processesWith(`kernel-${kernel.id}.json`).length > 0, "the kernel process is running");

    const second = await startNotebookServer(["--port", String(first.port)]);
    servers.push(second);
    assert.notEqual(second.port, first.port, "the second instance moved to another port");
    assert.match(second.stderr(), new RegExp(`port ${first.port} is in use: using port ${second.port}`));
    const specs2 = await fetch(`${second.base}/api/kernelspecs?token=${second.token}`);
    assert.equal(specs2.status, 200);
    assert.notEqual(second.token, first.token, "each server has its own token");

    const [stop1, stop2] = await Promise.all([first.stop(), second.stop()]);
    for (const [name, stopped] of [["first", stop1], ["second", stop2]] as const) {
      assert.equal(stopped.killed, false, `${name} instance stopped by itself after SIGINT`);
      assert.equal(stopped.code, 0, `${name} instance exit code`);
    }
    assert.match(first.stderr(), /Shutting down 1 kernel/, "Jupyter shut its kernel down");
    assert.deepEqual(processesWith(`kernel-${kernel.id}.json`), [], "no kernel process is left");
    t.diagnostic(`stopped in ${stop1.ms} ms and ${stop2.ms} ms; scenario took ${Date.now() - began} ms`);
  }

  test("a notebook opens and runs in the Notebook UI (chromium), untrusted, with the tslab kernel", async (t) => {
    if (!chromiumAvailable()) {
      t.skip("chromium is missing (npm test installs it)");
      return;
    }
    // Serve the fixtures, so this test depends on no lesson; the page never saves (autosave off).
    const server = await startNotebookServer(["--port", String(await freePort()), "--dir", FIXTURES, "--notebook", "passing"]);
    servers.push(server);
    assert.match(server.stdout(), /\/notebooks\/passing\.ipynb\?token=/, "--notebook prints the notebook's URL");
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      page.on("dialog", (dialog) => void dialog.dismiss());
      await page.goto(`${server.base}/notebooks/passing.ipynb?token=${server.token}`);
      await page.waitForFunction(
        () => {
          const nb = (window as unknown as { Jupyter?: JupyterPage }).Jupyter?.notebook;
          return Boolean(nb?.kernel?.is_connected());
        },
        null,
        { timeout: 60_000 },
      );
      const info = await page.evaluate(() => {
        const nb = (window as unknown as { Jupyter: JupyterPage }).Jupyter.notebook;
        nb.set_autosave_interval(0);
        nb.execute_all_cells();
        return { kernel: nb.kernel.name, trusted: nb.trusted };
      });
      assert.equal(info.kernel, "tslab");
      await page.waitForFunction(
        () =>
          (window as unknown as { Jupyter: JupyterPage }).Jupyter.notebook
            .get_cells()
            .every((c) => c.cell_type !== "code" || (c.input_prompt_number !== "*" && c.input_prompt_number != null)),
        null,
        { timeout: 60_000 },
      );
      const output = page.locator(".output_area").filter({ hasText: '"best"' });
      assert.equal(await output.count(), 1, "the amsgrad result is printed under its cell");
      assert.equal(await page.locator(".output_svg svg circle").count(), 1, "the SVG output is drawn (no trust needed)");
      assert.equal(await page.locator(".output_stderr").count(), 0, "nothing on stderr");
      t.diagnostic(`notebook trusted: ${info.trusted} (outputs made in the session render either way)`);
    } finally {
      await browser.close();
      await server.stop();
      rmSync(join(FIXTURES, ".ipynb_checkpoints"), { recursive: true, force: true });
    }
  });

  test("Ctrl+C in a terminal (SIGINT to the whole process group of `npm start`) stops as cleanly as SIGINT to node", async (t) => {
    // As a terminal runs it: `npm start` leading its own process group, Ctrl+C signalling all of it.
    const server = await startNotebookServer(["--port", String(await freePort())], { npm: true, detached: true });
    servers.push(server);
    try {
      const created = await server.api("/api/sessions", {
        method: "POST",
        body: JSON.stringify({ path: "ctrl-c-test.ipynb", type: "notebook", name: "", kernel: { name: "tslab" } }),
      });
      assert.equal(created.status, 201, await created.clone().text());
      const kernel = ((await created.json()) as { kernel: { id: string } }).kernel;
      const connectionFile = join(LOCAL_JUPYTER, "runtime", `kernel-${kernel.id}.json`);
      assert.equal(runInKernel(connectionFile, "console.log(1 + 1)").stdout.trim(), "2", "the kernel runs");

      const stopped = await server.stop(15_000, { group: true });
      assert.equal(stopped.killed, false, "stopped by itself after one Ctrl+C");
      // npm ends itself with the SIGINT it got once its script has exited (the shell shows 130): start.mjs's own
      // clean end is its "Jupyter stopped." line.
      assert.ok(stopped.code === 0 || stopped.signal === "SIGINT", `exit: ${stopped.code ?? stopped.signal}`);
      assert.match(server.stderr(), /\[setup\] Jupyter stopped\./);
      assert.doesNotMatch(server.stderr(), /Traceback|Event loop stopped|Error/, "no traceback or error on the terminal");
      assert.match(server.stderr(), /Shutting down 1 kernel/, "Jupyter shut its kernel down");
      assert.equal(existsSync(connectionFile), false, "the kernel's connection file is removed");
      assert.deepEqual(processesWith(`kernel-${kernel.id}.json`), [], "no kernel process is left");
    } catch (error) {
      t.diagnostic(`stdout:\n${server.stdout()}\nstderr:\n${server.stderr()}`);
      throw error;
    }
  });

  test("two starts at the same instant on one port both come up, on two ports", async (t) => {
    const port = await freePort();
    const both = await Promise.allSettled([0, 1].map(() => startNotebookServer(["--port", String(port)])));
    for (const result of both) if (result.status === "fulfilled") servers.push(result.value);
    const failed = both.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => String(r.reason));
    assert.deepEqual(failed, [], "both started");
    const [a, b] = both.map((r) => (r as PromiseFulfilledResult<NotebookServer>).value) as [NotebookServer, NotebookServer];
    assert.notEqual(a.port, b.port);
    for (const server of [a, b]) {
      const status = await fetch(`${server.base}/api/status?token=${server.token}`);
      assert.equal(status.status, 200, `${server.base} answers with its own token`);
    }
    // At most one can have the port asked for, and every one that moved says so. (Both may have moved:
    // test files run in parallel, and another may take the port between freePort() and these starts.)
    const moved = [a, b].filter((s) => s.port !== port);
    assert.ok(moved.length >= 1, `at most one has the port asked for (${a.port}, ${b.port})`);
    for (const server of moved) {
      assert.match(server.stderr(), new RegExp(`port ${port} is in use: using port ${server.port}`), "a server that moved says so");
    }
    const stops = await Promise.all([a.stop(), b.stop()]);
    t.diagnostic(`ports ${a.port} and ${b.port}; stopped in ${stops.map((s) => s.ms).join(" and ")} ms`);
  });

  test("JUPYTER_PYTHON naming no Python says what is wrong and what to do", () => {
    for (const [value, why] of [
      ["/nonexistent", /JUPYTER_PYTHON=\/nonexistent: there is no such file/],
      ["/bin/true", /JUPYTER_PYTHON=\/bin\/true is not a working Python 3/],
    ] as const) {
      const run = spawnSync(process.execPath, ["scripts/start.mjs"], { encoding: "utf8", env: { ...process.env, JUPYTER_PYTHON: value } });
      assert.equal(run.status, 1);
      assert.match(run.stderr, why);
      assert.match(run.stderr, /Set JUPYTER_PYTHON to the Python that has Jupyter .*or unset it/);
      assert.doesNotMatch(run.stderr, /cannot import/);
    }
  });

  test("AMSGRAD_KERNEL_NODE naming no usable Node says what is wrong and what to do", () => {
    const folder = mkdtempSync(join(tmpdir(), "kernel-node-"));
    const old = join(folder, "node18");
    writeFileSync(old, "#!/bin/sh\necho v18.20.4\n");
    chmodSync(old, 0o755);
    try {
      for (const [value, why] of [
        ["/nonexistent", /AMSGRAD_KERNEL_NODE=\/nonexistent: no Node binary runs there\. Give the path of a node >= 20\.19, or "this"/],
        ["/bin/true", /AMSGRAD_KERNEL_NODE=\/bin\/true: no Node binary runs there/],
        [old, /AMSGRAD_KERNEL_NODE=.*node18 is Node 18\.20\.4: the kernel needs Node >= 20\.19/],
      ] as const) {
        const run = spawnSync(process.execPath, ["scripts/start.mjs"], { encoding: "utf8", env: { ...process.env, AMSGRAD_KERNEL_NODE: value } });
        assert.equal(run.status, 1, run.stderr);
        assert.match(run.stderr, why);
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test("--help describes the options; a wrong --notebook is refused with the list", async () => {
    const help = spawnSync(process.execPath, ["scripts/start.mjs", "--help"], { encoding: "utf8" });
    assert.equal(help.status, 0);
    for (const option of ["--port", "--ip", "--notebook", "--help"]) assert.ok(help.stdout.includes(option), option);
    const wrong = spawnSync(process.execPath, ["scripts/start.mjs", "--notebook", "no-such-notebook"], { encoding: "utf8" });
    assert.equal(wrong.status, 1);
    assert.match(wrong.stderr, /no notebook no-such-notebook in notebooks\//);
  });
});
