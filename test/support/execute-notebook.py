#!/usr/bin/python3
"""Execute a notebook top to bottom in a fresh tslab kernel and report every cell.

Run it with Debian's Python (the one that has Jupyter):

    /usr/bin/python3 test/support/execute-notebook.py notebooks/01-intro.ipynb --output out.ipynb

Why not `jupyter nbconvert --execute`: tslab reports a failed cell only through the execute reply's
status and its stderr text (no `error` message, no ename/evalue), so nbclient raises CellExecutionError
with an empty message. This harness reads each reply itself and, on failure, prints the cell index, its
source and the stderr text. It also waits out tslab's ~200 ms "abort everything" window after an error
(and retries a cell that came back `abort`), so --allow-errors really runs every cell.

Output:
  --output PATH|-   the executed notebook (nbformat 4 JSON); with --twice, the first (fresh) pass.
  --report PATH|-   JSON: {"ok", "notebook", "kernel", "seconds", "passes", "error", "cells": [{"pass",
                    "run", "index", "status", "execution_count", "seconds", "stderr", "source", "outputs"}]}
                    ("run" is 2 for the immediate second run of a cell under --repeat-each, else 1)
  stderr            one line per executed cell, then a summary; a failure in full.
Exit status: 0 all cells ok; 1 a cell failed, timed out or the kernel died; 2 bad usage or setup.

JUPYTER_PATH is prefixed with the project's .jupyter-local (where `npm start`/`npm test` write the tslab
kernel spec); the kernel runs with the notebook's folder as working directory.
"""

import argparse
import asyncio
import copy
import json
import math
import os
import sys
import time
import warnings

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LOCAL_JUPYTER = os.path.join(ROOT, ".jupyter-local")


