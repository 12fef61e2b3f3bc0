import { describe, expect, test } from 'bun:test';
import { existsSync } from 'node:fs';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { ip, linkNamed, reservedAddresses, sysctl } from '../../test/_kernel-state.ts';
import { expectNothingLeft, useLinkPluginWorlds } from '../../test/_link-plugin-world.ts';
import { containerOf, withPrev } from '../../test/_world.ts';
import { SELINUX_FS } from './settings.ts';

useTimeLimit('netns');

// Debian's 1.1.1 has no tap plugin: these tests hold ours to upstream's documented
// behaviour (reference-plugins.md §2.1).
const tests = useLinkPluginWorlds({ type: 'tap', containerId: () => 'cid-tap' });
const { skip, run, names } = tests;

function config(extra: Record<string, unknown> = {}) {
  return { cniVersion: '1.0.0', name: 'tap-net', type: 'tap', ...extra };
}

function hostLocal(dataDir: string, routes: object[] = []) {
  return { type: 'host-local', dataDir, subnet: '192.168.86.0/24', routes };
}

describe.skipIf(skip !== null)(
  `tap in namespaces${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('L2: a persistent vnet_hdr tap with the mac, mtu, multi_queue, owner and group asked for; DEL twice', () => {
      const w = tests.create();
      const conf = config({
        mac: '02:00:00:00:86:01',
        mtu: 1400,
        multiQueue: true,
        owner: 4242,
        group: 4243,
      });
      const added = run(w, 'ADD', conf);
      expect(added.stderr).toBe('');
      expect(added.exitCode).toBe(0);
      expect(added.json).toEqual({
        cniVersion: '1.0.0',
        interfaces: [{ name: 'eth0', mac: '02:00:00:00:86:01', sandbox: containerOf(w).path }],
        dns: {},
      });
      const link = linkNamed(containerOf(w), 'eth0');
      expect(link).toMatchObject({ mtu: 1400, address: '02:00:00:00:86:01' });
      expect(link?.flags).toContain('UP');
      expect(link?.linkinfo?.info_kind).toBe('tun');
      expect(link?.linkinfo?.info_data).toMatchObject({
        type: 'tap',
        pi: false,
        vnet_hdr: true,
        multi_queue: true,
        persist: true,
        user: 4242,
        group: 4243,
      });
      expect(linkNamed(w.host, 'eth0')).toBeUndefined();
      for (let i = 0; i < 2; i++) {
        const del = run(w, 'DEL', withPrev(conf, added.json));
        expect(del.stdout).toBe('');
        expect(del.exitCode).toBe(0);
      }
      expect(names(w)).toEqual(['lo']);
    });

    test('MAC precedence: config < CNI_ARGS MAC < runtimeConfig.mac', () => {
      const w = tests.create();
      const conf = config({
        mac: '02:00:00:00:86:01',
        runtimeConfig: { mac: '02:00:00:00:86:03' },
      });
      const added = run(w, 'ADD', conf, { args: 'MAC=02:00:00:00:86:02' });
      expect(added.json).toMatchObject({ interfaces: [{ mac: '02:00:00:00:86:03' }] });
      const plain = run(w, 'ADD', config({ mac: '02:00:00:00:86:01' }), {
        args: 'MAC=02:00:00:00:86:02',
        ifName: 'net1',
      });
      expect(plain.json).toMatchObject({
        interfaces: [{ name: 'net1', mac: '02:00:00:00:86:02' }],
      });
    });

    test('with IPAM: the address, routes and arp_notify; CHECK passes; DEL releases the address', () => {
      const w = tests.create();
      const conf = config({ ipam: hostLocal(w.dataDir, [{ dst: '192.168.87.0/24' }]) });
      const added = run(w, 'ADD', conf);
      expect(added.exitCode).toBe(0);
      expect(added.json).toMatchObject({
        interfaces: [{ name: 'eth0' }],
        ips: [{ interface: 0, address: '192.168.86.2/24', gateway: '192.168.86.1' }],
        routes: [{ dst: '192.168.87.0/24' }],
        dns: {},
      });
      expect(ip(containerOf(w), '-4', 'addr', 'show', 'eth0').join(' ')).toContain(
        'inet 192.168.86.2/24',
      );
      expect(sysctl(containerOf(w), 'net.ipv4.conf.eth0.arp_notify')).toBe('1');
      const check = run(w, 'CHECK', withPrev(conf, added.json));
      expect(check.stdout).toBe('');
      expect(check.exitCode).toBe(0);
      expect(run(w, 'DEL', withPrev(conf, added.json)).exitCode).toBe(0);
      expectNothingLeft(tests, w, 'tap-net');
    });

    test('bridge: the tap is enslaved to the bridge in the container; a missing bridge makes nothing', () => {
      const w = tests.create();
      containerOf(w).exec(['ip', 'link', 'add', 'br0', 'type', 'bridge']);
      const added = run(w, 'ADD', config({ bridge: 'br0' }));
      expect(added.exitCode).toBe(0);
      expect(linkNamed(containerOf(w), 'eth0')?.master).toBe('br0');
      const missing = run(w, 'ADD', config({ bridge: 'nope' }), { ifName: 'net1' });
      expect(missing.json).toMatchObject({
        code: 999,
        msg: 'failed to find bridge "nope": Link not found',
      });
      const notBridge = run(w, 'ADD', config({ bridge: 'eth0' }), { ifName: 'net1' });
      expect(notBridge.json).toMatchObject({ code: 999, msg: '"eth0" is not a bridge' });
      expect(names(w).sort()).toEqual(['br0', 'eth0', 'lo']);
    });

    test('bad input: clear texts, nothing made', () => {
      const w = tests.create();
      const selinux = existsSync(SELINUX_FS)
        ? 'selinuxContext is not supported yet: the tap cannot be labelled without running ip'
        : 'selinuxContext "system_u:system_r:container_t:s0" is set but SELinux is not enabled on this host';
      const cases: [Record<string, unknown>, string][] = [
        [{ selinuxContext: 'system_u:system_r:container_t:s0' }, selinux],
        [{ mtu: -1 }, 'invalid MTU -1, must be 0 or more'],
        [{ mac: 'zz' }, 'invalid args zz for MAC addr: address zz: invalid MAC address'],
      ];
      for (const [extra, msg] of cases) {
        const added = run(w, 'ADD', config(extra));
        expect(added.exitCode).toBe(1);
        expect(added.json).toMatchObject({ code: 999, msg });
      }
      containerOf(w).exec(['ip', 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'x1']);
      const clash = run(w, 'ADD', config());
      expect(clash.json).toMatchObject({
        code: 999,
        msg: 'failed to rename tap to "eth0": file exists',
      });
      expect(names(w).sort()).toEqual(['eth0', 'lo', 'x1']);
    });

    test('a failed ADD (route through an unknown gateway) deletes the tap and releases the address', () => {
      const w = tests.create();
      const conf = config({
        ipam: hostLocal(w.dataDir, [{ dst: '10.99.0.0/16', gw: '10.98.0.1' }]),
      });
      const failed = run(w, 'ADD', conf);
      expect(failed.exitCode).toBe(1);
      expectNothingLeft(tests, w, 'tap-net');
    });

    test('DEL with the netns or the link gone succeeds and releases the address', () => {
      const w = tests.create();
      const conf = config({ ipam: hostLocal(w.dataDir) });
      expect(run(w, 'ADD', conf).exitCode).toBe(0);
      for (const netns of [`${w.dir}/gone`, '']) {
        expect(run(w, 'DEL', conf, { netns }).exitCode).toBe(0);
      }
      expect(reservedAddresses(w.dataDir, 'tap-net')).toEqual([]);
      containerOf(w).exec(['ip', 'link', 'del', 'eth0']);
      for (let i = 0; i < 2; i++) expect(run(w, 'DEL', conf).exitCode).toBe(0);
    });
  },
);
