import { afterEach, describe, expect, test } from 'bun:test';
import type { IpConfig100, Route } from '@cni-ts/spec-types';
import { openRouteSocket } from '../netlink/socket/open-route-socket.ts';
import { canUseNetns, createTestNetns, type TestNetns } from '../testing/test-netns.ts';
import { useTimeLimit } from '../testing/time-limits.ts';
import { isCheckError } from './check-error.ts';
import { validateExpectedInterfaceIps } from './validate-expected-interface-ips.ts';
import { validateExpectedRoute } from './validate-expected-route.ts';

useTimeLimit('netns');

// A container namespace set up with `ip` as a bridge ADD leaves it; CHECK is then run
// against the real kernel state, before and after parts of it are removed by hand.
describe.skipIf(!canUseNetns())('CHECK validators (netns)', () => {
  const made: TestNetns[] = [];
  afterEach(() => {
    for (const ns of made.splice(0)) ns.remove();
  });

  const ips: IpConfig100[] = [
    { interface: 2, address: '10.244.90.4/24', gateway: '10.244.90.1' },
    { interface: 2, address: 'fd00:90::4/64', gateway: 'fd00:90::1' },
  ];
  const routes: Route[] = [
    { dst: '0.0.0.0/0', gw: '10.244.90.1' },
    { dst: '::/0', gw: 'fd00:90::1' },
    { dst: '10.91.0.0/16', gw: '10.244.90.254' },
    { dst: 'fd00:91::/64', gw: 'fd00:90::fe' },
  ];

  function container(): TestNetns {
    const ns = createTestNetns();
    made.push(ns);
    const run = (...argv: string[]) => ns.exec(argv);
    run('ip', 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'peer0');
    run('ip', 'link', 'set', 'peer0', 'up');
    run('ip', 'link', 'set', 'eth0', 'up');
    run('ip', 'addr', 'add', '10.244.90.4/24', 'dev', 'eth0');
    run('ip', 'addr', 'add', 'fd00:90::4/64', 'dev', 'eth0', 'nodad');
    run('ip', 'route', 'add', 'default', 'via', '10.244.90.1');
    run('ip', '-6', 'route', 'add', 'default', 'via', 'fd00:90::1');
    run('ip', 'route', 'add', '10.91.0.0/16', 'via', '10.244.90.254');
    run(
      'ip',
      '-6',
      'route',
      'add',
      'fd00:91::/64',
      'nexthop',
      'via',
      'fd00:90::1',
      'nexthop',
      'via',
      'fd00:90::fe',
    );
    return ns;
  }

  function failure(fn: () => void): unknown {
    try {
      fn();
    } catch (error) {
      return error;
    }
    return undefined;
  }

  test('accept the state a matching ADD left', () => {
    const ns = container();
    using sock = openRouteSocket({ netns: ns.ns });
    validateExpectedInterfaceIps(sock, 'eth0', ips);
    validateExpectedRoute(sock, routes);
  });

  test('name an address removed by hand, as the reference plugin does', () => {
    const ns = container();
    ns.exec(['ip', 'addr', 'del', '10.244.90.4/24', 'dev', 'eth0']);
    using sock = openRouteSocket({ netns: ns.ns });
    const error = failure(() => validateExpectedInterfaceIps(sock, 'eth0', ips));
    expect(isCheckError(error, 'address-missing')).toBe(true);
    expect((error as Error).message).toBe('Failed to match addr 10.244.90.4/24 on interface eth0');
  });

  test('name a missing prefix route and a missing link', () => {
    const ns = container();
    ns.exec(['ip', '-6', 'route', 'del', 'fd00:90::/64', 'dev', 'eth0']);
    using sock = openRouteSocket({ netns: ns.ns });
    const error = failure(() => validateExpectedInterfaceIps(sock, 'eth0', ips));
    expect((error as Error).message).toBe('Failed to find Gateway fd00:90::1 for interface eth0');
    const missing = failure(() => validateExpectedInterfaceIps(sock, 'eth7', ips));
    expect((missing as Error).message).toBe('Cannot find container link eth7');
  });

  test('name a route removed by hand or with another gateway', () => {
    const ns = container();
    using sock = openRouteSocket({ netns: ns.ns });
    const wrongGw = failure(() =>
      validateExpectedRoute(sock, [{ dst: '10.91.0.0/16', gw: '10.244.90.253' }]),
    );
    expect(isCheckError(wrongGw, 'route-missing')).toBe(true);
    ns.exec(['ip', 'route', 'del', '10.91.0.0/16']);
    const removed = failure(() => validateExpectedRoute(sock, routes));
    expect((removed as Error).message).toBe(
      'Expected Route {Dst:{IP:10.91.0.0 Mask:ffff0000} GW:10.244.90.254 MTU:0 AdvMSS:0 Priority:0 Table:<nil> Scope:<nil>} not found in routing table',
    );
    ns.exec(['ip', '-6', 'route', 'del', 'default']);
    const noDefault = failure(() =>
      validateExpectedRoute(sock, [{ dst: '::/0', gw: 'fd00:90::1' }]),
    );
    expect(isCheckError(noDefault, 'route-missing')).toBe(true);
  });
});
