"""Limits of one student's Jupyter server, the same on every hub that serves these lessons.

Loaded by the two config files beside it (found through JUPYTER_CONFIG_PATH, which `npm run class`
and the hub image set): jupyter_notebook_config.py for classic Notebook 6 (Debian's JupyterHub 3.0),
jupyter_server_config.py for Jupyter Server 2 (the image: Notebook 7, JupyterLab). The numbers come
from measurements on the project's machine kind (2 cores, 24 GiB); README.md, "A class on one
machine", has the benchmark they come from.
"""

import atexit
import os
import tempfile

from tornado import web

# A tslab kernel holds 130-155 MB when it starts and 190-290 MB after running one of lessons 1-8 (about
# 145 MB after notebook 0; bench/kernel-start.py, Node 24, no memory cap), the student's server about 135 MB.
# Two kernels let a student keep the previous lesson open beside the current one; every further tab
# would add 130-290 MB, and 30 students with lessons 1-8 all open would need 46-70 GB on a 24 GiB
# machine (with two: about 21 GB). A student who asks for a third gets the message below.
KERNELS_PER_STUDENT = 2

# Kernels nobody has used for an hour (a class period) are shut down, even with the tab still open:
# their memory goes back to the class. Re-running a lesson takes a few seconds.
KERNEL_IDLE_SECONDS = 3600
KERNEL_CULL_INTERVAL_SECONDS = 300

# When a student's page connects, the server asks the kernel for kernel_info and closes the page's
# connection if no answer comes within this time (the page then reconnects). With 30 students logging
# in at once on 2 cores, the wait from a running server to an answering kernel reached 64.5 s
# (2026-12-01, before the kernel work; 38.7 s on 2026-12-02), past the default 60 s; in that run one
# student's kernel connection got no answer (the benchmark's client did not reconnect then: the likely
# cause, not proven). 120 s covers a class of 30 on this machine kind.
KERNEL_INFO_TIMEOUT_SECONDS = 120

# A server with no kernel and no activity for an hour stops itself (about 135 MB back to the class).
# When the student comes back (logging in again, or the hub's Start / Launch Server button) the hub
# starts a fresh one, which also hands out updated lessons.
SERVER_IDLE_SECONDS = 3600

TOO_MANY_KERNELS = (
    "You already have {running} notebooks running, the most one student may run on this class hub. "
    "Close one first ({how}), then reload this page."
)
# How to close a notebook's kernel, in the menus of the front end each server application serves.
HOW_TO_CLOSE = {
    "NotebookApp": "File > Close and Halt in its tab, or Running > Shutdown in the file list",
    "ServerApp": "File > Close and Shut Down Notebook in its tab, or shut its kernel down in the list of running kernels",
}


# Kernels talk to the student's server over unix sockets (jupyter_client's ipc transport), not TCP ports.
# Over TCP each student's server picks "free" ports for its kernels on its own, and on a machine shared
# by a class two servers can pick the same port before either kernel binds it: measured with 20 and with
# 10 students logging in at once (bench/class.ts), one kernel each time failed to bind ("Address already
# in use") and its student never got an answer. Unix sockets are named after each kernel's own connection
# file: nothing to clash, and no port on 127.0.0.1 that other accounts of the machine can connect to.
KERNEL_TRANSPORT = "ipc"


def private_connection_dir():
    """A new folder only this account can enter, for the kernels' connection files and sockets.

    A socket's path must fit in 107 bytes; in the runtime folder under a home
    (~/.local/share/jupyter/runtime/kernel-<36-character id>-ipc-5) a long home path would not.
    mkdtemp makes the folder with mode 0700 under a name nobody can take first. Removed at exit when
    empty (jupyter_client removes each kernel's files at its shutdown).
    """
    folder = tempfile.mkdtemp(prefix="amsgrad-kernels-")
    atexit.register(lambda: os.path.isdir(folder) and not os.listdir(folder) and os.rmdir(folder))
    return folder


class TooManyKernels(web.HTTPError):
    """A 403 whose text is the message alone. Jupyter Server's sessions handler turns any error from
    starting a kernel into a 500 carrying str(error), which the page shows the student: tornado's
    str() would put "HTTP 403: Forbidden (...)" around the message. (Notebook 6 answers the 403.)"""

    def __init__(self, running, how):
        super().__init__(403, TOO_MANY_KERNELS.format(running=running, how=how))

    def __str__(self):
        return self.log_message


def kernels_per_student(base, how, limit=KERNELS_PER_STUDENT):
    """`base` (the server's kernel manager class) refusing to start more than `limit` kernels, saying
    `how` to close one."""

    class KernelsPerStudent(base):
        """Starts a new kernel only while fewer than the limit are running (restarts always work); keeps
        its kernels' connection files and sockets in a private folder of its own."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.connection_dir = private_connection_dir()

        async def start_kernel(self, *args, **kwargs):
            kernel_id = kwargs.get("kernel_id", args[0] if args else None)
            running = len(self.list_kernel_ids())
            if kernel_id is None and running >= limit:
                raise TooManyKernels(running, how)
            return await super().start_kernel(*args, **kwargs)

    return KernelsPerStudent


# The student's folder holds a node_modules link (the kernel resolves "amsgrad" through it); the file
# list need not show it.
HIDDEN = ["node_modules", "__pycache__", "*.pyc", ".ipynb_checkpoints"]


def configure(c, app, kernel_manager_base):
    """Writes the limits into config `c` of the server application class named `app`."""
    c.MultiKernelManager.default_kernel_name = "tslab"
    c.KernelManager.transport = KERNEL_TRANSPORT
    c.ContentsManager.hide_globs = HIDDEN
    c.MappingKernelManager.cull_idle_timeout = KERNEL_IDLE_SECONDS
    c.MappingKernelManager.cull_interval = KERNEL_CULL_INTERVAL_SECONDS
    c.MappingKernelManager.cull_connected = True
    c.MappingKernelManager.cull_busy = False
    c.MappingKernelManager.kernel_info_timeout = KERNEL_INFO_TIMEOUT_SECONDS
    getattr(c, app).shutdown_no_activity_timeout = SERVER_IDLE_SECONDS
    getattr(c, app).kernel_manager_class = kernels_per_student(kernel_manager_base, HOW_TO_CLOSE[app])
