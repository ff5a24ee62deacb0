/**
 * Prints (or writes) the Prometheus rule file for the SLO definitions: npm run slo:rules -- [--out FILE].
 * Reads SLO_DEFINITIONS_PATH (default: the shipped definitions) and NEXTAUTH_URL for the links.
 * Exit 2 on invalid definitions or usage.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { sloRulesYaml } from "../lib/alerts/slo-rules";
import { formatDefinitionProblems, loadSloDefinitionsFile, SHIPPED_DEFINITIONS_PATH } from "../lib/slo/definitions";

const HELP = `Usage: npm run slo:rules -- [--out FILE] [--definitions FILE] [--console-url URL]

Prints the Prometheus rule file for the SLO definitions: error-ratio recording rules and multiwindow,
multi-burn-rate alerts (page 1h/5m 14.4x and 6h/30m 6x, ticket 3d/6h 1x).
  --definitions FILE   SLO definitions (default: SLO_DEFINITIONS_PATH or ${SHIPPED_DEFINITIONS_PATH})
  --console-url URL    console URL for the annotation links (default: NEXTAUTH_URL)
  --out FILE           write the file instead of printing it`;

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ options: { out: { type: "string" }, definitions: { type: "string" }, "console-url": { type: "string" }, help: { type: "boolean" } } }).values;
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (args.help) {
    console.log(HELP);
    return 0;
  }
  const file = path.resolve(args.definitions ?? (process.env.SLO_DEFINITIONS_PATH?.trim() || SHIPPED_DEFINITIONS_PATH));
  const loaded = await loadSloDefinitionsFile(file).catch((err: NodeJS.ErrnoException) => ({ ok: false as const, read: err.code ?? String(err) }));
  if (!loaded.ok) {
    console.error("read" in loaded ? `cannot read ${file} (${loaded.read})` : formatDefinitionProblems(file, loaded.problems));
    return 2;
  }
  const yaml = sloRulesYaml(loaded.definitions, { consoleUrl: args["console-url"] ?? (process.env.NEXTAUTH_URL || undefined) });
  if (args.out) {
    writeFileSync(args.out, yaml);
    console.error(`wrote ${loaded.definitions.length} SLOs' rules to ${args.out}`);
  } else process.stdout.write(yaml);
  return 0;
}

process.exitCode = await main();
