import { beforeAll, describe, expect, test } from 'bun:test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { netnsSkipReason, useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { pluginBinDir } from '../test/_binary.ts';
import { GO_PLUGIN_DIR } from '../test/_world.ts';
import { signalAfter } from './_signal-after.ts';

useTimeLimit('slow');

// Runs the benchmark script itself, once, to prove it works end to end (no figure is
// judged: timings are never asserted). Root only; it makes and removes its own namespaces.

const skip =
  netnsSkipReason() ??
  (existsSync(join(GO_PLUGIN_DIR, 'bridge'))
    ? null
    : 'needs the Go reference plugins (Debian containernetworking-plugins)');
const SCRIPT = join(import.meta.dir, 'bench.ts');
let bin = '';

beforeAll(() => {
  if (skip === null) bin = pluginBinDir();
});

function bench(...args: string[]) {
  return Bun.spawn([process.execPath, SCRIPT, '--bin-dir', bin, ...args], {
    stdout: 'pipe',
    stderr: 'pipe',
  });
}

/** One iteration, no warm-up, IPv4 only, of the scenarios `only` names; its output. */
async function benchOnce(...args: string[]) {
  const run = bench('--iterations', '1', '--warmup', '0', '--stack', 'v4', ...args);
  const [stdout, stderr, code] = await Promise.all([
    new Response(run.stdout).text(),
    new Response(run.stderr).text(),
    run.exited,
  ]);
  return { stdout, stderr, code };
}

describe.skipIf(skip !== null)(
  `bench.ts in throwaway namespaces${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('one iteration prints a row per verb for both sides, and no DEL leaves rules behind', async () => {
      const { stdout, stderr, code } = await benchOnce(
        '--only',
        'startup',
        '--only',
        'bridge+host-local ipMasq',
      );
      expect(stderr).toContain('running bridge+host-local ipMasq v4');
      expect(code).toBe(0);
      const rows = stdout.split('\n');
      expect(rows[0]).toStartWith('scenario');
      const row = (scenario: string, verb: string) =>
        rows.find((line) => line.startsWith(scenario) && line.includes(` ${verb} `)) ?? '';
      for (const [scenario, verb] of [
        ['startup (VERSION)', 'VERSION'],
        ['bridge+host-local ipMasq v4', 'ADD'],
        ['bridge+host-local ipMasq v4', 'DEL'],
      ] as const) {
        // Four timings (ours and Go, median and p95) and a ratio: both sides ran.
        expect(row(scenario, verb)).toMatch(/(\d+\.\d\s+){4}\d+\.\d\dx/);
      }
      expect(row('bridge+host-local ipMasq v4', 'ADD')).toContain('<=0.5x');
      expect(stdout).not.toContain('DEL left');
      expect(stdout).not.toContain(': failed:');
    });

    test('the busy-conntrack portmap scenarios seed a flow in their host and run both sides', async () => {
      const { stdout, stderr, code } = await benchOnce('--no-rss', '--only', 'busy conntrack');
      expect(stderr).toContain('running portmap iptables, busy conntrack v4');
      expect(code).toBe(0);
      const rows = stdout.split('\n');
      for (const backend of ['iptables', 'nftables']) {
        for (const verb of ['ADD', 'DEL']) {
          const row = rows.find(
            (line) =>
              line.startsWith(`portmap ${backend}, busy conntrack v4`) &&
              line.includes(` ${verb} `),
          );
          expect(row ?? '').toMatch(/(\d+\.\d\s+){4}\d+\.\d\dx/);
        }
      }
      expect(stdout).not.toContain(': failed:');
    });

    test('SIGINT stops the run, cleans up and exits 130', async () => {
      const run = bench('--iterations', '50', '--only', 'loopback', '--no-rss');
      const seen = await signalAfter(run, (text) => text.includes('running loopback'), 'SIGINT');
      expect(await run.exited).toBe(130);
      expect(seen).toContain('interrupted by SIGINT: cleaned up');
    });
  },
);
