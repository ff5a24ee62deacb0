import "server-only";
import { formatConfigProblems, parsePlatformEnv, type ConfigProblem, type PlatformEnv } from "@/lib/config/platform-env";
import { parseConsoleEnv, type ConsoleEnv } from "@/lib/config/console-env";

export type ServerEnv = { platform: PlatformEnv; console: ConsoleEnv };

let cached: ServerEnv | undefined;

/** The one validated configuration of the running console; throws one line per bad variable. */
export function getEnv(): ServerEnv {
  if (cached) return cached;
  const problems: ConfigProblem[] = [];
  const platform = parsePlatformEnv(process.env);
  const consoleEnv = parseConsoleEnv(process.env);
  if (!platform.ok) problems.push(...platform.problems);
  if (!consoleEnv.ok) problems.push(...consoleEnv.problems);
  if (!platform.ok || !consoleEnv.ok) throw new Error(formatConfigProblems(problems));
  cached = { platform: platform.value, console: consoleEnv.value };
  return cached;
}

