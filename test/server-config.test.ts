// The hub image's per-student limits under Jupyter Server: binder/jupyterhub/server-config/
// jupyter_server_config.py, what Notebook 7 and JupyterLab servers in the image (Zero to JupyterHub,
// TLJH, Binder) read through JUPYTER_CONFIG_PATH. The image has Jupyter Server 2; Debian packages 1.23,
// which is what runs here (the Notebook 6 file beside it is tested through the class hub,
// test/class.test.ts). A real server with the project's kernel spec, on a free loopback port:
//   - tslab is the default kernel; the server will stop after an hour without kernels, and culls
//     kernels idle for an hour;
//   - a student's third notebook is refused with the message alone, in Notebook 7's and JupyterLab's
//     menu words (Jupyter Server answers 500 with the message; the page shows the message);
//   - a cell runs through the server's kernel websocket, as the page runs it, and the kernels talk to
//     the server over unix sockets in a private folder;
//   - a stop (SIGTERM, as a hub stops a server) leaves no kernel and removes the private folder.

import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { jupyterServerInstalled, LOCAL_JUPYTER, NOTEBOOKS_DIR, PYTHON, ROOT } from "../scripts/setup.mjs";
import { alive, kernelConnection, processTree } from "./support/class-hub.ts";
import { freePort } from "./support/jupyter-server.ts";

const SERVER_CONFIG = join(ROOT, "binder", "jupyterhub", "server-config");
const TOKEN = "server-config-test-token";

/** One cell through the server's kernel websocket (tornado's client, as hub-students.py uses it). */
const RUN_CELL = `
import asyncio, json, sys, uuid
from tornado.websocket import websocket_connect
SESSION = uuid.uuid4().hex
def send(ws, msg_type, content):
    msg_id = uuid.uuid4().hex
    ws.write_message(json.dumps({"header": {"msg_id": msg_id, "username": "s", "session": SESSION,
        "msg_type": msg_type, "version": "5.3", "date": ""}, "parent_header": {}, "metadata": {},
        "content": content, "channel": "shell", "buffers": []}))
    return msg_id
async def main(url, code):
    ws = await websocket_connect(url)
    # kernel_info first, as the page does: the server's iopub subscription is then in place.
    info = send(ws, "kernel_info_request", {})
    while True:
        msg = json.loads(await asyncio.wait_for(ws.read_message(), 120))
        if msg.get("parent_header", {}).get("msg_id") == info and msg["header"]["msg_type"] == "kernel_info_reply":
            break
    msg_id = send(ws, "execute_request", {"code": code, "silent": False, "store_history": True,
        "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
    result, status, idle = None, None, False
    while status is None or not idle:
        msg = json.loads(await asyncio.wait_for(ws.read_message(), 120))
        if msg.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        kind = msg["header"]["msg_type"]
        if kind == "stream" and msg["content"]["name"] == "stdout":
            result = (result or "") + msg["content"]["text"]
        elif kind == "execute_reply":
            status = msg["content"]["status"]
        elif kind == "status" and msg["content"]["execution_state"] == "idle":
            idle = True
    print(json.dumps({"status": status, "result": result}))
asyncio.run(main(sys.argv[1], sys.argv[2]))
`;

