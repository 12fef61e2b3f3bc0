import { describe, expect, test } from 'bun:test';
import type { RouteReply } from '../ip/fixtures/scripted-requester.ts';
import {
  addressMessage,
  kernelError,
  linkMessage,
  routeMessage,
  scriptedRequester,
} from '../ip/fixtures/scripted-requester.ts';
import { RTM } from '../netlink/codec/constants.ts';
import { isCheckError } from './check-error.ts';
import { validateExpectedInterfaceIps } from './validate-expected-interface-ips.ts';
import { validateExpectedRoute } from './validate-expected-route.ts';

/** A container namespace with eth0 (index 2), its addresses and routes. */
function container(addresses: string[], routes: RouteReply[]) {
  return scriptedRequester((request) => {
    switch (request.type) {
      case RTM.GETLINK:
        return [linkMessage({ index: 2, name: 'eth0', kind: 'veth' })];
      case RTM.GETADDR:
        return addresses.map((address) => addressMessage({ index: 2, address }));
      case RTM.GETROUTE:
        return routes.map(routeMessage);
      default:
        throw kernelError(request, 'EINVAL');
    }
  });
}

function thrown(fn: () => void): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

const ips = [
  { interface: 2, address: '10.244.50.4/24', gateway: '10.244.50.1' },
  { interface: 2, address: 'fd00:50::4/64', gateway: 'fd00:50::1' },
];
const prefixRoutes: RouteReply[] = [
  { dst: '10.244.50.0/24', oif: 2 },
  { dst: 'fd00:50::/64', oif: 2 },
];

describe('validateExpectedInterfaceIps', () => {
  test('accepts addresses that are present with a route to their prefix', () => {
    validateExpectedInterfaceIps(
      container(['10.244.50.4/24', 'fd00:50::4/64'], prefixRoutes),
      'eth0',
      ips,
    );
  });

  test('names a missing address with upstream text', () => {
    const error = thrown(() =>
      validateExpectedInterfaceIps(container(['fd00:50::4/64'], prefixRoutes), 'eth0', ips),
    );
    expect(isCheckError(error, 'address-missing')).toBe(true);
    expect((error as Error).message).toBe('Failed to match addr 10.244.50.4/24 on interface eth0');
  });

  test('compares the prefix length too', () => {
    const error = thrown(() =>
      validateExpectedInterfaceIps(
        container(['10.244.50.4/16'], prefixRoutes),
        'eth0',
        ips.slice(0, 1),
      ),
    );
    expect(isCheckError(error, 'address-missing')).toBe(true);
  });

  test('needs a main-table route to the prefix', () => {
    const error = thrown(() =>
      validateExpectedInterfaceIps(
        container(['10.244.50.4/24'], [{ dst: '10.244.50.0/24', oif: 2, table: 100 }]),
        'eth0',
        ips.slice(0, 1),
      ),
    );
    expect(isCheckError(error, 'prefix-route-missing')).toBe(true);
    expect((error as Error).message).toBe('Failed to find Gateway 10.244.50.1 for interface eth0');
  });

  test('names a missing link with upstream text', () => {
    const sock = scriptedRequester((request) => {
      throw kernelError(request, 'ENODEV');
    });
    const error = thrown(() => validateExpectedInterfaceIps(sock, 'eth1', ips));
    expect(isCheckError(error, 'link-not-found')).toBe(true);
    expect((error as Error).message).toBe('Cannot find container link eth1');
  });
});

describe('validateExpectedRoute', () => {
  const routes: RouteReply[] = [
    { dst: '0.0.0.0/0', gateway: '10.244.50.1', oif: 2 },
    { dst: '10.9.0.0/16', gateway: '10.244.50.254', oif: 2 },
  ];

  test('accepts routes in the main table, with their gateway', () => {
    validateExpectedRoute(container([], routes), [
      { dst: '10.9.0.0/16', gw: '10.244.50.254' },
      { dst: '10.9.0.0/16' },
      // A default route is matched by destination only, as upstream.
      { dst: '0.0.0.0/0', gw: '10.244.50.99' },
    ]);
  });

  test('names a route with another gateway as missing, in upstream text', () => {
    const error = thrown(() =>
      validateExpectedRoute(container([], routes), [{ dst: '10.9.0.0/16', gw: '10.244.50.2' }]),
    );
    expect(isCheckError(error, 'route-missing')).toBe(true);
    expect((error as Error).message).toBe(
      'Expected Route {Dst:{IP:10.9.0.0 Mask:ffff0000} GW:10.244.50.2 MTU:0 AdvMSS:0 Priority:0 Table:<nil> Scope:<nil>} not found in routing table',
    );
  });

  test('names a missing IPv6 default route', () => {
    const error = thrown(() => validateExpectedRoute(container([], routes), [{ dst: '::/0' }]));
    expect((error as Error).message).toBe(
      'Expected Route {Dst:{IP::: Mask:00000000000000000000000000000000} GW:<nil> MTU:0 AdvMSS:0 Priority:0 Table:<nil> Scope:<nil>} not found in routing table',
    );
  });

  test('reports a failed lookup with upstream text', () => {
    const sock = scriptedRequester((request) => {
      throw kernelError(request, 'EPERM');
    });
    const error = thrown(() => validateExpectedRoute(sock, [{ dst: '10.9.0.0/16' }]));
    expect(isCheckError(error, 'lookup-failed')).toBe(true);
    expect((error as Error).message).toBe(
      'Expected Route {Dst:{IP:10.9.0.0 Mask:ffff0000} GW:<nil> MTU:0 AdvMSS:0 Priority:0 Table:<nil> Scope:<nil>} not route table lookup error operation not permitted',
    );
  });

  test('rejects a destination that is not a prefix', () => {
    const error = thrown(() => validateExpectedRoute(container([], routes), [{ dst: 'nope' }]));
    expect(isCheckError(error, 'invalid-route')).toBe(true);
  });
});
