/**
 * SLO definitions: an OpenSLO-like YAML subset, validated with zod. Every problem names the
 * file line and the field path, so an operator can fix a hand-edited file without guessing.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { isNode, LineCounter, parseDocument, type Document } from "yaml";
import { z } from "zod";
import { parseDuration } from "./duration";
import { parseSelector, type Selector } from "./selector";

export type SloScheme = "A" | "B" | "custom";

export type SloIndicator =
  | { kind: "ratio"; good: Selector; total: Selector }
  | { kind: "error_ratio"; bad: Selector; total: Selector }
  /** `histogram` names the histogram family; its `<name>_bucket` series are read. */
  | { kind: "latency"; histogram: Selector; thresholdSeconds: number; displayQuantile: number };

export interface SloDefinition {
  id: string;
  name: string;
  scheme: SloScheme;
  description: string;
  /** Fraction of good events targeted over the period, e.g. 0.99. */
  objective: number;
  period: string;
  periodMs: number;
  /** Runbook section number to open (ON_CALL_RUNBOOK.md "## 6) …"). */
  runbookSection: number;
  /** Fewer events than this in a window → "insufficient traffic" rather than a burn rate. */
  minEvents?: number;
  indicator: SloIndicator;
}

export interface DefinitionProblem {
  line: number | null;
  column: number | null;
  /** Dotted path of the offending field, e.g. "slos[2].indicator.ratio.good". */
  field: string;
  message: string;
}

export type DefinitionsResult =
  | { ok: true; definitions: SloDefinition[] }
  | { ok: false; problems: DefinitionProblem[] };

const selectorField = z.string().transform((text, ctx) => {
  const parsed = parseSelector(text);
  if ("error" in parsed) {
    ctx.addIssue({ code: "custom", message: parsed.error });
    return z.NEVER;
  }
  return parsed.selector;
});

const indicatorSchema = z
  .object({
    ratio: z.strictObject({ good: selectorField, total: selectorField }).optional(),
    errorRatio: z.strictObject({ bad: selectorField, total: selectorField }).optional(),
    latency: z
      .strictObject({
        histogram: selectorField,
        thresholdSeconds: z.number().positive(),
        displayQuantile: z.number().gt(0).lt(1).default(0.95),
      })
      .optional(),
  })
  .strict()
  .refine((i) => [i.ratio, i.errorRatio, i.latency].filter(Boolean).length === 1, {
    message: "exactly one of ratio, errorRatio, latency is required",
  });

const sloSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "lower-case letters, digits and dashes"),
  name: z.string().min(1),
  scheme: z.enum(["A", "B", "custom"]),
  description: z.string().default(""),
  objective: z.number().gt(0, "must be above 0").lt(1, "must be below 1 (1.0 leaves no error budget)"),
  period: z.string().refine((p) => parseDuration(p) !== undefined, "a duration such as 30d or 4w"),
  runbookSection: z.number().int().min(1).max(10),
  minEvents: z.number().int().min(0).optional(),
  indicator: indicatorSchema,
});

const fileSchema = z.strictObject({
  apiVersion: z.literal("dotmac.console/v1"),
  kind: z.literal("SLOList"),
  slos: z.array(sloSchema).min(1),
});

export function parseSloDefinitions(text: string): DefinitionsResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems: DefinitionProblem[] = doc.errors.map((e) => {
    const pos = lineCounter.linePos(e.pos[0]);
    return { line: pos.line, column: pos.col, field: "", message: e.message.split("\n")[0]! };
  });
  if (problems.length > 0) return { ok: false, problems };

  const parsed = fileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) {
          const keyPath = [...issue.path, key];
          problems.push({ ...locate(doc, lineCounter, keyPath), field: formatPath(keyPath), message: `unknown field "${key}"` });
        }
        continue;
      }
      const missing = issue.code === "invalid_type" && /received undefined/.test(issue.message);
      const at = locate(doc, lineCounter, issue.path);
      problems.push({ ...at, field: formatPath(issue.path), message: missing ? "required field is missing" : issue.message });
    }
    return { ok: false, problems };
  }

  const definitions: SloDefinition[] = [];
  const seen = new Map<string, number>();
  parsed.data.slos.forEach((s, i) => {
    if (seen.has(s.id)) {
      const at = locate(doc, lineCounter, ["slos", i, "id"]);
      problems.push({ ...at, field: `slos[${i}].id`, message: `duplicate id "${s.id}" (first at slos[${seen.get(s.id)}])` });
      return;
    }
    seen.set(s.id, i);
    definitions.push({
      id: s.id,
      name: s.name,
      scheme: s.scheme,
      description: s.description.trim(),
      objective: s.objective,
      period: s.period,
      periodMs: parseDuration(s.period)!,
      runbookSection: s.runbookSection,
      ...(s.minEvents !== undefined ? { minEvents: s.minEvents } : {}),
      indicator: toIndicator(s.indicator),
    });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, definitions };
}

function toIndicator(i: z.infer<typeof indicatorSchema>): SloIndicator {
  if (i.ratio) return { kind: "ratio", good: i.ratio.good, total: i.ratio.total };
  if (i.errorRatio) return { kind: "error_ratio", bad: i.errorRatio.bad, total: i.errorRatio.total };
  const l = i.latency!;
  const histogram = { ...l.histogram, metric: l.histogram.metric.replace(/_bucket$/, "") };
  return { kind: "latency", histogram, thresholdSeconds: l.thresholdSeconds, displayQuantile: l.displayQuantile };
}

/** Line of the node at `p`, or of its nearest existing ancestor when the field is missing. */
function locate(doc: Document, lc: LineCounter, p: readonly PropertyKey[]): { line: number | null; column: number | null } {
  for (let n = p.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(p.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) {
      const pos = lc.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return { line: null, column: null };
}

function formatPath(p: readonly PropertyKey[]): string {
  return p.reduce<string>((acc, k) => (typeof k === "number" ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)), "");
}

export function formatDefinitionProblems(source: string, problems: readonly DefinitionProblem[]): string {
  return problems
    .map((p) => `${source}${p.line !== null ? `:${p.line}` : ""}${p.field ? ` ${p.field}` : ""}: ${p.message}`)
    .join("\n");
}

export const SHIPPED_DEFINITIONS_PATH = path.join("lib", "slo", "definitions", "dotmac.yaml");

/** Reads a definitions file (default: the shipped one, relative to the working directory). */
export async function loadSloDefinitionsFile(file = path.resolve(process.cwd(), SHIPPED_DEFINITIONS_PATH)): Promise<DefinitionsResult> {
  return parseSloDefinitions(await readFile(file, "utf8"));
}

/** Metric names an SLO reads (histogram SLOs read `<name>_bucket`). */
export function metricNamesFor(def: SloDefinition): string[] {
  const i = def.indicator;
  if (i.kind === "ratio") return [...new Set([i.good.metric, i.total.metric])];
  if (i.kind === "error_ratio") return [...new Set([i.bad.metric, i.total.metric])];
  return [`${i.histogram.metric}_bucket`];
}
