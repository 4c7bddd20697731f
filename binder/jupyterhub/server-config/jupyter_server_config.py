# Jupyter Server 2 (the hub image's Notebook 7 and JupyterLab): the class limits of
# amsgrad_server_limits.py.
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from amsgrad_server_limits import configure  # noqa: E402
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager  # noqa: E402

configure(c, "ServerApp", AsyncMappingKernelManager)  # noqa: F821 (c is given by the config loader)
