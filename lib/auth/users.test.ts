import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import bcrypt from "bcryptjs";
import { afterAll, describe, expect, it } from "vitest";
import { loadUsersFile, verifyCredentials } from "@/lib/auth/users";

const dir = mkdtempSync(join(tmpdir(), "console-users-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function usersFile(text: string): string {
  const path = join(dir, `users-${++n}.yaml`);
  writeFileSync(path, text);
  return path;
}

// Cost 4 keeps the suite fast; the console accepts any bcrypt cost.
const aliceHash = bcrypt.hashSync("correct horse", 4);
const goodFile = () =>
  usersFile(`users:\n  - username: alice\n    passwordHash: "${aliceHash}"\n    role: responder\n    displayName: Alice Ops\n  - username: viewer\n    passwordHash: "${aliceHash}"\n    role: viewer\n`);

describe("users file", () => {
  it("reads users with their roles", () => {
    const users = loadUsersFile(goodFile());
    expect(users.map((u) => [u.username, u.role])).toEqual([["alice", "responder"], ["viewer", "viewer"]]);
  });

  it("names the file when it does not exist", () => {
    const path = join(dir, "missing.yaml");
    expect(() => loadUsersFile(path)).toThrow(`CONSOLE_USERS_FILE=${path} cannot be read`);
  });

  it("names the file and the line when the YAML is broken", () => {
    const path = usersFile("users:\n  - username: alice\n   role: [admin\n");
    expect(() => loadUsersFile(path)).toThrow(new RegExp(`^CONSOLE_USERS_FILE=${path} is not valid YAML: .*line \\d+`));
  });

  it("names the file, the user and the field for a password that is not a bcrypt hash", () => {
    const path = usersFile("users:\n  - username: bob\n    passwordHash: hunter2\n    role: admin\n");
    expect(() => loadUsersFile(path)).toThrow(`CONSOLE_USERS_FILE=${path} is invalid at users[0] (bob).passwordHash: must be a bcrypt hash`);
  });

  it("names the file, the user and the field for an unknown role", () => {
    const path = usersFile(`users:\n  - username: alice\n    passwordHash: "${aliceHash}"\n    role: admin\n  - username: carol\n    passwordHash: "${aliceHash}"\n    role: superuser\n`);
    expect(() => loadUsersFile(path)).toThrow(/is invalid at users\[1\] \(carol\)\.role: .*viewer.*responder.*admin/);
  });

  it("says what is expected when the file has no users list", () => {
    const path = usersFile("- alice\n");
    expect(() => loadUsersFile(path)).toThrow(`CONSOLE_USERS_FILE=${path} is invalid at the top level (expected \`users:\` with a list)`);
  });
});

describe("verifyCredentials", () => {
  it("knows the demo users only in demo mode", async () => {
    await expect(verifyCredentials("admin", "demo", { demo: true })).resolves.toEqual({ id: "demo:admin", name: "Demo Admin", role: "admin" });
    await expect(verifyCredentials("viewer", "demo", { demo: true })).resolves.toMatchObject({ role: "viewer" });
    await expect(verifyCredentials("admin", "wrong", { demo: true })).resolves.toBeNull();
    await expect(verifyCredentials("admin", "demo", { demo: false })).resolves.toBeNull();
    await expect(verifyCredentials("admin", "demo", { demo: false, usersFile: goodFile() })).resolves.toBeNull();
  });

  it("checks users-file passwords with bcrypt", async () => {
    const file = goodFile();
    await expect(verifyCredentials("alice", "correct horse", { demo: false, usersFile: file })).resolves.toEqual({ id: "alice", name: "Alice Ops", role: "responder" });
    await expect(verifyCredentials("alice", "Correct horse", { demo: false, usersFile: file })).resolves.toBeNull();
    await expect(verifyCredentials("alice", aliceHash, { demo: false, usersFile: file })).resolves.toBeNull();
  });

  it("refuses unknown users, and a file user keeps its own password in demo mode too", async () => {
    const file = goodFile();
    await expect(verifyCredentials("mallory", "correct horse", { demo: false, usersFile: file })).resolves.toBeNull();
    await expect(verifyCredentials("mallory", "demo", { demo: true, usersFile: file })).resolves.toBeNull();
    await expect(verifyCredentials("alice", "correct horse", { demo: true, usersFile: file })).resolves.toMatchObject({ id: "alice" });
    await expect(verifyCredentials("", "", { demo: false })).resolves.toBeNull();
  });
});
