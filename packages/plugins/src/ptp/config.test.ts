import { describe, expect, test } from 'bun:test';
import { isCniError, parseNetConf } from '@cni-ts/spec-types';
import { ipamType, PtpConfigSchema } from './config.ts';

const base = { cniVersion: '1.0.0', name: 'n', type: 'ptp', ipam: { type: 'host-local' } };

function parse(config: object) {
  return parseNetConf(JSON.stringify(config), PtpConfigSchema);
}

function errorOf(config: object): { code: number; msg: string } | undefined {
  try {
    parse(config);
  } catch (error) {
    if (isCniError(error)) return { code: error.code, msg: error.msg };
    throw error;
  }
  return undefined;
}

describe('ptp config', () => {
  test('reads its keys, case-insensitively as Go does', () => {
    const config = parse({
      ...base,
      IPMASQ: true,
      ipmasqbackend: 'nftables',
      Mtu: 1400,
      EnableDAD: true,
      dns: { nameservers: ['10.0.0.53'] },
    });
    expect(config).toMatchObject({
      ipMasq: true,
      ipMasqBackend: 'nftables',
      mtu: 1400,
      enabledad: true,
      dns: { nameservers: ['10.0.0.53'] },
    });
    expect(ipamType(config)).toBe('host-local');
  });

  test('everything but ipam is optional', () => {
    const config = parse(base);
    expect(config.ipMasq).toBeUndefined();
    expect(config.ipMasqBackend).toBeUndefined();
    expect(config.mtu).toBeUndefined();
  });

  test('rejects what upstream cannot use, with code 7 and the key', () => {
    const { ipam: _ipam, ...noIpam } = base;
    expect(errorOf(noIpam)).toEqual({ code: 7, msg: 'ipam: is required' });
    expect(errorOf({ ...base, ipam: {} })).toEqual({
      code: 7,
      msg: "ipam: missing 'type': the IPAM plugin to run",
    });
    expect(errorOf({ ...base, ipMasqBackend: '' })).toEqual({
      code: 7,
      msg: 'ipMasqBackend: unknown ipmasq backend ""',
    });
    expect(errorOf({ ...base, mtu: -1 })?.msg).toStartWith('mtu: ');
    expect(errorOf({ ...base, enabledad: 1 })?.msg).toBe(
      'enabledad: expected a boolean, got number 1',
    );
  });
});
