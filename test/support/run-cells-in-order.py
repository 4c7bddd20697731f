#!/usr/bin/python3
"""Run a notebook's cells in a given order, with kernel restarts in between, in ONE tslab kernel.

What a class does to a notebook: run everything, scroll up and re-run a cell above, re-run sections in
any order, restart the kernel and run all again. The plan says which cells run when:

    /usr/bin/python3 test/support/run-cells-in-order.py NOTEBOOK.ipynb --plan plan.json --report -

plan.json: {"steps": [{"label": "top to bottom", "cells": [1, 3, 5]}, {"label": "restart", "restart": true}, ...]}
(cell indices in nb.cells, markdown cells counted; indices of markdown cells are refused).

Report (JSON): {"ok", "notebook", "seconds", "runs": [{"step", "label", "index", "status", "seconds",
"stderr", "error"}]}; a run fails when its reply is not "ok" (tslab: status "error", the message on
stderr), when it writes to stderr, or when an iopub "error" message arrives. tslab drops requests that
arrive within ~200 ms of an error (status "abort"): such a cell is retried after 0.5 s.
Exit status: 0 all runs ok, 1 some failed, 2 bad usage or setup.

Run it with Debian's Python (the one with Jupyter). JUPYTER_PATH gets the project's .jupyter-local first
(the tslab kernel spec that `npm start`/`npm test` write); the kernel's working directory is the
notebook's folder, as in the Notebook.
"""

import argparse
import importlib.util
import json
import os
import queue
import sys
import time
import warnings

# The environment set-up is execute-notebook.py's (the project-local kernel spec, Jupyter's files in
# .jupyter-local); that file's name has a hyphen, so it is loaded by path.
_spec = importlib.util.spec_from_file_location("execute_notebook", os.path.join(os.path.dirname(os.path.abspath(__file__)), "execute-notebook.py"))
_execute_notebook = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_execute_notebook)
ROOT = _execute_notebook.ROOT
prepare_environment = _execute_notebook.prepare_environment


def wait_until_listening(kc, timeout):
    """kernel_info until iopub delivers a message (the SUB socket joins late), then drain iopub."""
    deadline = time.monotonic() + timeout
    while True:
        kc.kernel_info(reply=True, timeout=timeout)
        try:
            kc.get_iopub_msg(timeout=1)
            break
        except queue.Empty:
            if time.monotonic() > deadline:
                raise RuntimeError(f"no iopub message from the kernel within {timeout} s")
    while True:
        try:
            kc.get_iopub_msg(timeout=0.2)
        except queue.Empty:
            break


def run_cell(kc, source, timeout):
    out = {"stderr": "", "error": ""}

    def hook(msg):
        kind = msg["msg_type"]
        content = msg["content"]
        if kind == "stream" and content.get("name") == "stderr":
            out["stderr"] += content.get("text", "")
        elif kind == "error":
            out["error"] += f"{content.get('ename', '')}: {content.get('evalue', '')}"

    try:
        reply = kc.execute_interactive(source, output_hook=hook, timeout=timeout, allow_stdin=False)
        status = reply["content"].get("status", "ok")
    except TimeoutError:
        status = "timeout"
    return status, out


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("notebook")
    parser.add_argument("--plan", required=True, help="plan JSON file ('-' = stdin)")
    parser.add_argument("--report", default="-", help="write the JSON report here ('-' = stdout)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds per cell (default 120)")
    parser.add_argument("--kernel", default=None, help="kernel name (default: the notebook's, else tslab)")
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")
    prepare_environment()
    try:
        import nbformat
        from jupyter_client.manager import KernelManager
    except ImportError as error:
        print(f"run-cells-in-order: {error}. Run this with Debian's /usr/bin/python3.", file=sys.stderr)
        return 2

    nb = nbformat.read(args.notebook, as_version=4)
    plan = json.load(sys.stdin if args.plan == "-" else open(args.plan, encoding="utf-8"))
    for step in plan["steps"]:
        for index in step.get("cells", []):
            if not (0 <= index < len(nb.cells)) or nb.cells[index].cell_type != "code":
                print(f"run-cells-in-order: cell {index} of {args.notebook} is not a code cell", file=sys.stderr)
                return 2

    kernel = args.kernel or nb.metadata.get("kernelspec", {}).get("name") or "tslab"
    started = time.monotonic()
    km = KernelManager(kernel_name=kernel)
    km.start_kernel(cwd=os.path.dirname(os.path.abspath(args.notebook)))
    runs = []
    try:
        kc = km.client()
        kc.start_channels()
        kc.wait_for_ready(timeout=60)
        wait_until_listening(kc, 60)
        for number, step in enumerate(plan["steps"]):
            label = step.get("label", f"step {number}")
            if step.get("restart"):
                t0 = time.monotonic()
                km.restart_kernel(now=False)
                kc.wait_for_ready(timeout=60)
                wait_until_listening(kc, 60)
                print(f"[{label}] kernel restarted in {time.monotonic() - t0:.2f}s", file=sys.stderr, flush=True)
                continue
            for index in step["cells"]:
                source = nb.cells[index].source
                for _attempt in range(3):
                    t0 = time.monotonic()
                    status, out = run_cell(kc, source, args.timeout)
                    if status != "abort":
                        break
                    time.sleep(0.5)
                entry = {"step": number, "label": label, "index": index, "status": status,
                         "seconds": round(time.monotonic() - t0, 3), **out}
                ok = status == "ok" and not out["stderr"] and not out["error"]
                entry["ok"] = ok
                runs.append(entry)
                if not ok:
                    print(f"[{label}] cell {index} FAILED ({status}):\n{source}\n--- stderr:\n{out['stderr']}{out['error']}",
                          file=sys.stderr, flush=True)
                    time.sleep(0.3)  # let tslab's post-error abort window pass
                    if status == "timeout":
                        break
            print(f"[{label}] {len(step['cells'])} cells", file=sys.stderr, flush=True)
        kc.stop_channels()
    finally:
        km.shutdown_kernel(now=False)

    report = {"ok": all(r["ok"] for r in runs), "notebook": args.notebook,
              "seconds": round(time.monotonic() - started, 3), "runs": runs}
    text = json.dumps(report, indent=1, ensure_ascii=False)
    if args.report == "-":
        sys.stdout.write(text + "\n")
    else:
        with open(args.report, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
