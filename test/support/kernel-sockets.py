"""The project's tslab kernel started through jupyter_client, as a Notebook server starts it, in two cases:

--case taken: the connection file's iopub port is already held by another process. That is the race a
  class on one machine runs into over TCP: each student's server picks "free" ports for its kernels on
  its own, and two servers can pick the same port before either kernel has bound it. Reports whether the
  kernel answered, and whether (and how fast) its process exited.
--case ipc: the ipc transport (unix sockets named after the connection file, no ports), as the class
  servers use it: the kernel answers kernel_info and runs a cell.

Prints one JSON report on stdout. The kernel's stderr is captured and reported (its last 2,000 characters).

Usage: kernel-sockets.py --case taken|ipc [--kernel tslab] [--timeout SECONDS] [--runtime DIR]
"""

import argparse
import json
import os
import socket
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def start(km, stderr_path):
    stderr = open(stderr_path, "wb")
    km.start_kernel(cwd=os.path.join(ROOT, "notebooks"), stderr=stderr)
    stderr.close()
    return km.provisioner.process


def tail(path):
    with open(path, "rb") as f:
        return f.read().decode("utf-8", "replace")[-2000:]


def taken(args, work):
    from jupyter_client.manager import KernelManager

    # The other process's socket, bound and listening on 127.0.0.1 as another kernel's iopub would be.
    holder = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    holder.bind(("127.0.0.1", 0))
    holder.listen()
    port = holder.getsockname()[1]
    # No port cache: the cache (one per server process) would replace the port set here, and it cannot
    # know another server's ports anyway.
    km = KernelManager(kernel_name=args.kernel, cache_ports=False, connection_file=os.path.join(work, "kernel.json"))
    km.iopub_port = port
    stderr_path = os.path.join(work, "stderr")
    started = time.monotonic()
    process = start(km, stderr_path)
    client = km.client()
    client.start_channels()
    answered = False
    try:
        client.wait_for_ready(timeout=args.timeout)
        answered = True
    except RuntimeError:
        pass
    exit_code = process.poll()
    seconds = time.monotonic() - started
    client.stop_channels()
    km.shutdown_kernel(now=True)
    holder.close()
    return {"answered": answered, "exit_code": exit_code, "seconds": round(seconds, 2), "port": port,
            "stderr": tail(stderr_path)}


def ipc(args, work):
    from jupyter_client.manager import KernelManager

    km = KernelManager(kernel_name=args.kernel, transport="ipc", connection_file=os.path.join(work, "kernel.json"))
    stderr_path = os.path.join(work, "stderr")
    process = start(km, stderr_path)
    client = km.client()
    client.start_channels()
    report = {"transport": km.transport, "ip": km.ip, "answered": False, "result": None}
    try:
        client.wait_for_ready(timeout=args.timeout)
        report["answered"] = True
        def output(msg):
            if msg["msg_type"] in ("execute_result", "display_data", "stream"):
                content = msg["content"]
                report["result"] = content.get("text") or content.get("data", {}).get("text/plain")
        reply = client.execute_interactive("console.log([1, 2, 3].map((x) => x * x).join(' '))",
                                           timeout=args.timeout, output_hook=output)
        report["status"] = reply["content"]["status"]
        report["sockets"] = sorted(name for name in os.listdir(work) if name.startswith("kernel-ipc-"))
    except RuntimeError as error:
        report["error"] = str(error)
    finally:
        client.stop_channels()
        km.shutdown_kernel(now=True)
    report["exit_code"] = process.poll()
    report["left_after_shutdown"] = sorted(name for name in os.listdir(work) if name.startswith("kernel-ipc-"))
    report["stderr"] = tail(stderr_path)
    return report


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", choices=["taken", "ipc"], required=True)
    parser.add_argument("--kernel", default="tslab")
    parser.add_argument("--timeout", type=float, default=30)
    parser.add_argument("--runtime", help="folder for the connection file and sockets (default: a new temporary one)")
    args = parser.parse_args()
    work = args.runtime or tempfile.mkdtemp(prefix="amsgrad-k-")
    report = (taken if args.case == "taken" else ipc)(args, work)
    print(json.dumps(report))
