import { describe, expect, test } from 'bun:test';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { useWorlds } from '../../test/_use-worlds.ts';
import { containerOf, GO_PLUGIN_DIR, type PluginWorld, withPrev } from '../../test/_world.ts';
import { dualStackConfig, natChains, run } from './_test-helpers.ts';

useTimeLimit('netns');

const worlds = useWorlds();
const { skip } = worlds;

/** ADDs with `dir`'s plugin and returns the CHECK config (prevResult = the ADD result). */
function added(world: PluginWorld, dir: string, extra: Record<string, unknown> = {}): object {
  const config = dualStackConfig(world.dataDir, extra);
  const add = run(world, dir, 'ADD', config);
  expect(add.exitCode).toBe(0);
  return withPrev(config, add.json);
}

describe.skipIf(skip !== null)(`ptp CHECK${skip === null ? '' : ` (skipped: ${skip})`}`, () => {
  test('a route removed in the container fails CHECK with the Go text', () => {
    const ours = worlds.create();
    const go = worlds.create();
    const oursConfig = added(ours, worlds.bin);
    const goConfig = added(go, GO_PLUGIN_DIR);
    for (const w of [ours, go]) containerOf(w).exec(['ip', 'route', 'del', 'default']);
    const oursCheck = run(ours, worlds.bin, 'CHECK', oursConfig);
    const goCheck = run(go, GO_PLUGIN_DIR, 'CHECK', goConfig);
    expect(oursCheck.exitCode).toBe(1);
    expect(goCheck.exitCode).toBe(1);
    // Go 1.1.1 prints the older, shorter route struct; newer upstream prints ours.
    const start = 'Expected Route {Dst:{IP:0.0.0.0 Mask:00000000} GW:<nil>';
    for (const json of [oursCheck.json, goCheck.json]) {
      const { code, msg } = json as { code: number; msg: string };
      expect(code).toBe(999);
      expect(msg.startsWith(start)).toBe(true);
      expect(msg.endsWith(' not found in routing table')).toBe(true);
    }
  });

  test('a changed MAC fails CHECK with the Go text', () => {
    const ours = worlds.create();
    const go = worlds.create();
    const oursConfig = added(ours, worlds.bin);
    const goConfig = added(go, GO_PLUGIN_DIR);
    for (const w of [ours, go]) {
      containerOf(w).exec(['ip', 'link', 'set', 'dev', 'eth0', 'address', '02:00:00:00:00:99']);
    }
    const oursCheck = run(ours, worlds.bin, 'CHECK', oursConfig);
    const goCheck = run(go, GO_PLUGIN_DIR, 'CHECK', goConfig);
    expect(oursCheck.exitCode).toBe(1);
    const mac = (msg: unknown) => String(msg).replace(/Mac [0-9a-f:]{17} /, 'Mac X ');
    expect(mac((oursCheck.json as { msg: string }).msg)).toBe(
      mac((goCheck.json as { msg: string }).msg),
    );
    expect(oursCheck.json).toMatchObject({
      code: 999,
      msg: expect.stringMatching(
        /^ptp: Interface eth0 Mac .* doesn't match container Mac: 02:00:00:00:00:99$/,
      ),
    });
  });

  test('a missing address and a missing interface fail CHECK', () => {
    const world = worlds.create();
    const config = added(world, worlds.bin);
    containerOf(world).exec(['ip', 'addr', 'del', 'fd00:51::2/64', 'dev', 'eth0']);
    expect(run(world, worlds.bin, 'CHECK', config).json).toMatchObject({
      code: 999,
      msg: 'Failed to match addr fd00:51::2/64 on interface eth0',
    });
    containerOf(world).exec(['ip', 'link', 'del', 'eth0']);
    expect(run(world, worlds.bin, 'CHECK', config).json).toEqual({
      code: 999,
      msg: 'ptp: Container Interface name in prevResult: eth0 not found',
    });
  });

  test('a removed masquerade chain fails CHECK (upstream does not look)', () => {
    const world = worlds.create();
    const config = added(world, worlds.bin);
    const [chain = ''] = natChains(world.host);
    world.host.exec(['iptables', '-t', 'nat', '-F', 'POSTROUTING']);
    world.host.exec(['iptables', '-t', 'nat', '-F', chain]);
    world.host.exec(['iptables', '-t', 'nat', '-X', chain]);
    const check = run(world, worlds.bin, 'CHECK', config);
    expect(check.exitCode).toBe(1);
    expect(check.json).toMatchObject({
      code: 999,
      msg: expect.stringContaining('ipmasq (iptables): missing'),
    });
  });

  test('CHECK needs a prevResult, and one naming this netns', () => {
    const world = worlds.create();
    const config = dualStackConfig(world.dataDir);
    const add = run(world, worlds.bin, 'ADD', config);
    expect(add.exitCode).toBe(0);
    expect(run(world, worlds.bin, 'CHECK', config).json).toEqual({
      code: 999,
      msg: 'ptp: Required prevResult missing',
    });
    const elsewhere = structuredClone(add.json) as { interfaces: { sandbox?: string }[] };
    for (const intf of elsewhere.interfaces) if (intf.sandbox) intf.sandbox = '/run/netns/other';
    expect(run(world, worlds.bin, 'CHECK', withPrev(config, elsewhere)).json).toEqual({
      code: 999,
      msg: `Sandbox in prevResult  doesn't match configured netns: ${containerOf(world).path}`,
    });
  });
});
