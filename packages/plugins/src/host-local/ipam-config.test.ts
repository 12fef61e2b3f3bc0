import { describe, expect, test } from 'bun:test';
import type { HostLocalConfig } from './config.ts';
import { formatIpValue } from './ip-value.ts';
import { DEFAULT_DATA_DIR, loadIpamConfig } from './ipam-config.ts';
import { formatRangeSet } from './range-set.ts';

type Ipam = NonNullable<HostLocalConfig['ipam']>;

function config(ipam: Ipam | undefined, extra: Partial<HostLocalConfig> = {}): HostLocalConfig {
  return {
    cniVersion: '1.0.0',
    name: 'net',
    type: 'host-local',
    ...(ipam === undefined ? {} : { ipam }),
    ...extra,
  };
}

function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('it succeeded');
}

const ranges = (c: HostLocalConfig, version = '1.0.0', ipArg?: string) =>
  loadIpamConfig(c, version, ipArg).ranges.map(formatRangeSet);

describe('loadIpamConfig', () => {
  test('defaults the store to /var/lib/cni/networks and keeps routes and resolvConf', () => {
    const ipam = loadIpamConfig(
      config({ subnet: '10.1.0.0/24', routes: [{ dst: '0.0.0.0/0' }], resolvConf: '/r' }),
      '1.0.0',
      undefined,
    );
    expect(ipam).toMatchObject({
      name: 'net',
      dataDir: DEFAULT_DATA_DIR,
      routes: [{ dst: '0.0.0.0/0' }],
      resolvConf: '/r',
      requested: [],
    });
  });

  test('orders range sets: runtimeConfig.ipRanges, the legacy range, then ranges', () => {
    const c = config(
      { subnet: '10.1.0.0/24', ranges: [[{ subnet: '10.2.0.0/24' }]] },
      { runtimeConfig: { ipRanges: [[{ subnet: '10.3.0.0/24' }]] } },
    );
    expect(ranges(c)).toEqual([
      '10.3.0.1-10.3.0.254',
      '10.1.0.1-10.1.0.254',
      '10.2.0.1-10.2.0.254',
    ]);
  });

  test('legacy keys without a subnet are ignored', () => {
    const c = config({ gateway: '10.9.0.1', ranges: [[{ subnet: '10.2.0.0/24' }]] });
    expect(ranges(c)).toEqual(['10.2.0.1-10.2.0.254']);
  });

  test('collects requested addresses: CNI_ARGS IP, then args.cni.ips, then runtimeConfig.ips', () => {
    const c = config(
      { subnet: '10.1.0.0/24' },
      {
        args: { cni: { ips: ['10.1.0.7/24', '::ffff:10.1.0.8'] } },
        runtimeConfig: { ips: ['10.1.0.9'] },
      },
    );
    const requested = loadIpamConfig(c, '1.0.0', '10.1.0.6').requested.map(formatIpValue);
    expect(requested).toEqual(['10.1.0.6', '10.1.0.7', '10.1.0.8', '10.1.0.9']);
    expect(loadIpamConfig(c, '1.0.0', '').requested).toHaveLength(3);
  });

  test.each([
    [config(undefined), "IPAM config missing 'ipam' key"],
    [config({ type: 'host-local' }), 'no IP ranges specified'],
    [config({ subnet: '10.1.0.0' }), 'invalid CIDR address: 10.1.0.0'],
    [config({ subnet: '' }), 'invalid CIDR address: '],
    [config({ subnet: '10.1.0.0/24', rangeStart: 'bogus' }), 'invalid IP address: bogus'],
    [
      config({ subnet: '10.1.0.0/24' }, { runtimeConfig: { ips: ['bogus'] } }),
      'invalid IP address bogus',
    ],
    [config({ ranges: [[]] }), 'invalid range set 0: empty range set'],
    [
      config({ ranges: [[{ rangeStart: '10.1.1.1' }]] }),
      'invalid range set 0: IP <nil> not v4 nor v6',
    ],
    [
      config({ ranges: [[{ subnet: '10.1.0.0/24' }], [{ subnet: '10.244.73.0/31' }]] }),
      'invalid range set 1: Network 10.244.73.0/31 too small to allocate from',
    ],
    [
      config({ ranges: [[{ subnet: '10.1.0.0/24' }], [{ subnet: '10.1.0.128/25' }]] }),
      'range set 0 overlaps with 1',
    ],
    [
      config({
        ranges: [
          [{ subnet: '10.1.0.0/24' }],
          [{ subnet: 'fd00::/64' }],
          [{ subnet: '10.1.0.0/25' }],
        ],
      }),
      'range set 0 overlaps with 2',
    ],
  ] as const)('%#: %s', (c, text) => {
    expect(failure(() => loadIpamConfig(c, '1.0.0', undefined))).toBe(text);
  });

  test('a bad CNI_ARGS IP fails as upstream parses args', () => {
    expect(failure(() => loadIpamConfig(config({ subnet: '10.1.0.0/24' }), '1.0.0', 'foo'))).toBe(
      'ARGS: error parsing value of pair "IP=foo": invalid IP address foo',
    );
  });

  test('two addresses of one family need cniVersion 0.3.0 or later', () => {
    const c = config({ ranges: [[{ subnet: '10.1.0.0/24' }], [{ subnet: '10.2.0.0/24' }]] });
    expect(failure(() => loadIpamConfig({ ...c, cniVersion: '0.2.0' }, '0.2.0', undefined))).toBe(
      'CNI version 0.2.0 does not support more than 1 address per family',
    );
    expect(ranges(c, '0.3.0')).toHaveLength(2);
    const dual = config({ ranges: [[{ subnet: '10.1.0.0/24' }], [{ subnet: 'fd00::/64' }]] });
    expect(ranges({ ...dual, cniVersion: '0.2.0' }, '0.2.0')).toHaveLength(2);
  });
});
