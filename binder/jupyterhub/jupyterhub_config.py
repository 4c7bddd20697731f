# The class hub of `npm run class` (scripts/class.mjs): Debian's JupyterHub 3.0 on the teacher's
# machine, its configurable-http-proxy, one classic Notebook 6 server per student started by
# LocalProcessSpawner as that student. scripts/class.mjs checks everything and passes the settings in
# the environment; run it, not `jupyterhub -f` on this file.
#
#   AMSGRAD_CLASS_IP, AMSGRAD_CLASS_PORT   where students connect (the proxy)
#   AMSGRAD_CLASS_HUB_PORT, AMSGRAD_CLASS_PROXY_API_PORT   internal, on 127.0.0.1
#   AMSGRAD_CLASS_STATE      folder for the hub's database, cookie secret and proxy pid file
#   AMSGRAD_CLASS_GROUP      the Unix group whose members may log in
#   AMSGRAD_CLASS_ADMINS     comma-separated user names who get the hub's admin page
#   AMSGRAD_CLASS_ID         a mark every process of this class carries (scripts/class.mjs uses it
#                            to check, by process id, that nothing is left running after a stop)
#   AMSGRAD_HOME, AMSGRAD_KERNELS_PATH, JUPYTER_PYTHON   the repository, the folder holding the
#                            kernel spec (kernels/tslab), the Python that runs Jupyter
#   AMSGRAD_CLASS_TEST_ONLY_PASSWORD   TESTS ONLY (test/class.test.ts, bench/class.ts): see below.
import os
import sys

env = os.environ
state = env["AMSGRAD_CLASS_STATE"]
here = os.path.dirname(os.path.abspath(__file__))

c.JupyterHub.ip = env["AMSGRAD_CLASS_IP"]  # noqa: F821 (c is given by the config loader)
c.JupyterHub.port = int(env["AMSGRAD_CLASS_PORT"])  # noqa: F821
c.JupyterHub.hub_ip = "127.0.0.1"  # noqa: F821
c.JupyterHub.hub_port = int(env["AMSGRAD_CLASS_HUB_PORT"])  # noqa: F821
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env['AMSGRAD_CLASS_PROXY_API_PORT']}"  # noqa: F821
# Debian's proxy resolves its modules from /usr/share/nodejs only under Debian's own node; with any
# other node first on PATH it needs NODE_PATH (given to the proxy alone, not to students' kernels).
c.ConfigurableHTTPProxy.command = ["env", "NODE_PATH=/usr/share/nodejs", "configurable-http-proxy"]  # noqa: F821
c.ConfigurableHTTPProxy.pid_file = os.path.join(state, "proxy.pid")  # noqa: F821
c.JupyterHub.pid_file = os.path.join(state, "jupyterhub.pid")  # noqa: F821
c.JupyterHub.db_url = "sqlite:///" + os.path.join(state, "jupyterhub.sqlite")  # noqa: F821
c.JupyterHub.cookie_secret_file = os.path.join(state, "jupyterhub_cookie_secret")  # noqa: F821
# Ctrl+C stops every student's server (and so their kernels) and the proxy.
c.JupyterHub.cleanup_servers = True  # noqa: F821
c.JupyterHub.cleanup_proxy = True  # noqa: F821

load_subconfig(os.path.join(here, "hub_students.py"))  # noqa: F821 (given by the config loader)
load_subconfig(os.path.join(here, "hub_local_servers.py"))  # noqa: F821

c.Spawner.environment.update(  # noqa: F821
    {
        # Debian's hub would pick Jupyter Server if one were installed, which has no classic pages.
        "JUPYTERHUB_SINGLEUSER_APP": "notebook.notebookapp.NotebookApp",
        "JUPYTER_PATH": env["AMSGRAD_KERNELS_PATH"],
        "JUPYTER_PYTHON": env["JUPYTER_PYTHON"],
        "AMSGRAD_CLASS_ID": env["AMSGRAD_CLASS_ID"],
    }
)
c.Spawner.notebook_dir = "~"  # noqa: F821

test_password = env.get("AMSGRAD_CLASS_TEST_ONLY_PASSWORD")
if not test_password:
    # Real accounts: PAM checks the machine's user names and passwords; only members of the class
    # group may log in; each student's server runs as that student, in their home folder.
    c.JupyterHub.authenticator_class = "jupyterhub.auth.PAMAuthenticator"  # noqa: F821
    c.PAMAuthenticator.allowed_groups = {env["AMSGRAD_CLASS_GROUP"]}  # noqa: F821
    c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"  # noqa: F821
else:
    # TESTS ONLY: any user name logs in with the one password the test chose, and every "student"
    # is a folder under the state folder, served as the hub's own user (no isolation at all).
    # scripts/class.mjs allows this only on 127.0.0.1 and says so loudly.
    print("!! TEST-ONLY LOGIN (DummyAuthenticator, SimpleLocalProcessSpawner): not for a class", file=sys.stderr)
    c.JupyterHub.authenticator_class = "jupyterhub.auth.DummyAuthenticator"  # noqa: F821
    c.DummyAuthenticator.password = test_password  # noqa: F821
    c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"  # noqa: F821
    c.SimpleLocalProcessSpawner.home_dir_template = os.path.join(state, "homes", "{username}")  # noqa: F821
    if os.getuid() == 0:
        c.Spawner.args = ["--allow-root"]  # noqa: F821 (CI runs as root)

admins = {name for name in env.get("AMSGRAD_CLASS_ADMINS", "").split(",") if name}
if admins:
    c.Authenticator.admin_users = admins  # noqa: F821
