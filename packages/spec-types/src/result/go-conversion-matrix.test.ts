import { describe, expect, test } from 'bun:test';
import { type Outcome, outcome } from '../_testing.ts';
import { encodeJson } from '../json/encode-json.ts';
import { convertResult } from './convert-result.ts';
import golden from './fixtures/go-conversion-matrix.json';
import recorded from './fixtures/recorded-results.json';
import { parseResult } from './parse-result.ts';
import { resultToJson, stringifyResult } from './stringify-result.ts';

// Every pair of versions 0.1.0..1.0.0, recorded from Go libcni 1.1.2: each recorded
// result is converted to a stage version S and printed compactly, the printed stage is
// parsed again and converted to every target T. (1.1.0, which 1.1.2 predates, is covered
// by go-conversions.test.ts and convert-result.test.ts.)
const SKIPPED = new Set(['synthetic-route-iface-extras-1.0.0']);

const inputs = new Map(recorded.map((entry) => [entry.name, entry.json]));

const stages = golden.cases
  .filter((c) => !SKIPPED.has(c.name))
  .flatMap((c) => Object.entries(c.stages).map(([stage, row]) => [c.name, stage, row] as const));

describe('convertResult over every pair of versions against Go libcni', () => {
  test.each(stages)('matches Go for %s through stage %s', (name, stage, row) => {
    const input = inputs.get(name) as string;
    const staged = outcome(() =>
      encodeJson(resultToJson(convertResult(parseResult(input), stage))),
    );
    expect(staged).toEqual({ output: row.stage, error: row.error });
    if (row.stage === null) return;
    const stageDoc = row.stage;
    for (const [target, expected] of Object.entries(row.targets as Record<string, Outcome>)) {
      const converted = outcome(() =>
        stringifyResult(convertResult(parseResult(stageDoc), target)),
      );
      expect({ target, ...converted }).toEqual({ target, ...expected });
    }
  });
});
