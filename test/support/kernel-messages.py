#!/usr/bin/python3
"""Run cells in ONE fresh tslab kernel and record every message each one produced, in arrival order.

For tests of the kernel's messaging itself (nothing lost, nothing out of order), not of notebooks:

    /usr/bin/python3 test/support/kernel-messages.py --cells cells.json --report -

cells.json: a JSON list of cell sources, run one after the other as a student re-running cells does
(each sent when the previous one's reply and `idle` have come; after an error, 0.5 s later, past tslab's
~200 ms window that aborts every request). The kernel runs in notebooks/ (so `import … from
"amsgrad"` resolves) with the project-local kernel spec (execute-notebook.py's environment).

Report (JSON): {"cells": [{"index", "reply": status or null, "idle": bool, "messages": [[msg_type, detail],
...]}], "late": [[cell index, msg_type, detail], ...], "stopped": reason or null}. `messages` lists the
iopub messages whose parent is that cell, between sending it and its `idle` (detail: the status, the stream
text, or the display's MIME types and the first 200 characters of the first one); `late` lists iopub messages that arrived for
a cell after its `idle`. A cell whose reply or `idle` does not come within --wait seconds ends the run
(`stopped` says why): the kernel has lost a message, and waiting longer would only make the test slow.
"""

import argparse
import importlib.util
import json
import os
import queue
import sys
import time
import warnings

_here = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("run_cells_in_order", os.path.join(_here, "run-cells-in-order.py"))
_run_cells_in_order = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_run_cells_in_order)
ROOT = _run_cells_in_order.ROOT
prepare_environment = _run_cells_in_order.prepare_environment
wait_until_listening = _run_cells_in_order.wait_until_listening


def detail(msg):
    kind, content = msg["msg_type"], msg["content"]
    if kind == "status":
        return content.get("execution_state")
    if kind == "stream":
        return f"{content.get('name')}:{content.get('text', '')}"
    if kind in ("display_data", "execute_result", "update_display_data"):
        data = content.get("data", {})
        first = next(iter(data.values()), "")
        return f"{','.join(sorted(data))}:{str(first)[:200]}"
    if kind == "error":
        return f"{content.get('ename')}: {content.get('evalue')}"
    return ""


def run_all_at_once(kc, sources, wait):
    """Sends every cell at once (the Notebook page's Run All) and records, per cell, each iopub message
    with its arrival time (seconds since the first send) and the arrival time of the reply."""
    started = time.monotonic()
    by_id, cells = {}, []
    for index, source in enumerate(sources):
        msg_id = kc.execute(source, store_history=True)
        cell = {"index": index, "reply": None, "reply_at": None, "idle": False, "messages": []}
        cells.append(cell)
        by_id[msg_id] = cell
    deadline = started + wait
    while not all(c["reply"] is not None and c["idle"] for c in cells) and time.monotonic() < deadline:
        try:
            msg = kc.get_iopub_msg(timeout=0.01)
            cell = by_id.get(msg["parent_header"].get("msg_id"))
            if cell is not None:
                cell["messages"].append([msg["msg_type"], detail(msg), round(time.monotonic() - started, 4)])
                if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                    cell["idle"] = True
        except queue.Empty:
            pass
        try:
            while True:
                reply = kc.get_shell_msg(timeout=0)
                cell = by_id.get(reply["parent_header"].get("msg_id"))
                if cell is not None:
                    cell["reply"] = reply["content"].get("status")
                    cell["reply_at"] = round(time.monotonic() - started, 4)
        except queue.Empty:
            pass
    waiting = [c["index"] for c in cells if c["reply"] is None or not c["idle"]]
    return cells, (f"cells {waiting}: no reply or idle within {wait} s" if waiting else None)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cells", required=True, help="JSON list of cell sources ('-' = stdin)")
    parser.add_argument("--report", default="-", help="write the JSON report here ('-' = stdout)")
    parser.add_argument("--wait", type=float, default=60, help="seconds to wait for a cell's reply and idle")
    parser.add_argument("--kernel", default="tslab")
    parser.add_argument("--all-at-once", action="store_true",
                        help="send every cell at once, as Run All does, and time each message's arrival")
    parser.add_argument("--lag", type=float, default=0,
                        help="seconds to wait after sending each cell before reading (a client that falls behind)")
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")
    prepare_environment()
    from jupyter_client.manager import KernelManager

    sources = json.load(sys.stdin if args.cells == "-" else open(args.cells, encoding="utf-8"))
    km = KernelManager(kernel_name=args.kernel)
    km.start_kernel(cwd=os.path.join(ROOT, "notebooks"))
    cells, late, stopped = [], [], None
    by_id = {}
    try:
        kc = km.client()
        kc.start_channels()
        kc.wait_for_ready(timeout=60)
        wait_until_listening(kc, 60)
        if args.all_at_once:
            cells, stopped = run_all_at_once(kc, sources, args.wait)
            sources = []
        for index, source in enumerate(sources):
            msg_id = kc.execute(source, store_history=True)
            cell = {"index": index, "reply": None, "idle": False, "messages": []}
            cells.append(cell)
            by_id[msg_id] = cell
            if args.lag:
                time.sleep(args.lag)
            deadline = time.monotonic() + args.wait
            while (cell["reply"] is None or not cell["idle"]) and time.monotonic() < deadline:
                try:
                    msg = kc.get_iopub_msg(timeout=0.05)
                    parent = by_id.get(msg["parent_header"].get("msg_id"))
                    if parent is None:
                        continue
                    if parent["idle"]:
                        late.append([parent["index"], msg["msg_type"], detail(msg)])
                        continue
                    parent["messages"].append([msg["msg_type"], detail(msg)])
                    if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                        parent["idle"] = True
                except queue.Empty:
                    pass
                try:
                    while cell["reply"] is None:
                        reply = kc.get_shell_msg(timeout=0)
                        if reply["parent_header"].get("msg_id") == msg_id:
                            cell["reply"] = reply["content"].get("status")
                except queue.Empty:
                    pass
            if cell["reply"] is None or not cell["idle"]:
                missing = " and ".join(m for m, gone in (("reply", cell["reply"] is None), ("idle", not cell["idle"])) if gone)
                stopped = f"cell {index}: no {missing} within {args.wait} s"
                break
            if cell["reply"] == "error":
                time.sleep(0.5)  # tslab aborts requests that arrive within ~200 ms of an error
        # Anything still in flight for earlier cells is late by definition.
        time.sleep(0.2)
        while True:
            try:
                msg = kc.get_iopub_msg(timeout=0.1)
            except queue.Empty:
                break
            parent = by_id.get(msg["parent_header"].get("msg_id"))
            if parent is not None and parent["idle"]:
                late.append([parent["index"], msg["msg_type"], detail(msg)])
        kc.stop_channels()
    finally:
        km.shutdown_kernel(now=True)

    text = json.dumps({"cells": cells, "late": late, "stopped": stopped}, ensure_ascii=False)
    if args.report == "-":
        sys.stdout.write(text + "\n")
    else:
        with open(args.report, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
