import { describe, expect, test } from 'bun:test';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { useWorlds } from '../../test/_use-worlds.ts';
import {
  GO_PLUGIN_DIR,
  type PluginRun,
  type PluginWorld,
  runPlugin,
  runPluginAsync,
} from '../../test/_world.ts';

useTimeLimit('slow');

// Differential tests against Debian's Go host-local (1.1.1): the same config and
// environment through both, each with its own dataDir, must print the same thing and leave
// the same store. Every plugin process runs in the world's throwaway host namespace.

const worlds = useWorlds();
const { skip } = worlds;

type Config = (dataDir: string) => object | string;

interface Step {
  readonly command?: 'ADD' | 'DEL' | 'CHECK';
  readonly containerId?: string;
  readonly ifName?: string;
  readonly args?: string;
}

/** Runs `config` with one implementation, its dataDir under the world's scratch directory. */
function runOne(w: PluginWorld, binDir: string, config: Config, step: Step = {}): PluginRun {
  const dataDir = join(w.dir, binDir === GO_PLUGIN_DIR ? 'go' : 'ours');
  return runPlugin({
    binDir,
    type: 'host-local',
    command: step.command ?? 'ADD',
    config: config(dataDir),
    host: w.host,
    netns: w.containers[0]?.path ?? '',
    containerId: step.containerId ?? 'cid-hl1',
    ifName: step.ifName ?? 'eth0',
    ...(step.args === undefined ? {} : { args: step.args }),
  });
}

/** Runs a step through both and expects the same exit code and stdout; returns ours. */
function same(w: PluginWorld, config: Config, step: Step = {}): PluginRun {
  const ours = runOne(w, worlds.bin, config, step);
  const go = runOne(w, GO_PLUGIN_DIR, config, step);
  expect({ exitCode: ours.exitCode, stdout: ours.stdout }).toEqual({
    exitCode: go.exitCode,
    stdout: go.stdout,
  });
  return ours;
}

/** A network's store: file name → contents. */
function snapshot(dir: string): Record<string, string> {
  if (!existsSync(dir)) return {};
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) out[name] = readFileSync(join(dir, name), 'utf8');
  return out;
}

function expectSameStores(w: PluginWorld, network: string): void {
  const ours = join(w.dir, 'ours', network);
  const go = join(w.dir, 'go', network);
  expect(snapshot(ours)).toEqual(snapshot(go));
  if (existsSync(join(go, 'lock'))) {
    expect(statSync(join(ours, 'lock')).mode & 0o777).toBe(statSync(join(go, 'lock')).mode & 0o777);
  }
}

const hostLocal =
  (ipam: object, extra: object = {}, cniVersion = '1.0.0'): Config =>
  (dataDir) => ({
    cniVersion,
    name: 'hl-net',
    type: 'host-local',
    ipam: { type: 'host-local', dataDir, ...ipam },
    ...extra,
  });

// §6.8 of the reference.
const small = hostLocal({
  ranges: [
    [{ subnet: '10.244.70.0/29', gateway: '10.244.70.6' }, { subnet: '10.244.71.0/30' }],
    [{ subnet: 'fd00:70::/126' }],
  ],
});

