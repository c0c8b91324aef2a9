// A strict reader of Prometheus's text exposition format (version 0.0.4,
// https://prometheus.io/docs/instrumenting/exposition_formats/), for the metrics tests: every line
// is a HELP, a TYPE, a sample or empty; a family is declared (TYPE) before its samples, once, and
// its samples are contiguous; a sample's name is its family's (with _bucket/_sum/_count for
// histograms and summaries); label names and escapes are valid; no series appears twice. Anything
// else throws, naming the line, so a malformed exposition fails the test that reads it.

export type MetricType = "counter" | "gauge" | "histogram" | "summary" | "untyped";

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  /** Family name → its type and help text. */
  families: Map<string, { type: MetricType; help: string | null }>;
  samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set<MetricType>(["counter", "gauge", "histogram", "summary", "untyped"]);

function parseValue(text: string, where: string): number {
  // As Prometheus reads them (Go's ParseFloat): Inf, Infinity and NaN in any case; prom-client writes "Nan".
  if (/^[-+]?(inf|infinity)$/i.test(text)) return text.startsWith("-") ? -Infinity : Infinity;
  if (/^nan$/i.test(text)) return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new Error(`${where}: "${text}" is not a sample value`);
  return Number(text);
}

/** Reads `{a="x",b="y"}` from position `start` (at "{"); returns the labels and the position after "}". */
function parseLabels(line: string, start: number, where: string): { labels: Record<string, string>; end: number } {
  const labels: Record<string, string> = {};
  let i = start + 1;
  while (line[i] !== "}") {
    const eq = line.indexOf("=", i);
    if (eq < 0) throw new Error(`${where}: a label without "="`);
    const name = line.slice(i, eq);
    if (!LABEL_NAME.test(name)) throw new Error(`${where}: "${name}" is not a label name`);
    if (name in labels) throw new Error(`${where}: label ${name} twice`);
    if (line[eq + 1] !== '"') throw new Error(`${where}: label ${name}'s value is not quoted`);
    let value = "";
    let j = eq + 2;
    for (;;) {
      const c = line[j];
      if (c === undefined) throw new Error(`${where}: label ${name}'s value is not closed`);
      if (c === '"') break;
      if (c === "\\") {
        const next = line[j + 1];
        if (next === "\\") value += "\\";
        else if (next === '"') value += '"';
        else if (next === "n") value += "\n";
        else throw new Error(`${where}: "\\${next}" is not an escape of a label value`);
        j += 2;
        continue;
      }
      value += c;
      j++;
    }
    labels[name] = value;
    i = j + 1;
    if (line[i] === ",") i++;
    else if (line[i] !== "}") throw new Error(`${where}: expected "," or "}" after label ${name}`);
  }
  return { labels, end: i + 1 };
}

/** The family a sample name belongs to, given the declared families. */
function familyOf(name: string, families: Exposition["families"]): string | null {
  if (families.has(name)) {
    const type = families.get(name)!.type;
    if (type !== "histogram") return name; // a summary's quantile samples carry the family's own name
  }
  for (const suffix of ["_bucket", "_sum", "_count"]) {
    if (!name.endsWith(suffix)) continue;
    const base = name.slice(0, -suffix.length);
    const family = families.get(base);
    if (family && (family.type === "histogram" || (family.type === "summary" && suffix !== "_bucket"))) return base;
  }
  return null;
}

export function parseExposition(text: string): Exposition {
  if (!text.endsWith("\n")) throw new Error("the exposition does not end with a line break");
  const families: Exposition["families"] = new Map();
  const samples: Sample[] = [];
  const finished = new Set<string>();
  const series = new Set<string>();
  let current: string | null = null;
  const lines = text.slice(0, -1).split("\n");
  lines.forEach((line, index) => {
    const where = `line ${index + 1} (${JSON.stringify(line.slice(0, 80))})`;
    if (line === "") return;
    if (line.startsWith("#")) {
      const comment = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
      if (!comment) return; // any other comment is allowed and ignored
      const [, kind, name, rest] = comment as unknown as [string, "HELP" | "TYPE", string, string];
      if (!METRIC_NAME.test(name)) throw new Error(`${where}: "${name}" is not a metric name`);
      if (kind === "TYPE") {
        if (!TYPES.has(rest as MetricType)) throw new Error(`${where}: "${rest}" is not a metric type`);
        const seen = families.get(name);
        if (seen && seen.type !== "untyped") throw new Error(`${where}: ${name} typed twice`);
        if (samples.some((s) => [name, `${name}_bucket`, `${name}_sum`, `${name}_count`].includes(s.name))) {
          throw new Error(`${where}: TYPE of ${name} after its samples`);
        }
        families.set(name, { type: rest as MetricType, help: seen?.help ?? null });
      } else {
        if (/\\[^\\n]/.test(rest.replace(/\\\\/g, ""))) throw new Error(`${where}: an invalid escape in HELP`);
        const seen = families.get(name);
        if (seen?.help != null) throw new Error(`${where}: HELP of ${name} twice`);
        families.set(name, { type: seen?.type ?? "untyped", help: rest });
      }
      return;
    }
    const nameEnd = line.search(/[{ ]/);
    if (nameEnd <= 0) throw new Error(`${where}: not a sample`);
    const name = line.slice(0, nameEnd);
    if (!METRIC_NAME.test(name)) throw new Error(`${where}: "${name}" is not a metric name`);
    let labels: Record<string, string> = {};
    let rest = line.slice(nameEnd);
    if (rest.startsWith("{")) {
      const parsed = parseLabels(line, nameEnd, where);
      labels = parsed.labels;
      rest = line.slice(parsed.end);
    }
    const fields = /^ (\S+)( -?\d+)?$/.exec(rest);
    if (!fields) throw new Error(`${where}: expected " <value> [timestamp]" after the name and labels`);
    const family = familyOf(name, families);
    if (family === null) throw new Error(`${where}: ${name} belongs to no declared family`);
    if (family !== current) {
      if (current !== null) finished.add(current);
      if (finished.has(family)) throw new Error(`${where}: the samples of ${family} are not contiguous`);
      current = family;
    }
    if (families.get(family)!.type === "histogram" && name.endsWith("_bucket") && !("le" in labels)) throw new Error(`${where}: a bucket without le`);
    const key = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
    if (series.has(key)) throw new Error(`${where}: the series appears twice`);
    series.add(key);
    samples.push({ name, labels, value: parseValue(fields[1]!, where) });
  });
  return { families, samples };
}

/** The value of the one sample with exactly these labels, or 0 when there is none (a series not yet moved). */
export function valueOf(exposition: Exposition, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels);
  const found = exposition.samples.filter(
    (s) => s.name === name && Object.keys(s.labels).length === wanted.length && wanted.every(([k, v]) => s.labels[k] === v),
  );
  if (found.length > 1) throw new Error(`${name}${JSON.stringify(labels)} matches ${found.length} samples`);
  return found[0]?.value ?? 0;
}

/** The samples of one metric name whose labels include these. */
export function samplesOf(exposition: Exposition, name: string, labels: Record<string, string> = {}): Sample[] {
  return exposition.samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
}
