// Root-only: routes added, replaced, listed and deleted through a real route socket in a
// throwaway namespace (never the host's), cross-checked with `ip -j route show` there.
import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { isExists, isNotFound } from '../../../errors/predicates.ts';
import { createVethNetns, type VethNetns } from '../../../testing/_route-netns.ts';
import { canUseNetns } from '../../../testing/test-netns.ts';
import { useTimeLimit } from '../../../testing/time-limits.ts';
import { AF } from '../../codec/constants.ts';
import { thrown } from '../_golden.ts';
import { IFA_F } from '../address/constants.ts';
import { addAddress } from '../address/ops.ts';
import { RT_SCOPE, RT_TABLE, RTN, RTNH_F, RTPROT } from './constants.ts';
import { addRoute, addRouteEcmp, deleteRoute, getRoute, listRoutes, replaceRoute } from './ops.ts';

useTimeLimit('netns');

interface IpRoute {
  type?: string;
  dst: string;
  gateway?: string;
  dev?: string;
  table?: string;
  protocol?: string;
  scope?: string;
  metric?: number;
  prefsrc?: string;
  flags: string[];
  metrics?: { mtu?: number; advmss?: number }[];
  nexthops?: { gateway: string; dev: string; weight: number; flags: string[] }[];
  expires?: number;
}

