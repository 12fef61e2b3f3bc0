import { describe, expect, test } from 'bun:test';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { linkNamed } from '../../test/_kernel-state.ts';
import { kindSkipReason } from '../../test/_kind-probe.ts';
import {
  describeKernelWithoutKind,
  expectAddRefused,
  expectNothingLeft,
  testAddUndoneOnBadRoute,
  testDelWithMasterGone,
  useLinkPluginWorlds,
} from '../../test/_link-plugin-world.ts';
import { withPrev } from '../../test/_world.ts';

useTimeLimit('netns');

const tests = useLinkPluginWorlds({
  type: 'ipvlan',
  containerId: (n) => `cid-iv${n}`,
  master: true,
});
const { skip, run } = tests;
const world = tests.create;
const ipvlanSkip = skip ?? kindSkipReason('ipvlan', ['mode', 'l2'], true);

function config(dataDir: string, extra: Record<string, unknown> = {}) {
  return {
    cniVersion: '1.0.0',
    name: 'iv-net',
    type: 'ipvlan',
    master: 'm0',
    ipam: { type: 'host-local', dataDir, subnet: '192.168.83.0/24' },
    ...extra,
  };
}

const subject = {
  kind: 'ipvlan',
  kindSkip: ipvlanSkip,
  network: 'iv-net',
  subnet: '192.168.83.0/24',
  config,
};

describe.skipIf(skip !== null)(
  `ipvlan on any kernel${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test("bad input: the right code and text (Go's where it has one), nothing made", () => {
      const w = world();
      const chainedPrev = { cniVersion: '1.0.0', interfaces: [{ name: 'a' }, { name: 'b' }] };
      const cases: { extra: Record<string, unknown>; msg: string; go?: boolean }[] = [
        { extra: { mode: 'foo' }, msg: 'unknown ipvlan mode: "foo"', go: true },
        {
          extra: { master: 'nope' },
          msg: 'failed to lookup master "nope": Link not found',
          go: true,
        },
        { extra: { mtu: 9000 }, msg: 'invalid MTU 9000, must be [0, master MTU(1500)]' },
        { extra: { master: undefined }, msg: 'no default route interface found', go: true },
        {
          extra: { master: undefined, prevResult: chainedPrev },
          msg: 'chained master failure. PrevResult lacks a single named interface',
          go: true,
        },
        {
          extra: { ipam: {} },
          msg: 'ipvlan needs an IPAM plugin ("ipam": {"type": …}), or a prevResult with IPs when chained',
        },
      ];
      for (const { extra, msg, go } of cases) {
        const refused = { config: config(w.dataDir, extra), network: 'iv-net', msg };
        expectAddRefused(tests, w, refused, go === true);
      }
    });

    testDelWithMasterGone(tests, subject);
  },
);

describeKernelWithoutKind(tests, subject);

describe.skipIf(ipvlanSkip !== null)(
  `ipvlan with kernel ipvlan${ipvlanSkip === null ? '' : ` (skipped: ${ipvlanSkip})`}`,
  () => {
    test('ADD l3 mtu 1400: an ipvlan with the master MAC and the address; CHECK; DEL twice', () => {
      const w = world();
      const conf = config(w.dataDir, { mode: 'l3', mtu: 1400 });
      const added = run(w, 'ADD', conf);
      expect(added.stderr).toBe('');
      expect(added.exitCode).toBe(0);
      expect(added.json).toMatchObject({
        interfaces: [{ name: 'eth0', sandbox: w.containers[0]?.path }],
        ips: [{ interface: 0, address: '192.168.83.2/24' }],
        dns: {},
      });
      const ns = w.containers[0];
      if (ns === undefined) throw new Error('no container');
      const link = linkNamed(ns, 'eth0');
      expect(link?.linkinfo?.info_kind).toBe('ipvlan');
      expect(link?.linkinfo?.info_data?.mode).toBe('l3');
      expect(link?.mtu).toBe(1400);
      expect(link?.address).toBe(linkNamed(w.host, 'm0')?.address);
      expect(run(w, 'CHECK', withPrev(conf, added.json)).exitCode).toBe(0);
      for (let i = 0; i < 2; i++)
        expect(run(w, 'DEL', withPrev(conf, added.json)).exitCode).toBe(0);
      expectNothingLeft(tests, w, 'iv-net');
    });

    test('chained without ipam: the previous interface is the master, its IPs are reused', () => {
      const w = world();
      const ns = w.containers[0];
      if (ns === undefined) throw new Error('no container');
      ns.exec(['ip', 'link', 'add', 'net0', 'type', 'veth', 'peer', 'name', 'net0p']);
      ns.exec(['ip', 'link', 'set', 'net0', 'up']);
      ns.exec(['ip', 'link', 'set', 'net0p', 'up']);
      const prevResult = {
        cniVersion: '1.0.0',
        interfaces: [{ name: 'net0', sandbox: ns.path }],
        ips: [{ interface: 0, address: '192.168.84.5/24' }],
      };
      const conf = {
        ...config(w.dataDir),
        master: undefined,
        ipam: undefined,
        linkInContainer: true,
        prevResult,
      };
      const added = run(w, 'ADD', conf, { ifName: 'ipv0' });
      expect(added.stderr).toBe('');
      expect(added.exitCode).toBe(0);
      expect(added.json).toMatchObject({
        interfaces: [{ name: 'ipv0' }],
        ips: [{ interface: 0, address: '192.168.84.5/24' }],
      });
      expect(ns.exec(['ip', '-o', 'link', 'show', 'ipv0'])).toContain('ipv0@net0');
    });

    testAddUndoneOnBadRoute(tests, subject);
  },
);
