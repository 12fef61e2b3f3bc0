import { describe, expect, test } from 'bun:test';
import { groupRoutes, routeSpecForGroup } from './route-groups.ts';

describe('groupRoutes', () => {
  test('fills a missing gw with the first gateway of the route family', () => {
    const groups = groupRoutes([{ dst: '0.0.0.0/0' }, { dst: '::/0' }, { dst: '10.9.0.0/16' }], {
      v4: '10.1.0.1',
      v6: 'fd00::1',
    });
    expect(groups.map((group) => [group.dst, group.gateways])).toEqual([
      ['0.0.0.0/0', ['10.1.0.1']],
      ['::/0', ['fd00::1']],
      ['10.9.0.0/16', ['10.1.0.1']],
    ]);
  });

  test('combines routes with the same destination, table, scope and priority', () => {
    const groups = groupRoutes(
      [
        { dst: '10.8.0.0/16', gw: '10.1.0.2' },
        { dst: '10.9.0.0/16' },
        { dst: '10.8.0.0/16', gw: '10.1.0.3' },
        { dst: '10.8.0.0/16', gw: '10.1.0.4', priority: 10 },
        { dst: '10.8.0.0/16', gw: '10.1.0.5', table: 100 },
      ],
      { v4: '10.1.0.1' },
    );
    expect(groups.map((group) => [group.dst, group.table, group.priority, group.gateways])).toEqual(
      [
        ['10.8.0.0/16', 0, 0, ['10.1.0.2', '10.1.0.3']],
        ['10.9.0.0/16', 0, 0, ['10.1.0.1']],
        ['10.8.0.0/16', 0, 10, ['10.1.0.4']],
        ['10.8.0.0/16', 100, 0, ['10.1.0.5']],
      ],
    );
  });

  test('keeps a route without any gateway gateway-less, and mtu/advmss of the first route', () => {
    const [group] = groupRoutes([{ dst: 'fd00:9::/64', mtu: 1400, advmss: 1360, scope: 253 }], {
      v4: '10.1.0.1',
    });
    expect(group).toEqual({
      dst: 'fd00:9::/64',
      table: 0,
      scope: 253,
      priority: 0,
      gateways: [undefined],
      mtu: 1400,
      advmss: 1360,
    });
  });
});

describe('routeSpecForGroup', () => {
  test('gives one path for one gateway, with scope and without table or metric', () => {
    expect(
      routeSpecForGroup(
        { dst: '0.0.0.0/0', table: 0, scope: 0, priority: 0, gateways: ['10.1.0.1'] },
        7,
      ),
    ).toEqual({ dst: '0.0.0.0/0', scope: 0, oif: 7, gateway: '10.1.0.1' });
  });

  test('gives a multipath route for several gateways', () => {
    expect(
      routeSpecForGroup(
        {
          dst: '10.8.0.0/16',
          table: 100,
          scope: 0,
          priority: 20,
          gateways: ['10.1.0.2', '10.1.0.3'],
          mtu: 1400,
        },
        7,
      ),
    ).toEqual({
      dst: '10.8.0.0/16',
      scope: 0,
      table: 100,
      priority: 20,
      mtu: 1400,
      multipath: [
        { oif: 7, gateway: '10.1.0.2' },
        { oif: 7, gateway: '10.1.0.3' },
      ],
    });
  });

  test('gives a device route when the group has no gateway', () => {
    expect(
      routeSpecForGroup(
        { dst: '10.8.0.0/16', table: 0, scope: 253, priority: 0, gateways: [undefined] },
        3,
      ),
    ).toEqual({ dst: '10.8.0.0/16', scope: 253, oif: 3 });
  });
});