describe.skipIf(!canUseNetns())('routes in a throwaway namespace', () => {
  let env: VethNetns | undefined;
  beforeEach(() => {
    env = createVethNetns();
    addAddress(env.sock, { index: env.veth0, address: '10.1.2.3/24' });
    addAddress(env.sock, { index: env.veth0, address: 'fd00:1::2/64', flags: IFA_F.NODAD });
  });
  afterEach(() => {
    env?.remove();
    env = undefined;
  });

  function setup(): VethNetns {
    if (env === undefined) throw new Error('no namespace');
    return env;
  }

  function ipRoutes(e: VethNetns, family: '-4' | '-6', table = 'all'): IpRoute[] {
    return e.ipJson([family, 'route', 'show', 'table', table]) as IpRoute[];
  }

  function ipRoute(e: VethNetns, family: '-4' | '-6', dst: string): IpRoute | undefined {
    return ipRoutes(e, family).find((route) => route.dst === dst);
  }

  test('getRoute: the route the kernel takes to an address, as `ip route get` shows it', () => {
    const e = setup();
    addRoute(e.sock, { dst: '10.9.0.0/16', gateway: '10.1.2.1', oif: e.veth0 });
    const got = getRoute(e.sock, '10.9.4.5');
    const ip = (e.ipJson(['-4', 'route', 'get', '10.9.4.5']) as IpRoute[])[0];
    expect(got?.dst).toBe('10.9.4.5/32');
    expect(got?.gateway).toBe(ip?.gateway);
    expect(got?.oif).toBe(e.veth0);
    expect(getRoute(e.sock, '10.1.2.77')?.oif).toBe(e.veth0);
    expect(getRoute(e.sock, 'fd00:1::9')?.oif).toBe(e.veth0);
    // No default route in the namespace: nothing reaches these.
    expect(getRoute(e.sock, '192.0.2.1')).toBeUndefined();
    expect(getRoute(e.sock, '2001:db8::1')).toBeUndefined();
  });

  test('adds IPv4 routes with every option, as ip shows them', () => {
    const e = setup();
    addRoute(e.sock, { dst: '10.2.0.0/16', gateway: '10.1.2.1', oif: e.veth0 });
    addRoute(e.sock, {
      dst: '10.3.0.0/16',
      oif: e.veth0,
      table: 100,
      protocol: RTPROT.STATIC,
      scope: RT_SCOPE.LINK,
      priority: 50,
    });
    addRoute(e.sock, {
      dst: '10.4.0.0/16',
      gateway: '10.1.2.1',
      table: 1000,
      prefsrc: '10.1.2.3',
      oif: e.veth0,
      mtu: 1400,
      advmss: 1360,
    });
    addRoute(e.sock, { dst: '10.5.0.0/16', gateway: '10.9.9.9', oif: e.veth0, onlink: true });
    addRoute(e.sock, { dst: '0.0.0.0/0', gateway: '10.1.2.1', priority: 100, oif: e.veth0 });
    addRoute(e.sock, { dst: '10.7.0.0/16', type: RTN.BLACKHOLE });
    addRoute(e.sock, { dst: '10.8.0.0/16', type: RTN.UNREACHABLE, table: 300 });

    expect(ipRoute(e, '-4', '10.2.0.0/16')).toMatchObject({ gateway: '10.1.2.1', dev: 'veth0' });
    expect(ipRoute(e, '-4', '10.3.0.0/16')).toMatchObject({
      dev: 'veth0',
      table: '100',
      protocol: 'static',
      scope: 'link',
      metric: 50,
    });
    expect(ipRoute(e, '-4', '10.4.0.0/16')).toMatchObject({
      gateway: '10.1.2.1',
      table: '1000',
      prefsrc: '10.1.2.3',
      metrics: [{ mtu: 1400, advmss: 1360 }],
    });
    expect(ipRoute(e, '-4', '10.5.0.0/16')?.flags).toContain('onlink');
    expect(ipRoute(e, '-4', 'default')).toMatchObject({ gateway: '10.1.2.1', metric: 100 });
    expect(ipRoute(e, '-4', '10.7.0.0/16')?.type).toBe('blackhole');
    expect(ipRoute(e, '-4', '10.8.0.0/16')).toMatchObject({ type: 'unreachable', table: '300' });

    const listed = listRoutes(e.sock, { family: AF.INET });
    const byDst = (dst: string, table: number = RT_TABLE.MAIN) =>
      listed.find((route) => route.dst === dst && route.table === table);
    expect(byDst('10.4.0.0/16', 1000)).toMatchObject({
      gateway: '10.1.2.1',
      prefsrc: '10.1.2.3',
      oif: e.veth0,
      mtu: 1400,
      advmss: 1360,
      protocol: RTPROT.BOOT,
    });
    expect(byDst('10.3.0.0/16', 100)).toMatchObject({ scope: RT_SCOPE.LINK, priority: 50 });
    expect(byDst('10.5.0.0/16')?.flags).toBe(RTNH_F.ONLINK);
    expect(byDst('0.0.0.0/0')).toMatchObject({ gateway: '10.1.2.1', priority: 100 });
    expect(byDst('10.8.0.0/16', 300)?.type).toBe(RTN.UNREACHABLE);
    // The kernel's own routes: the prefix route (main, link scope) and the local table.
    expect(byDst('10.1.2.0/24')).toMatchObject({ protocol: RTPROT.KERNEL, scope: RT_SCOPE.LINK });
    expect(byDst('10.1.2.3/32', RT_TABLE.LOCAL)).toMatchObject({
      type: RTN.LOCAL,
      scope: RT_SCOPE.HOST,
    });
  });

  test('adds IPv4 and IPv6 multipath routes with weights', () => {
    const e = setup();
    addRoute(e.sock, {
      dst: '10.6.0.0/16',
      multipath: [
        { gateway: '10.1.2.1', oif: e.veth0, weight: 1 },
        { gateway: '10.1.2.2', oif: e.veth0, weight: 3 },
      ],
    });
    addRoute(e.sock, {
      dst: 'fd00:a::/64',
      multipath: [
        { gateway: 'fd00:1::a', oif: e.veth0 },
        { gateway: 'fd00:1::b', oif: e.veth0, weight: 2 },
      ],
    });
    expect(ipRoute(e, '-4', '10.6.0.0/16')?.nexthops).toMatchObject([
      { gateway: '10.1.2.1', dev: 'veth0', weight: 1 },
      { gateway: '10.1.2.2', dev: 'veth0', weight: 3 },
    ]);
    expect(ipRoute(e, '-6', 'fd00:a::/64')?.nexthops).toMatchObject([
      { gateway: 'fd00:1::a', dev: 'veth0', weight: 1 },
      { gateway: 'fd00:1::b', dev: 'veth0', weight: 2 },
    ]);
    const [v4] = listRoutes(e.sock, { dst: '10.6.0.0/16' });
    expect(v4?.multipath).toEqual([
      { gateway: '10.1.2.1', oif: e.veth0, weight: 1, flags: 0 },
      { gateway: '10.1.2.2', oif: e.veth0, weight: 3, flags: 0 },
    ]);
    const [v6] = listRoutes(e.sock, { dst: 'fd00:a::/64' });
    expect(v6?.multipath?.map((hop) => [hop.gateway, hop.weight])).toEqual([
      ['fd00:1::a', 1],
      ['fd00:1::b', 2],
    ]);
  });

  test('IPv6 routes: metric, expires, a table above 255 with mtu, source prefix', () => {
    const e = setup();
    addRoute(e.sock, { dst: 'fd00:9::/64', gateway: 'fd00:1::1', priority: 256, oif: e.veth0 });
    addRoute(e.sock, { dst: 'fd00:b::/64', oif: e.veth0, expires: 300 });
    addRoute(e.sock, { dst: '::/0', gateway: 'fe80::1', table: 1000, oif: e.veth0, mtu: 1300 });
    addRoute(e.sock, {
      dst: 'fd00:c::/64',
      src: 'fd00:1::/64',
      gateway: 'fd00:1::1',
      oif: e.veth0,
    });
    expect(ipRoute(e, '-6', 'fd00:9::/64')).toMatchObject({ gateway: 'fd00:1::1', metric: 256 });
    expect(ipRoute(e, '-6', 'fd00:b::/64')?.expires).toBeLessThanOrEqual(300);
    expect(ipRoute(e, '-6', 'default')).toMatchObject({
      gateway: 'fe80::1',
      table: '1000',
      metrics: [{ mtu: 1300 }],
    });
    const listed = listRoutes(e.sock, { family: AF.INET6 });
    const find = (dst: string) => listed.find((route) => route.dst === dst);
    expect(find('fd00:b::/64')?.expires).toBeLessThanOrEqual(300);
    expect(find('fd00:b::/64')?.expires).toBeGreaterThan(200);
    expect(find('::/0')).toMatchObject({ table: 1000, mtu: 1300, gateway: 'fe80::1' });
    expect(find('fd00:c::/64')).toMatchObject({ src: 'fd00:1::/64', gateway: 'fd00:1::1' });
    const linkLocal = listed.filter((route) => route.dst === 'fe80::/64');
    expect(linkLocal.map((route) => [route.oif, route.protocol]).sort()).toEqual(
      [
        [e.veth0, RTPROT.KERNEL],
        [e.veth1, RTPROT.KERNEL],
      ].sort(),
    );
    expect(listed.find((r) => r.dst === 'fd00:1::2/128')).toMatchObject({
      table: RT_TABLE.LOCAL,
      type: RTN.LOCAL,
    });
  });

  test('replace swaps the gateway; addRouteEcmp joins an IPv6 route as a sibling', () => {
    const e = setup();
    addRoute(e.sock, { dst: '10.2.0.0/16', gateway: '10.1.2.1', oif: e.veth0 });
    replaceRoute(e.sock, { dst: '10.2.0.0/16', gateway: '10.1.2.2', oif: e.veth0 });
    expect(ipRoute(e, '-4', '10.2.0.0/16')?.gateway).toBe('10.1.2.2');
    expect(listRoutes(e.sock, { dst: '10.2.0.0/16' })).toHaveLength(1);

    const spec = { dst: 'fd00:9::/64', priority: 256, oif: e.veth0 };
    addRouteEcmp(e.sock, { ...spec, gateway: 'fd00:1::1' });
    addRouteEcmp(e.sock, { ...spec, gateway: 'fd00:1::c' });
    const [merged] = listRoutes(e.sock, { dst: 'fd00:9::/64' });
    expect(merged?.multipath?.map((hop) => hop.gateway)).toEqual(['fd00:1::1', 'fd00:1::c']);
    expect(isExists(thrown(() => addRouteEcmp(e.sock, { ...spec, gateway: 'fd00:1::c' })))).toBe(
      true,
    );
  });

  test('adding the same route twice isExists; deleting a missing one isNotFound', () => {
    const e = setup();
    const v4 = { dst: '10.2.0.0/16', gateway: '10.1.2.1', oif: e.veth0 };
    const v6 = { dst: 'fd00:9::/64', gateway: 'fd00:1::1', oif: e.veth0 };
    addRoute(e.sock, v4);
    addRoute(e.sock, v6);
    expect(isExists(thrown(() => addRoute(e.sock, v4)))).toBe(true);
    expect(isExists(thrown(() => addRoute(e.sock, v6)))).toBe(true);
    expect(isNotFound(thrown(() => deleteRoute(e.sock, { dst: '10.9.0.0/16' })))).toBe(true);
    expect(isNotFound(thrown(() => deleteRoute(e.sock, { dst: 'fd00:99::/64' })))).toBe(true);
    expect(isNotFound(thrown(() => deleteRoute(e.sock, { ...v4, table: 1234 })))).toBe(true);
  });

  test('deletes listed routes as they are, in every table', () => {
    const e = setup();
    addRoute(e.sock, { dst: '10.3.0.0/16', oif: e.veth0, table: 100, protocol: RTPROT.STATIC });
    addRoute(e.sock, {
      dst: '10.4.0.0/16',
      gateway: '10.1.2.1',
      table: 1000,
      oif: e.veth0,
      mtu: 1400,
    });
    addRoute(e.sock, {
      dst: '10.6.0.0/16',
      multipath: [
        { gateway: '10.1.2.1', oif: e.veth0 },
        { gateway: '10.1.2.2', oif: e.veth0 },
      ],
    });
    addRoute(e.sock, { dst: 'fd00:b::/64', oif: e.veth0, expires: 300, table: 2000 });
    const ours = listRoutes(e.sock).filter((route) => route.protocol !== RTPROT.KERNEL);
    expect(ours.map((route) => route.dst).sort()).toEqual([
      '10.3.0.0/16',
      '10.4.0.0/16',
      '10.6.0.0/16',
      'fd00:b::/64',
    ]);
    for (const route of ours) deleteRoute(e.sock, route);
    expect(listRoutes(e.sock).filter((route) => route.protocol !== RTPROT.KERNEL)).toEqual([]);
    expect(ipRoutes(e, '-4').filter((route) => route.protocol !== 'kernel')).toEqual([]);
  });
});
