import { beforeAll, describe, expect, test } from 'bun:test';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { netnsSkipReason, useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { pluginBinDir } from '../test/_binary.ts';
import { GO_PLUGIN_DIR } from '../test/_world.ts';
import { signalAfter } from './_signal-after.ts';
import { CHAIN_PLUGINS } from './bench-chain-config.ts';

useTimeLimit('slow');

// Runs the chain benchmark itself for one round, to prove it works end to end (no figure
// is judged: timings are never asserted), and that it leaves no namespace behind.

const skip =
  netnsSkipReason() ??
  (CHAIN_PLUGINS.every((name) => existsSync(join(GO_PLUGIN_DIR, name)))
    ? null
    : 'needs the Go reference plugins (Debian containernetworking-plugins)');
const SCRIPT = join(import.meta.dir, 'bench-chain.ts');
let bin = '';

beforeAll(() => {
  if (skip === null) bin = pluginBinDir();
});

function benchNamespaces(): string[] {
  return existsSync('/run/netns')
    ? readdirSync('/run/netns').filter((name) => name.startsWith('cnits-bchain-'))
    : [];
}

describe.skipIf(skip !== null)(
  `bench-chain.ts in throwaway namespaces${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('one round prints a row per plugin and verb for both sides and cleans up', async () => {
      const run = Bun.spawn(
        [process.execPath, SCRIPT, '--bin-dir', bin, '--rounds', '1', '--warmup', '0'],
        { stdout: 'pipe', stderr: 'pipe' },
      );
      const [code, out, err] = await Promise.all([
        run.exited,
        new Response(run.stdout).text(),
        new Response(run.stderr).text(),
      ]);
      expect({ code, err: code === 0 ? '' : err }).toEqual({ code: 0, err: '' });
      for (const verb of ['ADD', 'DEL']) {
        const all = ['bridge', 'portmap', 'firewall', 'tuning', 'cnitool', 'portmap, no ports'];
        for (const series of [...all, 'chain \\(libcni\\), no ports']) {
          // a figure for both sides: ours median, p95, Go median, p95, ratio
          expect(out).toMatch(
            new RegExp(
              `^${series}\\s+${verb}\\s+[\\d.]+\\s+[\\d.]+\\s+[\\d.]+\\s+[\\d.]+\\s+[\\d.]+x`,
              'm',
            ),
          );
        }
      }
      expect(benchNamespaces()).toEqual([]);
    });

    test('SIGTERM mid-run: the measuring process stops, then everything is removed', async () => {
      const before = new Set(readdirSync(tmpdir()));
      const run = Bun.spawn(
        [process.execPath, SCRIPT, '--bin-dir', bin, '--rounds', '1000', '--warmup', '0'],
        { stdout: 'pipe', stderr: 'pipe' },
      );
      const measuring = (text: string) => text.includes('bench-chain: measuring…\n');
      const err = await signalAfter(run, measuring, 'SIGTERM');
      expect(await run.exited).toBe(130);
      // Both processes say so: the measuring one first, then the one that made the namespaces.
      expect(err.split('\n').filter((line) => line.startsWith('interrupted'))).toEqual([
        'interrupted by SIGTERM: cleaned up',
        'interrupted by SIGTERM: cleaned up',
      ]);
      expect(benchNamespaces()).toEqual([]);
      const made = readdirSync(tmpdir()).filter((name) => !before.has(name));
      expect(made.filter((name) => name.startsWith('cnits-'))).toEqual([]);
      expect(Bun.spawnSync(['pgrep', '-f', 'bench-chain.ts --inside']).stdout.toString()).toBe('');
    });
  },
);
