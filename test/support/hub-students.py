#!/usr/bin/python3
"""Students of a class on a JupyterHub, each driven the way classic Notebook's page drives a notebook.

Run it with Debian's Python (it needs only tornado, which JupyterHub depends on):

    /usr/bin/python3 test/support/hub-students.py --hub http://127.0.0.1:8000 --password PW \\
        --students alice,bob --notebook amsgrad-notebooks/05-visualization.ipynb --report -

Every student, all at once (or --stagger-ms apart), through the hub's public URL (the proxy) only:
  1. logs in with the hub's form (POST /hub/login), follows the redirects to the spawn page and waits
     on the progress event stream, as the spawn page does, until the server is ready;
  2. opens the notebook's page (the OAuth redirects into the student's own server set its cookie),
     reads the notebook through the contents API and starts a kernel with POST /api/sessions (with
     the page's _xsrf token);
  3. connects the kernel websocket /api/kernels/ID/channels, asks kernel_info (reconnecting and
     asking again when the server closes the socket, as the page does), then Run All: one
     execute_request per code cell, all sent at once with stop_on_error, as Cell -> Run All does;
  4. records every iopub output per cell and the execute replies; optionally tries two other
     students' servers with its own cookies (--probe-others: must be refused), opens more notebooks
     (--extra-kernels: each starts a kernel, as a new tab does) and measures tslab's
     abort-after-error window (--error-trials: a failing cell, then the next one D ms after the
     error's reply reaches the student, or with D < 0 sent right behind it, as Shift+Enter pressed
     twice does; after Run All, or before it with --error-trials-first);
  5. optionally saves the notebook with a cell of its own at the end (--save-cell CODE): the page's
     File -> Save, a PUT of the whole notebook model to the contents API with the _xsrf token.
Static files of the page (JavaScript, CSS) are not fetched.

Times are seconds from the student's login request: "server_ready" (spawn progress says ready),
"kernel_ready" (kernel_info_reply), "first_figure" (first display_data or execute_result with a
rich, non text/plain representation), "run_all" (the last cell's execute reply and idle status).

Output (--report, JSON): {"students": [{"name", "ok", "error", "times": {...}, "cells": [{"index",
"status", "outputs": [...]}], "lost_idle", "rate_limited", "iopub_messages", "reconnects", "probes", "extra_kernels", "error_trials",
"save": {"status", "path"}}]}. Outputs use
nbformat's shape (stream, display_data, execute_result, error), consecutive streams merged, so they
compare with an nbclient run of the same notebook.
Exit status: 0 every student ran every cell with status ok; 1 otherwise; 2 bad usage.
"""

import argparse
import asyncio
import http.cookies
import json
import sys
import time
import urllib.parse
import uuid

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

FIGURE_MIME = ("image/svg+xml", "image/png", "text/html")
FAILING_CELL = 'const notANumber: number = "this cell fails on purpose";'
NEXT_CELL = "1 + 1"


