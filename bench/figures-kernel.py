#!/usr/bin/python3
"""Times notebook cells in a warm tslab kernel: the round trip of execute_request → reply + idle.

Run with Debian's Python (it has jupyter_client):  /usr/bin/python3 bench/figures-kernel.py [--repeat N]
It starts a throw-away kernel spec (JUPYTER_PATH in a temporary folder, nothing installed), runs a setup cell,
then each timed cell `repeat` times after two warm-up runs, and prints the median and quartiles in ms.
"""
import argparse
import json
import os
import statistics
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOTEBOOKS = os.path.join(ROOT, "notebooks")


def library_specifier():
    """The library's main entry serves the figures too (loaded on first use)."""
    if not os.path.exists(os.path.join(ROOT, "lib", "dist", "index.js")):
        sys.exit("bench/figures-kernel.py: build the library first (npm run build:lib)")
    return "amsgrad", "amsgrad"


def make_cells(no_cache=False):
    core, figures = library_specifier()
    # The tutorial's run: numpy seed(1) start, 100 iterations, alpha 0.007, beta1 0.9, beta2 0.99.
    setup = (
        f'import {{ amsgrad, adam, bowl }} from "{core}";\n'
        f'import {{ contourFigure, surfaceFigure, objectiveCurve, show }} from "{figures}";\n'
        "const TUTORIAL = { start: [-0.165955990594852, 0.4406489868843162], nIter: 100, alpha: 0.007, beta1: 0.9, beta2: 0.99 };\n"
        # The naive version's plumbing: Plot and a DOM in the notebook itself.
        'import * as Plot from "@observablehq/plot";\n'
        'import { parseHTML } from "linkedom";\n'
        'import * as tslab from "tslab";\n'
        'const doc = parseHTML("<!DOCTYPE html><html><body></body></html>").document;\n'
    )
    run = "amsgrad(bowl.objective, bowl.derivative, TUTORIAL)"
    if no_cache:
        # The contour cache off: every figure contours from scratch (same module instance as "amsgrad").
        setup += f'require({json.dumps(os.path.join(ROOT, "lib", "dist", "figures", "bands.js"))}).setBandCacheSize(0);\n'
    naive = (
        f"const r = {run};\n"
        "const svg = Plot.plot({ document: doc, width: 480, height: 480, x: { domain: [-1, 1] }, y: { domain: [-1, 1] },\n"
        '  color: { type: "linear", scheme: "turbo" }, marks: [\n'
        "  Plot.contour({ fill: (x: number, y: number) => bowl.objective(x, y), x1: -1, x2: 1, y1: -1, y2: 1, thresholds: 50 }),\n"
        '  Plot.line(r.solutions, { x: "0", y: "1", stroke: "white" }), Plot.dot(r.solutions, { x: "0", y: "1", fill: "white", r: 2 })] });\n'
        'svg.setAttribute("xmlns", "http://www.w3.org/2000/svg");\n'
        "tslab.display.svg(svg.outerHTML);"
    )
    cells = {
        "empty cell (kernel round trip)": "1;",
        "run AMSGrad (expression)": f"{run}.score;",
        "run AMSGrad (const result = ...)": f"const result = {run};\nresult.score;",
        "tutorial cell: run + show contour": f'show(contourFigure(bowl, {{ paths: [{{ label: "AMSGrad", ...{run} }}] }}));',
        "tutorial cell, const style": f'const result = {run};\nshow(contourFigure(bowl, {{ paths: [{{ label: "AMSGrad", ...result }}] }}));',
        "run + show 3-D surface": f"{run};\nshow(surfaceFigure(bowl));",
        "run + show objective curve": f'show(objectiveCurve([{{ label: "AMSGrad", ...{run} }}], {{ log: true }}));',
        "naive: run + Plot.contour in the cell": naive,
    }
    return setup, cells


def run_cell(kc, code, timeout=60):
    """
    Executes one cell; returns (ms until the reply and the idle status have both arrived, status, outputs).
    tslab occasionally loses a cell's iopub messages (about one cell in a few hundred here): the reply
    still comes, so the reply is what ends the wait; the idle status is then awaited only briefly.
    """
    start = time.perf_counter()
    msg_id = kc.execute(code, store_history=True)
    outputs = []
    idle_at = None
    reply = None
    while reply is None:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") != msg_id:
            reply = None
    reply_at = time.perf_counter()
    deadline = reply_at + 1.0
    while idle_at is None and time.perf_counter() < deadline:
        try:
            msg = kc.get_iopub_msg(timeout=max(0.001, deadline - time.perf_counter()))
        except Exception:
            break
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            idle_at = time.perf_counter()
        elif msg["msg_type"] in ("stream", "display_data", "execute_result", "error"):
            outputs.append(msg)
    end = max(reply_at, idle_at or reply_at)
    return (end - start) * 1000, reply["content"]["status"], outputs


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--no-cache", action="store_true", help="turn the contour cache off (every render contours from scratch)")
    args = parser.parse_args()

    from jupyter_client.manager import start_new_kernel

    setup, cells = make_cells(args.no_cache)
    with tempfile.TemporaryDirectory() as tmp:
        spec_dir = os.path.join(tmp, "kernels", "tslab")
        os.makedirs(spec_dir)
        with open(os.path.join(spec_dir, "kernel.json"), "w", encoding="utf-8") as f:
            json.dump({
                "argv": ["/usr/bin/node", os.path.join(ROOT, "node_modules", "tslab", "bin", "tslab"),
                         "kernel", "--config-path", "{connection_file}"],
                "display_name": "TypeScript", "language": "typescript"}, f)
        os.environ["JUPYTER_PATH"] = tmp
        os.makedirs(NOTEBOOKS, exist_ok=True)
        km, kc = start_new_kernel(kernel_name="tslab", cwd=NOTEBOOKS, startup_timeout=60)
        try:
            ms, status, outputs = run_cell(kc, setup)
            if status != "ok":
                sys.exit(f"setup cell failed: {[o['content'] for o in outputs]}")
            results = {}
            where = " (contour cache off)" if args.no_cache else ""
            print(f"warm tslab kernel{where}: {args.repeat} runs per cell, interleaved, after 2 warm-ups (execute_request → reply + idle)")
            times = {name: [] for name in cells}
            kinds = {name: set() for name in cells}
            for i in range(args.repeat + 2):
                for name, code in cells.items():
                    ms, status, outputs = run_cell(kc, code)
                    if status != "ok":
                        sys.exit(f"{name}: cell failed: {[o['content'] for o in outputs]}")
                    for o in outputs:
                        kinds[name].update(o["content"].get("data", {}).keys() or [o["msg_type"]])
                    if i >= 2:
                        times[name].append(ms)
            print(f"{'cell':<40} {'median ms':>10} {'q1':>8} {'q3':>8}  output")
            for name in cells:
                q = statistics.quantiles(times[name], n=4)
                results[name] = {"median": statistics.median(times[name]), "q1": q[0], "q3": q[2]}
                print(f"{name:<40} {statistics.median(times[name]):>10.1f} {q[0]:>8.1f} {q[2]:>8.1f}  {', '.join(sorted(kinds[name])) or '-'}")
            if args.json:
                with open(args.json, "w", encoding="utf-8") as f:
                    json.dump(results, f, indent=2)
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
            del kc


if __name__ == "__main__":
    main()
