#!/usr/bin/python3
"""Fresh kernel → first figure, side by side with the tutorial's Python stack, in one run.

    /usr/bin/python3 bench/kernel-start.py [--quick] [--runs N] [--json out.json]

Kernels, started in turn (interleaved, so the shared machine's load falls on all alike):
  python      Debian's python3-ipykernel with python3-numpy and python3-matplotlib, `%matplotlib inline`,
              the tutorial's contour-with-path program (installed here by apt-get when missing and root;
              nothing else in the project uses them)
  tslab       the project's kernel spec, as `npm start` writes it (scripts/setup.mjs kernelSpec(): patched tslab,
              TSLAB_TYPES=amsgrad-notebook-globals, the compile-cache preload; on Node 24 from the npm registry
              where the machine's Node is older than 22.1, else on the machine's Node)
  tslab-machine-node  the same spec on the machine's Node (only when the project's kernel uses another Node)
  tslab-no-cache      the project's spec without the preload (the compile cache off), on the kernel's Node
  tslab-plain the kernel as it was before the start-up work: the machine's Node, no preload, no TSLAB_TYPES
              (every @types package parsed). The library's light core and figure bundle stay: they are the
              library's, not the kernel's.

Measured for each: "first figure", from starting the kernel process to the arrival of the figure's
display_data for a cell sent as soon as the kernel answers kernel_info (what a student waits for after
opening a notebook); "warm re-run", the same cell again in that kernel, until its `idle`; the figure's
bytes as the notebook stores them (PNG as base64 text, SVG as text). Ratios are to Python.
Then "Restart & Run All" of each notebook (restart, all cells sent at once as the Notebook page does,
seconds until the last cell's `idle`), per tslab kernel, with the project's kernel's memory: RSS when
it answers after the restart, RSS after the last cell, and its peak RSS (VmHWM), from /proc (the
numbers behind the class hub's two kernels per student and 1 GiB, binder/jupyterhub/); and the peak
again under the class hub's cap, `ulimit -d` 1 GiB as binder/jupyterhub/student-server sets it (V8
sizes its heap by that limit).
"""

import argparse
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOTEBOOKS = os.path.join(ROOT, "notebooks")
PYTHON_PACKAGES = {"numpy": "python3-numpy", "matplotlib": "python3-matplotlib", "ipykernel": "python3-ipykernel"}

# The tutorial's complete example (contour plot with the AMSGrad path), as one cell. Its progress print
# is left out: the TypeScript cell prints nothing either, and 100 lines of text are not the figure.
PYTHON_CELL = """%matplotlib inline
from math import sqrt
from numpy import asarray, arange, meshgrid
from numpy.random import rand, seed
from matplotlib import pyplot

def objective(x, y):
    return x**2.0 + y**2.0

def derivative(x, y):
    return asarray([x * 2.0, y * 2.0])

def amsgrad(objective, derivative, bounds, n_iter, alpha, beta1, beta2):
    solutions = list()
    x = bounds[:, 0] + rand(len(bounds)) * (bounds[:, 1] - bounds[:, 0])
    m = [0.0 for _ in range(bounds.shape[0])]
    v = [0.0 for _ in range(bounds.shape[0])]
    vhat = [0.0 for _ in range(bounds.shape[0])]
    for t in range(n_iter):
        g = derivative(x[0], x[1])
        for i in range(x.shape[0]):
            m[i] = beta1**(t+1) * m[i] + (1.0 - beta1**(t+1)) * g[i]
            v[i] = (beta2 * v[i]) + (1.0 - beta2) * g[i]**2
            vhat[i] = max(vhat[i], v[i])
            x[i] = x[i] - alpha * m[i] / (sqrt(vhat[i]) + 1e-8)
        score = objective(x[0], x[1])
        solutions.append(x.copy())
    return solutions

seed(1)
bounds = asarray([[-1.0, 1.0], [-1.0, 1.0]])
solutions = amsgrad(objective, derivative, bounds, 100, 0.007, 0.9, 0.99)
xaxis = arange(bounds[0,0], bounds[0,1], 0.1)
yaxis = arange(bounds[1,0], bounds[1,1], 0.1)
x, y = meshgrid(xaxis, yaxis)
results = objective(x, y)
pyplot.contourf(x, y, results, levels=50, cmap='jet')
solutions = asarray(solutions)
pyplot.plot(solutions[:, 0], solutions[:, 1], '.-', color='w')
pyplot.show()
"""

