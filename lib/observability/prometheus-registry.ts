/**
 * A tiny Prometheus text-format (0.0.4) registry: counters and histograms with labels. Enough for the
 * console's own /api/metrics without pulling a client library into the server bundle.
 */

type Labels = Record<string, string>;

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
// Label values here come from closed sets; the cap only guards against a future caller passing ids.
const MAX_SERIES = 1_000;

export const DEFAULT_SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

function escapeHelp(help: string): string {
  return help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

export function formatValue(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Infinity) return "+Inf";
  if (v === -Infinity) return "-Inf";
  return String(v);
}

function renderLabels(names: readonly string[], values: readonly string[], extra?: [string, string]): string {
  const parts = names.map((n, i) => `${n}="${escapeLabelValue(values[i] ?? "")}"`);
  if (extra) parts.push(`${extra[0]}="${escapeLabelValue(extra[1])}"`);
  return parts.length ? `{${parts.join(",")}}` : "";
}

abstract class Metric<S> {
  protected readonly series = new Map<string, { values: string[]; state: S }>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
  ) {
    if (!METRIC_NAME.test(name)) throw new Error(`Invalid metric name ${name}`);
    for (const l of labelNames) {
      if (!LABEL_NAME.test(l) || l.startsWith("__") || l === "le") throw new Error(`Invalid label name ${l}`);
    }
  }
  protected abstract fresh(): S;
  protected stateFor(labels: Labels): S | null {
    const values = this.labelNames.map((n) => labels[n] ?? "");
    const key = JSON.stringify(values);
    let s = this.series.get(key);
    if (!s) {
      if (this.series.size >= MAX_SERIES) return null;
      s = { values, state: this.fresh() };
      this.series.set(key, s);
    }
    return s.state;
  }
  protected sorted() {
    return [...this.series.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, s]) => s);
  }
  reset() {
    this.series.clear();
  }
  abstract render(): string;
}

export class Counter extends Metric<{ value: number }> {
  protected fresh() {
    return { value: 0 };
  }
  inc(labels: Labels = {}, by = 1) {
    if (!(by >= 0)) return; // counters only go up
    const s = this.stateFor(labels);
    if (s) s.value += by;
  }
  get(labels: Labels = {}): number {
    return this.series.get(JSON.stringify(this.labelNames.map((n) => labels[n] ?? "")))?.state.value ?? 0;
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} counter`];
    for (const s of this.sorted()) lines.push(`${this.name}${renderLabels(this.labelNames, s.values)} ${formatValue(s.state.value)}`);
    return lines.join("\n");
  }
}

interface HistogramState {
  counts: number[];
  sum: number;
  count: number;
}

export class Histogram extends Metric<HistogramState> {
  readonly buckets: readonly number[];
  constructor(name: string, help: string, labelNames: readonly string[], buckets: readonly number[] = DEFAULT_SECONDS_BUCKETS) {
    super(name, help, labelNames);
    this.buckets = [...buckets].filter((b) => Number.isFinite(b)).sort((a, b) => a - b);
  }
  protected fresh(): HistogramState {
    return { counts: this.buckets.map(() => 0), sum: 0, count: 0 };
  }
  observe(labels: Labels, value: number) {
    if (Number.isNaN(value)) return;
    const s = this.stateFor(labels);
    if (!s) return;
    // Buckets are rendered cumulatively; here each observation lands in its first bucket only.
    const i = this.buckets.findIndex((b) => value <= b);
    if (i !== -1) s.counts[i] = (s.counts[i] ?? 0) + 1;
    s.sum += value;
    s.count += 1;
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} histogram`];
    for (const { values, state } of this.sorted()) {
      let cumulative = 0;
      this.buckets.forEach((b, i) => {
        cumulative += state.counts[i] ?? 0;
        lines.push(`${this.name}_bucket${renderLabels(this.labelNames, values, ["le", formatValue(b)])} ${cumulative}`);
      });
      lines.push(`${this.name}_bucket${renderLabels(this.labelNames, values, ["le", "+Inf"])} ${state.count}`);
      lines.push(`${this.name}_sum${renderLabels(this.labelNames, values)} ${formatValue(state.sum)}`);
      lines.push(`${this.name}_count${renderLabels(this.labelNames, values)} ${state.count}`);
    }
    return lines.join("\n");
  }
}

export class Registry {
  private readonly metrics = new Map<string, { render(): string; reset(): void }>();
  counter(name: string, help: string, labelNames: readonly string[] = []): Counter {
    return this.add(new Counter(name, help, labelNames));
  }
  histogram(name: string, help: string, labelNames: readonly string[] = [], buckets?: readonly number[]): Histogram {
    return this.add(new Histogram(name, help, labelNames, buckets));
  }
  private add<M extends Counter | Histogram>(m: M): M {
    if (this.metrics.has(m.name)) throw new Error(`Metric ${m.name} registered twice`);
    this.metrics.set(m.name, m);
    return m;
  }
  render(): string {
    return `${[...this.metrics.values()].map((m) => m.render()).join("\n")}\n`;
  }
  reset() {
    for (const m of this.metrics.values()) m.reset();
  }
}
