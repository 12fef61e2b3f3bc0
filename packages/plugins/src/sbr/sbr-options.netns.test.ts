// sbr's options newer than Debian's Go sbr (`table`, `gateways`, `addSourceHints`), its
// errors (nothing made), CHECK, and DEL when the namespace is gone.
import { describe, expect, test } from 'bun:test';
import { existsSync } from 'node:fs';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { useWorlds } from '../../test/_use-worlds.ts';
import { containerOf, GO_PLUGIN_DIR, type PluginWorld, withPrev } from '../../test/_world.ts';
import { attach, routes, rules, run, sbrConfig } from './_test-helpers.ts';

useTimeLimit('netns');

const worlds = useWorlds();
const { skip } = worlds;

function state(world: PluginWorld): { rules: string[]; routes: string[] } {
  return { rules: rules(containerOf(world)), routes: routes(containerOf(world)) };
}

describe.skipIf(skip !== null)(`sbr options${skip === null ? '' : ` (skipped: ${skip})`}`, () => {
  test('table: a rule per address into it, main untouched; DEL leaves the table alone', () => {
    const world = worlds.create();
    const prev = attach(world, worlds.bin);
    const container = containerOf(world);
    container.exec([
      'ip',
      'route',
      'add',
      'default',
      'via',
      '10.244.54.1',
      'dev',
      'eth0',
      'table',
      '200',
    ]);
    const before = routes(container);
    const config = sbrConfig({ table: 200 }, prev);
    const added = run(world, worlds.bin, 'sbr', 'ADD', config);
    expect(added.exitCode).toBe(0);
    expect(rules(container)).toContain('32765:\tfrom 10.244.54.2 lookup 200');
    expect(rules(container)).toContain('32765:\tfrom fd00:54::2 lookup 200');
    expect(routes(container)).toEqual(before);
    expect(run(world, worlds.bin, 'sbr', 'CHECK', withPrev(config, added.json)).exitCode).toBe(0);
    for (let i = 0; i < 2; i++)
      expect(run(world, worlds.bin, 'sbr', 'DEL', config).exitCode).toBe(0);
    expect(rules(container).filter((rule) => rule.includes('lookup 200'))).toEqual([]);
    expect(routes(container)).toEqual(before);
  });

  test("gateways: the static gateway of the family replaces the previous result's", () => {
    const world = worlds.create();
    const prev = attach(world, worlds.bin);
    // A main default route through the interface would be copied over it (as upstream).
    containerOf(world).exec(['ip', '-6', 'route', 'del', 'default']);
    const added = run(world, worlds.bin, 'sbr', 'ADD', sbrConfig({ gateways: ['fe80::1'] }, prev));
    expect(added.exitCode).toBe(0);
    const table101 = routes(containerOf(world)).filter((route) => route.includes('table 101'));
    expect(table101).toContain('default via fe80::1 dev eth0 table 101 metric 1024 pref medium');
    expect(routes(containerOf(world))).toContain('default via 10.244.54.1 dev eth0 table 100');
  });

  test('addSourceHints: subnet routes stay in main with the source hint; the rest move', () => {
    const world = worlds.create();
    const prev = attach(world, worlds.bin, { v6: false });
    const added = run(world, worlds.bin, 'sbr', 'ADD', sbrConfig({ addSourceHints: true }, prev));
    expect(added.stdout).toContain('cniVersion');
    const main = routes(containerOf(world)).filter((route) => !route.includes(' table '));
    expect(main).toContain('10.244.54.0/24 dev eth0 scope link src 10.244.54.2');
    expect(main).toContain('10.244.54.1 dev eth0 scope link src 10.244.54.2');
    expect(main.some((route) => route.startsWith('default'))).toBe(false);
    expect(routes(containerOf(world))).toContain('default via 10.244.54.1 dev eth0 table 100');
  });

  test('bad input: the right code and words, nothing made', () => {
    const world = worlds.create();
    const prev = attach(world, worlds.bin);
    const before = state(world);
    const noIps = { cniVersion: '1.0.0', interfaces: [{ name: 'eth0' }], ips: [] };
    const cases: [Record<string, unknown>, unknown, number, string | RegExp][] = [
      [{}, undefined, 999, 'This plugin must be called as chained plugin'],
      [{}, noIps, 999, 'No IP addresses supplied on interface: eth0'],
      [
        { gateways: ['10.0.0.1', 'fd00::1', '10.0.0.2'] },
        prev,
        999,
        'gateways list cannot contain more than 2 entries (one IPv4, one IPv6)',
      ],
      [{ gateways: ['nope'] }, prev, 999, 'invalid static gateway IP address: nope'],
      [
        { gateways: ['10.0.0.1', '10.0.0.2'] },
        prev,
        999,
        'gateways list contains multiple IPv4 addresses: 10.0.0.1 and 10.0.0.2',
      ],
      [{ gateways: ['10.99.0.1'] }, prev, 999, /^Failed to add default route to 10\.99\.0\.1: /],
      [{ table: 'x' }, prev, 7, /table/],
    ];
    for (const [keys, prevResult, code, msg] of cases) {
      const outcome = run(world, worlds.bin, 'sbr', 'ADD', sbrConfig(keys, prevResult));
      expect(outcome.exitCode).toBe(1);
      expect(outcome.json).toMatchObject({
        code,
        msg: typeof msg === 'string' ? msg : expect.stringMatching(msg),
      });
      expect(state(world)).toEqual(before);
    }
    const go = run(world, GO_PLUGIN_DIR, 'sbr', 'ADD', sbrConfig({}));
    expect(go.json).toMatchObject({
      code: 999,
      msg: 'This plugin must be called as chained plugin',
    });
  });

  test('CHECK fails when a rule is gone', () => {
    const world = worlds.create();
    const prev = attach(world, worlds.bin);
    const config = sbrConfig({}, prev);
    expect(run(world, worlds.bin, 'sbr', 'ADD', config).exitCode).toBe(0);
    expect(run(world, worlds.bin, 'sbr', 'CHECK', config).exitCode).toBe(0);
    containerOf(world).exec(['ip', '-6', 'rule', 'del', 'from', 'fd00:54::2', 'lookup', '101']);
    expect(run(world, worlds.bin, 'sbr', 'CHECK', config).json).toEqual({
      code: 999,
      msg: 'sbr: no rule for source fd00:54::2',
    });
  });

  test('DEL with the netns gone or unset succeeds and creates nothing (Go fails, leaving a file)', () => {
    const world = worlds.create();
    const prev = attach(world, worlds.bin);
    const netns = `${world.dir}/gone-netns`;
    for (const path of [netns, '']) {
      const del = run(world, worlds.bin, 'sbr', 'DEL', sbrConfig({}, prev), { netns: path });
      expect([del.exitCode, del.stdout]).toEqual([0, '']);
    }
    expect(existsSync(netns)).toBe(false);
    const go = run(world, GO_PLUGIN_DIR, 'sbr', 'DEL', sbrConfig({}, prev), { netns });
    expect(go.exitCode).toBe(1);
    expect(existsSync(netns)).toBe(true);
  });
});
