# For hubs whose students' servers are processes on the hub's own machine: `npm run class` (Debian's
# JupyterHub, LocalProcessSpawner) and The Littlest JupyterHub (SystemdSpawner). Each server runs
# through binder/jupyterhub/student-server (memory cap, the student's copy of the lessons) and reads
# the per-student limits in server-config/. The repository, built with `npm ci` (binder/postBuild
# does it), must be readable by every student at AMSGRAD_HOME (default /srv/amsgrad).
import os

amsgrad_home = os.environ.get("AMSGRAD_HOME", "/srv/amsgrad")
amsgrad_hub_dir = os.path.join(amsgrad_home, "binder", "jupyterhub")

_server = list(c.Spawner.cmd) if "cmd" in c.Spawner else ["jupyterhub-singleuser"]  # noqa: F821
c.Spawner.cmd = [os.path.join(amsgrad_hub_dir, "student-server")] + _server  # noqa: F821
c.Spawner.environment.update(  # noqa: F821
    {
        "AMSGRAD_HOME": amsgrad_home,
        "JUPYTER_CONFIG_PATH": os.path.join(amsgrad_hub_dir, "server-config"),
        # Only what comes with Jupyter: no pip --user packages shadowing it.
        "PYTHONNOUSERSITE": "1",
    }
)
