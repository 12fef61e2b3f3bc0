import { afterEach, describe, expect, test } from 'bun:test';
import type { Result100 } from '@cni-ts/spec-types';
import { isNotFound } from '../errors/predicates.ts';
import { setLinkMaster } from '../netlink/route/link/set-ops.ts';
import { openRouteSocket } from '../netlink/socket/open-route-socket.ts';
import { readSysctl, writeSysctl } from '../sysctl/sysctl.ts';
import { canUseNetns, createTestNetns, type TestNetns } from '../testing/test-netns.ts';
import { useTimeLimit } from '../testing/time-limits.ts';
import { configureInterface } from './configure-interface.ts';
import { createVethPair } from './create-veth-pair.ts';
import { ensureAddress } from './ensure-address.ts';
import { ensureBridge } from './ensure-bridge.ts';
import { isNetSetupError } from './net-setup-error.ts';
import { waitForOperUp } from './wait-for-oper-up.ts';

useTimeLimit('netns');

// The bridge plugin's ADD, step by step, with the kit's helpers: a throwaway "host"
// namespace holds the bridge and the host veths, each container is another throwaway
// namespace. Nothing is created in the machine's own namespace.
describe.skipIf(!canUseNetns())('configureInterface (netns)', () => {
  const made: TestNetns[] = [];
  afterEach(() => {
    for (const ns of made.splice(0)) ns.remove();
  });

  function netns(): TestNetns {
    const ns = createTestNetns();
    made.push(ns);
    return ns;
  }

  function result(container: TestNetns, hostVeth: string, n: number): Result100 {
    return {
      cniVersion: '1.1.0',
      interfaces: [
        { name: 'cnibr0' },
        { name: hostVeth },
        { name: 'eth0', sandbox: container.path },
      ],
      ips: [
        { interface: 2, address: `10.244.60.${n}/24`, gateway: '10.244.60.1' },
        { interface: 2, address: `fd00:60::${n}/64`, gateway: 'fd00:60::1' },
      ],
      routes: [
        { dst: '0.0.0.0/0' },
        { dst: '::/0' },
        { dst: '10.99.0.0/16', gw: '10.244.60.1' },
        { dst: '10.99.0.0/16', gw: '10.244.60.254' },
        { dst: 'fd00:99::/64', gw: 'fd00:60::1' },
        { dst: 'fd00:99::/64', gw: 'fd00:60::fe' },
        { dst: '10.98.0.0/16', priority: 50, table: 100, mtu: 1400, advmss: 1360 },
      ],
    };
  }

  /** A bridge with gateway addresses in `host`, as the bridge plugin with isGateway makes it. */
  function bridgeIn(host: TestNetns): number {
    using sock = openRouteSocket({ netns: host.ns });
    const bridge = ensureBridge(sock, { name: 'cnibr0', netns: host.ns });
    writeSysctl('net.ipv6.conf.cnibr0.accept_dad', '0', { netns: host.ns });
    for (const address of ['10.244.60.1/24', 'fd00:60::1/64']) {
      ensureAddress(sock, { index: bridge.index, name: 'cnibr0', address });
    }
    return bridge.index;
  }

  /** Attaches one container: veth pair, port on the bridge, DAD off (as the bridge plugin), configure. */
  function attach(host: TestNetns, bridgeIndex: number, n: number): TestNetns {
    const container = netns();
    const veth = createVethPair({
      containerNetns: container.ns,
      hostNetns: host.ns,
      containerIfName: 'eth0',
    });
    using sock = openRouteSocket({ netns: host.ns });
    setLinkMaster(sock, veth.host.index, bridgeIndex);
    writeSysctl('net.ipv6.conf.eth0.accept_dad', '0', { netns: container.ns });
    configureInterface({
      netns: container.ns,
      ifName: 'eth0',
      result: result(container, veth.host.name, n),
    });
    expect(waitForOperUp(sock, veth.host.index).operstate).toBe('up');
    return container;
  }

  test('applies a dual-stack result: addresses, default and ECMP routes, table/metric/mtu, sysctls', () => {
    const host = netns();
    const container = attach(host, bridgeIn(host), 2);
    const v4 = container.exec(['ip', '-4', 'addr', 'show', 'dev', 'eth0']);
    expect(v4).toContain('inet 10.244.60.2/24 brd 10.244.60.255 scope global eth0');
    expect(container.exec(['ip', '-6', 'addr', 'show', 'dev', 'eth0'])).toContain(
      'inet6 fd00:60::2/64 scope global',
    );
    expect(container.exec(['ip', 'link', 'show', 'eth0'])).toContain(',UP');
    const routes = container.exec(['ip', 'route', 'show']);
    expect(routes).toContain('default via 10.244.60.1 dev eth0');
    expect(routes).toMatch(
      /10\.99\.0\.0\/16\s+nexthop via 10\.244\.60\.1 dev eth0 weight 1\s+nexthop via 10\.244\.60\.254 dev eth0 weight 1/,
    );
    const routes6 = container.exec(['ip', '-6', 'route', 'show']);
    expect(routes6).toContain('default via fd00:60::1 dev eth0 metric 1024');
    expect(routes6).toMatch(
      /fd00:99::\/64 metric 1024 pref medium\s+nexthop via fd00:60::1 dev eth0 weight 1\s+nexthop via fd00:60::fe dev eth0 weight 1/,
    );
    expect(container.exec(['ip', 'route', 'show', 'table', '100'])).toContain(
      '10.98.0.0/16 via 10.244.60.1 dev eth0 metric 50 mtu 1400 advmss 1360',
    );
    for (const [name, value] of [
      ['net.ipv6.conf.lo.disable_ipv6', '0'],
      ['net.ipv6.conf.eth0.disable_ipv6', '0'],
      ['net.ipv6.conf.eth0.keep_addr_on_down', '1'],
    ]) {
      expect(readSysctl(name ?? '', { netns: container.ns })).toBe(value ?? '');
    }
  });

  test('two containers on one bridge reach each other and the gateway (ping)', () => {
    const host = netns();
    const bridge = bridgeIn(host);
    const first = attach(host, bridge, 2);
    attach(host, bridge, 3);
    for (const target of ['10.244.60.3', '10.244.60.1', 'fd00:60::3', 'fd00:60::1']) {
      const output = first.exec(['ping', '-c', '1', '-W', '5', target]);
      expect(output).toContain('1 received');
    }
  });

  test('waits for IPv6 DAD when there is an IPv6 gateway', () => {
    const container = netns();
    const host = netns();
    const veth = createVethPair({
      containerNetns: container.ns,
      hostNetns: host.ns,
      containerIfName: 'eth0',
    });
    configureInterface({
      netns: container.ns,
      ifName: 'eth0',
      result: {
        cniVersion: '1.1.0',
        interfaces: [{ name: veth.host.name }, { name: 'eth0', sandbox: container.path }],
        ips: [{ interface: 1, address: 'fd00:61::2/64', gateway: 'fd00:61::1' }],
      },
    });
    const shown = container.exec(['ip', '-6', 'addr', 'show', 'dev', 'eth0', 'scope', 'global']);
    expect(shown).toContain('fd00:61::2/64');
    expect(shown).not.toContain('tentative');
  });

  test('refuses an IP that points at another interface, with upstream text', () => {
    const container = netns();
    container.exec(['ip', 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'eth1']);
    let caught: unknown;
    try {
      configureInterface({
        netns: container.ns,
        ifName: 'eth0',
        result: {
          cniVersion: '1.1.0',
          interfaces: [{ name: 'eth1' }],
          ips: [{ interface: 0, address: '10.244.61.2/24' }],
        },
      });
    } catch (error) {
      caught = error;
    }
    expect(isNetSetupError(caught, 'invalid-interface-index')).toBe(true);
    expect((caught as Error).message).toBe(
      'failed to add IP addr {Interface:0 Address:{IP:10.244.61.2 Mask:ffffff00} Gateway:<nil>} to "eth0": invalid interface index',
    );
    expect(container.exec(['ip', '-4', 'addr', 'show', 'dev', 'eth0'])).toBe('');
  });

  test('reports a failed route with upstream text and the kernel error', () => {
    const container = netns();
    container.exec(['ip', 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'eth1']);
    let caught: unknown;
    try {
      configureInterface({
        netns: container.ns,
        ifName: 'eth0',
        result: {
          cniVersion: '1.1.0',
          interfaces: [{ name: 'eth0' }],
          ips: [{ interface: 0, address: '10.244.62.2/24' }],
          routes: [{ dst: '10.97.0.0/16', gw: '192.168.200.1' }],
        },
      });
    } catch (error) {
      caught = error;
    }
    expect((caught as Error).message).toBe(
      "failed to add route '{10.97.0.0 ffff0000} via [192.168.200.1] dev eth0 metric 0 (Scope: universe, Table: 0)': network is unreachable",
    );
  });

  test('fails on a missing interface with upstream lookup text', () => {
    const container = netns();
    let caught: unknown;
    try {
      configureInterface({
        netns: container.ns,
        ifName: 'eth9',
        result: { cniVersion: '1.1.0', interfaces: [{ name: 'eth9' }] },
      });
    } catch (error) {
      caught = error;
    }
    expect((caught as Error).message).toBe('failed to lookup "eth9": Link not found');
    expect(isNotFound(caught)).toBe(true);
  });
});
