// The kill probe's table: one row per side, plugin and probe, with what was left.
import type { Leftovers } from '../test/_crash.ts';

export type ProbeSide = 'ours' | 'Go';
export type ProbeKind = 'random kills' | 'strace hold' | 'corrupt prevResult';

export interface ProbeRow {
  readonly side: ProbeSide;
  readonly plugin: string;
  readonly probe: ProbeKind;
  /** ADDs the kill landed in (before they finished), of those tried; 0/0 for the DEL probe. */
  readonly killed: number;
  readonly tried: number;
  /** DELs that did not exit 0, of `dels`. */
  readonly delFailures: number;
  readonly dels: number;
  /** Failed DELs that still failed when retried (as runtimes retry DEL). */
  readonly stuck: number;
  readonly left: Leftovers;
}

const HEADER = [
  'side',
  'plugin',
  'probe',
  'kills',
  'DEL failures',
  'still failing on retry',
  'leaked veths',
  'leaked reservations (empty)',
  'temp files',
  'leaked rules',
];

function cells(row: ProbeRow): string[] {
  const { left } = row;
  return [
    row.side,
    row.plugin,
    row.probe,
    row.tried === 0 ? '-' : `${row.killed}/${row.tried}`,
    `${row.delFailures}/${row.dels}`,
    String(row.stuck),
    String(left.veths.length),
    `${left.reservations.length} (${left.empty.length})`,
    String(left.temps.length),
    String(left.rules.length),
  ];
}

/** A Markdown table of the rows, columns padded. */
export function formatProbeTable(rows: readonly ProbeRow[]): string {
  const table = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, column) =>
    Math.max(...table.map((line) => (line[column] ?? '').length)),
  );
  const line = (values: readonly string[]) =>
    `| ${values.map((value, column) => value.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  const rule = `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`;
  return [line(HEADER), rule, ...table.slice(1).map(line)].join('\n');
}

/**
 * A failed DEL's output with what differs between attachments (addresses, chain hashes,
 * container ids) replaced, so that failures can be counted by kind.
 */
export function failureKind(output: string): string {
  let text = output.trim();
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && 'msg' in parsed) {
      const { code, msg } = parsed as { code?: unknown; msg?: unknown };
      text = `code ${String(code)}: ${String(msg)}`;
    }
  } catch {
    // Not an error object: the text as it is.
  }
  return text
    .replace(/\d{1,3}(\.\d{1,3}){3}/g, '<ip>')
    .replace(/CNI-[0-9a-f]{16,}/g, 'CNI-<hash>')
    .replace(/"rk\d+"/g, '"<id>"')
    .replace(/\s+/g, ' ');
}
