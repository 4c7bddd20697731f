// Binder and hub images (binder/), tested as far as this machine allows: Docker cannot run here, so
// no image is built and no Binder launch happens. What runs for real, against this checkout in
// throwaway homes:
//   - the files repo2docker and `docker build` read are there and well-formed, and Binder and the hub
//     image pin the same, still supported, Node;
//   - binder/postBuild registers a tslab kernel that Jupyter lists and that runs a lesson, trusts the
//     shipped notebooks for the user, and names a bad AMSGRAD_KERNEL_SCOPE;
//   - the start hook (amsgrad-notebooks.sh, what the image runs before every server) gives a user an
//     editable copy of the lessons that runs and keeps their edits;
//   - binder/jupyterhub/student-server caps the server's memory at MEM_LIMIT and hands out the lessons;
//   - tljh.py, The Littlest JupyterHub's snippet, loads and gives the class's spawner settings;
//   - the Helm values for Zero to JupyterHub (jupyterhub/z2jh-values.yaml, shown in binder/README.md)
//     give the numbers hub_students.py and server-config/ give, and name files the image has.
// (npm run class, which uses the same files on Debian's JupyterHub, is tested in class.test.ts.)

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { after, describe, test } from "node:test";
import { parse as parseYaml } from "yaml";
import { NOTEBOOKS_DIR, PYTHON, ROOT } from "../scripts/setup.mjs";
import { executeNotebook, notebookSources, readNotebook } from "./support/notebooks.ts";
import { expectedKernelNode } from "./support/kernel-node.ts";

const BINDER = join(ROOT, "binder");
const HUB = join(BINDER, "jupyterhub");
const LESSON = "05-visualization.ipynb";
const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

/** The environment without anything pointing Jupyter at this checkout's .jupyter-local. */
function plainEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, PYTHONNOUSERSITE: "1" };
  for (const name of ["JUPYTER_PATH", "JUPYTER_DATA_DIR", "JUPYTER_CONFIG_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR", "JUPYTER_CONFIG_PATH"]) delete env[name];
  return env;
}

/** Whether nbformat's notary finds the notebook's signature in `home`'s Jupyter data folder. */
function trustedIn(home: string, notebook: string): boolean {
  const check = spawnSync(
    PYTHON,
    ["-c", "import sys, nbformat\nfrom nbformat.sign import NotebookNotary\nprint(NotebookNotary().check_signature(nbformat.read(sys.argv[1], 4)))", notebook],
    { encoding: "utf8", env: plainEnv(home) },
  );
  assert.equal(check.status, 0, check.stderr);
  return check.stdout.trim() === "True";
}