describe("server-config: the hub image's limits under Jupyter Server", { skip: !jupyterServerInstalled() && "Debian's python3-jupyter-server is missing (npm test installs it)" }, () => {
  const home = mkdtempSync(join(tmpdir(), "amsgrad-server-config-"));
  let port = 0;
  let server: ReturnType<typeof spawn> | null = null;
  let log = "";
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`http://127.0.0.1:${port}${path}`, { ...init, headers: { Authorization: `token ${TOKEN}`, "Content-Type": "application/json", ...init.headers } });
  const session = (path: string) => api("/api/sessions", { method: "POST", body: JSON.stringify({ path, type: "notebook", name: "", kernel: { name: "tslab" } }) });

  before(async () => {
    port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, JUPYTER_CONFIG_PATH: SERVER_CONFIG, JUPYTER_PATH: LOCAL_JUPYTER, PYTHONNOUSERSITE: "1" };
    for (const name of ["JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"]) delete env[name];
    const args = ["-m", "jupyter_server", "--no-browser", `--port=${port}`, "--ip=127.0.0.1", `--ServerApp.token=${TOKEN}`, `--ServerApp.root_dir=${NOTEBOOKS_DIR}`];
    if (process.getuid?.() === 0) args.push("--allow-root");
    server = spawn(PYTHON, args, { cwd: home, env, stdio: ["ignore", "pipe", "pipe"] });
    server.stdout!.setEncoding("utf8").on("data", (c: string) => (log += c));
    server.stderr!.setEncoding("utf8").on("data", (c: string) => (log += c));
    const deadline = Date.now() + 60_000;
    for (;;) {
      assert.ok(server.exitCode === null, `jupyter_server exited: ${log}`);
      assert.ok(Date.now() < deadline, `jupyter_server did not answer within 60 s: ${log}`);
      try {
        if ((await api("/api/status")).ok) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  });

  after(() => {
    if (server && server.exitCode === null) server.kill("SIGKILL");
    rmSync(home, { recursive: true, force: true });
  });

  test("tslab is the default kernel; an idle server stops after an hour", async () => {
    const specs = (await (await api("/api/kernelspecs")).json()) as { default: string; kernelspecs: Record<string, unknown> };
    assert.equal(specs.default, "tslab");
    assert.ok("tslab" in specs.kernelspecs);
    assert.match(log, /Jupyter Server [\d.]+ is running/);
    assert.match(log, /Will shut down after 3600 seconds with no kernels or terminals/);
  });

  let kernelIds: string[] = [];

  test("two notebooks start kernels; the third is refused with what to do, in Notebook 7's words", async () => {
    for (const path of ["01-gradient-descent.ipynb", "02-the-amsgrad-algorithm.ipynb"]) {
      const response = await session(path);
      assert.equal(response.status, 201, `${path}: ${await response.clone().text()}`);
      kernelIds.push(((await response.json()) as { kernel: { id: string } }).kernel.id);
    }
    const third = await session("03-two-dimensional-test-problem.ipynb");
    assert.ok(third.status >= 400, `refused: ${third.status}`);
    const { message } = (await third.json()) as { message: string };
    assert.equal(
      message,
      "You already have 2 notebooks running, the most one student may run on this class hub. Close one first " +
        "(File > Close and Shut Down Notebook in its tab, or shut its kernel down in the list of running kernels), then reload this page.",
    );
    assert.match(log, /Culling kernels with idle durations > 3600 seconds/);
    const kernels = (await (await api("/api/kernels")).json()) as { id: string }[];
    assert.deepEqual(kernels.map((k) => k.id).sort(), [...kernelIds].sort(), "no third kernel was started");
  });

  test("a cell runs through the server's websocket; the kernels are on unix sockets in a private folder", () => {
    // A cell in each kernel first: it waits for the kernel to start, as the page does.
    for (const id of kernelIds) {
      const url = `ws://127.0.0.1:${port}/api/kernels/${id}/channels?token=${TOKEN}`;
      const run = spawnSync(PYTHON, ["-c", RUN_CELL, url, "const n: number = 40; n + 2"], { encoding: "utf8", timeout: 150_000 });
      assert.equal(run.status, 0, run.stderr);
      // tslab shows a cell's last value on stdout.
      assert.deepEqual(JSON.parse(run.stdout), { status: "ok", result: "42\n" }, `kernel ${id}`);
    }
    const kernels = processTree(server!.pid!).filter((p) => p.kind === "kernel");
    assert.equal(kernels.length, 2, processTree(server!.pid!).map((p) => p.command).join("\n"));
    for (const kernel of kernels) {
      const { file, folder, transport, ip } = kernelConnection(kernel);
      assert.equal(transport, "ipc", file);
      assert.match(basename(folder), /^amsgrad-kernels-/);
      assert.equal(statSync(folder).mode & 0o777, 0o700, "private to the account");
      for (const n of [1, 2, 3, 4, 5]) assert.ok(statSync(`${ip}-${n}`).isSocket(), `${ip}-${n} is the kernel's bound unix socket`);
    }
  });

  test("a stop (SIGTERM, as a hub stops a server) leaves no kernel and no private folder", async () => {
    const kernels = processTree(server!.pid!).filter((p) => p.kind === "kernel");
    const folders = kernels.map((k) => kernelConnection(k).folder);
    const exited = new Promise((r) => server!.once("exit", r));
    server!.kill("SIGTERM");
    await exited;
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(kernels.filter((k) => alive(k.pid)), [], "every kernel stopped");
    for (const folder of new Set(folders)) assert.ok(!existsSync(folder), `${folder} removed`);
  });
});
