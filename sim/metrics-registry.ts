/** A tiny Prometheus registry rendering text format 0.0.4 the way the Python client does. */

type Labels = Record<string, string>;

interface Family {
  name: string;
  help: string;
  type: "counter" | "gauge" | "histogram";
  buckets?: number[];
  series: Map<string, Series>;
}

interface Series {
  labels: Labels;
  value: number;
  bucketCounts: number[];
  sum: number;
  created: number;
}

/** prometheus_client's floatToGoString: 3 → "3.0", 1757326000.5 → "1.7573260005e+09". */
export function goFloat(value: number): string {
  if (value === Infinity) return "+Inf";
  if (Number.isNaN(value)) return "NaN";
  let s = Number.isInteger(value) ? `${value}.0` : String(value);
  const dot = s.indexOf(".");
  if (value > 0 && dot > 6 && !s.includes("e")) {
    const mantissa = `${s[0]}.${s.slice(1, dot)}${s.slice(dot + 1)}`.replace(/[0.]+$/, "");
    s = `${mantissa}e+0${dot - 1}`;
  }
  return s;
}

const escape = (v: string) => v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
const labelText = (labels: Labels) => {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${escape(v)}"`);
  return parts.length ? `{${parts.join(",")}}` : "";
};

/** Columnar samples over time: one value per snapshot from the sample's first appearance (`from`). */
export interface RecordedHistory {
  ts: number[];
  series: { name: string; labels: Labels; from: number; values: number[] }[];
}

export class Registry {
  private families = new Map<string, Family>();
  private recorders = new WeakMap<RecordedHistory, Map<Series, number[][]>>();

  constructor(private readonly createdAt: () => number) {}

  define(name: string, type: Family["type"], help: string, buckets?: number[]): void {
    if (!this.families.has(name)) this.families.set(name, { name, type, help, buckets, series: new Map() });
  }

  private series(name: string, labels: Labels): Series {
    const family = this.families.get(name);
    if (!family) throw new Error(`metric ${name} not defined`);
    const key = labelText(labels);
    let s = family.series.get(key);
    if (!s) {
      s = { labels, value: 0, bucketCounts: (family.buckets ?? []).map(() => 0), sum: 0, created: this.createdAt() };
      family.series.set(key, s);
    }
    return s;
  }

  inc(name: string, labels: Labels, by = 1): void {
    this.series(name, labels).value += by;
  }

  set(name: string, labels: Labels, value: number): void {
    this.series(name, labels).value = value;
  }

  observe(name: string, labels: Labels, value: number, weight = 1): void {
    const family = this.families.get(name);
    const s = this.series(name, labels);
    (family?.buckets ?? []).forEach((le, i) => {
      if (value <= le) s.bucketCounts[i] = (s.bucketCounts[i] ?? 0) + weight;
    });
    s.value += weight;
    s.sum += value * weight;
  }

  /**
   * Appends every sample's current value (as render() exposes it, minus _created) to `out`'s columns, creating
   * a column with `from: k` for a sample seen for the first time. Cheap enough to call per replay step.
   */
  recordInto(out: RecordedHistory, k: number): void {
    let cols = this.recorders.get(out);
    if (!cols) this.recorders.set(out, (cols = new Map()));
    for (const f of this.families.values()) {
      const shown = f.type === "counter" ? `${f.name.replace(/_total$/, "")}_total` : f.name;
      for (const s of f.series.values()) {
        let c = cols.get(s);
        if (!c) {
          const add = (name: string, labels: Labels) => out.series[out.series.push({ name, labels, from: k, values: [] }) - 1]!.values;
          c =
            f.type !== "histogram"
              ? [add(shown, s.labels)]
              : [
                  ...(f.buckets ?? []).map((le) => add(`${f.name}_bucket`, { ...s.labels, le: goFloat(le) })),
                  add(`${f.name}_bucket`, { ...s.labels, le: "+Inf" }),
                  add(`${f.name}_count`, s.labels),
                  add(`${f.name}_sum`, s.labels),
                ];
          cols.set(s, c);
        }
        if (f.type !== "histogram") {
          c[0]!.push(s.value);
          continue;
        }
        const n = f.buckets?.length ?? 0;
        for (let i = 0; i < n; i++) c[i]!.push(s.bucketCounts[i] ?? 0);
        c[n]!.push(s.value);
        c[n + 1]!.push(s.value);
        c[n + 2]!.push(Math.round(s.sum * 1000) / 1000);
      }
    }
  }

  render(): string {
    const out: string[] = [];
    for (const f of this.families.values()) {
      const base = f.type === "counter" ? f.name.replace(/_total$/, "") : f.name;
      const shown = f.type === "counter" ? `${base}_total` : f.name;
      out.push(`# HELP ${shown} ${f.help}`, `# TYPE ${shown} ${f.type}`);
      for (const s of f.series.values()) {
        const l = labelText(s.labels);
        if (f.type !== "histogram") {
          out.push(`${shown}${l} ${goFloat(s.value)}`);
          continue;
        }
        (f.buckets ?? []).forEach((le, i) => out.push(`${f.name}_bucket${labelText({ ...s.labels, le: goFloat(le) })} ${goFloat(s.bucketCounts[i] ?? 0)}`));
        out.push(`${f.name}_bucket${labelText({ ...s.labels, le: "+Inf" })} ${goFloat(s.value)}`);
        out.push(`${f.name}_count${l} ${goFloat(s.value)}`, `${f.name}_sum${l} ${goFloat(Math.round(s.sum * 1000) / 1000)}`);
      }
      if (f.type === "gauge") continue;
      out.push(`# HELP ${base}_created ${f.help}`, `# TYPE ${base}_created gauge`);
      for (const s of f.series.values()) out.push(`${base}_created${labelText(s.labels)} ${goFloat(s.created / 1000)}`);
    }
    return `${out.join("\n")}\n`;
  }
}
