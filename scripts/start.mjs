#!/usr/bin/env node
// `npm start`: everything a fresh clone needs, then classic Jupyter Notebook on notebooks/ with the
// project-local TypeScript (tslab) kernel. Plain Node ESM, no dependencies: it runs before `npm install`.

import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { networkInterfaces, userInfo } from "node:os";
import { basename, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { AFTER_AN_ERROR_LINES, KERNEL_DISPLAY_NAME, NOTEBOOKS_DIR, PYTHON, ROOT, SetupError, log, runMain, setup } from "./setup.mjs";

const HELP = `Usage: npm start [-- options]

Installs what is missing (node_modules, the amsgrad library build, Debian's Jupyter, the tslab kernel
spec), then starts classic Jupyter Notebook on notebooks/ and prints the URL to open (with its token).

Options:
  --port N            port to listen on (default 8888; if it is busy, Jupyter takes a free one near it)
  --ip ADDRESS        address to bind (default 127.0.0.1, this machine only). 0.0.0.0 lets other
                      machines on the network in: anyone with the URL (token) can run code as you.
  --notebook NAME     also print the URL that opens this notebook, e.g. 05-visualization.ipynb
  --dir FOLDER        serve another folder of notebooks (default: notebooks/)
  -h, --help          this help

Stop with Ctrl+C: Jupyter shuts down its kernels and exits (no confirmation prompt).
Environment: JUPYTER_PYTHON (default /usr/bin/python3) is the Python whose Jupyter is used.
`;

const STOP_GRACE_MS = 8000;
/** A second SIGINT within this time is the same Ctrl+C (sent by the terminal and forwarded by npm). */
const DUPLICATE_SIGNAL_MS = 1000;
const READY_TIMEOUT_MS = 90_000;

function isLoopback(ip) {
  return ip === "localhost" || ip === "::1" || /^127\./.test(ip);
}

/** How many other ports Jupyter tries when the wanted one is taken (Notebook: 5 next ones, then random near it). */
const PORT_RETRIES = 50;

function resolveNotebook(dir, name) {
  const available = existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith(".ipynb")).sort() : [];
  let file = basename(name);
  if (!file.endsWith(".ipynb")) file += ".ipynb";
  if (available.includes(file)) return file;
  const prefixed = available.filter((n) => n.startsWith(basename(name)));
  if (prefixed.length === 1) return prefixed[0];
  throw new SetupError(
    `no notebook ${name} in ${relative(ROOT, dir) || dir}/.` +
      (available.length ? ` Available:\n  ${available.join("\n  ")}` : " It has no notebooks yet."),
  );
}

/**
 * Waits until Jupyter serves; resolves with its port, or null when it exited first. Jupyter chooses the
 * port itself (it binds the wanted one or, taken, another: no gap between checking a port and binding
 * it, so two starts at the same instant both come up) and writes it to nbserver-PID.json.
 */
async function waitUntilReady(child, runtimeDir, token) {
  const infoFile = join(runtimeDir, `nbserver-${child.pid}.json`);
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return null;
    try {
      const { port } = JSON.parse(readFileSync(infoFile, "utf8"));
      const response = await fetch(`http://127.0.0.1:${port}/api/status?token=${token}`, {
        signal: AbortSignal.timeout(2000),
      });
      if (response.ok) return port;
    } catch {
      // not written or not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new SetupError(`Jupyter did not answer within ${READY_TIMEOUT_MS / 1000} s (no ${infoFile})`);
}

function lanAddresses() {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && a.family === "IPv4" && !a.internal)
    .map((a) => a.address);
}