describe("binder: Binder and JupyterHub images", () => {
  const scratch = mkdtempSync(join(tmpdir(), "amsgrad-binder-"));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  test("the files repo2docker and docker build read are there, well-formed, and pin one supported Node", () => {
    assert.ok(!existsSync(join(BINDER, "Dockerfile")), "no binder/Dockerfile: repo2docker would ignore everything else");
    for (const script of ["postBuild", "start", "jupyterhub/student-server"]) {
      const path = join(BINDER, script);
      assert.ok(statSync(path).mode & 0o111, `binder/${script} is executable`);
      const syntax = spawnSync("bash", ["-n", path], { encoding: "utf8" });
      assert.equal(syntax.status, 0, `bash -n binder/${script}: ${syntax.stderr}`);
    }
    const hook = spawnSync("bash", ["-n", join(HUB, "amsgrad-notebooks.sh")], { encoding: "utf8" });
    assert.equal(hook.status, 0, hook.stderr);
    assert.match(readFileSync(join(BINDER, "start"), "utf8"), /exec "\$@"\s*$/, "binder/start hands over to the server");
    for (const file of ["hub_students.py", "hub_local_servers.py", "jupyterhub_config.py", "tljh.py", "server-config/amsgrad_server_limits.py", "server-config/jupyter_notebook_config.py", "server-config/jupyter_server_config.py"]) {
      const compiled = spawnSync(PYTHON, ["-c", "import sys; compile(open(sys.argv[1]).read(), sys.argv[1], 'exec')", join(HUB, file)], { encoding: "utf8" });
      assert.equal(compiled.status, 0, `${file}: ${compiled.stderr}`);
    }
    // Node: Binder (environment.yml) and the hub image (Dockerfile) pin the same major line, which
    // satisfies package.json's engines and is not Node 20 (end of life April 2026) or older.
    const environment = readFileSync(join(BINDER, "environment.yml"), "utf8");
    assert.match(environment, /^channels:\s*\n\s+- conda-forge/m, "environment.yml uses conda-forge");
    const binderNode = /^\s+- nodejs=(\d+)\s*$/m.exec(environment)?.[1];
    const dockerfile = readFileSync(join(HUB, "Dockerfile"), "utf8");
    const imageNode = /"nodejs=(\d+)"/.exec(dockerfile)?.[1];
    assert.ok(binderNode, "environment.yml pins nodejs=MAJOR");
    assert.equal(imageNode, binderNode, "the hub image pins the same Node as Binder");
    assert.ok(Number(binderNode) >= 22 && Number(binderNode) % 2 === 0, `Node ${binderNode}: an LTS line after 20`);
    assert.match(dockerfile, /AMSGRAD_KERNEL_SCOPE=--system/, "the hub image installs the kernel spec system-wide");
    assert.match(dockerfile, /binder\/postBuild/, "the hub image uses the same postBuild");
    assert.match(dockerfile, /JUPYTER_CONFIG_PATH=\/srv\/amsgrad\/binder\/jupyterhub\/server-config/, "the hub image applies the per-student limits");
  });

  test("postBuild registers a tslab kernel that Jupyter finds and that runs a lesson, and trusts the notebooks", async (t) => {
    const home = join(scratch, "home");
    mkdirSync(home);
    const began = Date.now();
    const build = spawnSync("bash", [join(BINDER, "postBuild")], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...plainEnv(home), AMSGRAD_SKIP_NPM_CI: "1", AMSGRAD_KERNEL_SCOPE: "--user", JUPYTER_PYTHON: PYTHON },
      timeout: 120_000,
    });
    assert.equal(build.status, 0, `postBuild failed:\n${build.stdout}\n${build.stderr}`);
    const listing = spawnSync(PYTHON, ["-m", "jupyter", "kernelspec", "list", "--json"], { encoding: "utf8", env: plainEnv(home) });
    assert.equal(listing.status, 0, listing.stderr);
    const specs = JSON.parse(listing.stdout) as {
      kernelspecs: Record<string, { resource_dir: string; spec: { argv: string[]; display_name: string; language: string } }>;
    };
    const tslab = specs.kernelspecs.tslab;
    assert.ok(tslab, `Jupyter lists tslab (got ${Object.keys(specs.kernelspecs).join(", ")})`);
    assert.equal(tslab.resource_dir, join(home, ".local", "share", "jupyter", "kernels", "tslab"), "registered for the user");
    assert.equal(tslab.spec.display_name, "TypeScript (tslab)");
    assert.deepEqual(tslab.spec.argv, [
      expectedKernelNode(),
      "--require",
      join(ROOT, "scripts", "kernel-preload.cjs"),
      join(ROOT, "node_modules", "tslab", "bin", "tslab"),
      "kernel",
      "--config-path",
      "{connection_file}",
    ]);
    for (const notebook of notebookSources()) assert.ok(trustedIn(home, notebook), `${basename(notebook)} is trusted for the user`);

    // nbclient, as Binder's Jupyter would run it: the kernel found through HOME only.
    const executed = join(scratch, "executed.ipynb");
    const script = `
import sys, nbformat
from nbclient import NotebookClient
nb = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(nb, kernel_name="tslab", timeout=120, allow_errors=True, resources={"metadata": {"path": sys.argv[3]}}).execute()
nbformat.write(nb, sys.argv[2])
`;
    const run = spawnSync(PYTHON, ["-c", script, join(NOTEBOOKS_DIR, LESSON), executed, NOTEBOOKS_DIR], {
      encoding: "utf8",
      env: plainEnv(home),
      timeout: 180_000,
    });
    assert.equal(run.status, 0, run.stderr);
    const nb = readNotebook(executed);
    const code = nb.cells.filter((c) => c.cell_type === "code");
    const stderr = code.flatMap((c) => (c.outputs ?? []).filter((o) => o.output_type === "error" || (o.output_type === "stream" && o.name === "stderr")));
    assert.deepEqual(stderr, [], "no cell failed");
    const svgs = code.flatMap((c) => (c.outputs ?? []).filter((o) => o.output_type === "display_data" && "image/svg+xml" in o.data));
    assert.ok(svgs.length >= 1, "the figures were drawn");
    t.diagnostic(`postBuild + kernelspec list + ${LESSON} through the registered kernel: ${((Date.now() - began) / 1000).toFixed(1)} s`);

    const bad = spawnSync("bash", [join(BINDER, "postBuild")], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...plainEnv(home), AMSGRAD_SKIP_NPM_CI: "1", AMSGRAD_KERNEL_SCOPE: "--everywhere", JUPYTER_PYTHON: PYTHON },
    });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /AMSGRAD_KERNEL_SCOPE must be --system, --sys-prefix, --user or auto, not --everywhere/);
  });

  test("the image's start hook gives each user an editable copy of the lessons that runs", async () => {
    const user = join(scratch, "user-lessons");
    const home = join(scratch, "hook-home");
    mkdirSync(home);
    const source = () =>
      spawnSync("bash", ["-c", 'set -e; source "$0"; echo "status $?"', join(HUB, "amsgrad-notebooks.sh")], {
        encoding: "utf8",
        env: { ...plainEnv(home), AMSGRAD_HOME: ROOT, AMSGRAD_NOTEBOOKS: user, JUPYTER_PYTHON: PYTHON, NB_UID: "" },
      });
    const first = source();
    assert.match(first.stdout, /status 0/, first.stderr);
    const lessons = notebookSources().map((p) => basename(p));
    for (const name of lessons) assert.ok(existsSync(join(user, name)), `${name} copied`);
    assert.equal(realpathSync(join(user, "node_modules")), realpathSync(join(ROOT, "node_modules")), "node_modules points into the image's copy");
    assert.ok(trustedIn(home, join(user, LESSON)), "the copy is trusted for the user");
    // A student's edit survives the next start; a lesson deleted by mistake comes back.
    const edited = join(user, LESSON);
    const nb = JSON.parse(readFileSync(edited, "utf8")) as { cells: unknown[] };
    nb.cells.push({ cell_type: "code", id: "mine", metadata: {}, execution_count: null, outputs: [], source: ['console.log("mine");'] });
    writeFileSync(edited, JSON.stringify(nb, null, 1));
    const editedHash = sha256(edited);
    rmSync(join(user, lessons[0]!));
    const second = source();
    assert.match(second.stdout, /status 0/, second.stderr);
    assert.equal(sha256(edited), editedHash, "the student's copy is not overwritten");
    assert.ok(existsSync(join(user, lessons[0]!)), "a missing lesson is copied again");
    // The copy runs where it is, with the kernel resolving "amsgrad" through the symlink.
    const ran = await executeNotebook(edited);
    const last = ran.cells[ran.cells.length - 1]!;
    assert.deepEqual(last.outputs?.map((o) => (o.output_type === "stream" ? o.text : o.output_type)).flat(), ["mine\n"], "the student's own cell ran");
  });

  test("student-server caps each process at MEM_LIMIT, hands out the lessons, then becomes the server", () => {
    const home = join(scratch, "server-home");
    mkdirSync(home);
    const run = spawnSync(join(HUB, "student-server"), ["bash", "-c", 'echo "data $(ulimit -d) pid $$"; ls "$HOME/amsgrad-notebooks"'], {
      encoding: "utf8",
      env: { ...plainEnv(home), AMSGRAD_HOME: ROOT, JUPYTER_PYTHON: PYTHON, MEM_LIMIT: String(512 * 1024 ** 2) },
    });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^data 524288 pid \d+$/m, "ulimit -d in KiB: 512 MiB");
    for (const source of notebookSources()) assert.match(run.stdout, new RegExp(`^${basename(source).replace(".", "\\.")}$`, "m"));
    const none = spawnSync(join(HUB, "student-server"), [], { encoding: "utf8", env: plainEnv(home) });
    assert.equal(none.status, 2);
    assert.match(none.stderr, /give the server command/);
  });

  test("tljh.py, for The Littlest JupyterHub, loads the class's spawner settings", () => {
    const script = `
import os, sys
from traitlets.config.loader import PyFileConfigLoader
config = PyFileConfigLoader(sys.argv[1]).load_config()
s = config.Spawner
print(repr([list(s.cmd), s.mem_limit, s.default_url, s.http_timeout, s.environment.to_dict() if hasattr(s.environment, "to_dict") else dict(s.environment)]))
`;
    const run = spawnSync(PYTHON, ["-c", script, join(HUB, "tljh.py")], { encoding: "utf8", env: { ...plainEnv(scratch), AMSGRAD_HOME: ROOT } });
    assert.equal(run.status, 0, run.stderr);
    const out = run.stdout;
    assert.ok(out.includes(`'${join(HUB, "student-server")}', 'jupyterhub-singleuser'`), `the servers run through student-server: ${out}`);
    assert.match(out, /'1G'/, "memory per student");
    assert.match(out, /'\/tree\/amsgrad-notebooks'/, "students land in their lessons");
    assert.ok(out.includes(`'JUPYTER_CONFIG_PATH': '${join(HUB, "server-config")}'`), "the per-student limits apply");
  });

  test("the Helm values for Zero to JupyterHub are hub_students.py's and server-config's numbers", () => {
    // The hub's own settings, as JupyterHub's config loader reads them, and the server's limits module.
    const script = `
import json, sys
from traitlets.config.loader import PyFileConfigLoader
s = PyFileConfigLoader(sys.argv[1]).load_config().Spawner
sys.path.insert(0, sys.argv[2])
import amsgrad_server_limits as limits
print(json.dumps({"default_url": s.default_url, "mem_limit": s.mem_limit, "mem_guarantee": s.mem_guarantee,
                  "cpu_limit": s.cpu_limit, "start_timeout": s.start_timeout, "http_timeout": s.http_timeout,
                  "server_idle": limits.SERVER_IDLE_SECONDS}))
`;
    const run = spawnSync(PYTHON, ["-c", script, join(HUB, "hub_students.py"), join(HUB, "server-config")], { encoding: "utf8", env: plainEnv(scratch) });
    assert.equal(run.status, 0, run.stderr);
    const hub = JSON.parse(run.stdout) as Record<string, string | number>;
    const file = readFileSync(join(HUB, "z2jh-values.yaml"), "utf8");
    const values = parseYaml(file) as {
      singleuser: { image: { name: string; tag: string }; cmd: string[]; defaultUrl: string; memory: { limit: string; guarantee: string }; cpu: { limit: number }; startTimeout: number };
      hub: { config: { KubeSpawner: { http_timeout: number } } };
      cull: { enabled: boolean; timeout: number };
    };
    const u = values.singleuser;
    assert.deepEqual(
      {
        default_url: u.defaultUrl,
        mem_limit: u.memory.limit,
        mem_guarantee: u.memory.guarantee,
        cpu_limit: u.cpu.limit,
        start_timeout: u.startTimeout,
        http_timeout: values.hub.config.KubeSpawner.http_timeout,
        server_idle: values.cull.enabled ? values.cull.timeout : "culling off",
      },
      hub,
    );
    // The command is the image's start hook (the repository sits at /srv/amsgrad in the image), then the server.
    const [hook, server] = u.cmd;
    assert.equal(server, "jupyterhub-singleuser");
    assert.ok(hook?.startsWith("/srv/amsgrad/"), hook);
    const inRepo = join(ROOT, hook!.slice("/srv/amsgrad/".length));
    assert.ok(statSync(inRepo).mode & 0o111, `${inRepo} is executable`);
    assert.match(readFileSync(join(HUB, "Dockerfile"), "utf8"), /^COPY \. \/srv\/amsgrad$/m, "the image keeps the repository at /srv/amsgrad");
    // The image the values name is the one binder/README.md builds and pushes.
    const readme = readFileSync(join(BINDER, "README.md"), "utf8");
    assert.ok(readme.includes(`docker push ${u.image.name}:${u.image.tag}`), `binder/README.md pushes ${u.image.name}:${u.image.tag}`);
    // binder/README.md shows the file as it is.
    assert.ok(readme.includes("```yaml\n" + file + "```"), "binder/README.md shows z2jh-values.yaml word for word");
  });
});
