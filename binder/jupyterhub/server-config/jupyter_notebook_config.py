# Classic Notebook 6 (Debian's JupyterHub 3.0 runs each student's server as one): the class limits
# of amsgrad_server_limits.py. Notebook 7 reads this file name too, but runs on Jupyter Server,
# which jupyter_server_config.py beside this file configures: nothing to do here then.
import os
import sys

import notebook

if notebook.__version__.split(".")[0] == "6":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from amsgrad_server_limits import configure
    from notebook.services.kernels.kernelmanager import MappingKernelManager

    configure(c, "NotebookApp", MappingKernelManager)  # noqa: F821 (c is given by the config loader)