async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: "string", default: "8888" },
        ip: { type: "string", default: "127.0.0.1" },
        notebook: { type: "string" },
        dir: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new SetupError(`${error.message}\n\n${HELP}`);
  }
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const wantedPort = Number(values.port);
  if (!Number.isInteger(wantedPort) || wantedPort < 1 || wantedPort > 65535) {
    throw new SetupError(`--port must be a port number (1-65535), not ${values.port}`);
  }
  const ip = values.ip;
  const dir = values.dir ? resolve(values.dir) : NOTEBOOKS_DIR;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new SetupError(`--dir: no such folder ${dir}`);
  const notebook = values.notebook ? resolveNotebook(dir, values.notebook) : null;

  const env = setup({ lenientLib: true });

  if (!isLoopback(ip)) {
    const bar = "!".repeat(78);
    process.stderr.write(
      `\n${bar}\n` +
        `!! WARNING: Jupyter will listen on ${ip}, reachable from the network (the class network).\n` +
        "!! Anyone who can reach this machine and has the URL with its token can run any code as\n" +
        `!! ${userInfo().username}. The token is the only protection: do not share or project it.\n` +
        "!! Terminals are disabled. Stop the server (Ctrl+C) when class is over.\n" +
        `${bar}\n\n`,
    );
  }

  // The token travels in the environment, not on the command line (other users can read `ps`).
  const token = randomBytes(24).toString("hex");
  const args = [
    "-m", "notebook",
    `--notebook-dir=${dir}`,
    `--ip=${ip}`,
    `--port=${wantedPort}`,
    `--port-retries=${PORT_RETRIES}`,
    "--no-browser",
    "--NotebookApp.open_browser=False",
    // "New" notebooks are TypeScript ones (the Python kernel stays available).
    "--MultiKernelManager.default_kernel_name=tslab",
    ...(isLoopback(ip) ? [] : ["--NotebookApp.terminals_enabled=False"]),
    ...(typeof process.getuid === "function" && process.getuid() === 0 ? ["--allow-root"] : []),
  ];
  log(`starting Jupyter Notebook: ${PYTHON} ${args.join(" ")}`);
  const child = spawn(PYTHON, args, {
    cwd: ROOT,
    env: { ...env, JUPYTER_TOKEN: token },
    // stdin is not a terminal, so Jupyter's Ctrl+C handler does not ask "Shutdown this server (y/[n])?".
    stdio: ["ignore", "inherit", "inherit"],
    // Its own process group: Ctrl+C in a terminal signals the whole foreground group, and Jupyter getting
    // that SIGINT while it handles our SIGTERM prints tracebacks and leaves kernel files behind. So only
    // this process hears the terminal, and Jupyter gets exactly one SIGTERM from stop().
    detached: true,
  });

  let stopping = false;
  let stoppedAt = 0;
  const stop = (signal) => {
    if (stopping) {
      // `npm start` forwards the terminal's SIGINT to us, which the terminal sent us too: one Ctrl+C
      // arrives twice within milliseconds. Only a later one means "stop now".
      if (Date.now() - stoppedAt < DUPLICATE_SIGNAL_MS) return;
      log(`${signal} again: killing Jupyter`);
      child.kill("SIGKILL");
      return;
    }
    stopping = true;
    stoppedAt = Date.now();
    log(`${signal}: stopping Jupyter (its kernels are shut down too)…`);
    // SIGTERM makes the Notebook stop its loop, shut down kernels and exit, without a prompt.
    child.kill("SIGTERM");
    setTimeout(() => {
      log(`Jupyter did not stop within ${STOP_GRACE_MS / 1000} s: killing it`);
      child.kill("SIGKILL");
    }, STOP_GRACE_MS).unref();
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGHUP", () => stop("SIGHUP"));
  process.on("exit", () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });

  const exited = new Promise((resolvePromise) => {
    child.on("exit", (code, signal) => resolvePromise({ code, signal }));
  });
  child.on("error", (error) => {
    process.stderr.write(`could not start ${PYTHON}: ${error.message}\n`);
  });

  const port = await Promise.race([waitUntilReady(child, env.JUPYTER_RUNTIME_DIR, token), exited.then(() => null)]);
  if (port !== null && port !== wantedPort) log(`port ${wantedPort} is in use: using port ${port} instead`);
  if (port !== null && !stopping) {
    const host = isLoopback(ip) ? "127.0.0.1" : ip === "0.0.0.0" || ip === "::" ? null : ip;
    const base = `http://${host ?? "127.0.0.1"}:${port}`;
    const lines = [
      "",
      "=".repeat(78),
      `  Jupyter Notebook is running with the ${KERNEL_DISPLAY_NAME} kernel.`,
      "  Open this URL in your browser (the token in it is the password):",
      "",
      `      ${base}/tree?token=${token}`,
      "",
    ];
    if (notebook) {
      lines.push(`  ${notebook}:`, "", `      ${base}/notebooks/${encodeURIComponent(notebook)}?token=${token}`, "");
    }
    if (!isLoopback(ip)) {
      const others = host === null ? lanAddresses() : [ip];
      for (const address of others) lines.push(`  From other machines: http://${address}:${port}/tree?token=${token}`);
      lines.push("", "  WARNING: reachable from the network; the token is the only protection.", "");
    }
    lines.push(...AFTER_AN_ERROR_LINES, "", "  Stop the server with Ctrl+C.", "=".repeat(78), "");
    process.stdout.write(lines.join("\n") + "\n");
  }

  const { code, signal } = await exited;
  if (stopping) {
    log("Jupyter stopped.");
    return 0;
  }
  throw new SetupError(
    `Jupyter exited unexpectedly (${signal ?? `exit code ${code}`}); see its messages above.`,
  );
}

runMain(main);
