# The Littlest JupyterHub: copy to /opt/tljh/config/jupyterhub_config.d/amsgrad.py (TLJH loads every
# .py there after its own settings), then `sudo tljh-config reload hub`. Needs the repository in
# /srv/amsgrad, built by binder/postBuild for TLJH's user environment; binder/README.md has the steps.
import os

os.environ.setdefault("AMSGRAD_HOME", "/srv/amsgrad")
_here = os.path.join(os.environ["AMSGRAD_HOME"], "binder", "jupyterhub")
load_subconfig(os.path.join(_here, "hub_students.py"))  # noqa: F821 (given by the config loader)
load_subconfig(os.path.join(_here, "hub_local_servers.py"))  # noqa: F821
