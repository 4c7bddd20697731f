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
    """'amsgrad' once lib/src/index.ts re-exports the figures; the built file's path before that."""
    index = os.path.join(ROOT, "lib", "dist", "index.js")
    figures = os.path.join(ROOT, "lib", "dist", "figures", "index.js")
    if not os.path.exists(figures):
        sys.exit("bench/figures-kernel.py: build the library first (npx tsc -p lib)")
    with open(index, encoding="utf-8") as f:
        if "figures/index.js" in f.read():
            return "amsgrad", "amsgrad"
    return "amsgrad", os.path.join(ROOT, "lib", "dist", "figures", "index.js")


def make_cells():
    core, figures = library_specifier()
    setup = (
        f'import {{ amsgrad, adam, bowl, numpyRandom }} from "{core}";\n'
        f'import {{ contourFigure, surfaceFigure, objectiveCurve, show }} from "{figures}";\n'
    )
    run = 'const result = amsgrad(bowl.objective, bowl.derivative, { bounds: bowl.bounds, rng: numpyRandom(1), nIter: 100, alpha: 0.007, beta1: 0.9, beta2: 0.99 });\n'
    cells = {
        "empty cell (kernel round trip)": "1;",
        "run AMSGrad only": run + "result.score;",
        "run AMSGrad + show contour figure": run + 'show(contourFigure(bowl, { paths: [{ label: "AMSGrad", ...result }] }));',
        "run AMSGrad + show 3-D surface": run + "show(surfaceFigure(bowl));",
        "run AMSGrad + show objective curve": run + 'show(objectiveCurve([{ label: "AMSGrad", ...result }], { log: true }));',
    }
    return setup, cells


def run_cell(kc, code, timeout=60):
    start = time.perf_counter()
    msg_id = kc.execute(code, store_history=True)
    reply = None
    idle = False
    outputs = []
    while reply is None or not idle:
        if reply is None:
            try:
                msg = kc.get_shell_msg(timeout=0.001 if idle else timeout)
                if msg["parent_header"].get("msg_id") == msg_id:
                    reply = msg
                continue
            except Exception:
                pass
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            idle = True
        elif msg["msg_type"] in ("stream", "display_data", "execute_result", "error"):
            outputs.append(msg)
    elapsed = (time.perf_counter() - start) * 1000
    return elapsed, reply["content"]["status"], outputs


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()

    from jupyter_client.manager import start_new_kernel

    setup, cells = make_cells()
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
            print(f"warm tslab kernel, {args.repeat} runs per cell after 2 warm-ups (execute_request → reply + idle)")
            print(f"{'cell':<40} {'median ms':>10} {'q1':>8} {'q3':>8}  output")
            for name, code in cells.items():
                times = []
                kinds = set()
                for i in range(args.repeat + 2):
                    ms, status, outputs = run_cell(kc, code)
                    if status != "ok":
                        sys.exit(f"{name}: cell failed: {[o['content'] for o in outputs]}")
                    for o in outputs:
                        kinds.update(o["content"].get("data", {}).keys() or [o["msg_type"]])
                    if i >= 2:
                        times.append(ms)
                q = statistics.quantiles(times, n=4)
                results[name] = {"median": statistics.median(times), "q1": q[0], "q3": q[2]}
                print(f"{name:<40} {statistics.median(times):>10.1f} {q[0]:>8.1f} {q[2]:>8.1f}  {', '.join(sorted(kinds)) or '-'}")
            if args.json:
                with open(args.json, "w", encoding="utf-8") as f:
                    json.dump(results, f, indent=2)
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)


if __name__ == "__main__":
    main()
