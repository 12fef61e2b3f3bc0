import { describe, expect, test } from 'bun:test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { netnsSkipReason, useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { pluginBinDir } from '../test/_binary.ts';
import { GO_PLUGIN_DIR } from '../test/_world.ts';

useTimeLimit('netns');

// Runs the firewall benchmark once with two iterations to prove it works end to end (no
// figure is judged). Root only; it makes and removes its own namespaces.

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
      expect({ code, err }).toEqual({ code: 0, err: '' });
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
  },
);
