import { describe, expect, test } from 'bun:test';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { netnsSkipReason, useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { pluginBinDir } from '../test/_binary.ts';
import { GO_PLUGIN_DIR } from '../test/_world.ts';
import { signalAfter } from './_signal-after.ts';

useTimeLimit('netns');

// Runs the firewall benchmark once with two iterations to prove it works end to end (no
// figure is judged). Root only; it makes and removes its own namespaces.

/** The progress line it writes on stderr once its lanes are set up. */
const PROGRESS = /^bench-firewall: \d+ rounds over \d+ lanes…\n/m;

const skip =
  netnsSkipReason() ??
  (existsSync(join(GO_PLUGIN_DIR, 'firewall')) ? null : 'needs the Go firewall plugin');

describe.skipIf(skip !== null)(
  `bench-firewall.ts${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('prints ADD and DEL per backend and side, and leaves no namespace', async () => {
      pluginBinDir();
      const child = Bun.spawn([process.execPath, join(import.meta.dir, 'bench-firewall.ts'), '2'], {
        stdout: 'pipe',
        stderr: 'pipe',
      });
      const [out, err, code] = await Promise.all([
        new Response(child.stdout).text(),
        new Response(child.stderr).text(),
        child.exited,
      ]);
      expect({ code, err: err.replace(PROGRESS, '') }).toEqual({ code: 0, err: '' });
      for (const line of [
        'ours VERSION',
        'go iptables ADD',
        'ours iptables DEL',
        'ours nftables ADD',
      ]) {
        expect(out).toContain(line);
      }
      expect(out).toMatch(/ours iptables ADD +median +[\d.]+ ms +p95 +[\d.]+ ms +[\d.]+x Go/);
      expect(out).toMatch(
        /ours nftables ADD over VERSION: -?[\d.]+ ms, the median of the per-round/,
      );
      const left = Bun.spawnSync(['ip', 'netns', 'list']).stdout.toString();
      expect(left).not.toContain('cnits-bfw');
    });

    test('SIGTERM mid-run: namespaces, private firewalld and its files are removed', async () => {
      pluginBinDir();
      const before = new Set(readdirSync(tmpdir()));
      const child = Bun.spawn(
        [process.execPath, join(import.meta.dir, 'bench-firewall.ts'), '1000'],
        { stdout: 'pipe', stderr: 'pipe' },
      );
      const err = await signalAfter(child, (text) => PROGRESS.test(text), 'SIGTERM');
      expect({ code: await child.exited, err: err.replace(PROGRESS, '') }).toEqual({
        code: 130,
        err: 'interrupted by SIGTERM: cleaned up\n',
      });
      const left = Bun.spawnSync(['ip', 'netns', 'list']).stdout.toString();
      expect(left).not.toContain('cnits-bfw');
      // What it made in the temporary directory (the firewalld's bus and config among it).
      const made = readdirSync(tmpdir()).filter((name) => !before.has(name));
      expect(made.filter((name) => name.startsWith('cnits-'))).toEqual([]);
      // No daemon it started is left: a private firewalld runs from such a directory.
      const daemons = Bun.spawnSync(['pgrep', '-f', 'cnits-firewalld-']).stdout.toString();
      expect(daemons).toBe('');
    });
  },
);