def prepare_environment():
    """Point Jupyter at the project-local kernel spec and keep its files inside .jupyter-local."""
    paths = [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    if os.path.abspath(LOCAL_JUPYTER) not in [os.path.abspath(p) for p in paths]:
        paths.insert(0, LOCAL_JUPYTER)
    os.environ["JUPYTER_PATH"] = os.pathsep.join(paths)
    for var, sub in (("JUPYTER_RUNTIME_DIR", "runtime"), ("JUPYTER_DATA_DIR", "data"),
                     ("JUPYTER_CONFIG_DIR", "config"), ("IPYTHONDIR", "ipython")):
        if not os.environ.get(var):
            os.environ[var] = os.path.join(LOCAL_JUPYTER, sub)
        os.makedirs(os.environ[var], mode=0o700, exist_ok=True)


def seconds(value):
    """nbclient wants whole seconds."""
    return max(1, math.ceil(float(value)))


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Execute a notebook in a fresh tslab kernel and report per-cell status.")
    parser.add_argument("notebook", help="path of the .ipynb to execute")
    parser.add_argument("--output", "-o", help="write the executed notebook here ('-' = stdout)")
    parser.add_argument("--report", help="write the JSON report here ('-' = stdout)")
    parser.add_argument("--allow-errors", action="store_true",
                        help="run every cell even after a failure (exit status is still 1)")
    parser.add_argument("--timeout", type=seconds, default=120,
                        help="seconds allowed per cell (default 120)")
    parser.add_argument("--startup-timeout", type=seconds, default=60,
                        help="seconds allowed for the kernel to start (default 60)")
    parser.add_argument("--twice", action="store_true",
                        help="run all cells, then all cells again in the same kernel (a class re-running)")
    parser.add_argument("--repeat-each", action="store_true",
                        help="run every cell twice in a row (Shift+Enter, then again) and report both runs")
    parser.add_argument("--edits", default=None,
                        help="JSON file of [{\"find\": TEXT, \"replace\": TEXT}]: each TEXT found in exactly one code "
                             "cell is replaced there before the run (a reader editing the hyperparameter cell)")
    parser.add_argument("--kernel", default=None,
                        help="kernel name (default: the notebook's kernelspec, else tslab)")
    parser.add_argument("--quiet", "-q", action="store_true", help="print only failures and the summary")
    return parser.parse_args(argv)


def stream_text(outputs, name):
    return "".join(
        (o.get("text") if isinstance(o.get("text"), str) else "".join(o.get("text") or []))
        for o in outputs if o.get("output_type") == "stream" and o.get("name") == name)


def describe_failure(path, entry, passes):
    where = f"cell {entry['index']}" + (f" (pass {entry['pass']} of {passes})" if passes > 1 else "")
    lines = [f"{path}: {where} failed: {entry['status']}", "------------------", entry["source"].rstrip("\n"),
             "------------------"]
    if entry.get("message"):
        lines.append(entry["message"].rstrip("\n"))
    stderr = entry["stderr"].rstrip("\n")
    lines.append(f"stderr:\n{stderr}" if stderr else "stderr: (empty)")
    return "\n".join(lines)


async def execute(args, nb, path):
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from nbclient.util import ensure_async

    kernel = args.kernel or nb.metadata.get("kernelspec", {}).get("name") or "tslab"
    nb_dir = os.path.dirname(os.path.abspath(path))
    client = NotebookClient(
        nb,
        kernel_name=kernel,
        timeout=args.timeout,
        startup_timeout=args.startup_timeout,
        allow_errors=True,  # we decide what a failure is: tslab's errors carry no ename/evalue
        record_timing=False,  # timestamps in cell metadata would make executed notebooks differ
        resources={"metadata": {"path": nb_dir}},
    )
    replies = {}
    client.on_cell_executed = lambda cell, cell_index, execute_reply: replies.__setitem__(
        cell_index, execute_reply)

    passes = 2 if args.twice else 1
    entries = []
    first_pass = None
    stop = False
    count = 0
    async with client.async_setup_kernel():
        info = await client.async_wait_for_reply(await ensure_async(client.kc.kernel_info()))
        if info is not None and "language_info" in info["content"]:
            nb.metadata["language_info"] = info["content"]["language_info"]
        for pass_number in range(1, passes + 1):
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code" or not cell.source.strip():
                    continue
                for run in (1, 2) if args.repeat_each else (1,):
                    entry = {"pass": pass_number, "run": run, "index": index, "source": cell.source}
                    for attempt in range(3):
                        replies.pop(index, None)
                        count += 1
                        started = time.monotonic()
                        try:
                            await client.async_execute_cell(cell, index, execution_count=count)
                            reply = replies.get(index)
                            status = reply["content"].get("status", "ok") if reply else "ok"
                        except CellTimeoutError as error:
                            status, entry["message"] = "timeout", str(error)
                        except DeadKernelError as error:
                            status, entry["message"] = "dead", f"the kernel died: {error}"
                        entry["seconds"] = round(time.monotonic() - started, 3)
                        if status != "abort":
                            break
                        # tslab aborts requests that arrive within ~200 ms after an error: wait and retry.
                        count -= 1
                        await asyncio.sleep(0.5)
                    entry.update(status=status, execution_count=cell.get("execution_count"),
                                 stderr=stream_text(cell.outputs, "stderr"),
                                 outputs=copy.deepcopy(cell.outputs))
                    entries.append(entry)
                    if not args.quiet or status != "ok":
                        label = f"[pass {pass_number}] " if passes > 1 else ""
                        again = " (again)" if run == 2 else ""
                        note = " (wrote to stderr)" if status == "ok" and entry["stderr"] else ""
                        print(f"{label}cell {index:3d}{again} {status:7s} {entry['seconds']:7.3f}s{note}",
                              file=sys.stderr, flush=True)
                    if status in ("timeout", "dead") or (status != "ok" and not args.allow_errors):
                        stop = True
                        break
                    if status != "ok":
                        await asyncio.sleep(0.3)  # let tslab's post-error abort window pass
                if stop:
                    break
            if pass_number == 1:
                first_pass = copy.deepcopy(nb)
            if stop:
                break
    return kernel, entries, first_pass or nb


def apply_edits(nb, edits):
    """Replaces each edit's `find` text in the one code cell that contains it (ValueError otherwise)."""
    if not isinstance(edits, list):
        raise ValueError("expected a list of {find, replace} objects")
    for edit in edits:
        find, replace = edit.get("find"), edit.get("replace")
        if not isinstance(find, str) or not find or not isinstance(replace, str):
            raise ValueError(f"each edit needs a non-empty find and a replace string, got {edit!r}")
        cells = [c for c in nb.cells if c.cell_type == "code" and find in c.source]
        if len(cells) != 1:
            raise ValueError(f"{find!r} is in {len(cells)} code cells, not exactly one")
        if cells[0].source.count(find) != 1:
            raise ValueError(f"{find!r} occurs {cells[0].source.count(find)} times in its cell, not once")
        cells[0].source = cells[0].source.replace(find, replace)


def main(argv):
    args = parse_args(argv)
    warnings.filterwarnings("ignore")  # nbformat's MissingIDFieldWarning etc. would pollute stderr
    prepare_environment()
    try:
        import nbformat
        import nbclient  # noqa: F401
    except ImportError as error:
        print(f"execute-notebook: {error}. Run this with Debian's /usr/bin/python3 "
              "(apt-get install jupyter-nbconvert python3-nbclient jupyter-client).", file=sys.stderr)
        return 2
    path = args.notebook
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as error:  # noqa: BLE001
        print(f"execute-notebook: cannot read {path}: {error}", file=sys.stderr)
        return 2

    if args.edits:
        try:
            apply_edits(nb, json.load(open(args.edits, encoding="utf-8")))
        except (OSError, ValueError) as error:
            print(f"execute-notebook: --edits {args.edits}: {error}", file=sys.stderr)
            return 2

    started = time.monotonic()
    try:
        kernel, entries, executed = asyncio.run(execute(args, nb, path))
    except Exception as error:  # noqa: BLE001 (kernel could not start, no such kernel, ...)
        name = type(error).__name__
        hint = ""
        if name == "NoSuchKernel":
            hint = ("\nThe tslab kernel spec is written by `npm start`, `npm test` and `npm run build` to "
                    f"{os.path.join(LOCAL_JUPYTER, 'kernels', 'tslab', 'kernel.json')}.")
        print(f"execute-notebook: {path}: {name}: {error}{hint}", file=sys.stderr)
        return 2
    seconds = round(time.monotonic() - started, 3)

    failures = [e for e in entries if e["status"] != "ok"]
    passes = 2 if args.twice else 1
    for failure in failures:
        print(describe_failure(path, failure, passes), file=sys.stderr)
    ok_count = len(entries) - len(failures)
    print(f"{path}: {ok_count} cells ok, {len(failures)} failed, {seconds:.2f}s", file=sys.stderr, flush=True)

    report = {
        "ok": not failures,
        "notebook": path,
        "kernel": kernel,
        "seconds": seconds,
        "passes": passes,
        "error": describe_failure(path, failures[0], passes) if failures else None,
        "cells": entries,
    }
    if args.output:
        text = nbformat.writes(executed)
        if args.output == "-":
            sys.stdout.write(text + "\n")
        else:
            with open(args.output, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
    if args.report:
        text = json.dumps(report, indent=1, ensure_ascii=False)
        if args.report == "-":
            sys.stdout.write(text + "\n")
        else:
            with open(args.report, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
