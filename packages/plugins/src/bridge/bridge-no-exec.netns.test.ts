// Proof that the nftables work of a plugin starts no process: the built bridge runs under
// `strace -f -e trace=execve` and the only execve is its own (host-local runs in-process
// from the same executable; masquerade and spoof check go over nf_tables netlink).
import { describe, expect, test } from 'bun:test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isIptablesNft } from '@cni-ts/plugin-kit';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { useWorlds } from '../../test/_use-worlds.ts';
import { containerOf, type PluginWorld, pluginCommand } from '../../test/_world.ts';
import { dualStackConfig, nftRuleset } from './_test-world.ts';

useTimeLimit('netns');

const worlds = useWorlds();
const haveStrace = Bun.which('strace') !== null;
const skip = worlds.skip ?? (haveStrace ? null : 'needs strace');

/** Runs the bridge under strace; returns its exit code and the programs it executed. */
function traced(world: PluginWorld, command: 'ADD' | 'DEL' | 'CHECK', config: object) {
  const dir = mkdtempSync(join(tmpdir(), 'cnits-strace-'));
  try {
    const log = join(dir, 'trace');
    const { argv, env } = pluginCommand({
      binDir: worlds.bin,
      type: 'bridge',
      command,
      config,
      host: world.host,
      netns: containerOf(world).path,
      containerId: 'cid-br1',
    });
    const [ip, netns, exec, host, plugin] = argv;
    const wrapped = [
      ip ?? 'ip',
      netns ?? 'netns',
      exec ?? 'exec',
      host ?? '',
      'strace',
      '-f',
      '-qq',
      '-e',
      'trace=execve',
      '-o',
      log,
      plugin ?? '',
    ];
    const done = Bun.spawnSync(wrapped, {
      env,
      stdin: Buffer.from(JSON.stringify(config)),
      stdout: 'pipe',
      stderr: 'pipe',
    });
    const programs = readFileSync(log, 'utf8')
      .split('\n')
      .filter((line) => line.includes('execve(') && !line.includes('= -1'))
      .map((line) => /execve\("([^"]+)"/.exec(line)?.[1] ?? line);
    return { exitCode: done.exitCode, stderr: done.stderr.toString(), programs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(skip !== null)(
  `bridge with nftables masquerade and spoof check runs no tool${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('ADD with ipMasqBackend nftables and macspoofchk: one execve, the plugin itself', () => {
      const world = worlds.create();
      const config = dualStackConfig(world.dataDir, {
        ipMasqBackend: 'nftables',
        macspoofchk: true,
      });
      const add = traced(world, 'ADD', config);
      expect(add.stderr).toBe('');
      expect(add.exitCode).toBe(0);
      expect(add.programs).toEqual([join(worlds.bin, 'bridge')]);
      expect(nftRuleset(world)).toContain('masquerade comment');
      expect(nftRuleset(world)).toContain('comment "macspoofchk-cid-br1-eth0"');
    });

    test('DEL on the nftables backend: no iptables process either (iptables-nft asked over netlink)', () => {
      const world = worlds.create();
      const config = dualStackConfig(world.dataDir, { ipMasqBackend: 'nftables' });
      expect(traced(world, 'ADD', config).exitCode).toBe(0);
      const del = traced(world, 'DEL', config);
      expect(del.stderr).toBe('');
      expect(del.exitCode).toBe(0);
      // DEL tears down both backends, as upstream; with no iptables chain of this
      // attachment, the kernel says so and no iptables-restore or iptables runs.
      const expected = isIptablesNft('iptables-restore')
        ? [join(worlds.bin, 'bridge')]
        : expect.arrayContaining([join(worlds.bin, 'bridge')]);
      expect(del.programs).toEqual(expected);
      expect(nftRuleset(world)).not.toContain('masquerade comment');
    });
  },
);
