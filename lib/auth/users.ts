import "server-only";
import { readFileSync } from "node:fs";
import bcrypt from "bcryptjs";
import { parse } from "yaml";
import { z } from "zod";
import { ROLES, type ConsoleUser } from "@/lib/auth/roles";

const usersFileSchema = z.object({
  users: z
    .array(
      z.object({
        username: z.string().regex(/^[A-Za-z0-9._@-]{1,64}$/),
        passwordHash: z.string().regex(/^\$2[aby]\$\d{2}\$/, "must be a bcrypt hash ($2b$…)"),
        role: z.enum(ROLES),
        displayName: z.string().max(100).optional(),
      }),
    )
    .min(1),
});

type FileUser = z.infer<typeof usersFileSchema>["users"][number];

/** Demo users exist only when the console runs in demo mode, never in a plain production start. */
export const DEMO_USERS: readonly { username: string; password: string; role: ConsoleUser["role"]; name: string }[] = [
  { username: "viewer", password: "demo", role: "viewer", name: "Demo Viewer" },
  { username: "responder", password: "demo", role: "responder", name: "Demo Responder" },
  { username: "admin", password: "demo", role: "admin", name: "Demo Admin" },
];

// "users[1] (alice).role" rather than "users.1.role": the operator edits the file by username.
function fieldName(raw: unknown, path: readonly PropertyKey[]): string {
  if (path.length === 0) return "the top level (expected `users:` with a list)";
  const [first, index, ...rest] = path;
  if (first !== "users" || typeof index !== "number") return path.map(String).join(".");
  const entry = (raw as { users?: unknown[] }).users?.[index] as { username?: unknown } | undefined;
  const who = typeof entry?.username === "string" ? ` (${entry.username})` : "";
  return `users[${index}]${who}${rest.map((p) => `.${String(p)}`).join("")}`;
}

let fileUsers: { path: string; users: FileUser[] } | undefined;

export function loadUsersFile(path: string): FileUser[] {
  if (fileUsers?.path === path) return fileUsers.users;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new Error(`CONSOLE_USERS_FILE=${path} cannot be read: ${(err as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (err) {
    throw new Error(`CONSOLE_USERS_FILE=${path} is not valid YAML: ${(err as Error).message.split("\n")[0]}`);
  }
  const parsed = usersFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`CONSOLE_USERS_FILE=${path} is invalid at ${fieldName(raw, issue?.path ?? [])}: ${issue?.message}`);
  }
  fileUsers = { path, users: parsed.data.users };
  return parsed.data.users;
}

// Compared against when the username is unknown, so timing does not reveal which usernames exist.
const DUMMY_HASH = "$2b$10$CwTycUXWue0Thq9StjUM0uJ8.9q7V8nq1o3ZCyqk5sH3j0m4zR8yS";

export async function verifyCredentials(
  username: string,
  password: string,
  opts: { demo: boolean; usersFile?: string },
): Promise<ConsoleUser | null> {
  if (opts.demo) {
    const demo = DEMO_USERS.find((u) => u.username === username);
    if (demo) return demo.password === password ? { id: `demo:${demo.username}`, name: demo.name, role: demo.role } : null;
  }
  if (!opts.usersFile) return null;
  const user = loadUsersFile(opts.usersFile).find((u) => u.username === username);
  const ok = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  return user && ok ? { id: user.username, name: user.displayName ?? user.username, role: user.role } : null;
}