describe.skipIf(skip !== null)(
  `host-local against the Go plugin${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('the §6.8 sequence: same results, errors and store, round robin included', () => {
      const w = worlds.create();
      same(w, small, { containerId: 'cid-hl1' });
      same(w, small, { containerId: 'cid-hl2' });
      expect(same(w, small, { containerId: 'cid-hl3' }).json).toEqual({
        code: 999,
        msg: 'failed to allocate for range 1: no IP addresses available in range set: fd00:70::1-fd00:70::3',
      });
      expect(same(w, small, { containerId: 'cid-hl1' }).json).toMatchObject({
        msg: 'failed to allocate for range 0: 10.244.70.1 has been allocated to cid-hl1, duplicate allocation is not allowed',
      });
      same(w, small, { command: 'DEL', containerId: 'cid-hl2' });
      same(w, small, { containerId: 'cid-hl4' });
      same(w, small, { containerId: 'cid-hl5' });
      same(w, small, { command: 'DEL', containerId: 'cid-hl1' });
      expect(same(w, small, { containerId: 'cid-hl6' }).json).toMatchObject({
        ips: [{ address: '10.244.71.2/30' }, { address: 'fd00:70::2/126' }],
      });
      expectSameStores(w, 'hl-net');
    });

    test('requested addresses: CNI_ARGS IP, args.cni.ips, runtimeConfig.ips and their errors', () => {
      const w = worlds.create();
      same(w, small, { containerId: 'a', args: 'IP=10.244.70.4' });
      same(w, small, { containerId: 'b', args: 'IP=10.244.70.6' });
      same(w, small, { containerId: 'b', args: 'IP=10.244.70.4' });
      same(w, small, { containerId: 'b', args: 'IP=foo' });
      same(w, small, {
        containerId: 'b',
        args: 'IP=10.244.71.2/30;IgnoreUnknown=1;K8S_POD_NAME=x',
      });
      const runtime = (ips: string[]) => (dataDir: string) => ({
        ...(small(dataDir) as object),
        runtimeConfig: { ips },
      });
      same(w, runtime(['fd00:70::3', '10.244.70.5/29']), { containerId: 'c' });
      same(w, runtime(['10.244.99.1']), { containerId: 'd' });
      const args = (dataDir: string) => ({
        ...(small(dataDir) as object),
        args: { cni: { ips: ['10.244.70.2'] } },
      });
      same(w, args, { containerId: 'e' });
      expectSameStores(w, 'hl-net');
    });

    test('config errors and result shapes print the same', () => {
      const w = worlds.create();
      const resolv = join(w.dir, 'resolv.conf');
      writeFileSync(
        resolv,
        '# test\nnameserver 10.0.0.53\nnameserver fd00::53\ndomain pur.example\nsearch a.example b.example\noptions ndots:5 timeout:2\n',
      );
      const configs: Config[] = [
        hostLocal({ subnet: '10.244.73.0/31' }),
        hostLocal({ subnet: '10.244.73.5/24' }),
        hostLocal({ ranges: [[{ subnet: '10.244.73.0/24' }], [{ subnet: '10.244.73.0/25' }]] }),
        hostLocal({ ranges: [[{ subnet: '10.244.73.0/24' }, { subnet: 'fd00::/64' }]] }),
        hostLocal({ ranges: [[{ subnet: '10.244.73.0/24' }, { subnet: '10.244.73.128/25' }]] }),
        hostLocal({ ranges: [[]] }),
        hostLocal({ ranges: [[{ rangeStart: '10.1.1.1' }]] }),
        hostLocal({ subnet: '10.244.73.0/24', rangeStart: '10.244.74.1' }),
        hostLocal({ subnet: '10.244.73.0/24', rangeStart: '10.244.73.9', rangeEnd: '10.244.73.5' }),
        hostLocal({ subnet: '10.244.73.0/24', rangeEnd: 'fd00::1' }),
        hostLocal({ subnet: '10.244.73.0' }),
        hostLocal({ subnet: '10.244.73.0/24', rangeStart: 'bogus' }),
        hostLocal({ subnet: '::ffff:10.244.81.0/120' }),
        hostLocal({ type: 'host-local' }),
        (dataDir) => ({ cniVersion: '1.0.0', name: 'hl-net', type: 'host-local', dataDir }),
        hostLocal(
          { ranges: [[{ subnet: '10.244.74.0/24' }], [{ subnet: '10.244.75.0/24' }]] },
          {},
          '0.2.0',
        ),
        hostLocal({ subnet: '10.244.76.0/24' }, {}, '0.2.0'),
        hostLocal(
          { ranges: [[{ subnet: '10.244.77.0/24' }], [{ subnet: 'fd00:77::/64' }]] },
          {},
          '0.3.1',
        ),
        hostLocal({
          subnet: '10.244.78.0/24',
          resolvConf: resolv,
          routes: [{ dst: '0.0.0.0/0' }, { dst: '10.9.0.0/16', gw: '10.244.78.9' }],
        }),
        hostLocal({ subnet: '10.244.79.0/24', resolvConf: join(w.dir, 'missing.conf') }),
        hostLocal(
          { ranges: [[{ subnet: '10.244.80.0/24' }]] },
          { runtimeConfig: { ipRanges: [[{ subnet: '10.244.81.0/24' }]] } },
        ),
        hostLocal({
          subnet: '10.244.82.0/24',
          gateway: '10.244.82.250',
          rangeEnd: '10.244.82.250',
        }),
        (dataDir) =>
          `{"cniVersion":"1.0.0","name":"hl-net","type":"host-local","IPAM":{"TYPE":"host-local","dataDir":${JSON.stringify(dataDir)},"SUBNET":"10.244.83.0/24","SUBNET":"10.244.84.0/24","ranGeStart":"10.244.84.7"}}`,
      ];
      for (const [i, config] of configs.entries()) {
        same(w, config, { containerId: `cid-${i}` });
      }
      expectSameStores(w, 'hl-net');
    });

    test('CHECK, DEL of another interface and legacy files behave the same', () => {
      const w = worlds.create();
      same(w, small, { command: 'CHECK', containerId: 'nobody' });
      same(w, small, { containerId: 'x' });
      same(w, small, { command: 'CHECK', containerId: 'x' });
      same(w, small, { command: 'DEL', containerId: 'x', ifName: 'eth1' });
      expectSameStores(w, 'hl-net');
      for (const side of ['ours', 'go']) {
        writeFileSync(join(w.dir, side, 'hl-net', '10.244.70.5'), 'legacy-id');
      }
      same(w, small, { command: 'CHECK', containerId: 'legacy-id', ifName: 'eth3' });
      same(w, small, { command: 'DEL', containerId: 'legacy-id', ifName: 'eth3' });
      same(w, small, { command: 'DEL', containerId: 'x' });
      same(w, small, { command: 'DEL', containerId: 'x' });
      expectSameStores(w, 'hl-net');
    });

    test('an unknown CNI_ARGS key: same code and text as Go', () => {
      const w = worlds.create();
      const ours = runOne(w, worlds.bin, small, { args: 'FOO=bar' });
      const go = runOne(w, GO_PLUGIN_DIR, small, { args: 'FOO=bar' });
      expect(go.json).toEqual({ code: 999, msg: 'ARGS: unknown args ["FOO=bar"]' });
      expect(ours.json).toEqual({ code: 999, msg: 'ARGS: unknown args ["FOO=bar"]' });
    });
  },
);

describe.skipIf(skip !== null)(
  `host-local sharing a store with the Go plugin${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    /** Runs one implementation on the shared store `<dir>/shared`. */
    function onShared(w: PluginWorld, binDir: string, step: Step): PluginRun {
      return runPlugin({
        binDir,
        type: 'host-local',
        command: step.command ?? 'ADD',
        config: small(join(w.dir, 'shared')),
        host: w.host,
        netns: w.containers[0]?.path ?? '',
        containerId: step.containerId ?? 'cid',
        ifName: 'eth0',
      });
    }
    const addresses = (w: PluginWorld) =>
      readdirSync(join(w.dir, 'shared', 'hl-net'))
        .filter((name) => /^[\d.]+$|:/.test(name))
        .sort();

    test('Go ADD, then our DEL releases it; our ADD, then Go ADD continues after last_reserved_ip', () => {
      const w = worlds.create();
      expect(onShared(w, GO_PLUGIN_DIR, { containerId: 'go1' }).exitCode).toBe(0);
      expect(addresses(w)).toEqual(['10.244.70.1', 'fd00:70::2']);
      expect(onShared(w, worlds.bin, { command: 'DEL', containerId: 'go1' }).exitCode).toBe(0);
      expect(addresses(w)).toEqual([]);
      expect(onShared(w, worlds.bin, { containerId: 'ts1' }).json).toMatchObject({
        ips: [{ address: '10.244.70.2/29' }, { address: 'fd00:70::3/126' }],
      });
      expect(onShared(w, GO_PLUGIN_DIR, { containerId: 'go2' }).json).toMatchObject({
        ips: [{ address: '10.244.70.3/29' }, { address: 'fd00:70::2/126' }],
      });
      expect(onShared(w, GO_PLUGIN_DIR, { command: 'DEL', containerId: 'ts1' }).exitCode).toBe(0);
      expect(onShared(w, worlds.bin, { command: 'CHECK', containerId: 'go2' }).exitCode).toBe(0);
      expect(addresses(w)).toEqual(['10.244.70.3', 'fd00:70::2']);
    });

    test('50 parallel ADDs (ours and Go mixed) get 50 distinct addresses; 50 DELs free them', async () => {
      const w = worlds.create();
      const wide = hostLocal({
        ranges: [[{ subnet: '10.244.90.0/24' }], [{ subnet: 'fd00:90::/64' }]],
      });
      const options = (i: number, command: 'ADD' | 'DEL') => ({
        binDir: i % 5 === 4 ? GO_PLUGIN_DIR : worlds.bin,
        type: 'host-local',
        command,
        config: wide(join(w.dir, 'shared')),
        host: w.host,
        netns: w.containers[0]?.path ?? '',
        containerId: `par-${i}`,
      });
      const ids = Array.from({ length: 50 }, (_, i) => i);
      const added = await Promise.all(ids.map((i) => runPluginAsync(options(i, 'ADD'))));
      expect(added.filter((run) => run.exitCode !== 0).map((run) => run.stdout)).toEqual([]);
      const v4 = added.map((run) => (run.json as { ips: { address: string }[] }).ips[0]?.address);
      expect(new Set(v4).size).toBe(50);
      expect(addresses(w)).toHaveLength(100);
      const deleted = await Promise.all(ids.map((i) => runPluginAsync(options(i, 'DEL'))));
      expect(deleted.filter((run) => run.exitCode !== 0).map((run) => run.stdout)).toEqual([]);
      expect(addresses(w)).toEqual([]);
    });
  },
);
