import { describe, expect, test } from 'bun:test';
import {
  type BenchRow,
  formatBenchTable,
  ratio,
  targetMet,
  workSplitLine,
} from './bench-report.ts';

const row = (ours: number, go: number, target: number | undefined): BenchRow => ({
  scenario: 'bridge+host-local ipMasq dual',
  verb: 'ADD',
  times: {
    ours: { count: 3, median: ours, p95: ours + 1 },
    go: { count: 3, median: go, p95: go + 2 },
  },
  target,
  rssKib: { ours: 40960, go: 10240 },
  minorFaults: { ours: 1500, go: 300 },
});

describe('bench report', () => {
  test('ratio is our median over Go median, compared with the target', () => {
    expect(ratio(row(10, 40, 0.5))).toBe(0.25);
    expect(targetMet(row(10, 40, 0.5))).toBe(true);
    expect(targetMet(row(30, 40, 0.5))).toBe(false);
    expect(targetMet(row(30, 40, undefined))).toBeUndefined();
  });

  test('the table has a header, a rule and one aligned line per row', () => {
    const text = formatBenchTable([row(10, 40, 0.5), row(30, 40, undefined)]);
    const lines = text.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toStartWith('scenario');
    expect(lines[2]).toContain('10.0');
    expect(lines[2]).toContain('0.25x');
    expect(lines[2]).toContain('<=0.5x');
    expect(lines[2]).toContain('yes');
    expect(lines[2]).toEndWith('40.0        10.0         1500        300');
    expect(lines[3]).toContain('0.75x');
    expect(lines[3]).not.toContain('yes');
  });

  test('the work split: a scenario against the same plugin doing nothing, and that against VERSION', () => {
    const at = (scenario: string, verb: BenchRow['verb'], ours: number): BenchRow => ({
      ...row(ours, 1, undefined),
      scenario,
      verb,
    });
    const rows = [
      at('startup (VERSION)', 'VERSION', 5),
      at('pm', 'ADD', 25),
      at('pm', 'DEL', 22),
      at('pm idle', 'ADD', 20),
      at('pm idle', 'DEL', 21),
    ];
    expect(workSplitLine(rows, 'pm', 'pm idle', 'startup (VERSION)')).toBe(
      "pm, ours, split against 'pm idle': ADD 25.0 ms = 20.0 without it (15.0 over 'startup (VERSION)') + 5.0; " +
        "DEL 22.0 ms = 21.0 without it (16.0 over 'startup (VERSION)') + 1.0",
    );
    expect(workSplitLine(rows.slice(1), 'pm', 'pm idle', 'startup (VERSION)')).toBeUndefined();
  });
});
