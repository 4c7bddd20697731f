// `npm run class` (scripts/class.mjs), tested as a class uses it: a real JupyterHub (Debian's 3.0)
// with its real proxy on free loopback ports, the TEST-ONLY login (DummyAuthenticator and
// SimpleLocalProcessSpawner: the class's real login is PAM, which needs system accounts), students
// driven by test/support/hub-students.py through the proxy over the kernel websocket as the Notebook
// page does. Checked:
//   - without credentials the hub and a student's server refuse requests, a wrong password is
//     refused, and a student's cookies do not open another student's server;
//   - three students log in at once, each gets a fresh copy of the lessons (trusted), runs notebook 5
//     and gets every output a solo nbclient run of the same notebook gets, cell by cell;
//   - a third kernel for one student is refused with a message saying what to do; each process of a
//     student's server is capped at the class's 1 GiB;
//   - Ctrl+C (to `npm run class`'s whole process group, as a terminal sends it) stops the hub, the
//     proxy and every server and kernel once and gracefully: each process id found before the stop is
//     gone after it, and the hub did it itself (class.mjs had nothing left to stop);
//   - a student in Chromium: the hub's login form, the lessons folder, notebook 5 with Kernel → Restart
//     & Run All through the proxy, every page file served, every cell ok, the contour figure with its
//     search path on the page (screenshots in /tmp/class-shots, CLASS_SHOTS=DIR elsewhere);
//   - what the start message and lesson 1 tell students about errors is what happens: a cell sent right
//     behind a failing one is skipped with no output, and run again it runs;
//   - a student's edit saved as the page saves it (PUT to the contents API) survives the hub's restart
//     and runs;
//   - the lesson hand-out (binder/jupyterhub/amsgrad-notebooks.sh): an updated lesson replaces an
//     unedited copy and lands beside an edited one;
//   - the real login is the default: without the test-only password class.mjs insists on its group.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { jupyterHubInstalled, NOTEBOOKS_DIR, PYTHON, ROOT } from "../scripts/setup.mjs";
import {
  alive,
  CLASS_SCRIPT,
  compareWithSolo,
  kernelConnection,
  LESSONS_FOLDER,
  processTree,
  runStudents,
  startClassHub,
  type ClassHub,
  type ClassProcess,
} from "./support/class-hub.ts";
import { executeNotebook, notebookSources, type Output } from "./support/notebooks.ts";
import { chromiumAvailable, launchBrowser } from "./support/browser.ts";
import { codeCellStates, confirm, failedCells, figureImagesWith, menu, openNotebookAt, prompts, waitUntilIdle, watchExecutions } from "./support/notebook-ui.ts";

const SHOTS = process.env.CLASS_SHOTS || "/tmp/class-shots";

const LESSON = "05-visualization.ipynb";
const STUDENTS = ["alice", "bob", "carol"];
/** README.md, "A class on one machine": at most two kernels per student, 1 GiB per process. */
const KERNELS_PER_STUDENT = 2;
const DATA_LIMIT_BYTES = 1024 ** 3;

const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

/** The soft limit on data size ("Max data size") of process `pid`, in bytes, or null for unlimited. */
function dataLimit(pid: number): number | null {
  const line = readFileSync(`/proc/${pid}/limits`, "utf8").split("\n").find((l) => l.startsWith("Max data size"));
  const soft = line?.split(/\s{2,}/)[1];
  return soft === undefined || soft === "unlimited" ? null : Number(soft);
}

/** Whether nbformat's notary finds the notebook's signature in the student's Jupyter data folder. */
function trustedFor(home: string, notebook: string): boolean {
  const check = spawnSync(
    PYTHON,
    ["-c", "import sys, nbformat\nfrom nbformat.sign import NotebookNotary\nprint(NotebookNotary().check_signature(nbformat.read(sys.argv[1], 4)))", notebook],
    { encoding: "utf8", env: { ...process.env, HOME: home, JUPYTER_DATA_DIR: join(home, ".local", "share", "jupyter") } },
  );
  assert.equal(check.status, 0, check.stderr);
  return check.stdout.trim() === "True";
}

