import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GO_FIXTURES, goCases, replay } from './_go-fixture.ts';

interface GoRead {
  name: string;
  cachedResult: string;
  cachedConfig: string;
  args: [string, string][] | null;
  capabilityArgs: Record<string, unknown> | null;
  delCalls: { plugin: string; command: string; stdin: string }[];
}

const goReads = JSON.parse(
  readFileSync(join(GO_FIXTURES, 'go-read-ours.json'), 'utf8'),
) as GoRead[];

let cacheDir: string;

beforeEach(() => {
  cacheDir = mkdtempSync(join(tmpdir(), 'libcni-go-reads-'));
});

afterEach(() => {
  rmSync(cacheDir, { recursive: true, force: true });
});

describe('cache files written here, as read by Go libcni 1.1.2 (recorded)', () => {
  for (const goCase of goCases()) {
    const read = goReads.find((entry) => entry.name === goCase.name);

    test(`${goCase.name}: we still write the bytes Go read`, async () => {
      await replay({ ...goCase, verbs: ['ADD'] }, cacheDir);
      const [file] = readdirSync(join(cacheDir, 'results'));
      const ours = readFileSync(join(cacheDir, 'results', file ?? ''), 'utf8');
      expect(ours).toBe(readFileSync(join(GO_FIXTURES, 'ours', `${goCase.name}.cache`), 'utf8'));
    });

    test(`${goCase.name}: Go found the attachment's result, config, args and capability args`, () => {
      expect(read).toBeDefined();
      if (!read) return;
      if (goCase.cachedResult !== undefined) expect(read.cachedResult).toBe(goCase.cachedResult);
      if (goCase.kind !== 'confdir') expect(read.cachedConfig).toBe(goCase.config);
      expect(read.args ?? undefined).toEqual(goCase.runtime.args);
      expect(read.capabilityArgs ?? undefined).toEqual(goCase.runtime.capabilityArgs);
    });

    test(`${goCase.name}: Go's DEL from our cache sends what its DEL from its own cache sends`, () => {
      const goDel = goCase.calls
        .filter((call) => call.command === 'DEL')
        .map(({ plugin, command, stdin }) => ({ plugin, command, stdin }));
      expect(read?.delCalls).toEqual(goDel);
    });
  }
});
