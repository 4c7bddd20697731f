# Per-student settings for any JupyterHub that serves these lessons. `npm run class` loads this file
# (binder/jupyterhub/jupyterhub_config.py); on The Littlest JupyterHub tljh.py loads it; for Zero to
# JupyterHub z2jh-values.yaml gives the same numbers as Helm values (test/binder.test.ts compares them). The limits inside each
# student's server (kernels per student, idle kernels) are in server-config/, which the image and
# `npm run class` both use.
#
# The numbers come from `npm run bench` on the project's machine kind, 2 cores and 24 GiB: the class's
# times and memory from bench/class.ts, a kernel's memory from bench/kernel-start.py; README.md, "A
# class on one machine", has the measurements and their dates.

# Students land in their own copy of the lessons (amsgrad-notebooks.sh makes it). The same URL
# opens the folder in classic Notebook 6 and in Notebook 7.
c.Spawner.default_url = "/tree/amsgrad-notebooks"  # noqa: F821 (c is given by the config loader)

# Memory: a student's Notebook server holds about 135 MB (RSS) and each kernel 190-290 MB after a
# lesson (at most two kernels, server-config/amsgrad_server_limits.py): about 715 MB at most. With one
# lesson open, measured for classes of 1-30: server and kernel 235-330 MB per student (PSS, shared
# pages split), 327-477 MB at the peak (RSS, with the student's share of the hub and proxy). 1 GiB leaves room for a student's own larger experiments; Kubernetes and The
# Littlest JupyterHub enforce it for the whole server; `npm run class` caps each process at it
# (binder/jupyterhub/student-server).
c.Spawner.mem_limit = "1G"  # noqa: F821
# What a student is sure to get: one lesson's kernel (<= 290 MB) and the server (~135 MB), rounded up.
# Kubernetes reserves it on the node (Z2JH's singleuser.memory.guarantee); LocalProcessSpawner ignores it.
c.Spawner.mem_guarantee = "512M"  # noqa: F821

# CPU: one core at most, so one student's long sweep cannot take both cores of a 2-core machine
# from the class (enforced by Kubernetes and The Littlest JupyterHub; not by LocalProcessSpawner).
c.Spawner.cpu_limit = 1.0  # noqa: F821

# Timeouts: when a whole class logs in at once the servers start on a saturated CPU. Measured on 2
# cores with 30 students at once, the 95th percentile from login to a running server was 33-56 s (five
# runs, 2026-12-01) and 43 s (2026-12-02). JupyterHub's defaults are 30 s for http_timeout (from the
# server process's start until it answers, a part of that wait) and 60 s for start_timeout: too close
# for the slowest students, who would get "Spawn failed". 120 s leaves room.
c.Spawner.http_timeout = 120  # noqa: F821
c.Spawner.start_timeout = 120  # noqa: F821
