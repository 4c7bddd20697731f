#!/usr/bin/env node
// `npm run class`: a JupyterHub for a class on the teacher's machine. Debian's JupyterHub 3.0 and its
// configurable-http-proxy, PAM logins for the machine's accounts, one classic Notebook server per
// student (LocalProcessSpawner, as that student) with the project's kernel and the student's own
// copy of the lessons. The hub's configuration is binder/jupyterhub/jupyterhub_config.py, shared
// with the hub image. Plain Node ESM, no dependencies: it runs before `npm install`.

import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { networkInterfaces } from "node:os";
import { join, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import { AFTER_AN_ERROR_LINES, KERNEL_DISPLAY_NAME, LOCAL_JUPYTER, kernelNode, NOTEBOOKS_DIR, PYTHON, ROOT, SetupError, TSLAB_BIN, log, runMain, setup } from "./setup.mjs";

const HUB_DIR = join(ROOT, "binder", "jupyterhub");
const HUB_CONFIG = join(HUB_DIR, "jupyterhub_config.py");
const DEFAULT_STATE = join(ROOT, ".class-hub");
const DEFAULT_GROUP = "amsgrad-class";
/** TESTS ONLY (test/class.test.ts, bench/class.ts): a password that any user name logs in with. */
const TEST_PASSWORD_VARIABLE = "AMSGRAD_CLASS_TEST_ONLY_PASSWORD";
/** The hub stops each student's server with SIGINT, then SIGTERM after 10 s, SIGKILL after 5 s more. */
const STOP_GRACE_MS = 40_000;
const READY_TIMEOUT_MS = 90_000;
/** A second SIGINT within this time is the same Ctrl+C (a terminal's, which npm may forward too), as in npm start. */
const DUPLICATE_SIGNAL_MS = 1000;

const HELP = `Usage: sudo npm run class [-- options]

Starts a JupyterHub for a class on this machine (Debian's JupyterHub 3.0; installed when missing).
Students open the printed URL and log in with their account on this machine; each gets their own
Jupyter Notebook server, running as them, with the ${KERNEL_DISPLAY_NAME} kernel and their own
copy of the lessons in ~/amsgrad-notebooks (made at first login; their edits are never overwritten).

Options:
  --port N          port students connect to (default 8000)
  --ip ADDRESS      address to bind (default 127.0.0.1, this machine only). 0.0.0.0 lets the class
                    network in: passwords then cross it unencrypted (plain HTTP).
  --group NAME      the Unix group whose members may log in (default ${DEFAULT_GROUP})
  --admin USER      this account may use the hub's admin page (stop/start students' servers);
                    repeat for more. It must be a member of the group too.
  --state FOLDER    the hub's database and cookie secret (default .class-hub/ in this checkout)
  -h, --help        this help

Runs as root: PAM checks passwords in /etc/shadow and each student's server runs as that student.
Add students (each with a password they type at login):

  sudo groupadd --force ${DEFAULT_GROUP}
  sudo useradd --create-home --shell /bin/bash --groups ${DEFAULT_GROUP} alice
  sudo passwd alice
  (an existing account: sudo usermod --append --groups ${DEFAULT_GROUP} bob)

Hand out an updated lesson: replace notebooks/NN-name.ipynb here (or git pull). Each student gets it
at their next server start: an unedited copy is replaced, an edited one is kept and the new version
appears beside it as NN-name.new.ipynb. To start servers afresh now, stop them from the admin page
(--admin) or restart the class.

Stop with Ctrl+C: the hub stops every student's server and kernel and the proxy; what students
saved is on disk in their home folders.
`;

function isLoopback(ip) {
  return ip === "localhost" || ip === "::1" || /^127\./.test(ip);
}

function isRoot() {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

/** Resolves with whether `port` can be bound on `ip` right now. */
function portFree(ip, port) {
  return new Promise((resolvePromise) => {
    const server = createServer();
    server.once("error", () => resolvePromise(false));
    server.listen({ host: ip, port, exclusive: true }, () => server.close(() => resolvePromise(true)));
  });
}

/** A loopback port nothing listens on (the OS picks it), for the hub's internal API and the proxy's. */
function freeLoopbackPort() {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen({ host: "127.0.0.1", port: 0 }, () => {
      const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
      server.close(() => resolvePromise(port));
    });
  });
}

