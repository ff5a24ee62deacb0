/**
 * Prometheus text exposition format (0.0.4) parser, lenient: a bad line is reported with its
 * number and skipped, never thrown. Also accepts the OpenMetrics flavour prometheus_client can
 * emit (`# EOF`, `_total` counters declared without the suffix, exemplars, timestamps in seconds).
 */

export type MetricType = "counter" | "gauge" | "histogram" | "summary" | "untyped";

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
  timestampMs?: number;
}

export interface MetricFamily {
  name: string;
  type: MetricType;
  help?: string;
  samples: Sample[];
}

export interface ParseError {
  line: number;
  message: string;
}

export interface ParsedMetrics {
  families: Map<string, MetricFamily>;
  samples: Sample[];
  errors: ParseError[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

// Suffixes a sample may carry beyond its family name, per family type.
const SUFFIXES: Record<MetricType, readonly string[]> = {
  histogram: ["_bucket", "_sum", "_count", "_created", "_gsum", "_gcount"],
  summary: ["_sum", "_count", "_created"],
  counter: ["_total", "_created"],
  gauge: [],
  untyped: [],
};

const ALL_SUFFIXES = [...new Set(Object.values(SUFFIXES).flat())];

const TYPE_ALIASES: Record<string, MetricType> = {
  counter: "counter",
  gauge: "gauge",
  histogram: "histogram",
  gaugehistogram: "histogram",
  summary: "summary",
  untyped: "untyped",
  unknown: "untyped",
  info: "gauge",
  stateset: "gauge",
};

class LineError extends Error {}

export function parsePromText(text: string): ParsedMetrics {
  const families = new Map<string, MetricFamily>();
  const samples: Sample[] = [];
  const errors: ParseError[] = [];
  const lines = text.split(/\r?\n/);
  const openMetrics = lines.some((l) => l.trim() === "# EOF");
  const familiesWithSamples = new Set<string>();

  const familyFor = (name: string): MetricFamily => {
    const exact = families.get(name);
    if (exact) return exact;
    for (const suffix of ALL_SUFFIXES) {
      if (!name.endsWith(suffix)) continue;
      const fam = families.get(name.slice(0, -suffix.length));
      if (fam && SUFFIXES[fam.type].includes(suffix)) return fam;
    }
    const created: MetricFamily = { name, type: "untyped", samples: [] };
    families.set(name, created);
    return created;
  };

  const declared = (name: string): MetricFamily => {
    let fam = families.get(name);
    if (!fam) {
      fam = { name, type: "untyped", samples: [] };
      families.set(name, fam);
    }
    return fam;
  };

  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const line = raw.trim();
    if (line === "") return;
    try {
      if (line.startsWith("#")) {
        parseComment(line, lineNo);
        return;
      }
      const sample = parseSampleLine(line, openMetrics);
      const fam = familyFor(sample.name);
      fam.samples.push(sample);
      familiesWithSamples.add(fam.name);
      samples.push(sample);
    } catch (err) {
      if (!(err instanceof LineError)) throw err;
      errors.push({ line: lineNo, message: err.message });
    }
  });

  function parseComment(line: string, lineNo: number): void {
    const m = /^#\s*(HELP|TYPE)\s+(\S+)(?:\s+(.*))?$/.exec(line);
    if (!m) return; // plain comment, e.g. "# Prometheus exposition disabled"
    const [, keyword, name = "", rest = ""] = m;
    if (!METRIC_NAME.test(name)) throw new LineError(`invalid metric name "${name}" in ${keyword}`);
    if (keyword === "HELP") {
      const fam = declared(name);
      if (fam.help !== undefined) errors.push({ line: lineNo, message: `second HELP for ${name}` });
      fam.help = unescapeHelp(rest);
      return;
    }
    const type = TYPE_ALIASES[rest.trim().toLowerCase()];
    if (!type) throw new LineError(`unknown metric type "${rest.trim()}" for ${name}`);
    const existing = families.get(name);
    if (existing && familiesWithSamples.has(name)) {
      throw new LineError(`TYPE for ${name} after its samples`);
    }
    if (existing && existing.type !== "untyped" && existing.type !== type) {
      throw new LineError(`second TYPE for ${name}`);
    }
    declared(name).type = type;
  }

  return { families, samples, errors };
}