/** The TCP ports process `pid` listens on: its sockets' inodes looked up in /proc/net/tcp{,6} (state 0A). */
function listeningTcpPorts(pid: number): number[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode) inodes.add(inode);
    } catch {
      // closed while reading
    }
  }
  const ports: number[] = [];
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of readFileSync(table, "utf8").split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10 || fields[3] !== "0A" || !inodes.has(fields[9]!)) continue;
      ports.push(parseInt(fields[1]!.split(":")[1]!, 16));
    }
  }
  return ports;
}

describe("class: npm run class, a real JupyterHub with students", { skip: !jupyterHubInstalled() && "Debian's jupyterhub is missing (npm test installs it)" }, () => {
  const state = mkdtempSync(join(tmpdir(), "amsgrad-class-"));
  const homes = join(state, "homes");
  let hub: ClassHub | null = null;
  let solo: Promise<Map<number, Output[]>>;

  before(() => {
    // The reference: the same lesson alone, through nbclient (not the hub), started while the hub starts.
    solo = executeNotebook(join(NOTEBOOKS_DIR, LESSON)).then(
      (nb) => new Map(nb.cells.flatMap((c, i) => (c.cell_type === "code" ? [[i, c.outputs ?? []] as [number, Output[]]] : []))),
    );
    solo.catch(() => {});
  });

  after(async () => {
    if (hub) await hub.stop(60_000);
    rmSync(state, { recursive: true, force: true });
  });

  test("the hub starts on a free loopback port and refuses requests without credentials", async () => {
    // As a teacher starts it: `npm run class` in a terminal's process group (Ctrl+C below goes to all).
    hub = await startClassHub(state, { npm: true });
    assert.match(hub.stderr(), /TEST-ONLY LOGIN/, "the test-only login says so");
    assert.match(hub.stdout(), /Let them log in a row at a time, a few seconds apart/, "the start message advises staggered logins");
    const api = await fetch(`${hub.url}/hub/api/users`);
    assert.equal(api.status, 403, "the hub's API without a token");
    const page = await fetch(`${hub.url}/hub/home`, { redirect: "manual" });
    assert.equal(page.status, 302);
    assert.match(page.headers.get("location") ?? "", /\/hub\/login/, "a page without a login goes to the login form");
    const wrong = await fetch(`${hub.url}/hub/login`, {
      method: "POST",
      body: new URLSearchParams({ username: "alice", password: "not-the-password" }),
      redirect: "manual",
    });
    assert.equal(wrong.status, 200, "a wrong password gets the login form again");
    assert.match(await wrong.text(), /Invalid username or password/);
    assert.ok(!(wrong.headers.get("set-cookie") ?? "").includes("jupyterhub-hub-login="), "and no login cookie");
  });

  test(`three students log in at once and run ${LESSON} through the proxy: every output arrives`, async (t) => {
    assert.ok(hub, "the hub is running");
    const { students, stderr } = await runStudents({
      hub,
      students: STUDENTS,
      notebook: `${LESSONS_FOLDER}/${LESSON}`,
      probeOthers: true,
      extraKernels: [`${LESSONS_FOLDER}/01-gradient-descent.ipynb`, `${LESSONS_FOLDER}/02-the-amsgrad-algorithm.ipynb`],
      timeoutSeconds: 240,
    });
    const expected = await solo;
    assert.ok([...expected.values()].flat().length >= 5, "the solo run has outputs to compare");
    for (const student of students) {
      assert.ok(student.ok, `${student.name}: ${student.error ?? "a cell failed"}\n${stderr}`);
      const { lost, different, missingCells } = compareWithSolo(expected, student);
      assert.deepEqual({ lost, different, missingCells }, { lost: 0, different: [], missingCells: [] }, `${student.name}'s outputs equal the solo run's`);
      assert.equal(student.rate_limited, false, `${student.name}: no output was rate-limited by the server`);
      // Another student's server, with this student's cookies: refused.
      assert.ok(student.probes && student.probes.length === 2, "probed two other students");
      // (The probes wait until every student is past Run All, so the server probed is running and answers itself.)
      for (const probe of student.probes) {
        assert.equal(probe.status, 403, `${student.name} -> ${probe.other}'s server (answered at ${probe.at})`);
        assert.ok(probe.at.startsWith(`/user/${probe.other}/`), `the refusal came from ${probe.other}'s own server, not the hub: ${probe.at}`);
      }
      // Kernels: the lesson's is the first; one more tab works, the next is refused with what to do.
      const [second, third] = student.extra_kernels ?? [];
      assert.equal(second?.status, 201, `${student.name}'s kernel number ${KERNELS_PER_STUDENT} starts`);
      assert.equal(third?.status, 403, `${student.name}'s kernel number ${KERNELS_PER_STUDENT + 1} is refused`);
      assert.match(third!.message, /Close one first \(File > Close and Halt in its tab, or Running > Shutdown in the file list\)/, "and the message says what to do, in Notebook 6's menu words");
      // The copy of the lessons: all of them, as shipped, trusted for the student.
      const lessons = join(homes, student.name, LESSONS_FOLDER);
      for (const source of notebookSources()) {
        const copy = join(lessons, basename(source));
        assert.equal(sha256(copy), sha256(source), `${student.name} has ${basename(source)} as shipped`);
      }
      assert.ok(trustedFor(join(homes, student.name), join(lessons, LESSON)), `${student.name}'s ${LESSON} is trusted`);
      t.diagnostic(`${student.name}: ${JSON.stringify(student.times)}`);
    }
  });

  test("a student's running server refuses requests without a token or cookie", async () => {
    assert.ok(hub, "the hub is running");
    for (const name of STUDENTS) {
      const api: Response = await fetch(`${hub.url}/user/${name}/api/contents/${LESSONS_FOLDER}`, { redirect: "manual" });
      assert.equal(api.status, 403, `${name}'s contents API`);
      const kernels: Response = await fetch(`${hub.url}/user/${name}/api/kernels`, { redirect: "manual" });
      assert.equal(kernels.status, 403, `${name}'s kernels API`);
    }
  });

  test("each process of a student's server is capped at 1 GiB of data", () => {
    assert.ok(hub, "the hub is running");
    const tree = processTree(hub.child.pid!);
    const servers = tree.filter((p) => p.kind === "server");
    const kernels = tree.filter((p) => p.kind === "kernel");
    assert.equal(servers.length, STUDENTS.length, `one server per student:\n${tree.map((p) => p.command).join("\n")}`);
    assert.equal(kernels.length, STUDENTS.length * KERNELS_PER_STUDENT, "two kernels per student");
    for (const p of [...servers, ...kernels]) assert.equal(dataLimit(p.pid), DATA_LIMIT_BYTES, `${p.kind} ${p.pid}: ${p.command}`);
  });

  test("kernels talk to their servers over unix sockets in a private folder: no TCP port to clash or connect to", () => {
    // Over TCP, two students' servers picking ports on their own clashed in bench/class.ts (20 and 10
    // students at once): one kernel could not bind and its student never got an answer.
    assert.ok(hub, "the hub is running");
    const kernels = processTree(hub.child.pid!).filter((p) => p.kind === "kernel");
    assert.equal(kernels.length, STUDENTS.length * KERNELS_PER_STUDENT);
    for (const kernel of kernels) {
      const { file, folder, transport, ip } = kernelConnection(kernel);
      assert.equal(transport, "ipc", file);
      assert.match(basename(folder), /^amsgrad-kernels-/, "the server's own folder for kernels");
      assert.equal(statSync(folder).mode & 0o777, 0o700, `${folder} is private to the account`);
      for (const n of [1, 2, 3, 4, 5]) {
        const socket = `${ip}-${n}`;
        assert.ok(statSync(socket).isSocket(), `${socket} is the kernel's bound unix socket`);
        assert.ok(Buffer.byteLength(socket) <= 107, `${socket} fits a unix socket's path`);
      }
      // Nothing of the kernel listens on TCP: no socket of its process appears in /proc/net/tcp as LISTEN.
      assert.deepEqual(listeningTcpPorts(kernel.pid), [], `kernel ${kernel.pid} listens on no TCP port`);
    }
  });

  test("a student in Chromium logs in through the hub's form and runs notebook 5: every file served, every cell ok, the figure shown", async (t) => {
    assert.ok(hub, "the hub is running");
    if (!chromiumAvailable()) return t.skip("chromium is missing (npm test installs it)");
    mkdirSync(SHOTS, { recursive: true });
    const browser = await launchBrowser({ viewport: { width: 1280, height: 1000 } });
    const page = await browser.context.newPage();
    // The page's files (its scripts, styles, the kernel's logo, the pages themselves) must all arrive
    // through the proxy. API calls are only logged: the page aborts some itself, e.g. around a restart.
    const problems: string[] = [];
    const other: string[] = [];
    // Notebook 6 always probes for ipywidgets' extension (a hard-coded fallback in its main.js) and
    // warns "Widgets are not available" when it is missing: nothing here uses widgets.
    const expected = (url: string) => url === "about:blank" || /\/nbextensions\/widgets\/notebook\/js\/extension\.js\?/.test(url);
    const isFile = (url: string) => /\/(static|custom|nbextensions|kernelspecs|hub\/static)\/|\/(tree|notebooks)\/|\/hub\/(login|spawn)/.test(new URL(url).pathname);
    const note = (url: string, what: string) => {
      if (expected(url)) return;
      (isFile(url) ? problems : other).push(`${what}: ${url}`);
    };
    page.on("pageerror", (error) => problems.push(`page error: ${error}`));
    page.on("requestfailed", (request) => note(request.url(), `failed (${request.failure()?.errorText})`));
    page.on("response", (response) => {
      if (response.status() >= 400) note(response.url(), String(response.status()));
    });
    try {
      await page.goto(`${hub!.url}/hub/login`);
      await page.fill("#username_input", "dave");
      await page.fill("#password_input", hub!.password);
      await page.screenshot({ path: join(SHOTS, "01-login.png") });
      await page.click("#login_submit");
      // The spawn page, then the student's own server on the lessons folder.
      await page.waitForURL(/\/user\/dave\/tree\/amsgrad-notebooks/, { timeout: 120_000 });
      await page.locator(`#notebook_list a[href$="${LESSON}"]`).waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(SHOTS, "02-lessons.png") });
      const { kernel, trusted } = await openNotebookAt(page, `${hub!.url}/user/dave/notebooks/${LESSONS_FOLDER}/${LESSON}`, 120_000);
      assert.deepEqual({ kernel, trusted }, { kernel: "tslab", trusted: true }, "the student's copy opens trusted, with the TypeScript kernel");
      const codeCount = (await prompts(page)).length;
      await watchExecutions(page);
      await menu(page, "Kernel", "Restart & Run All");
      await confirm(page, "Restart and Run All Cells");
      await waitUntilIdle(page, { cells: codeCount, restarted: true, fresh: true }, 180_000);
      assert.deepEqual(failedCells(await codeCellStates(page)), [], "every code cell ran without error");
      const figures = await figureImagesWith(page, 'g[aria-label="search paths"]');
      assert.ok((await figures.count()) >= 1, "the contour figure with its search path is on the page");
      await figures.first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, "03-run-all.png") });
      await figures.first().screenshot({ path: join(SHOTS, "04-contour.png") });
      if (other.length) t.diagnostic(`API requests that did not succeed (not a failure): ${other.join("; ")}`);
      assert.deepEqual(problems, [], "every file of the page arrived, no script error");
    } catch (error) {
      await page.screenshot({ path: join(SHOTS, "failure.png"), fullPage: true }).catch(() => {});
      throw error;
    } finally {
      await browser.close();
    }
  });

  test("after an error: a cell sent right behind it is skipped with no output, as students are told; run again, it runs", async () => {
    assert.ok(hub, "the hub is running");
    // What they are told: in the teacher's start message and in lesson 1.
    assert.match(hub.stdout(), /A cell run\s+straight after an error \(within 0\.2 s, e\.g\. Shift\+Enter pressed twice\) is skipped by the\s+kernel: it stays In \[ \] with no output\. Run it again/);
    const lesson1 = readFileSync(join(NOTEBOOKS_DIR, "01-gradient-descent.ipynb"), "utf8");
    assert.match(lesson1, /within about a fifth of a second after it \(pressing Shift\+Enter twice quickly, for example\), is skipped by the TypeScript kernel: it stays `In \[ \]` with no output\. Nothing is wrong with it: run it again/);
    // What happens, for a student of the running class: Shift+Enter twice on a failing cell (the next
    // one is queued behind it), then the next cell again half a second later (past the 0.2 s).
    const { students, stderr } = await runStudents({ hub, students: ["bob"], notebook: `${LESSONS_FOLDER}/${LESSON}`, errorTrials: 1, errorDelaysMs: [-1, 500], timeoutSeconds: 240 });
    assert.ok(students[0]?.ok, `bob's lesson ran again in his kernel: ${students[0]?.error}\n${stderr}`);
    const trials = students[0]?.error_trials;
    assert.ok(trials?.length === 2, `two trials: ${JSON.stringify(students[0])}\n${stderr}`);
    const [queued, later] = trials;
    assert.equal(queued!.failing, "error", "the failing cell fails");
    assert.deepEqual({ next: queued!.next, outputs: queued!.next_outputs }, { next: "abort", outputs: 0 }, "the cell right behind it is skipped, with no output");
    // Its reply has no execution count: classic Notebook sets the prompt from it (codecell.js,
    // _handle_execute_reply), so the cell shows In [ ].
    assert.equal(queued!.next_execution_count ?? null, null, "no execution count: the page shows In [ ]");
    assert.equal(later!.failing, "error");
    assert.deepEqual({ next: later!.next, outputs: later!.next_outputs }, { next: "ok", outputs: 1 }, "run 0.5 s after the error, it runs and shows its result");
    assert.equal(typeof later!.next_execution_count, "number", "and gets its In [n]");
  });

  let edited = "";
  let before_stop: ClassProcess[] = [];

  test("Ctrl+C stops the hub, the proxy, every server and kernel; nothing is left (by process id)", async () => {
    assert.ok(hub, "the hub is running");
    // A student's edit, saved as the page saves it (File -> Save: PUT to her server's contents API):
    // a cell of her own at the end of the lesson.
    const lesson = join(homes, "alice", LESSONS_FOLDER, LESSON);
    const { students } = await runStudents({ hub, students: ["alice"], notebook: `${LESSONS_FOLDER}/${LESSON}`, saveCell: 'console.log("alice was here");', timeoutSeconds: 240 });
    assert.equal(students[0]?.save?.status, 200, `the save: ${JSON.stringify(students[0]?.save)} ${students[0]?.error ?? ""}`);
    const onDisk = JSON.parse(readFileSync(lesson, "utf8")) as { cells: { source: string | string[] }[] };
    const lastSource = onDisk.cells[onDisk.cells.length - 1]?.source;
    assert.equal(Array.isArray(lastSource) ? lastSource.join("") : lastSource, 'console.log("alice was here");', "her cell is in the file on disk");
    edited = sha256(lesson);
    before_stop = processTree(hub.child.pid!);
    const kinds = before_stop.map((p) => p.kind);
    for (const kind of ["hub", "proxy", "server", "kernel"] as const) assert.ok(kinds.includes(kind), `a ${kind} runs before the stop`);
    // Ctrl+C: the terminal sends SIGINT to npm and to class.mjs, and npm forwards its own: one stop.
    const { code, signal, killed } = await hub.stop(60_000, { group: true });
    assert.equal(killed, false, "npm run class stopped by itself after Ctrl+C");
    // npm ends itself with the SIGINT it got once class.mjs has exited (a shell shows 130).
    assert.ok(code === 0 || signal === "SIGINT", `exit: ${code ?? signal}`);
    const left = before_stop.filter((p) => alive(p.pid));
    assert.deepEqual(left, [], "no process of the class is left");
    assert.match(hub.stderr(), /class stopped: nothing left running/, "the hub stopped everything itself");
    assert.doesNotMatch(hub.stderr(), /again|killing/i, "one Ctrl+C is one graceful stop");
    hub = null;
  });

  test("a student's edited notebook survives the hub's restart and runs", async () => {
    assert.ok(edited, "the edit was made before the stop");
    hub = await startClassHub(state);
    const { students, stderr } = await runStudents({ hub, students: ["alice"], notebook: `${LESSONS_FOLDER}/${LESSON}`, timeoutSeconds: 240 });
    const lesson = join(homes, "alice", LESSONS_FOLDER, LESSON);
    assert.equal(sha256(lesson), edited, "alice's copy is her edited one");
    assert.ok(!existsSync(join(homes, "alice", LESSONS_FOLDER, LESSON.replace(".ipynb", ".new.ipynb"))), "no new version: the lesson did not change");
    const [alice] = students;
    assert.ok(alice?.ok, `${alice?.error}\n${stderr}`);
    // Her run is of her version: the lesson's outputs, then her own cell's.
    const expected = await solo;
    assert.equal(compareWithSolo(expected, alice!).lost, 0, "the lesson's outputs");
    const last = alice!.cells[alice!.cells.length - 1];
    assert.deepEqual(last?.outputs, [{ output_type: "stream", name: "stdout", text: "alice was here\n" }], "her own cell ran");
    const { code, killed } = await hub.stop(60_000);
    assert.deepEqual({ code, killed }, { code: 0, killed: false });
    hub = null;
  });
});