# The same figure in TypeScript: the tutorial's run (numpy's seed(1) start) on the bowl's contour, as
# bench/figures-kernel.py's "tutorial cell".
TSLAB_CELL = """import { amsgrad, bowl, contourFigure, show } from "amsgrad";
const TUTORIAL = { start: [-0.165955990594852, 0.4406489868843162], nIter: 100, alpha: 0.007, beta1: 0.9, beta2: 0.99 };
show(contourFigure(bowl, { paths: [{ label: "AMSGrad", ...amsgrad(bowl.objective, bowl.derivative, TUTORIAL) }] }));
"""


def log(message):
    print(message, file=sys.stderr, flush=True)


def ensure_python_stack():
    """Debian's numpy, matplotlib and ipykernel for /usr/bin/python3: apt-get them when root, else say what to run."""
    import importlib.util
    missing = [pkg for module, pkg in PYTHON_PACKAGES.items() if importlib.util.find_spec(module) is None]
    if not missing:
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        log(f"kernel-start: installing {' '.join(missing)} (the Python side of the comparison)")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update"], check=True, env=env, stdout=sys.stderr)
        subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", *missing], check=True, env=env, stdout=sys.stderr)
        return
    sys.exit(f"kernel-start: the Python side needs {' '.join(missing)}: sudo apt-get install -y {' '.join(missing)}")


def node_version(binary):
    return subprocess.run([binary, "--version"], capture_output=True, text=True, check=True).stdout.strip()


def project_spec():
    out = subprocess.run(["node", "--input-type=module", "-e",
                          'import { kernelSpec, writeKernelSpec } from "./scripts/setup.mjs"; writeKernelSpec(); '
                          "console.log(JSON.stringify(kernelSpec()))"],
                         cwd=ROOT, check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def without_preload(argv):
    """The kernel's command without `--require scripts/kernel-preload.cjs` (the code cache)."""
    out, skip = [], False
    for a in argv:
        if skip:
            skip = False
            continue
        if a == "--require":
            skip = True
            continue
        out.append(a)
    return out


def write_specs(folder, machine_node):
    base = project_spec()
    specs = {
        "python": {"argv": ["/usr/bin/python3", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                   "display_name": "Python 3 (Debian)", "language": "python"},
        "tslab": base,
    }
    if os.path.realpath(base["argv"][0]) != os.path.realpath(machine_node):
        specs["tslab-machine-node"] = {**base, "argv": [machine_node, *base["argv"][1:]]}
    # Only the code cache off: what the preload gives, measured side by side.
    specs["tslab-no-cache"] = {**base, "argv": without_preload(base["argv"])}
    specs["tslab-plain"] = {**{k: v for k, v in base.items() if k != "env"},
                            "argv": [machine_node, *without_preload(base["argv"])[1:]]}
    # The project's kernel under student-server's memory cap (MEM_LIMIT 1G: ulimit -d in KiB).
    specs["tslab-capped"] = {**base, "argv": ["bash", "-c", 'ulimit -d 1048576 && exec "$@"', "--", *base["argv"]]}
    for name, spec in specs.items():
        os.makedirs(os.path.join(folder, "kernels", name))
        with open(os.path.join(folder, "kernels", name, "kernel.json"), "w", encoding="utf-8") as f:
            json.dump(spec, f)
    # The capped kernel is measured for memory only (after the notebooks' Restart & Run All).
    return [k for k in specs if k != "tslab-capped"]


def collect(kc, msg_id, timeout, want_figure):
    """iopub messages of one request until its idle: (seconds until the figure or None, seconds until idle, figure data)."""
    start = time.perf_counter()
    figure_at, figure = None, None
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind == "display_data" and figure is None and want_figure:
            figure_at, figure = time.perf_counter(), msg["content"]["data"]
        elif kind == "error":
            raise RuntimeError(f"cell failed: {msg['content'].get('ename')}: {msg['content'].get('evalue')}")
        elif kind == "stream" and msg["content"]["name"] == "stderr":
            raise RuntimeError(f"cell wrote to stderr: {msg['content']['text']}")
        elif kind == "status" and msg["content"]["execution_state"] == "idle":
            return figure_at, time.perf_counter(), figure


def fresh_kernel_run(name, cell, warm_runs):
    """Starts kernel `name`, runs `cell` as soon as it answers, then `warm_runs` more times."""
    from jupyter_client.manager import KernelManager
    km = KernelManager(kernel_name=name)
    started = time.perf_counter()
    km.start_kernel(cwd=NOTEBOOKS)
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=120)
        msg_id = kc.execute(cell)
        figure_at, _, figure = collect(kc, msg_id, 120, True)
        if figure is None:
            raise RuntimeError(f"{name}: the cell showed no figure")
        first = figure_at - started
        warm = []
        for _ in range(warm_runs):
            t0 = time.perf_counter()
            msg_id = kc.execute(cell)
            _, idle_at, _ = collect(kc, msg_id, 120, False)
            warm.append(idle_at - t0)
        mime = "image/png" if "image/png" in figure else "image/svg+xml"
        return first, warm, mime, len(figure[mime].encode("utf-8"))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def kernel_memory(km):
    """The kernel process's RSS now and its peak (VmHWM), in bytes, from /proc/PID/status."""
    process = getattr(km.provisioner, "process", None) if getattr(km, "provisioner", None) else km.kernel
    values = {}
    with open(f"/proc/{process.pid}/status", encoding="utf-8") as f:
        for line in f:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0]) * 1024
    return values["VmRSS"], values["VmHWM"]