function parseSampleLine(line: string, openMetrics: boolean): Sample {
  let pos = 0;
  let name = "";
  const labels: Record<string, string> = {};

  const nameMatch = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line);
  if (nameMatch) {
    name = nameMatch[0];
    pos = name.length;
  } else if (line[0] !== "{") {
    throw new LineError(`invalid metric name at "${line.slice(0, 40)}"`);
  }

  if (line[pos] === "{") {
    pos = parseLabels(line, pos + 1, labels, (quotedName) => {
      if (name) throw new LineError("metric name given twice");
      name = quotedName;
    });
  }
  if (!name) throw new LineError("sample without a metric name");

  const rest = line.slice(pos);
  if (rest !== "" && !/^[ \t]/.test(rest)) throw new LineError(`unexpected "${rest[0]}" after ${name}`);
  // An exemplar (" # {...} v [ts]") is OpenMetrics-only decoration; drop it.
  const withoutExemplar = rest.replace(/\s#\s*\{.*$/, "");
  const fields = withoutExemplar.trim().split(/[ \t]+/).filter(Boolean);
  if (fields.length === 0) throw new LineError(`missing value for ${name}`);
  if (fields.length > 2) throw new LineError(`unexpected text after value of ${name}: "${fields.slice(2).join(" ")}"`);

  const value = parseValue(fields[0] ?? "");
  if (value === undefined) throw new LineError(`invalid value "${fields[0]}" for ${name}`);
  const sample: Sample = { name, labels, value };
  if (fields[1] !== undefined) {
    const ts = parseTimestamp(fields[1], openMetrics);
    if (ts === undefined) throw new LineError(`invalid timestamp "${fields[1]}" for ${name}`);
    sample.timestampMs = ts;
  }
  return sample;
}

/** Parses `name="value",...}` starting after `{`; returns the index after `}`. */
function parseLabels(
  line: string,
  start: number,
  labels: Record<string, string>,
  onQuotedName: (name: string) => void,
): number {
  let pos = start;
  const skipSpace = () => {
    while (line[pos] === " " || line[pos] === "\t") pos++;
  };
  for (;;) {
    skipSpace();
    if (line[pos] === "}") return pos + 1;
    if (pos >= line.length) throw new LineError("unterminated label set");

    let labelName: string;
    if (line[pos] === '"') {
      const q = readQuoted(line, pos);
      pos = q.end;
      skipSpace();
      if (line[pos] !== "=") {
        onQuotedName(q.value); // UTF-8 metric name inside the braces
        skipSpace();
        if (line[pos] === ",") pos++;
        continue;
      }
      labelName = q.value;
    } else {
      const m = /^[^=\s,}"]*/.exec(line.slice(pos));
      labelName = m?.[0] ?? "";
      if (!LABEL_NAME.test(labelName)) throw new LineError(`invalid label name "${labelName}"`);
      pos += labelName.length;
      skipSpace();
    }
    if (line[pos] !== "=") throw new LineError(`expected "=" after label ${labelName}`);
    pos++;
    skipSpace();
    if (line[pos] !== '"') throw new LineError(`label ${labelName} value must be quoted`);
    const v = readQuoted(line, pos);
    if (Object.hasOwn(labels, labelName)) throw new LineError(`duplicate label ${labelName}`);
    labels[labelName] = v.value;
    pos = v.end;
    skipSpace();
    if (line[pos] === ",") pos++;
    else if (line[pos] !== "}") throw new LineError(`expected "," or "}" after label ${labelName}`);
  }
}

function readQuoted(line: string, start: number): { value: string; end: number } {
  let out = "";
  let pos = start + 1;
  while (pos < line.length) {
    const ch = line[pos];
    if (ch === '"') return { value: out, end: pos + 1 };
    if (ch === "\\") {
      const next = line[pos + 1];
      if (next === "\\") out += "\\";
      else if (next === '"') out += '"';
      else if (next === "n") out += "\n";
      else throw new LineError(`invalid escape "\\${next ?? ""}" in label value`);
      pos += 2;
      continue;
    }
    out += ch;
    pos++;
  }
  throw new LineError("unterminated quoted string");
}

function unescapeHelp(s: string): string {
  return s.replace(/\\(\\|n)/g, (_, c: string) => (c === "n" ? "\n" : "\\"));
}

const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Go's ParseFloat as used by Prometheus: decimal floats plus Inf/NaN spellings. */
export function parseValue(s: string): number | undefined {
  if (FLOAT.test(s)) return Number(s);
  const lower = s.toLowerCase();
  if (lower === "nan") return NaN;
  if (/^\+?inf(inity)?$/.test(lower)) return Infinity;
  if (/^-inf(inity)?$/.test(lower)) return -Infinity;
  return undefined;
}

function parseTimestamp(s: string, openMetrics: boolean): number | undefined {
  if (openMetrics) {
    if (!FLOAT.test(s)) return undefined;
    return Math.round(Number(s) * 1000);
  }
  if (!/^-?\d+$/.test(s)) return undefined;
  return Number(s);
}

/**
 * Names of `*_created` series client libraries add beside counters, histograms and summaries.
 * A gauge that merely ends in `_created` stays (e.g. `tenants_created` with no `tenants_total`).
 */
export function createdSeriesNames(parsed: ParsedMetrics): Set<string> {
  const names = new Set(parsed.samples.map((s) => s.name));
  const out = new Set<string>();
  for (const name of names) {
    if (!name.endsWith("_created")) continue;
    const base = name.slice(0, -"_created".length);
    const fam = parsed.families.get(base);
    const ownedByFamily = fam !== undefined && fam.type !== "gauge" && fam.type !== "untyped";
    const hasSibling = [`${base}_total`, `${base}_count`, `${base}_bucket`, `${base}_sum`].some((n) => names.has(n));
    if (ownedByFamily || hasSibling) out.add(name);
  }
  return out;
}