describe("class: handing out an updated lesson (binder/jupyterhub/amsgrad-notebooks.sh)", () => {
  const scratch = mkdtempSync(join(tmpdir(), "amsgrad-handout-"));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  test("an unedited copy is replaced, an edited one is kept and the new version lands beside it", () => {
    // A repository of two lessons (the hook needs notebooks/ and node_modules/).
    const repo = join(scratch, "repo");
    mkdirSync(join(repo, "notebooks"), { recursive: true });
    mkdirSync(join(repo, "node_modules"));
    const [first, second] = notebookSources().slice(0, 2);
    for (const source of [first!, second!]) cpSync(source, join(repo, "notebooks", basename(source)));
    const home = join(scratch, "home");
    mkdirSync(home);
    const handOut = () => {
      const run = spawnSync("bash", ["-c", 'source "$0"; echo "status $?"', join(ROOT, "binder", "jupyterhub", "amsgrad-notebooks.sh")], {
        encoding: "utf8",
        env: { ...process.env, HOME: home, AMSGRAD_HOME: repo, JUPYTER_PYTHON: PYTHON, NB_USER: "", NB_UID: "" },
      });
      assert.match(run.stdout, /status 0/, run.stderr);
      return run.stderr;
    };
    const lessons = join(home, LESSONS_FOLDER);
    const [a, b] = [basename(first!), basename(second!)];
    handOut();
    assert.deepEqual(readdirSync(lessons).filter((n) => n.endsWith(".ipynb")).sort(), [a, b].sort());

    // The student edits lesson b; the teacher updates both lessons.
    writeFileSync(join(lessons, b), readFileSync(join(lessons, b), "utf8").replace(/"cells": \[/, '"cells": [{"cell_type": "markdown", "id": "mine", "metadata": {}, "source": ["my notes"]},'));
    const studentsB = sha256(join(lessons, b));
    handOut();
    assert.equal(sha256(join(lessons, b)), studentsB, "the next start keeps the student's edit");
    assert.deepEqual(readdirSync(lessons).filter((n) => n.endsWith(".ipynb")).sort(), [a, b].sort(), "and adds nothing while the lesson is unchanged");
    const update = (name: string, note: string) => {
      const path = join(repo, "notebooks", name);
      writeFileSync(path, readFileSync(path, "utf8").replace(/"cells": \[/, `"cells": [{"cell_type": "markdown", "id": "${note}", "metadata": {}, "source": ["${note}"]},`));
      return sha256(path);
    };
    const newA = update(a, "update-1");
    const newB = update(b, "update-1");
    handOut();
    assert.equal(sha256(join(lessons, a)), newA, "the unedited copy of a is replaced by the update");
    assert.equal(sha256(join(lessons, b)), studentsB, "the student's edited b is kept");
    const besideB = join(lessons, b.replace(/\.ipynb$/, ".new.ipynb"));
    assert.equal(sha256(besideB), newB, "the update of b lands beside it");

    // A second update replaces the unedited .new copy; once the student edits it, it is kept too.
    const newerB = update(b, "update-2");
    handOut();
    assert.equal(sha256(besideB), newerB, "an unedited .new copy follows the next update");
    writeFileSync(besideB, readFileSync(besideB, "utf8").replace("update-2", "mine too"));
    const studentsNew = sha256(besideB);
    update(b, "update-3");
    const log = handOut();
    assert.equal(sha256(besideB), studentsNew, "an edited .new copy is kept");
    assert.equal(sha256(join(lessons, b)), studentsB, "and so is the edited lesson");
    assert.match(log, /kept .*\.new\.ipynb/, "the hook says what it kept");
  });
});

describe("class: the real login is the default", { skip: !jupyterHubInstalled() && "Debian's jupyterhub is missing" }, () => {
  test("without the test-only password class.mjs wants its Unix group (PAM), and bad options are named", () => {
    const run = (args: string[]) => {
      const env = { ...process.env };
      delete env.AMSGRAD_CLASS_TEST_ONLY_PASSWORD;
      return spawnSync(process.execPath, [CLASS_SCRIPT, ...args], { cwd: ROOT, encoding: "utf8", env, timeout: 60_000 });
    };
    const isRoot = process.getuid?.() === 0;
    const group = run(["--group", "amsgrad-no-such-group"]);
    assert.equal(group.status, 1);
    assert.match(
      group.stderr,
      isRoot ? /there is no group amsgrad-no-such-group[\s\S]*groupadd --force amsgrad-no-such-group[\s\S]*useradd/ : /runs as root[\s\S]*sudo npm run class/,
    );
    const port = run(["--port", "80000"]);
    assert.equal(port.status, 1);
    assert.match(port.stderr, /--port must be a port number \(1-65535\), not 80000/);
    const testOnlyOnNetwork = spawnSync(process.execPath, [CLASS_SCRIPT, "--ip", "0.0.0.0"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, AMSGRAD_CLASS_TEST_ONLY_PASSWORD: "x" },
      timeout: 60_000,
    });
    assert.equal(testOnlyOnNetwork.status, 1);
    assert.match(testOnlyOnNetwork.stderr, /AMSGRAD_CLASS_TEST_ONLY_PASSWORD is for tests only and needs --ip 127\.0\.0\.1, not 0\.0\.0\.0/);
  });
});
