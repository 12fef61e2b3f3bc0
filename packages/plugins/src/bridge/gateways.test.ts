import { describe, expect, test } from 'bun:test';
import { firstHost, planGateways } from './gateways.ts';

const ips = [{ address: '10.244.50.4/24' }, { address: 'fd00:50::4/64' }];

describe('firstHost', () => {
  test.each([
    ['10.244.50.4/24', '10.244.50.1'],
    ['10.1.255.255/16', '10.1.0.1'],
    ['fd00:50::4/64', 'fd00:50::1'],
    ['10.0.0.9/32', '10.0.0.10'],
  ])('%s → %s', (cidr, gateway) => {
    expect(firstHost(cidr)).toBe(gateway);
  });
});

describe('planGateways', () => {
  test('points every IP at the container interface and leaves the rest for L3 without gateway', () => {
    const plan = planGateways(ips, [], { isGateway: false, isDefaultGateway: false });
    expect(plan.ips).toEqual([
      { interface: 2, address: '10.244.50.4/24' },
      { interface: 2, address: 'fd00:50::4/64' },
    ]);
    expect(plan.routes).toEqual([]);
    expect(plan.bridgeAddresses).toEqual({ 4: [], 6: [] });
  });

  test('isDefaultGateway: gateways filled, default routes added, bridge addresses planned (§6.4)', () => {
    const plan = planGateways(ips, [], { isGateway: true, isDefaultGateway: true });
    expect(plan.ips).toEqual([
      { interface: 2, address: '10.244.50.4/24', gateway: '10.244.50.1' },
      { interface: 2, address: 'fd00:50::4/64', gateway: 'fd00:50::1' },
    ]);
    expect(plan.routes).toEqual([
      { dst: '0.0.0.0/0', gw: '10.244.50.1' },
      { dst: '::/0', gw: 'fd00:50::1' },
    ]);
    expect(plan.bridgeAddresses).toEqual({ 4: ['10.244.50.1/24'], 6: ['fd00:50::1/64'] });
  });

  test('keeps an IPAM gateway and an IPAM default route with a gateway', () => {
    const plan = planGateways(
      [{ address: '10.9.0.5/16', gateway: '10.9.0.254' }],
      [{ dst: '0.0.0.0/0', gw: '10.9.0.253' }],
      { isGateway: true, isDefaultGateway: true },
    );
    expect(plan.ips[0]?.gateway).toBe('10.9.0.254');
    expect(plan.routes).toEqual([{ dst: '0.0.0.0/0', gw: '10.9.0.253' }]);
    expect(plan.bridgeAddresses[4]).toEqual(['10.9.0.254/16']);
  });

  test('a gateway-less IPAM default route counts (upstream adds a duplicate and fails)', () => {
    const plan = planGateways(ips, [{ dst: '0.0.0.0/0' }, { dst: '::/0' }], {
      isGateway: true,
      isDefaultGateway: true,
    });
    expect(plan.routes).toEqual([{ dst: '0.0.0.0/0' }, { dst: '::/0' }]);
  });

  test('adds one default route per family for several IPs of a family', () => {
    const plan = planGateways([{ address: '10.1.0.5/24' }, { address: '10.2.0.5/24' }], [], {
      isGateway: true,
      isDefaultGateway: true,
    });
    expect(plan.routes).toEqual([{ dst: '0.0.0.0/0', gw: '10.1.0.1' }]);
    expect(plan.bridgeAddresses[4]).toEqual(['10.1.0.1/24', '10.2.0.1/24']);
  });

  test('does not change its inputs', () => {
    const routes = [{ dst: '10.3.0.0/16', gw: '10.244.50.9' }];
    const input = [{ address: '10.244.50.4/24' }];
    planGateways(input, routes, { isGateway: true, isDefaultGateway: true });
    expect(routes).toEqual([{ dst: '10.3.0.0/16', gw: '10.244.50.9' }]);
    expect(input).toEqual([{ address: '10.244.50.4/24' }]);
  });
});