/** Members of Unix group `name` (supplementary members, which the hub's allowed_groups checks), or null. */
function groupMembers(name) {
  const result = spawnSync("getent", ["group", name], { encoding: "utf8" });
  if (result.status !== 0) return null;
  const members = result.stdout.trim().split(":")[3] ?? "";
  return members.split(",").filter(Boolean);
}

/**
 * What a student (any other account) cannot reach among `paths`: every folder on the way needs
 * o+x, each file o+r (o+x too when `executable`).
 */
function unreachableForOthers(paths) {
  const problems = new Set();
  for (const { path, executable = false } of paths) {
    const parts = resolve(path).split(sep).filter(Boolean);
    for (let i = 1; i < parts.length; i++) {
      const folder = sep + parts.slice(0, i).join(sep);
      if (!(statSync(folder).mode & 0o001)) problems.add(`${folder} (folder: others need x)`);
    }
    const mode = statSync(path).mode;
    if (statSync(path).isDirectory()) {
      if ((mode & 0o005) !== 0o005) problems.add(`${path} (folder: others need r and x)`);
    } else if (!(mode & 0o004) || (executable && !(mode & 0o001))) {
      problems.add(`${path} (others need r${executable ? " and x" : ""})`);
    }
  }
  return [...problems];
}

/** Process ids whose environment carries this class's mark (every process the hub started). */
function classProcesses(mark) {
  const needle = Buffer.from(`AMSGRAD_CLASS_ID=${mark}\0`);
  const pids = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`).includes(needle)) pids.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

function signalAll(pids, signal) {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

function lanAddresses() {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && a.family === "IPv4" && !a.internal)
    .map((a) => a.address);
}

function parseOptions() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: "string", default: "8000" },
        ip: { type: "string", default: "127.0.0.1" },
        group: { type: "string", default: DEFAULT_GROUP },
        admin: { type: "string", multiple: true, default: [] },
        state: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new SetupError(`${error.message}\n\n${HELP}`);
  }
  if (values.help) return null;
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port < 1 || port > 65535) {
    throw new SetupError(`--port must be a port number (1-65535), not ${values.port}`);
  }
  const unixName = /^[a-z_][a-z0-9_.-]*\$?$/i;
  if (!unixName.test(values.group)) throw new SetupError(`--group must be a Unix group name, not ${values.group}`);
  for (const admin of values.admin) {
    if (!unixName.test(admin)) throw new SetupError(`--admin must be a user name, not ${admin}`);
  }
  if (!values.ip) throw new SetupError("--ip must be an address, e.g. 127.0.0.1 or 0.0.0.0, not an empty string");
  return { port, ip: values.ip, group: values.group, admins: values.admin, state: resolve(values.state ?? DEFAULT_STATE) };
}

/** The checks a real class needs: root, the group, a checkout every student can read. */
function checkRealClass({ group }) {
  if (!isRoot()) {
    throw new SetupError(
      "the class hub runs as root: PAM checks students' passwords in /etc/shadow and each student's " +
        "server runs as that student. Run it with: sudo npm run class",
    );
  }
  const members = groupMembers(group);
  if (members === null) {
    throw new SetupError(
      `there is no group ${group}: only its members may log in. Create it and add students:\n\n` +
        `    sudo groupadd --force ${group}\n` +
        `    sudo useradd --create-home --shell /bin/bash --groups ${group} alice && sudo passwd alice\n\n` +
        "(npm run class -- --help says more)",
    );
  }
  if (members.length === 0) {
    log(`WARNING: group ${group} has no members yet, so nobody can log in. Add one with:`);
    log(`  sudo useradd --create-home --shell /bin/bash --groups ${group} alice && sudo passwd alice`);
  }
  const problems = unreachableForOthers([
    { path: process.execPath, executable: true },
    { path: kernelNode(), executable: true },
    { path: TSLAB_BIN },
    { path: join(LOCAL_JUPYTER, "kernels", "tslab", "kernel.json") },
    { path: join(ROOT, "lib", "dist", "index.js") },
    { path: NOTEBOOKS_DIR },
    { path: join(HUB_DIR, "student-server"), executable: true },
    { path: join(HUB_DIR, "amsgrad-notebooks.sh") },
    { path: join(HUB_DIR, "server-config", "jupyter_notebook_config.py") },
  ]);
  if (problems.length > 0) {
    throw new SetupError(
      "students' servers run as the students, and they cannot read this checkout:\n  " +
        problems.join("\n  ") +
        "\nPut the repository where every account can read it, e.g.\n\n" +
        "    sudo git clone <this repository> /srv/amsgrad && cd /srv/amsgrad && sudo npm run class\n\n" +
        "or give others read access to the folders listed (chmod o+rx).",
    );
  }
}

function testOnlyBanner(ip) {
  if (!isLoopback(ip)) {
    throw new SetupError(`${TEST_PASSWORD_VARIABLE} is for tests only and needs --ip 127.0.0.1, not ${ip}`);
  }
  const bar = "!".repeat(78);
  process.stderr.write(
    `\n${bar}\n!! TEST-ONLY LOGIN (${TEST_PASSWORD_VARIABLE} is set): any user name logs in with that\n` +
      "!! password, and every student's server runs as this account. Tests and benchmarks only: a\n" +
      `!! class needs the real login (unset ${TEST_PASSWORD_VARIABLE}).\n${bar}\n\n`,
  );
}

function networkWarning(ip, port, group) {
  const bar = "!".repeat(78);
  process.stderr.write(
    `\n${bar}\n` +
      `!! WARNING: the class hub will listen on ${ip}:${port}, reachable from the network (the class network).\n` +
      `!! Every member of group ${group} can log in and run any code on this machine as themselves.\n` +
      "!! Passwords and notebooks cross the network unencrypted (plain HTTP): use a class network you\n" +
      "!! trust. Stop the hub (Ctrl+C) when class is over.\n" +
      `${bar}\n\n`,
  );
}

/** Resolves true once the hub answers through the proxy (false if it exited first). */
async function waitUntilReady(hub, hubPort, port) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  // The hub's own port first: asked through the proxy before the hub adds its route, the proxy
  // would log an error for every try.
  for (const url of [`http://127.0.0.1:${hubPort}/hub/api`, `http://127.0.0.1:${port}/hub/api`]) {
    for (;;) {
      if (hub.exitCode !== null || hub.signalCode !== null) return false;
      if (Date.now() > deadline) throw new SetupError(`the hub did not answer on port ${port} within ${READY_TIMEOUT_MS / 1000} s`);
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
        if (response.ok) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return true;
}

function readyMessage({ ip, port, group, testOnly }) {
  const host = isLoopback(ip) ? "127.0.0.1" : ip === "0.0.0.0" || ip === "::" ? null : ip;
  const urls = host === null ? ["127.0.0.1", ...lanAddresses()] : [host];
  const lines = [
    "",
    "=".repeat(78),
    `  The class hub is running (JupyterHub, ${KERNEL_DISPLAY_NAME} kernel). Students open:`,
    "",
    ...urls.map((address) => `      http://${address}:${port}/`),
    "",
    testOnly
      ? "  TEST-ONLY login: any user name with the test's password."
      : `  and log in with their account on this machine (members of group ${group}).`,
    "  Each student works in their own copy of the lessons, ~/amsgrad-notebooks.",
    "  Let them log in a row at a time, a few seconds apart: a whole class at once waits about",
    "  twice as long for its first figure (measured: README, \"A class on one machine\").",
    "",
    ...AFTER_AN_ERROR_LINES,
    "",
    "  Stop with Ctrl+C: every student's server and kernel stops; what they saved stays on disk",
    "  (ask them to save, Ctrl+S, first).",
    "=".repeat(78),
    "",
  ];
  return lines.join("\n") + "\n";
}

async function main() {
  const options = parseOptions();
  if (options === null) {
    process.stdout.write(HELP);
    return 0;
  }
  const { port, ip, group, admins, state } = options;
  const testPassword = process.env[TEST_PASSWORD_VARIABLE] || "";
  const testOnly = testPassword !== "";
  if (testOnly) testOnlyBanner(ip);

  setup({ hub: true, lenientLib: true });
  if (!testOnly) checkRealClass({ group });
  if (!(await portFree(ip, port))) {
    throw new SetupError(`port ${port} on ${ip} is in use (another hub or server?); pick another with --port N`);
  }
  if (!isLoopback(ip)) networkWarning(ip, port, group);
  if (existsSync(state) && !statSync(state).isDirectory()) throw new SetupError(`--state must be a folder, not the file ${state}`);
  mkdirSync(state, { recursive: true, mode: 0o700 });

  const mark = randomBytes(12).toString("hex");
  const hubPort = await freeLoopbackPort();
  const env = {
    ...process.env,
    AMSGRAD_CLASS_IP: ip,
    AMSGRAD_CLASS_PORT: String(port),
    AMSGRAD_CLASS_HUB_PORT: String(hubPort),
    AMSGRAD_CLASS_PROXY_API_PORT: String(await freeLoopbackPort()),
    AMSGRAD_CLASS_STATE: state,
    AMSGRAD_CLASS_GROUP: group,
    AMSGRAD_CLASS_ADMINS: admins.join(","),
    AMSGRAD_CLASS_ID: mark,
    AMSGRAD_HOME: ROOT,
    AMSGRAD_KERNELS_PATH: LOCAL_JUPYTER,
    JUPYTER_PYTHON: PYTHON,
    PYTHONNOUSERSITE: "1",
  };
  const args = ["-m", "jupyterhub", "-f", HUB_CONFIG];
  log(`starting JupyterHub: ${PYTHON} ${args.join(" ")} (state in ${state})`);
  // Its own process group: Ctrl+C reaches this script only, which asks the hub to stop once (the
  // hub, given SIGINT and SIGTERM together, would run its clean-up twice).
  const hub = spawn(PYTHON, args, { cwd: state, env, stdio: ["ignore", "inherit", "inherit"], detached: true });
  const exited = new Promise((resolvePromise) => hub.on("exit", (code, signal) => resolvePromise({ code, signal })));
  hub.on("error", (error) => process.stderr.write(`could not start ${PYTHON}: ${error.message}\n`));

  let stopping = false;
  let stoppedAt = 0;
  const stop = (signal) => {
    if (stopping) {
      if (Date.now() - stoppedAt < DUPLICATE_SIGNAL_MS) return;
      log(`${signal} again: killing the hub and everything it started`);
      hub.kill("SIGKILL");
      signalAll(classProcesses(mark), "SIGKILL");
      return;
    }
    stopping = true;
    stoppedAt = Date.now();
    log(`${signal}: stopping the hub, every student's server and kernel, and the proxy…`);
    hub.kill("SIGTERM");
    setTimeout(() => {
      log(`the hub did not stop within ${STOP_GRACE_MS / 1000} s: killing it`);
      hub.kill("SIGKILL");
    }, STOP_GRACE_MS).unref();
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => stop(signal));
  process.on("exit", () => {
    if (hub.exitCode === null && hub.signalCode === null) hub.kill("SIGKILL");
    signalAll(classProcesses(mark), "SIGKILL");
  });

  const ready = await Promise.race([waitUntilReady(hub, hubPort, port), exited.then(() => false)]);
  if (ready && !stopping) process.stdout.write(readyMessage({ ip, port, group, testOnly }));

  const { code, signal } = await exited;
  // Anything the hub started and did not stop (it should stop all): stopped here, then reported.
  const left = classProcesses(mark);
  if (left.length > 0) {
    log(`still running after the hub exited: ${left.join(", ")}; stopping them`);
    signalAll(left, "SIGTERM");
    await new Promise((r) => setTimeout(r, 3000));
    signalAll(classProcesses(mark), "SIGKILL");
  }
  if (stopping) {
    log(left.length > 0 ? `class stopped (${left.length} process(es) had to be stopped after the hub)` : "class stopped: nothing left running.");
    return 0;
  }
  throw new SetupError(`the hub exited unexpectedly (${signal ?? `exit code ${code}`}); see its messages above.`);
}

runMain(main);
