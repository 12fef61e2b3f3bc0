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
  type: 'vlan',
  containerId: (n) => `cid-vl${n}`,
  master: true,
});
const { skip, run } = tests;
const world = tests.create;
const vlanSkip = skip ?? kindSkipReason('vlan', ['id', '5'], true);

function config(dataDir: string, extra: Record<string, unknown> = {}) {
  return {
    cniVersion: '1.0.0',
    name: 'vl-net',
    type: 'vlan',
    master: 'm0',
    vlanId: 5,
    ipam: { type: 'host-local', dataDir, subnet: '192.168.85.0/24' },
    ...extra,
  };
}

const subject = {
  kind: 'vlan',
  kindSkip: vlanSkip,
  network: 'vl-net',
  subnet: '192.168.85.0/24',
  config,
};

describe.skipIf(skip !== null)(
  `vlan on any kernel${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test("bad input: the right code and text (Go's where it has one), nothing made", () => {
      const w = world();
      const cases: { extra: Record<string, unknown>; msg: string; go?: boolean }[] = [
        {
          extra: { vlanId: 4095 },
          msg: 'invalid VLAN ID 4095 (must be between 1 and 4094 inclusive)',
        },
        { extra: { vlanId: 0 }, msg: 'invalid VLAN ID 0 (must be between 1 and 4094 inclusive)' },
        { extra: { vlanId: -1 }, msg: 'invalid VLAN ID -1 (must be between 1 and 4094 inclusive)' },
        {
          extra: { vlanId: undefined },
          msg: '"vlanId" field is required: the VLAN ID (1-4094) of the link',
        },
        {
          extra: { master: undefined },
          msg: '"master" field is required. It specifies the host interface name to create the VLAN for.',
          go: true,
        },
        { extra: { master: 'nope' }, msg: 'failed to lookup master "nope": Link not found' },
        { extra: { mtu: 9000 }, msg: 'invalid MTU 9000, must be [0, master MTU(1500)]', go: true },
        { extra: { ipam: {} }, msg: 'vlan needs an IPAM plugin ("ipam": {"type": …})' },
      ];
      for (const { extra, msg, go } of cases) {
        const refused = { config: config(w.dataDir, extra), network: 'vl-net', msg };
        expectAddRefused(tests, w, refused, go === true);
      }
    });

    testDelWithMasterGone(tests, subject);
  },
);

describeKernelWithoutKind(tests, subject);

describe.skipIf(vlanSkip !== null)(
  `vlan with kernel vlan${vlanSkip === null ? '' : ` (skipped: ${vlanSkip})`}`,
  () => {
    test('ADD id 5 mtu 1400: a vlan on the master with the address; CHECK; DEL twice', () => {
      const w = world();
      const conf = config(w.dataDir, { mtu: 1400 });
      const added = run(w, 'ADD', conf);
      expect(added.stderr).toBe('');
      expect(added.exitCode).toBe(0);
      expect(added.json).toMatchObject({
        interfaces: [{ name: 'eth0', sandbox: w.containers[0]?.path }],
        ips: [{ interface: 0, address: '192.168.85.2/24' }],
        dns: {},
      });
      const ns = w.containers[0];
      if (ns === undefined) throw new Error('no container');
      const link = linkNamed(ns, 'eth0');
      expect(link?.linkinfo?.info_kind).toBe('vlan');
      expect(link?.linkinfo?.info_data?.id).toBe(5);
      expect(link?.mtu).toBe(1400);
      expect(run(w, 'CHECK', withPrev(conf, added.json)).exitCode).toBe(0);
      const otherId = run(w, 'CHECK', withPrev({ ...conf, vlanId: 6 }, added.json));
      expect(otherId.exitCode).toBe(1);
      for (let i = 0; i < 2; i++)
        expect(run(w, 'DEL', withPrev(conf, added.json)).exitCode).toBe(0);
      expectNothingLeft(tests, w, 'vl-net');
    });

    testAddUndoneOnBadRoute(tests, subject);
  },
);
