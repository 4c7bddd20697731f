// `npm run class` with its real login, as a teacher runs it for a class: as root, PAM checking the
// machine's own accounts, each student's server started as that student (LocalProcessSpawner), here
// on the class network (--ip 0.0.0.0). The test makes two throwaway accounts with random passwords, a
// student in a throwaway class group and an outsider who is not in it, and removes both afterwards.
// Checked:
//   - the network warning is printed before the hub listens, and the ready message names the URLs;
//   - a wrong password and an account outside the class group are refused;
//   - the student logs in through the proxy and runs a lesson: every cell ok, the outputs arrive;
//   - the student's server and kernel run as the student (uid), the copy of the lessons is theirs;
//   - Ctrl+C leaves no process of the class (by process id), and the student's lessons stay on disk.
// Needs root (useradd, PAM reads /etc/shadow); skipped otherwise, and CI runs as root.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { jupyterHubInstalled } from "../scripts/setup.mjs";
import { alive, LESSONS_FOLDER, processTree, runStudents, startClassHub, type ClassHub } from "./support/class-hub.ts";

const isRoot = process.getuid?.() === 0;
const skip = !isRoot ? "needs root (it adds throwaway accounts; PAM reads /etc/shadow): CI runs it" : !jupyterHubInstalled() && "Debian's jupyterhub is missing (npm test installs it)";
const LESSON = "01-gradient-descent.ipynb";

function run(command: string, args: string[], input?: string) {
  const result = spawnSync(command, args, { encoding: "utf8", input });
  assert.equal(result.status, 0, `${command} ${args.join(" ")}: ${result.stderr}`);
  return result.stdout;
}

/** The real uid of process `pid`, from /proc/PID/status. */
function uidOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("Uid:"));
  return Number(line?.split(/\s+/)[1]);
}

describe("class: real accounts, PAM login, servers as the students (root only)", { skip }, () => {
  const tag = randomBytes(3).toString("hex");
  const group = `amsgrad-ci-${tag}`;
  const student = `amsgradst${tag}`;
  const outsider = `amsgradout${tag}`;
  const password = randomBytes(18).toString("base64url");
  const state = mkdtempSync(join(tmpdir(), "amsgrad-class-pam-"));
  let hub: ClassHub | null = null;
  const made: string[] = [];

  after(async () => {
    if (hub) await hub.stop(60_000);
    for (const name of made) spawnSync("userdel", ["--remove", name], { encoding: "utf8" });
    spawnSync("groupdel", [group]);
    rmSync(state, { recursive: true, force: true });
  });

  test("on the class network: the warning, then the URLs", async () => {
    run("groupadd", [group]);
    for (const [name, groups] of [[student, [group]], [outsider, []]] as const) {
      run("useradd", ["--create-home", "--shell", "/bin/bash", ...(groups.length ? ["--groups", groups.join(",")] : []), name]);
      made.push(name);
      run("chpasswd", [], `${name}:${password}\n`);
    }
    hub = await startClassHub(state, { realLogin: true, password, args: ["--group", group, "--ip", "0.0.0.0"] });
    const err = hub.stderr();
    assert.doesNotMatch(err, /TEST-ONLY/, "the real login");
    assert.match(err, /WARNING: the class hub will listen on 0\.0\.0\.0:\d+, reachable from the network/);
    assert.match(err, new RegExp(`Every member of group ${group} can log in`));
    assert.match(err, /unencrypted \(plain HTTP\)/);
    assert.ok(err.indexOf("WARNING: the class hub") < err.indexOf("starting JupyterHub"), "the warning comes before the hub starts");
    assert.match(hub.stdout(), new RegExp(`log in with their account on this machine \\(members of group ${group}\\)`));
  });

  test("a wrong password and an account outside the class group are refused", async () => {
    assert.ok(hub, "the hub is running");
    for (const [username, pw, why] of [[student, `${password}x`, "wrong password"], [outsider, password, "not in the group"]] as const) {
      const response = await fetch(`${hub.url}/hub/login`, { method: "POST", body: new URLSearchParams({ username, password: pw }), redirect: "manual" });
      assert.notEqual(response.status, 302, `${why}: no redirect into the hub`);
      assert.ok(!(response.headers.get("set-cookie") ?? "").includes("jupyterhub-hub-login="), `${why}: no login cookie`);
    }
  });

  test("the student logs in with their password and runs a lesson, in a server and kernel running as them", async () => {
    assert.ok(hub, "the hub is running");
    const { students, stderr } = await runStudents({ hub, students: [student], notebook: `${LESSONS_FOLDER}/${LESSON}`, timeoutSeconds: 240 });
    const [me] = students;
    assert.ok(me?.ok, `${me?.error}\n${stderr}\n${hub.stderr().slice(-3000)}`);
    assert.ok(me!.cells.filter((c) => c.outputs.length > 0).length >= 3, "the lesson's outputs arrived");
    const uid = Number(run("id", ["-u", student]).trim());
    const tree = processTree(hub.child.pid!);
    const mine = tree.filter((p) => p.kind === "server" || p.kind === "kernel");
    assert.deepEqual(mine.map((p) => p.kind).sort(), ["kernel", "server"], tree.map((p) => p.command).join("\n"));
    for (const p of mine) assert.equal(uidOf(p.pid), uid, `the ${p.kind} runs as ${student}`);
    const lessons = join("/home", student, LESSONS_FOLDER);
    assert.equal(statSync(lessons).uid, uid, "the copy of the lessons is the student's");
    // Every file in it (node_modules is a link to the repository's, read-only for students).
    for (const name of readdirSync(lessons)) assert.equal(lstatSync(join(lessons, name)).uid, uid, `${name} is the student's`);
  });

  test("Ctrl+C stops everything; the student's lessons stay", async () => {
    assert.ok(hub, "the hub is running");
    const before = processTree(hub.child.pid!);
    assert.ok(before.some((p) => p.kind === "kernel"), "a kernel runs before the stop");
    const { killed } = await hub.stop(60_000);
    hub = null;
    assert.equal(killed, false, "stopped by itself");
    assert.deepEqual(before.filter((p) => alive(p.pid)), [], "no process of the class is left");
    assert.ok(readdirSync(join("/home", student, LESSONS_FOLDER)).includes(LESSON));
  });
});
