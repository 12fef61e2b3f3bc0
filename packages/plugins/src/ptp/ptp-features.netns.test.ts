import { describe, expect, test } from 'bun:test';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { ip, nftMasqRules, sysctl } from '../../test/_kernel-state.ts';
import { useWorlds } from '../../test/_use-worlds.ts';
import { containerOf, type PluginWorld, withPrev } from '../../test/_world.ts';
import { dualStackConfig, hostVeths, natChains, natRules, run } from './_test-helpers.ts';

useTimeLimit('netns');

const worlds = useWorlds();
const { skip } = worlds;

/**
 * A stand-in IPAM plugin in the world's scratch directory (Go's 1.1.1 IPAM plugins know
 * neither GC nor STATUS): records each command, fails when FAKE_IPAM_FAIL is set.
 */
function fakeIpam(world: PluginWorld): { calls(): string[] } {
  const log = join(world.dir, 'fake-ipam.log');
  const script = [
    '#!/bin/sh',
    'cat > /dev/null',
    `echo "$CNI_COMMAND" >> '${log}'`,
    'if [ -n "$FAKE_IPAM_FAIL" ]; then',
    `  printf '%s' '{"code":50,"msg":"fake IPAM is not ready"}'`,
    '  exit 1',
    'fi',
  ].join('\n');
  writeFileSync(join(world.dir, 'fake-ipam'), `${script}\n`, { mode: 0o755 });
  return {
    calls: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []),
  };
}

describe.skipIf(skip !== null)(`ptp features${skip === null ? '' : ` (skipped: ${skip})`}`, () => {
  test('ipMasqBackend nftables: rules in inet cni_plugins_masquerade, checked and removed', () => {
    const world = worlds.create();
    const config = dualStackConfig(world.dataDir, { ipMasqBackend: 'nftables' });
    const added = run(world, worlds.bin, 'ADD', config);
    expect(added.stderr).toBe('');
    expect(added.exitCode).toBe(0);
    const rules = nftMasqRules(world.host);
    expect(rules).toHaveLength(2);
    expect(
      rules.some((rule) => rule.includes('ip saddr 10.244.51.2 ip daddr != 10.244.51.0/24')),
    ).toBe(true);
    expect(
      rules.some((rule) => rule.includes('ip6 saddr fd00:51::2 ip6 daddr != fd00:51::/64')),
    ).toBe(true);
    expect(natRules(world.host)).toEqual([]);
    const withResult = withPrev(config, added.json);
    expect(run(world, worlds.bin, 'CHECK', withResult).exitCode).toBe(0);

    expect(run(world, worlds.bin, 'DEL', withResult).exitCode).toBe(0);
    expect(nftMasqRules(world.host)).toEqual([]);
    expect(hostVeths(world.host)).toEqual([]);
  });

  test('IPv6 DAD is off in the container and on the gateway address by default (no wait)', () => {
    const world = worlds.create();
    const added = run(world, worlds.bin, 'ADD', dualStackConfig(world.dataDir));
    expect(added.exitCode).toBe(0);
    expect(sysctl(containerOf(world), 'net.ipv6.conf.eth0.accept_dad')).toBe('0');
    const inside = ip(
      containerOf(world),
      '-6',
      '-o',
      'addr',
      'show',
      'dev',
      'eth0',
      'scope',
      'global',
    );
    expect(inside.join('\n')).not.toContain('tentative');
    const [veth = ''] = hostVeths(world.host);
    const gateway = ip(world.host, '-6', '-o', 'addr', 'show', 'dev', veth, 'scope', 'global');
    expect(gateway.join('\n')).toContain('fd00:51::1/128 scope global nodad');
  });

  test('enabledad keeps upstream DAD: accept_dad untouched, addresses settled before ADD returns', () => {
    const world = worlds.create();
    const before = sysctl(containerOf(world), 'net.ipv6.conf.default.accept_dad');
    const added = run(
      world,
      worlds.bin,
      'ADD',
      dualStackConfig(world.dataDir, { enabledad: true }),
    );
    expect(added.exitCode).toBe(0);
    expect(sysctl(containerOf(world), 'net.ipv6.conf.eth0.accept_dad')).toBe(before);
    const inside = ip(
      containerOf(world),
      '-6',
      '-o',
      'addr',
      'show',
      'dev',
      'eth0',
      'scope',
      'global',
    );
    expect(inside.join('\n')).toContain('fd00:51::2/64');
    expect(inside.join('\n')).not.toContain('tentative');
    const [veth = ''] = hostVeths(world.host);
    const gateway = ip(world.host, '-6', '-o', 'addr', 'show', 'dev', veth, 'scope', 'global');
    expect(gateway.join('\n')).not.toContain('nodad');
  });

  test('STATUS needs a 1.1.0 config (skel gate)', () => {
    const world = worlds.create();
    const status = run(world, worlds.bin, 'STATUS', dualStackConfig(world.dataDir), { netns: '' });
    expect(status.exitCode).toBe(1);
    expect(status.json).toMatchObject({ code: 1 });
  });

  test('STATUS asks the IPAM plugin and fails with its error', () => {
    const world = worlds.create();
    const ipam = fakeIpam(world);
    const config = {
      ...dualStackConfig(world.dataDir, { cniVersion: '1.1.0' }),
      ipam: { type: 'fake-ipam' },
    };
    const env = { CNI_PATH: `${worlds.bin}:${world.dir}` };
    const status = run(world, worlds.bin, 'STATUS', config, { netns: '', env });
    expect(status.stdout).toBe('');
    expect(status.exitCode).toBe(0);
    expect(ipam.calls()).toEqual(['STATUS']);
    const failing = run(world, worlds.bin, 'STATUS', config, {
      netns: '',
      env: { ...env, FAKE_IPAM_FAIL: '1' },
    });
    expect(failing.exitCode).toBe(1);
    expect(failing.json).toEqual({ code: 50, msg: 'fake IPAM is not ready' });
  });

  test('GC removes the masquerade rules of attachments that are not valid and asks the IPAM plugin', () => {
    const world = worlds.create(2);
    const config = dualStackConfig(world.dataDir, { cniVersion: '1.0.0' });
    for (const [index, containerId] of [
      [0, 'cid-a'],
      [1, 'cid-b'],
    ] as const) {
      const added = run(world, worlds.bin, 'ADD', config, {
        containerId,
        netns: containerOf(world, index).path,
      });
      expect(added.exitCode).toBe(0);
    }
    expect(new Set(natChains(world.host)).size).toBe(2);
    const ipam = fakeIpam(world);
    const gc = run(
      world,
      worlds.bin,
      'GC',
      {
        ...config,
        cniVersion: '1.1.0',
        ipam: { type: 'fake-ipam' },
        'cni.dev/valid-attachments': [{ containerID: 'cid-a', ifname: 'eth0' }],
      },
      { netns: '', containerId: '', env: { CNI_PATH: `${worlds.bin}:${world.dir}` } },
    );
    expect(gc.stdout).toBe('');
    expect(gc.exitCode).toBe(0);
    expect(ipam.calls()).toEqual(['GC']);
    expect(new Set(natChains(world.host)).size).toBe(1);
    const rules = natRules(world.host).join('\n');
    expect(rules).toContain('id: \\"cid-a\\"');
    expect(rules).not.toContain('cid-b');
  });
});