def restart_and_run_all(name, notebook):
    """Kernel → Restart & Run All: seconds from the restart until the last cell's idle, and the kernel's
    memory: (seconds, RSS when ready, RSS after the last cell, peak RSS)."""
    import nbformat
    from jupyter_client.manager import KernelManager
    nb = nbformat.read(notebook, as_version=4)
    cells = [c.source for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    km = KernelManager(kernel_name=name)
    km.start_kernel(cwd=os.path.dirname(notebook))
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=120)
        started = time.perf_counter()
        km.restart_kernel(now=True)
        kc.wait_for_ready(timeout=120)
        ready_rss, _ = kernel_memory(km)
        ids = [kc.execute(source) for source in cells]
        pending = set(ids)
        while pending:
            msg = kc.get_iopub_msg(timeout=120)
            parent = msg["parent_header"].get("msg_id")
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle" and parent in pending:
                pending.discard(parent)
            elif parent in pending and (msg["msg_type"] == "error" or (msg["msg_type"] == "stream" and msg["content"]["name"] == "stderr")):
                raise RuntimeError(f"{os.path.basename(notebook)} on {name}: {msg['content']}")
        seconds = time.perf_counter() - started
        after_rss, peak_rss = kernel_memory(km)
        return seconds, ready_rss, after_rss, peak_rss
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def median(values):
    return statistics.median(values)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs")
    parser.add_argument("--runs", type=int, default=None, help="fresh kernels per kind (default 5, --quick 2)")
    parser.add_argument("--no-notebooks", action="store_true", help="skip Restart & Run All of the notebooks")
    parser.add_argument("--json", help="also write the numbers to this file")
    args = parser.parse_args(argv)
    runs = args.runs or (2 if args.quick else 5)
    warm_runs = 5 if args.quick else 10
    warnings.filterwarnings("ignore")
    ensure_python_stack()
    machine_node = subprocess.run(["node", "-p", "process.execPath"], capture_output=True, text=True, check=True).stdout.strip()
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        kinds = write_specs(folder, machine_node)
        versions = {}
        for kind in kinds:
            if kind != "python":
                with open(os.path.join(folder, "kernels", kind, "kernel.json"), encoding="utf-8") as f:
                    versions[kind] = node_version(json.load(f)["argv"][0])
        os.environ["JUPYTER_PATH"] = folder
        os.environ.setdefault("JUPYTER_RUNTIME_DIR", os.path.join(folder, "runtime"))
        os.environ["PYTHONNOUSERSITE"] = "1"
        samples = {k: {"first": [], "warm": []} for k in kinds}
        # One discarded round first: matplotlib's font cache, the disk cache of every kernel's files.
        for kind in kinds:
            fresh_kernel_run(kind, PYTHON_CELL if kind == "python" else TSLAB_CELL, 1)
        for i in range(runs):
            for kind in kinds:
                cell = PYTHON_CELL if kind == "python" else TSLAB_CELL
                first, warm, mime, size = fresh_kernel_run(kind, cell, warm_runs)
                samples[kind]["first"].append(first)
                samples[kind]["warm"].extend(warm)
                samples[kind]["figure"] = (mime, size)
                log(f"  run {i + 1}/{runs} {kind:<16} first figure {first:6.2f} s, warm {median(warm) * 1000:6.1f} ms")
        py = samples["python"]
        print(f"Fresh kernel → first figure (tutorial contour with path), {runs} fresh kernels each, interleaved; "
              f"warm: {warm_runs} re-runs per kernel; medians. Node: {', '.join(f'{k} {v}' for k, v in versions.items())}\n")
        print("| kernel | first figure s | ratio | warm re-run ms | ratio | figure | bytes | ratio |")
        print("|---|---:|---:|---:|---:|---|---:|---:|")
        for kind in kinds:
            s = samples[kind]
            first, warm = median(s["first"]), median(s["warm"])
            mime, size = s["figure"]
            results[kind] = {"first_s": first, "warm_ms": warm * 1000, "mime": mime, "bytes": size,
                             "first_ratio": first / median(py["first"]), "warm_ratio": warm / median(py["warm"]),
                             "bytes_ratio": size / py["figure"][1], "node": versions.get(kind)}
            r = results[kind]
            print(f"| {kind} | {first:.2f} | {r['first_ratio']:.2f}× | {warm * 1000:.1f} | {r['warm_ratio']:.2f}× | "
                  f"{mime} | {size:,} | {r['bytes_ratio']:.2f}× |")
        if not args.no_notebooks:
            notebooks = sorted(glob.glob(os.path.join(NOTEBOOKS, "[0-9][0-9]-*.ipynb")))
            tslab_kinds = [k for k in kinds if k != "python"]
            seconds = {k: {} for k in tslab_kinds}
            memory = {}
            for notebook in notebooks:
                for kind in tslab_kinds:
                    took, ready_rss, after_rss, peak_rss = restart_and_run_all(kind, notebook)
                    seconds[kind][os.path.basename(notebook)] = took
                    if kind == "tslab":
                        memory[os.path.basename(notebook)] = {"ready": ready_rss, "after": after_rss, "peak": peak_rss}
                _, _, _, capped_peak = restart_and_run_all("tslab-capped", notebook)
                memory[os.path.basename(notebook)]["capped_peak"] = capped_peak
            print("\nKernel → Restart & Run All: seconds from the restart until the last cell's idle (one run each)\n")
            print("| notebook | " + " | ".join(tslab_kinds) + " |")
            print("|---|" + "---:|" * len(tslab_kinds))
            for notebook in notebooks:
                name = os.path.basename(notebook)
                print(f"| {name} | " + " | ".join(f"{seconds[k][name]:.2f}" for k in tslab_kinds) + " |")
            print("| total | " + " | ".join(f"{sum(seconds[k].values()):.1f}" for k in tslab_kinds) + " |")
            results["restart_and_run_all"] = seconds
            mb = 2 ** 20
            print(f"\nThe project's kernel (tslab, Node {versions['tslab']}): RSS in MB, once it answers after the "
                  "restart, after the last cell's idle, and its peak (VmHWM); the peak again under the class hub's "
                  "ulimit -d 1 GiB\n")
            print("| notebook | ready | after Run All | peak | peak, capped |\n|---|---:|---:|---:|---:|")
            for name, m in memory.items():
                print(f"| {name} | {m['ready'] / mb:.0f} | {m['after'] / mb:.0f} | {m['peak'] / mb:.0f} | {m['capped_peak'] / mb:.0f} |")
            results["kernel_memory_bytes"] = memory
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
