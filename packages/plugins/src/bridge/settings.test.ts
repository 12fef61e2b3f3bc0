import { describe, expect, test } from 'bun:test';
import { isCniError, parseNetConf } from '@cni-ts/spec-types';
import { type BridgeConfig, BridgeConfigSchema } from './config.ts';
import { bridgeSettings, checkAddSettings, collectVlanTrunk } from './settings.ts';

function config(extra: Record<string, unknown> = {}): BridgeConfig {
  return parseNetConf(
    { cniVersion: '1.0.0', name: 'net', type: 'bridge', ...extra },
    BridgeConfigSchema,
  );
}

function failure(fn: () => unknown): { code: number; msg: string } {
  try {
    fn();
  } catch (error) {
    if (isCniError(error)) return { code: error.code, msg: error.message };
    throw error;
  }
  throw new Error('expected a failure');
}

describe('bridgeSettings', () => {
  test('applies upstream defaults: bridge cni0, preserveDefaultVlan on, L2 without ipam.type', () => {
    const settings = bridgeSettings(config());
    expect(settings).toMatchObject({
      network: 'net',
      bridge: 'cni0',
      isGateway: false,
      mtu: 0,
      vlan: 0,
      trunk: [],
      preserveDefaultVlan: true,
    });
    expect(settings.ipamType).toBeUndefined();
    expect(bridgeSettings(config({ ipam: {} })).ipamType).toBeUndefined();
    expect(bridgeSettings(config({ ipam: { type: 'host-local' } })).ipamType).toBe('host-local');
  });

  test('isDefaultGateway implies isGateway', () => {
    expect(bridgeSettings(config({ isDefaultGateway: true })).isGateway).toBe(true);
  });

  test('reads keys case-insensitively, as Go does', () => {
    const settings = bridgeSettings(config({ BRIDGE: 'br9', HairpinMode: true, MTU: 1400 }));
    expect(settings).toMatchObject({ bridge: 'br9', hairpinMode: true, mtu: 1400 });
  });

  test('takes the MAC from CNI_ARGS, then args.cni.mac, then runtimeConfig.mac', () => {
    const fromArgs = bridgeSettings(config(), { MAC: '02:00:00:00:00:01' });
    expect(fromArgs.mac).toBe('02:00:00:00:00:01');
    const fromConfig = bridgeSettings(config({ args: { cni: { mac: '02:00:00:00:00:02' } } }), {
      MAC: '02:00:00:00:00:01',
    });
    expect(fromConfig.mac).toBe('02:00:00:00:00:02');
    const fromRuntime = bridgeSettings(
      config({
        args: { cni: { mac: '02:00:00:00:00:02' } },
        runtimeConfig: { mac: '02:00:00:00:00:03' },
      }),
      { MAC: '02:00:00:00:00:01' },
    );
    expect(fromRuntime.mac).toBe('02:00:00:00:00:03');
  });

  test('rejects a VLAN ID out of 0–4094 with upstream text', () => {
    expect(failure(() => bridgeSettings(config({ vlan: 4095 })))).toEqual({
      code: 999,
      msg: 'invalid VLAN ID 4095 (must be between 0 and 4094)',
    });
    expect(failure(() => bridgeSettings(config({ vlan: -1 }))).msg).toBe(
      'invalid VLAN ID -1 (must be between 0 and 4094)',
    );
  });

  test('a wrong type is a config error before the plugin sees it', () => {
    expect(() => config({ mtu: 'x' })).toThrow(/mtu/);
  });
});

describe('collectVlanTrunk', () => {
  test('merges ids and ranges into sorted unique VIDs', () => {
    expect(collectVlanTrunk([{ id: 7 }, { minID: 3, maxID: 5 }, { id: 4 }])).toEqual([3, 4, 5, 7]);
    expect(collectVlanTrunk(undefined)).toEqual([]);
    expect(collectVlanTrunk([])).toEqual([]);
  });

  test.each([
    [{ minID: 0, maxID: 5 }, 'incorrect trunk minID parameter'],
    [{ minID: 1, maxID: 4095 }, 'incorrect trunk maxID parameter'],
    [{ minID: 9, maxID: 5 }, 'minID is greater than maxID in trunk parameter'],
    [{ maxID: 5 }, 'minID and maxID should be configured simultaneously, minID is missing'],
    [{ minID: 5 }, 'minID and maxID should be configured simultaneously, maxID is missing'],
    [{ id: 0 }, 'incorrect trunk id parameter'],
  ])('rejects %j with upstream text', (entry, msg) => {
    expect(failure(() => collectVlanTrunk([entry]))).toEqual({ code: 999, msg });
  });
});

describe('checkAddSettings', () => {
  test('refuses hairpin with promisc, and IPAM with a disabled container interface', () => {
    expect(
      failure(() =>
        checkAddSettings(bridgeSettings(config({ hairpinMode: true, promiscMode: true }))),
      ),
    ).toEqual({ code: 999, msg: 'cannot set hairpin mode and promiscuous mode at the same time' });
    const both = config({ ipam: { type: 'host-local' }, disableContainerInterface: true });
    expect(failure(() => checkAddSettings(bridgeSettings(both))).msg).toBe(
      'cannot use IPAM when DisableContainerInterface flag is set',
    );
  });

  test('refuses an unknown ipMasqBackend only when masquerading', () => {
    const bad = config({ ipMasq: true, ipMasqBackend: 'pf' });
    expect(failure(() => checkAddSettings(bridgeSettings(bad))).msg).toBe(
      'unknown ipmasq backend "pf"',
    );
    expect(() => checkAddSettings(bridgeSettings(config({ ipMasqBackend: 'pf' })))).not.toThrow();
  });

  test('canonicalises the MAC and refuses one Go cannot parse', () => {
    const dashed = bridgeSettings(config({ runtimeConfig: { mac: '0A-BB-cc-DD-ee-01' } }));
    expect(checkAddSettings(dashed).mac).toBe('0a:bb:cc:dd:ee:01');
    const bad = bridgeSettings(config({ runtimeConfig: { mac: 'zz' } }));
    expect(failure(() => checkAddSettings(bad)).msg).toBe(
      'failed to make veth pair: address zz: invalid MAC address',
    );
  });
});
