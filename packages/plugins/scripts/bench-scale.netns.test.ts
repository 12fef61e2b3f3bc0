import { describe, expect, test } from 'bun:test';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { netnsSkipReason, useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { pluginBinDir } from '../test/_binary.ts';
import { GO_PLUGIN_DIR } from '../test/_world.ts';
import { signalAfter } from './_signal-after.ts';

useTimeLimit('netns');

// Runs the busy-host benchmark at its small sizes to prove it works end to end (no figure
// is judged) and that it leaves nothing behind, also when stopped mid-run.

const skip =
  netnsSkipReason() ??
  (['host-local', 'portmap', 'firewall'].every((name) => existsSync(join(GO_PLUGIN_DIR, name)))
    ? null
    : 'needs the Go reference plugins (Debian containernetworking-plugins)');
const SCRIPT = join(import.meta.dir, 'bench-scale.ts');
const PROGRESS = /^bench-scale: \d+ warm-up and \d+ measured rounds over 6 lanes…\n/m;

function leftovers(before: ReadonlySet<string>): string[] {
  const namespaces = existsSync('/run/netns')
    ? readdirSync('/run/netns').filter((name) => name.startsWith('cnits-bscale'))
    : [];
  const files = readdirSync(tmpdir()).filter(
    (name) => !before.has(name) && name.startsWith('cnits-'),
  );
  return [...namespaces, ...files];
}

describe.skipIf(skip !== null)(
  `bench-scale.ts${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('prints ADD and DEL of every scenario for both sides, and leaves nothing', async () => {
      const bin = pluginBinDir();
      const before = new Set(readdirSync(tmpdir()));
      const run = Bun.spawn(
        [process.execPath, SCRIPT, '--small', '--rounds', '1', '--warmup', '0', '--bin-dir', bin],
        { stdout: 'pipe', stderr: 'pipe' },
      );
      const [code, out, err] = await Promise.all([
        run.exited,
        new Response(run.stdout).text(),
        new Response(run.stderr).text(),
      ]);
      expect({ code, err: err.replace(PROGRESS, '') }).toEqual({ code: 0, err: '' });
      for (const scenario of [
        'host-local, 5 reservations',
        'portmap iptables, 5 kube-proxy services',
        'firewall iptables, 5 containers',
      ]) {
        for (const verb of ['ADD', 'DEL']) {
          // ours median, p95, Go median, p95, ratio
          expect(out).toMatch(
            new RegExp(`^${scenario}\\s+${verb}\\s+(?:[\\d.]+\\s+){4}[\\d.]+x`, 'm'),
          );
        }
      }
      expect(leftovers(before)).toEqual([]);
    });

    test('SIGTERM mid-run: exits 130 and removes what it made', async () => {
      const bin = pluginBinDir();
      const before = new Set(readdirSync(tmpdir()));
      const run = Bun.spawn(
        [process.execPath, SCRIPT, '--small', '--rounds', '1000', '--bin-dir', bin],
        { stdout: 'pipe', stderr: 'pipe' },
      );
      const err = await signalAfter(run, (text) => PROGRESS.test(text), 'SIGTERM');
      expect({ code: await run.exited, err: err.replace(PROGRESS, '') }).toEqual({
        code: 130,
        err: 'interrupted by SIGTERM: cleaned up\n',
      });
      expect(leftovers(before)).toEqual([]);
    });
  },
);
