import { describe, expect, test } from 'bun:test';
import { CniError } from '@cni-ts/spec-types';
import type { PortMapConfig } from './config.ts';
import { portMapSettings } from './settings.ts';

const base = { cniVersion: '1.0.0', name: 'pm', type: 'portmap' } as PortMapConfig;

function errorOf(config: Partial<PortMapConfig>): { code: number; msg: string } {
  try {
    portMapSettings({ ...base, ...config } as PortMapConfig);
  } catch (error) {
    if (error instanceof CniError) return { code: error.code, msg: error.message };
    throw error;
  }
  throw new Error('no error');
}

describe('portMapSettings', () => {
  test("upstream's defaults; protocol lower-cased, tcp when absent", () => {
    const settings = portMapSettings({
      ...base,
      runtimeConfig: {
        portMappings: [
          { hostPort: 80, containerPort: 8080 },
          { hostPort: 53, containerPort: 53, protocol: 'UDP', hostIP: '::' },
        ],
      },
    } as PortMapConfig);
    expect(settings).toEqual({
      backend: 'iptables',
      snat: true,
      masqAll: false,
      markMasqBit: 13,
      conditions: {},
      mappings: [
        { hostPort: 80, containerPort: 8080, protocol: 'tcp' },
        { hostPort: 53, containerPort: 53, protocol: 'udp', hostIP: '::' },
      ],
    });
  });

  test('bad values name their key', () => {
    expect(errorOf({ markMasqBit: -1 })).toEqual({
      code: 7,
      msg: 'markMasqBit: MasqMarkBit must be between 0 and 31',
    });
    expect(errorOf({ backend: 'nftables', conditionsV6: ['-s', '::1'] }).msg).toBe(
      'backend: nftables backend was requested but configuration contains iptables-specific options [conditionsV6]',
    );
    expect(
      errorOf({ runtimeConfig: { portMappings: [{ hostPort: 1, containerPort: 65536 }] } }).msg,
    ).toBe('runtimeConfig.portMappings[0].containerPort: Invalid container port number: 65536');
  });

  test('nft-syntax conditions are fine for the nftables backend', () => {
    const settings = portMapSettings({
      ...base,
      backend: 'nftables',
      conditionsV4: ['ip', 'saddr', '192.0.2.1'],
    } as PortMapConfig);
    expect(settings.conditions).toEqual({ 4: ['ip', 'saddr', '192.0.2.1'] });
  });
});