class Student:
    """One student's browser: a cookie jar and the requests the Notebook page makes."""

    def __init__(self, hub, name, password, timeout):
        self.hub = hub.rstrip("/")
        self.name = name
        self.password = password
        self.timeout = timeout
        self.cookies = {}
        self.client = AsyncHTTPClient()
        self.started = None
        self.times = {}

    def lap(self, what):
        self.times.setdefault(what, round(time.monotonic() - self.started, 3))

    def _remember(self, response):
        for header in response.headers.get_list("Set-Cookie"):
            jar = http.cookies.SimpleCookie()
            jar.load(header)
            for key, morsel in jar.items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.cookies.pop(key, None)
                else:
                    self.cookies[key] = morsel.value

    def _headers(self, extra=None):
        headers = {"Referer": self.hub + "/hub/", "Origin": self.hub}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if "_xsrf" in self.cookies:
            headers["X-XSRFToken"] = self.cookies["_xsrf"]
        headers.update(extra or {})
        return headers

    async def request(self, method, path, body=None, headers=None, follow=True, streaming_callback=None):
        """One request and, with `follow`, its redirects (cookies kept); returns (final path, response)."""
        url = path if path.startswith("http") else self.hub + path
        for _ in range(12):
            request = HTTPRequest(url, method=method, body=body, headers=self._headers(headers),
                                  follow_redirects=False, request_timeout=self.timeout,
                                  connect_timeout=self.timeout, streaming_callback=streaming_callback)
            try:
                response = await self.client.fetch(request, raise_error=False)
            except HTTPClientError as error:  # only raised for connection problems here
                raise RuntimeError(f"{method} {url}: {error}") from error
            self._remember(response)
            if response.code in (301, 302, 303, 307) and follow:
                location = response.headers["Location"]
                url = urllib.parse.urljoin(url, location)
                if response.code != 307:
                    method, body = "GET", None
                continue
            return urllib.parse.urlsplit(url).path, response
        raise RuntimeError(f"too many redirects from {path}")

    async def login(self):
        form = urllib.parse.urlencode({"username": self.name, "password": self.password})
        where, response = await self.request("POST", "/hub/login?next=", body=form,
                                             headers={"Content-Type": "application/x-www-form-urlencoded"})
        if response.code != 200 or "jupyterhub-hub-login" not in self.cookies:
            raise RuntimeError(f"login as {self.name} failed: HTTP {response.code} at {where}")
        self.lap("login")
        if where.startswith(f"/hub/spawn-pending/{self.name}"):
            await self.wait_for_spawn()
        self.lap("server_ready")

    async def wait_for_spawn(self):
        """The spawn page's EventSource: /hub/api/users/NAME/server/progress until ready (or failed)."""
        events = []
        buffer = [""]

        def on_chunk(chunk):
            buffer[0] += chunk.decode("utf-8", "replace")
            while "\n\n" in buffer[0]:
                block, buffer[0] = buffer[0].split("\n\n", 1)
                for line in block.splitlines():
                    if line.startswith("data:"):
                        events.append(json.loads(line[5:]))

        _, response = await self.request("GET", f"/hub/api/users/{self.name}/server/progress",
                                         headers={"Accept": "text/event-stream"}, streaming_callback=on_chunk)
        if response.code != 200:
            raise RuntimeError(f"spawn progress for {self.name}: HTTP {response.code}")
        last = events[-1] if events else {}
        if not last.get("ready"):
            raise RuntimeError(f"{self.name}'s server did not start: {last.get('message', 'no progress events')}")

    async def open_notebook(self, notebook):
        quoted = urllib.parse.quote(notebook)
        base = f"/user/{self.name}"
        where, page = await self.request("GET", f"{base}/notebooks/{quoted}")
        if page.code != 200 or not where.startswith(f"{base}/notebooks/"):
            raise RuntimeError(f"{self.name}: notebook page {notebook}: HTTP {page.code} at {where}")
        _, contents = await self.request("GET", f"{base}/api/contents/{quoted}?type=notebook&content=1")
        if contents.code != 200:
            raise RuntimeError(f"{self.name}: contents of {notebook}: HTTP {contents.code}: {contents.body[:300]!r}")
        model = json.loads(contents.body)
        kernel = (model["content"].get("metadata", {}).get("kernelspec") or {}).get("name", "tslab")
        body = json.dumps({"path": notebook, "type": "notebook", "name": "", "kernel": {"name": kernel}})
        _, session = await self.request("POST", f"{base}/api/sessions", body=body,
                                        headers={"Content-Type": "application/json"})
        if session.code not in (200, 201):
            raise RuntimeError(f"{self.name}: POST /api/sessions: HTTP {session.code}: {session.body[:300]!r}")
        session = json.loads(session.body)
        return model["content"], session

    async def start_session(self, notebook):
        """POST /api/sessions for another notebook (a new tab): the status and the server's message."""
        body = json.dumps({"path": notebook, "type": "notebook", "name": "", "kernel": {"name": "tslab"}})
        _, response = await self.request("POST", f"/user/{self.name}/api/sessions", body=body,
                                         headers={"Content-Type": "application/json"})
        try:
            message = json.loads(response.body).get("message", "")
        except ValueError:
            message = response.body[:300].decode("utf-8", "replace")
        return {"path": notebook, "status": response.code, "message": message}

    async def save_with_cell(self, notebook, code):
        """File -> Save after adding a code cell at the end: PUT the notebook model, as the page does."""
        quoted = urllib.parse.quote(notebook)
        path = f"/user/{self.name}/api/contents/{quoted}"
        _, current = await self.request("GET", f"{path}?type=notebook&content=1")
        if current.code != 200:
            raise RuntimeError(f"{self.name}: contents of {notebook} before saving: HTTP {current.code}")
        content = json.loads(current.body)["content"]
        content["cells"].append({"cell_type": "code", "id": uuid.uuid4().hex[:8], "metadata": {},
                                 "execution_count": None, "outputs": [], "source": code})
        body = json.dumps({"type": "notebook", "format": "json", "content": content})
        _, response = await self.request("PUT", path, body=body, headers={"Content-Type": "application/json"})
        return {"status": response.code, "path": notebook}

    async def probe(self, other, notebook):
        """Another student's server with this student's cookies: the status the hub's auth answers."""
        quoted = urllib.parse.quote(notebook)
        where, response = await self.request("GET", f"/user/{other}/api/contents/{quoted}")
        return {"other": other, "status": response.code, "at": where}


