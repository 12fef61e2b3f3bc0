import { describe, expect, test } from 'bun:test';
import { RT_SCOPE, RT_TABLE, RTN, RTNH_F, RTPROT } from '@cni-ts/plugin-kit';
import { carriedRoutes, routeInTable } from './keep-routes.ts';

const route = {
  dst: '0.0.0.0/0',
  gateway: '10.244.9.1',
  oif: 3,
  table: RT_TABLE.MAIN,
  scope: RT_SCOPE.UNIVERSE,
  type: RTN.UNICAST,
  protocol: RTPROT.BOOT,
  flags: 0,
  tos: 0,
};

describe('carriedRoutes', () => {
  test('keeps universe-scope main-table routes with a source or not made by the kernel', () => {
    const connected6 = { ...route, dst: 'fd00::/64', protocol: RTPROT.KERNEL };
    const withSource = {
      ...route,
      dst: '10.9.0.0/16',
      protocol: RTPROT.KERNEL,
      prefsrc: '10.244.9.2',
    };
    const link = { ...route, dst: '10.244.9.0/24', scope: RT_SCOPE.LINK };
    const otherTable = { ...route, table: 100 };
    expect(carriedRoutes([route, connected6, withSource, link, otherTable])).toEqual([
      route,
      withSource,
    ]);
  });
});

describe('routeInTable', () => {
  test('is the same route in the VRF table (`ip route replace … table N`)', () => {
    expect(routeInTable({ ...route, flags: RTNH_F.ONLINK, priority: 50 }, 10)).toEqual({
      dst: '0.0.0.0/0',
      gateway: '10.244.9.1',
      oif: 3,
      table: 10,
      scope: RT_SCOPE.UNIVERSE,
      type: RTN.UNICAST,
      protocol: RTPROT.BOOT,
      priority: 50,
      onlink: true,
      tos: 0,
    });
  });
});
