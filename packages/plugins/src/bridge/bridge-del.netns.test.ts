// DEL must be idempotent and leave nothing: twice, with the container namespace gone or
// not given, with the interface or the IPAM state gone. Issue #810: upstream leaks the
// masquerade rules when the namespace is gone or CNI_NETNS is empty; ours does not.
import { describe, expect, test } from 'bun:test';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { useWorlds } from '../../test/_use-worlds.ts';
import { containerOf, GO_PLUGIN_DIR, type PluginWorld, withPrev } from '../../test/_world.ts';
import {
  bridgeBinDir,
  dualStackConfig,
  hostVeths,
  natRules,
  nftRuleset,
  reservations,
  run,
} from './_test-world.ts';

useTimeLimit('netns');

const worlds = useWorlds(bridgeBinDir);
const { skip } = worlds;

const NO_RULES = '\n---\n';

/** ADDs with `dir` and returns the config and its ADD result. */
function added(world: PluginWorld, dir: string, extra: Record<string, unknown> = {}) {
  const config = dualStackConfig(world.dataDir, extra);
  const add = run(world, dir, 'ADD', config);
  expect(add.exitCode).toBe(0);
  expect(natRules(world)).not.toBe(NO_RULES);
  return { config, result: add.json };
}

describe.skipIf(skip !== null)(`bridge DEL${skip === null ? '' : ` (skipped: ${skip})`}`, () => {
  test('#810: the container namespace deleted before DEL — ours cleans up, Go leaks the rules', () => {
    const ours = worlds.create();
    const go = worlds.create();
    const oursAdd = added(ours, worlds.bin);
    const goAdd = added(go, GO_PLUGIN_DIR);
    const oursPath = containerOf(ours).path;
    const goPath = containerOf(go).path;
    containerOf(ours).remove();
    containerOf(go).remove();
    expect(run(ours, worlds.bin, 'DEL', oursAdd.config, { netns: oursPath }).exitCode).toBe(0);
    expect(run(go, GO_PLUGIN_DIR, 'DEL', goAdd.config, { netns: goPath }).exitCode).toBe(0);
    expect(natRules(ours)).toBe(NO_RULES);
    expect(natRules(go)).toContain('-j MASQUERADE');
    expect(reservations(ours)).toEqual([]);
    expect(reservations(go)).toEqual([]);
  });

  test('#810: DEL with CNI_NETNS empty removes the rules, with or without a prevResult', () => {
    const withPrevResult = worlds.create();
    const bare = worlds.create();
    const go = worlds.create();
    const a = added(withPrevResult, worlds.bin);
    const b = added(bare, worlds.bin);
    const g = added(go, GO_PLUGIN_DIR);
    expect(
      run(withPrevResult, worlds.bin, 'DEL', withPrev(a.config, a.result), { netns: '' }).exitCode,
    ).toBe(0);
    expect(run(bare, worlds.bin, 'DEL', b.config, { netns: '' }).exitCode).toBe(0);
    expect(run(go, GO_PLUGIN_DIR, 'DEL', g.config, { netns: '' }).exitCode).toBe(0);
    expect(natRules(withPrevResult)).toBe(NO_RULES);
    expect(natRules(bare)).toBe(NO_RULES);
    expect(natRules(go)).toContain('-j MASQUERADE');
    expect(reservations(bare)).toEqual([]);
  });

  test('DEL succeeds and cleans up when the interface or the IPAM state is already gone', () => {
    const linkGone = worlds.create();
    const ipamGone = worlds.create();
    const a = added(linkGone, worlds.bin);
    const b = added(ipamGone, worlds.bin);
    containerOf(linkGone).exec(['ip', 'link', 'del', 'eth0']);
    rmSync(join(ipamGone.dataDir, 'pur-brnet'), { recursive: true, force: true });
    expect(run(linkGone, worlds.bin, 'DEL', a.config).exitCode).toBe(0);
    expect(run(ipamGone, worlds.bin, 'DEL', b.config).exitCode).toBe(0);
    for (const world of [linkGone, ipamGone]) {
      expect(natRules(world)).toBe(NO_RULES);
      expect(hostVeths(world)).toEqual([]);
    }
    expect(reservations(linkGone)).toEqual([]);
  });

  test('DEL of an attachment that never was, and twice in a row, succeed', () => {
    const world = worlds.create();
    const config = dualStackConfig(world.dataDir);
    for (let i = 0; i < 2; i++) {
      const del = run(world, worlds.bin, 'DEL', config, { containerId: 'cid-never' });
      expect(del.stdout).toBe('');
      expect(del.exitCode).toBe(0);
    }
  });

  test('the nftables masquerade backend: rules as §4, removed by DEL even without the netns', () => {
    const world = worlds.create();
    const { config } = {
      config: dualStackConfig(world.dataDir, { ipMasqBackend: 'nftables' }),
    };
    const add = run(world, worlds.bin, 'ADD', config);
    expect(add.exitCode).toBe(0);
    const ruleset = nftRuleset(world);
    expect(natRules(world)).toBe(NO_RULES);
    expect(ruleset).toContain('table inet cni_plugins_masquerade');
    expect(ruleset).toContain('ip daddr 224.0.0.0/4 return');
    expect(ruleset).toContain('ip6 daddr ff00::/8 return');
    expect(ruleset).toMatch(
      /ip saddr 10\.244\.50\.2 ip daddr != 10\.244\.50\.0\/24 masquerade comment "[0-9a-f]{16}-[0-9a-f]{16}, net: pur-brnet, if: eth0, id: cid-br1"/,
    );
    expect(ruleset).toMatch(
      /ip6 saddr fd00:50::2 ip6 daddr != fd00:50::\/64 masquerade comment "[0-9a-f]{16}-[0-9a-f]{16}, net: pur-brnet, if: eth0, id: cid-br1"/,
    );
    const path = containerOf(world).path;
    containerOf(world).remove();
    expect(run(world, worlds.bin, 'DEL', config, { netns: path }).exitCode).toBe(0);
    expect(nftRuleset(world)).not.toContain('masquerade comment');
  });
});
