import type { BenchVerb, Side } from './bench-scenarios.ts';
import type { Summary } from './bench-stats.ts';

// The benchmark's table: one row per scenario and verb.

export interface BenchRow {
  readonly scenario: string;
  readonly verb: BenchVerb;
  readonly times: Readonly<Record<Side, Summary>>;
  /** The most ours may take as a ratio of Go's median; undefined when the issue sets none. */
  readonly target: number | undefined;
  /** Peak RSS in KiB per side; undefined when not measured. */
  readonly rssKib: Readonly<Partial<Record<Side, number>>>;
  /** Minor page faults of the same exec per side; undefined when not measured. */
  readonly minorFaults?: Readonly<Partial<Record<Side, number>>>;
}

/** Our median over Go's. */
export function ratio(row: BenchRow): number {
  return row.times.ours.median / row.times.go.median;
}

/** True/false when the row has a target and both sides ran, undefined otherwise. */
export function targetMet(row: BenchRow): boolean | undefined {
  const value = ratio(row);
  return row.target === undefined || Number.isNaN(value) ? undefined : value <= row.target;
}

const ms = (value: number): string => (Number.isNaN(value) ? '-' : value.toFixed(1));
const mib = (kib: number | undefined): string =>
  kib === undefined ? '-' : (kib / 1024).toFixed(1);
const count = (value: number | undefined): string => (value === undefined ? '-' : `${value}`);

const HEADER = [
  'scenario',
  'verb',
  'ours med',
  'ours p95',
  'Go med',
  'Go p95',
  'ours/Go',
  'target',
  'met',
  'RSS ours MiB',
  'RSS Go MiB',
  'faults ours',
  'faults Go',
];

function cells(row: BenchRow): string[] {
  const met = targetMet(row);
  return [
    row.scenario,
    row.verb,
    ms(row.times.ours.median),
    ms(row.times.ours.p95),
    ms(row.times.go.median),
    ms(row.times.go.p95),
    Number.isNaN(ratio(row)) ? '-' : `${ratio(row).toFixed(2)}x`,
    row.target === undefined ? '-' : `<=${row.target}x`,
    met === undefined ? '-' : met ? 'yes' : 'NO',
    mib(row.rssKib.ours),
    mib(row.rssKib.go),
    count(row.minorFaults?.ours),
    count(row.minorFaults?.go),
  ];
}

/** The rows as an aligned text table (times in milliseconds). */
export function formatBenchTable(rows: readonly BenchRow[]): string {
  const table = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, column) =>
    Math.max(...table.map((line) => (line[column] ?? '').length)),
  );
  const render = (line: readonly string[]): string =>
    line
      .map((cell, column) =>
        column < 2 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [render(HEADER), rule, ...rows.map((row) => render(cells(row)))].join('\n');
}

/**
 * Where one scenario's time goes: its own work (its median over `baseline`, the same
 * plugin's exec that does nothing, e.g. portmap without mappings) and that exec's cost over
 * our VERSION row `version` (started the same way as the scenario), per verb. Undefined
 * when a row is missing.
 */
export function workSplitLine(
  rows: readonly BenchRow[],
  scenario: string,
  baseline: string,
  version: string,
): string | undefined {
  const median = (name: string, verb: BenchVerb): number | undefined =>
    rows.find((row) => row.scenario === name && row.verb === verb)?.times.ours.median;
  const start = median(version, 'VERSION');
  const parts: string[] = [];
  for (const verb of ['ADD', 'DEL'] as const) {
    const full = median(scenario, verb);
    const idle = median(baseline, verb);
    if (full === undefined || idle === undefined || start === undefined) return undefined;
    parts.push(
      `${verb} ${ms(full)} ms = ${ms(idle)} without it (${ms(idle - start)} over '${version}') + ${ms(full - idle)}`,
    );
  }
  return `${scenario}, ours, split against '${baseline}': ${parts.join('; ')}`;
}
