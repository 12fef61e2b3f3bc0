import { describe, expect, test } from 'bun:test';
import { formatCidr, formatIp, parseCidr, parseIp } from '@cni-ts/spec-types';
import { cidrContains, loadStaticIpam } from './addresses.ts';
import type { StaticConfig } from './config.ts';

type Ipam = NonNullable<StaticConfig['ipam']>;

function config(ipam: Ipam | undefined, extra: Partial<StaticConfig> = {}): StaticConfig {
  return {
    cniVersion: '1.0.0',
    name: 'st',
    type: 'static',
    ...(ipam === undefined ? {} : { ipam }),
    ...extra,
  };
}

function addresses(
  c: StaticConfig,
  args: { IP?: string; GATEWAY?: string } = {},
  version = '1.0.0',
): string[] {
  return loadStaticIpam(c, version, args).addresses.map(
    (a) => `${formatCidr(a.cidr)}${a.gateway === undefined ? '' : ` via ${formatIp(a.gateway)}`}`,
  );
}

function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('it succeeded');
}

const configured = config({
  addresses: [
    { address: '192.168.77.10/24', gateway: '192.168.77.1' },
    { address: 'fd00:77::10/64' },
  ],
});

describe('loadStaticIpam', () => {
  test('configured addresses first, then CNI_ARGS IP with the GATEWAY their subnet holds', () => {
    expect(
      addresses(configured, { IP: '192.168.77.20/24, fd00:77::20/64', GATEWAY: 'fd00:77::1' }),
    ).toEqual([
      '192.168.77.10/24 via 192.168.77.1',
      'fd00:77::10/64',
      '192.168.77.20/24',
      'fd00:77::20/64 via fd00:77::1',
    ]);
  });

  test('GATEWAY only applies to CNI_ARGS addresses (configured ones carry their own), last wins', () => {
    const c = config({ addresses: [{ address: '192.168.77.10/24' }] });
    expect(addresses(c, { IP: '192.168.77.11/24', GATEWAY: '192.168.77.1,192.168.77.2' })).toEqual([
      '192.168.77.10/24',
      '192.168.77.11/24 via 192.168.77.2',
    ]);
  });

  test('args.cni.ips replaces the list, runtimeConfig.ips replaces that', () => {
    const withArgs = { ...configured, args: { cni: { ips: ['10.1.1.1/24'] } } };
    expect(addresses(withArgs, { IP: '192.168.77.20/24', GATEWAY: '192.168.77.1' })).toEqual([
      '10.1.1.1/24',
    ]);
    expect(addresses({ ...withArgs, runtimeConfig: { ips: ['10.2.2.2/24'] } })).toEqual([
      '10.2.2.2/24',
    ]);
  });

  test('host bits are kept and IPv4-mapped addresses print as IPv4', () => {
    const c = config({
      addresses: [{ address: '10.1.2.3/8' }, { address: '::ffff:10.1.2.4/120' }],
    });
    expect(addresses(c)).toEqual(['10.1.2.3/8', '10.1.2.4/24']);
  });

  test('no addresses at all is fine (routes and DNS only)', () => {
    expect(addresses(config({ type: 'static' }))).toEqual([]);
  });

  test.each([
    [config(undefined), {}, "IPAM config missing 'ipam' key"],
    [
      config({ addresses: [{ address: '192.168.77.10' }] }),
      {},
      "the 'address' field is expected to be in CIDR notation, got: '192.168.77.10'",
    ],
    [
      config({ addresses: [{ gateway: '1.2.3.4' }] }),
      {},
      "the 'address' field is expected to be in CIDR notation, got: ''",
    ],
    [
      config({ addresses: [{ address: '192.168.77.10/24', gateway: 'bogus' }] }),
      {},
      'invalid IP address: bogus',
    ],
    [
      configured,
      { IP: '192.168.77.20' },
      "the 'ip' field is expected to be in CIDR notation, got: '192.168.77.20'",
    ],
    [
      configured,
      { IP: '192.168.77.11/24,,' },
      "the 'ip' field is expected to be in CIDR notation, got: ''",
    ],
    [configured, { GATEWAY: 'bogus, x' }, 'invalid gateway address: bogus'],
    [
      config({ type: 'static' }, { args: { cni: { ips: ['10.1.1.1'] } } }),
      {},
      "an entry in the 'ips' field is NOT in CIDR notation, got: '10.1.1.1'",
    ],
    [
      config(
        { type: 'static' },
        { args: { cni: { ips: ['x'] } }, runtimeConfig: { ips: ['10.1.1.1/24'] } },
      ),
      {},
      "an entry in the 'ips' field is NOT in CIDR notation, got: 'x'",
    ],
  ] as const)('%#: %s', (c, args, text) => {
    expect(failure(() => loadStaticIpam(c, '1.0.0', args))).toBe(text);
  });

  test('a configured address replaced by runtimeConfig is never parsed', () => {
    const c = config(
      { addresses: [{ address: 'junk' }] },
      { runtimeConfig: { ips: ['10.2.2.2/24'] } },
    );
    expect(addresses(c)).toEqual(['10.2.2.2/24']);
  });

  test('two addresses of one family need cniVersion 0.3.0 or later', () => {
    const c = config({ addresses: [{ address: '192.168.77.10/24' }] }, { cniVersion: '0.2.0' });
    expect(failure(() => addresses(c, { IP: '192.168.77.11/24' }, '0.2.0'))).toBe(
      'CNI version 0.2.0 does not support more than 1 address per family',
    );
    expect(addresses(c, { IP: 'fd00::1/64' }, '0.2.0')).toHaveLength(2);
  });
});

describe('cidrContains', () => {
  const cidr = (text: string) => parseCidr(text) ?? { ip: new Uint8Array(4), prefix: 0 };
  const ip = (text: string) => parseIp(text) ?? new Uint8Array(4);

  test('compares the network part only, host bits of the CIDR ignored', () => {
    expect(cidrContains(cidr('192.168.77.10/24'), ip('192.168.77.1'))).toBe(true);
    expect(cidrContains(cidr('192.168.77.10/24'), ip('192.168.78.1'))).toBe(false);
    expect(cidrContains(cidr('fd00:77::10/64'), ip('fd00:77::1'))).toBe(true);
  });

  test('families must match; mapped addresses are IPv4', () => {
    expect(cidrContains(cidr('192.168.77.10/24'), ip('fd00:77::1'))).toBe(false);
    expect(cidrContains(cidr('::ffff:10.1.2.4/120'), ip('10.1.2.200'))).toBe(true);
    expect(cidrContains(cidr('10.0.0.0/0'), ip('::ffff:1.2.3.4'))).toBe(true);
  });
});