class Kernel:
    """The kernel websocket as the Notebook page uses it (JSON text frames, one per message)."""

    def __init__(self, student, session):
        self.student = student
        self.session_id = str(uuid.uuid4())
        self.kernel_id = session["kernel"]["id"]
        self.replies = {}
        self.outputs = {}
        self.idle = set()
        self.rate_limited = False
        self.iopub_count = 0
        self.info_requests = []
        self.reconnects = 0
        self.closing = False
        self.reader = None
        self.waiters = []
        self.socket = None

    async def connect(self):
        await self._open()
        self.reader = asyncio.ensure_future(self._read())

    async def _open(self):
        student = self.student
        url = student.hub.replace("http", "ws", 1) + (
            f"/user/{student.name}/api/kernels/{self.kernel_id}/channels?session_id={self.session_id}")
        request = HTTPRequest(url, headers=student._headers(), request_timeout=student.timeout,
                              connect_timeout=student.timeout)
        self.socket = await websocket_connect(request, max_message_size=256 * 1024 * 1024)

    def kernel_info(self):
        """kernel_info_request, as the page sends it on every (re)connection."""
        self.info_requests.append(self.send("kernel_info_request", {}))

    def ready(self):
        return any(m in self.replies for m in self.info_requests)

    async def _read(self):
        while True:
            message = await self.socket.read_message()
            if message is None:
                # The server closed the socket (it does when its own kernel_info "nudge" times out on
                # a kernel still starting). The page reconnects after 1, 2, 4… s, 7 times at most,
                # and asks kernel_info again; so does this student.
                if self.closing or self.reconnects >= 7:
                    break
                await asyncio.sleep(2 ** self.reconnects)
                self.reconnects += 1
                try:
                    await self._open()
                except Exception:  # noqa: BLE001 (the next round retries)
                    continue
                self.kernel_info()
                continue
            if isinstance(message, bytes):
                continue  # binary frames carry buffers (comms); the lessons send none
            msg = json.loads(message)
            self._handle(msg)
            for waiter in list(self.waiters):
                if waiter[0]():
                    self.waiters.remove(waiter)
                    waiter[1].set_result(True)

    def _handle(self, msg):
        parent = msg.get("parent_header", {}).get("msg_id")
        kind = msg["header"]["msg_type"]
        content = msg["content"]
        if msg.get("channel") == "shell":
            self.replies[parent] = (time.monotonic(), content)
            return
        if msg.get("channel") != "iopub" or parent is None:
            return
        self.iopub_count += 1
        if kind == "status" and content.get("execution_state") == "idle":
            self.idle.add(parent)
            return
        outputs = self.outputs.setdefault(parent, [])
        if kind == "stream":
            if "rate exceeded" in content.get("text", ""):
                self.rate_limited = True
            if outputs and outputs[-1]["output_type"] == "stream" and outputs[-1]["name"] == content["name"]:
                outputs[-1]["text"] += content["text"]
            else:
                outputs.append({"output_type": "stream", "name": content["name"], "text": content["text"]})
        elif kind in ("display_data", "execute_result"):
            output = {"output_type": kind, "data": content["data"], "metadata": content.get("metadata", {})}
            if kind == "execute_result":
                output["execution_count"] = content.get("execution_count")
            outputs.append(output)
            if any(m in content["data"] for m in FIGURE_MIME):
                self.student.lap("first_figure")
        elif kind == "error":
            outputs.append({"output_type": "error", "ename": content.get("ename", ""),
                            "evalue": content.get("evalue", ""), "traceback": content.get("traceback", [])})
        elif kind == "clear_output":
            outputs.clear()

    def send(self, msg_type, content):
        msg_id = uuid.uuid4().hex
        self.socket.write_message(json.dumps({
            "header": {"msg_id": msg_id, "username": self.student.name, "session": self.session_id,
                       "msg_type": msg_type, "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "content": content, "channel": "shell", "buffers": [],
        }))
        return msg_id

    async def until(self, condition, timeout):
        if condition():
            return True
        future = asyncio.get_running_loop().create_future()
        self.waiters.append((condition, future))
        try:
            await asyncio.wait_for(future, timeout)
            return True
        except asyncio.TimeoutError:
            return False

    def execute(self, code):
        return self.send("execute_request", {"code": code, "silent": False, "store_history": True,
                                             "user_expressions": {}, "allow_stdin": False,
                                             "stop_on_error": True})


class Barrier:
    """Every student past Run All (or failed): probes of other servers wait for it, so that the server probed
    is running and answers itself (403); before its spawn the hub answers for it with 404, which says nothing
    about the student's server refusing a stranger."""

    def __init__(self, count):
        self.waiting = count
        self.everyone_past = asyncio.Event()
        if count <= 0:
            self.everyone_past.set()

    def arrive(self):
        self.waiting -= 1
        if self.waiting <= 0:
            self.everyone_past.set()

    async def wait(self, timeout):
        await asyncio.wait_for(self.everyone_past.wait(), timeout)


async def run_student(student, args, everyone, barrier):
    result = {"name": student.name, "ok": False, "error": None, "times": student.times, "cells": []}
    student.started = time.monotonic()
    kernel = None
    arrived = False
    try:
        await student.login()
        notebook, session = await student.open_notebook(args.notebook)
        kernel = Kernel(student, session)
        await kernel.connect()
        kernel.kernel_info()
        if not await kernel.until(kernel.ready, args.timeout):
            raise RuntimeError(f"no kernel_info_reply (after {kernel.reconnects} reconnection(s))")
        student.lap("kernel_ready")
        if args.error_trials and args.error_trials_first:
            result["error_trials"] = await error_trials(kernel, args)
        cells = [(i, c) for i, c in enumerate(notebook["cells"])
                 if c["cell_type"] == "code" and (c["source"] if isinstance(c["source"], str)
                                                 else "".join(c["source"])).strip()]
        requests = [(i, kernel.execute(c["source"] if isinstance(c["source"], str) else "".join(c["source"])))
                    for i, c in cells]
        ids = [m for _, m in requests]
        replied = await kernel.until(lambda: all(m in kernel.replies for m in ids), args.timeout)
        # Outputs and idle status travel on iopub, the reply on shell: give iopub a moment to catch up.
        await kernel.until(lambda: all(m in kernel.idle for m in ids), 5 if replied else 0)
        student.lap("run_all")
        result["lost_idle"] = sum(1 for m in ids if m in kernel.replies and m not in kernel.idle)
        result["rate_limited"] = kernel.rate_limited
        result["iopub_messages"] = kernel.iopub_count
        result["reconnects"] = kernel.reconnects
        for index, msg_id in requests:
            reply = kernel.replies.get(msg_id)
            result["cells"].append({"index": index, "status": reply[1].get("status") if reply else "no reply",
                                    "outputs": kernel.outputs.get(msg_id, [])})
        barrier.arrive()
        arrived = True
        if args.probe_others:
            await barrier.wait(args.timeout)
            others = [n for n in everyone if n != student.name]
            result["probes"] = [await student.probe(o, args.notebook) for o in others[:2]]
        if args.extra_kernels:
            result["extra_kernels"] = [await student.start_session(p) for p in args.extra_kernels]
        if args.error_trials and not args.error_trials_first:
            result["error_trials"] = await error_trials(kernel, args)
        if args.save_cell:
            result["save"] = await student.save_with_cell(args.notebook, args.save_cell)
        result["ok"] = replied and all(c["status"] == "ok" for c in result["cells"])
        if not replied:
            result["error"] = "not every cell replied within the timeout"
    except Exception as error:  # noqa: BLE001 (reported per student)
        result["error"] = f"{type(error).__name__}: {error}"
    finally:
        if not arrived:
            barrier.arrive()
        if kernel and kernel.socket:
            kernel.closing = True
            kernel.socket.close()
        if kernel:
            result.setdefault("reconnects", kernel.reconnects)
    return result


async def error_trials(kernel, args):
    """tslab aborts every request that arrives within 200 ms of an error: how often a student sees it."""
    trials = []
    for delay_ms in args.error_delays:
        for _ in range(args.error_trials):
            failing = kernel.execute(FAILING_CELL)
            if delay_ms >= 0:
                await kernel.until(lambda: failing in kernel.replies, args.timeout)
                replied_at = kernel.replies.get(failing, (time.monotonic(), {}))[0]
                await asyncio.sleep(max(0.0, replied_at + delay_ms / 1000 - time.monotonic()))
            # (delay < 0: right behind the failing cell, before its reply; the kernel has it queued.)
            following = kernel.execute(NEXT_CELL)
            sent = time.monotonic()
            await kernel.until(lambda: failing in kernel.replies, args.timeout)
            await kernel.until(lambda: following in kernel.replies, args.timeout)
            reply = kernel.replies.get(following, (sent, {"status": "no reply"}))
            trials.append({"delay_ms": delay_ms, "failing": kernel.replies.get(failing, (0, {}))[1].get("status"),
                           "next": reply[1].get("status"), "next_outputs": len(kernel.outputs.get(following, [])),
                           "next_execution_count": reply[1].get("execution_count"),
                           "reply_ms": round(1000 * (reply[0] - sent))})
            await asyncio.sleep(0.4)  # past the window before the next trial
    return trials


async def main_async(args):
    AsyncHTTPClient.configure(None, max_clients=max(10, 4 * len(args.students)))
    students = [Student(args.hub, n, args.password, args.timeout) for n in args.students]
    tasks = []
    barrier = Barrier(len(students))
    for number, student in enumerate(students):
        if number and args.stagger_ms:
            await asyncio.sleep(args.stagger_ms / 1000)
        tasks.append(asyncio.ensure_future(run_student(student, args, args.students, barrier)))
    return await asyncio.gather(*tasks)


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Students running a notebook through a JupyterHub.")
    parser.add_argument("--hub", required=True, help="the hub's public URL, e.g. http://127.0.0.1:8000")
    parser.add_argument("--password", required=True, help="every student's password")
    parser.add_argument("--students", required=True, help="comma-separated user names")
    parser.add_argument("--notebook", required=True, help="path of the notebook in each student's server")
    parser.add_argument("--stagger-ms", type=float, default=0, help="pause between logins (default 0: at once)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds allowed per step (default 600)")
    parser.add_argument("--probe-others", action="store_true",
                        help="also try two other students' servers with this student's cookies")
    parser.add_argument("--extra-kernels", default="",
                        help="after Run All, open these notebooks too (comma-separated paths), as new tabs do")
    parser.add_argument("--error-trials", type=int, default=0,
                        help="after Run All, this many failing-cell trials per delay")
    parser.add_argument("--error-trials-first", action="store_true",
                        help="run the error trials before Run All (while the rest of the class starts)")
    parser.add_argument("--error-delays", default="0,100,200,300,500",
                        help="ms between a failed cell's reply and the next request, < 0: sent right behind the "
                             "failing cell (default 0,100,200,300,500)")
    parser.add_argument("--save-cell", default="",
                        help="after Run All, add a code cell with this source at the end and save (PUT contents)")
    parser.add_argument("--report", default="-", help="write the JSON report here ('-' = stdout)")
    args = parser.parse_args(argv)
    args.students = [s for s in args.students.split(",") if s]
    args.extra_kernels = [p for p in args.extra_kernels.split(",") if p]
    if not args.students:
        parser.error(f"--students must name at least one user, not {args.students!r}")
    try:
        args.error_delays = [float(d) for d in args.error_delays.split(",") if d]
    except ValueError:
        parser.error(f"--error-delays must be comma-separated milliseconds, not {args.error_delays!r}")
    return args


def main(argv):
    args = parse_args(argv)
    results = asyncio.run(main_async(args))
    text = json.dumps({"students": results}, ensure_ascii=False)
    if args.report == "-":
        sys.stdout.write(text + "\n")
    else:
        with open(args.report, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
    for r in results:
        if not r["ok"]:
            print(f"hub-students: {r['name']}: {r['error'] or 'a cell did not finish ok'}", file=sys.stderr)
    return 0 if all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
