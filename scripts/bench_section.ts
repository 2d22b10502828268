// The contract between `npm run bench` (scripts/bench.ts, which prints) and its sections (each measures one
// thing and returns rows): sections import this module, never the entry point, so the entry point can
// import every section without a cycle. Also the few helpers more than one section needs.

/** One line of the table: a figure for this app beside the same figure for the baseline. */
export interface Row {
  metric: string;
  /** The figure for this app, formatted. */
  value: string;
  /** The same figure for the baseline (or a ceiling/target), formatted; '' when there is none. */
  baseline: string;
  /** value / baseline, formatted ("1.42×", "91%"); '' when not meaningful. */
  ratio: string;
  /** An optional last column (e.g. the endpoints behind a request count). */
  detail?: string;
}

export interface SectionResult {
  /** What the baseline column means in this section ("bare zapier-platform-core", "25 writes/s"). */
  baselineLabel: string;
  rows: Row[];
  /** Header of the optional last column, when rows carry `detail`. */
  detailLabel?: string;
  /** How the figures were taken, one sentence each. */
  notes: string[];
}

export interface BenchContext {
  root: string;
  /** Node 22 from node_modules/.bin (the project's pinned runtime). */
  node: string;
  runs: number;
  log: (line: string) => void;
}

export interface Section {
  /** Stable id for --only. */
  id: string;
  title: string;
  run(ctx: BenchContext): Promise<SectionResult>;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

/** The value of a `--name=value` command-line option. */
export function option(name: string): string | undefined {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}
