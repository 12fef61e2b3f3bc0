import { beforeAll, describe, expect, test } from 'bun:test';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { netnsSkipReason, useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { pluginBinDir } from '../test/_binary.ts';

useTimeLimit('slow');

// Runs the masquerade benchmark itself for one round, to prove it works end to end (no
// figure is judged: timings are never asserted), and that it leaves no namespace behind.

const skip =
  netnsSkipReason() ?? (Bun.which('nft') === null ? 'needs nft (Debian nftables)' : null);
const SCRIPT = join(import.meta.dir, 'bench-masq.ts');
let bin = '';

beforeAll(() => {
  if (skip === null) bin = pluginBinDir();
});

describe.skipIf(skip !== null)(
  `bench-masq.ts in throwaway namespaces${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('one round prints both modes per verb and the added cost, and cleans up', async () => {
      const run = Bun.spawn([process.execPath, SCRIPT, '--bin-dir', bin, '--rounds', '1'], {
        stdout: 'pipe',
        stderr: 'pipe',
      });
      const [code, out, err] = await Promise.all([
        run.exited,
        new Response(run.stdout).text(),
        new Response(run.stderr).text(),
      ]);
      expect({ code, err: code === 0 ? '' : err }).toEqual({ code: 0, err: '' });
      for (const verb of ['ADD', 'DEL']) {
        for (const mode of ['nftables masquerade', 'no masquerade']) {
          expect(out).toMatch(new RegExp(`^${mode}\\s+${verb}(\\s+-?[\\d.]+){4}$`, 'm'));
        }
        expect(out).toMatch(new RegExp(`^${verb}: the masquerade adds -?[\\d.]+ ms`, 'm'));
      }
      const left = existsSync('/run/netns')
        ? readdirSync('/run/netns').filter((name) => name.startsWith('cnits-bmasq-'))
        : [];
      expect(left).toEqual([]);
    });
  },
);
