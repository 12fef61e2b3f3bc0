import { describe, expect, test } from 'bun:test';
import { CniErrorCode, isCniError, parseNetConf } from '@cni-ts/spec-types';
import { BandwidthConfigSchema } from './config.ts';
import { bandwidthLimits, shapesNothing } from './limits.ts';

function config(extra: Record<string, unknown>) {
  return parseNetConf(
    { cniVersion: '1.0.0', name: 'net', type: 'bandwidth', ...extra },
    BandwidthConfigSchema,
  );
}

function errorOf(extra: Record<string, unknown>): { code: number; msg: string } {
  try {
    bandwidthLimits(config(extra));
  } catch (error) {
    if (isCniError(error)) return { code: error.code, msg: error.msg };
    throw error;
  }
  throw new Error('no error');
}

describe('bandwidthLimits', () => {
  test('reads both directions from the config keys', () => {
    const limits = bandwidthLimits(
      config({ ingressRate: 8000, ingressBurst: 800, egressRate: 16000, egressBurst: 1600 }),
    );
    expect(limits).toEqual({
      ingress: { rate: 8000, burst: 800 },
      egress: { rate: 16000, burst: 1600 },
    });
  });

  test('takes runtimeConfig.bandwidth when the config has none of the four keys', () => {
    const limits = bandwidthLimits(
      config({ runtimeConfig: { bandwidth: { egressRate: 4_000_000, egressBurst: 500_000 } } }),
    );
    expect(limits).toEqual({ egress: { rate: 4_000_000, burst: 500_000 } });
  });

  test('the config wins when it has any of the keys, even 0 (as upstream)', () => {
    const limits = bandwidthLimits(
      config({
        ingressRate: 0,
        runtimeConfig: { bandwidth: { ingressRate: 8000, ingressBurst: 800 } },
      }),
    );
    expect(shapesNothing(limits)).toBe(true);
  });

  test('nothing set, or all zero, shapes nothing', () => {
    expect(shapesNothing(bandwidthLimits(config({})))).toBe(true);
    expect(
      shapesNothing(
        bandwidthLimits(config({ ingressRate: 0, ingressBurst: 0, egressRate: 0, egressBurst: 0 })),
      ),
    ).toBe(true);
  });

  test("refuses a rate without a burst and the other way round, in upstream's words", () => {
    expect(errorOf({ ingressRate: 1000 })).toEqual({
      code: CniErrorCode.InvalidNetworkConfig,
      msg: 'ingressBurst: if rate is set, burst must also be set',
    });
    expect(errorOf({ egressBurst: 1000 })).toEqual({
      code: CniErrorCode.InvalidNetworkConfig,
      msg: 'egressRate: if burst is set, rate must also be set',
    });
    expect(errorOf({ runtimeConfig: { bandwidth: { egressRate: 5 } } }).msg).toBe(
      'runtimeConfig.bandwidth.egressBurst: if rate is set, burst must also be set',
    );
  });

  test('refuses a burst of 4 GB and more (burst / 8 >= 2^32 - 1)', () => {
    expect(errorOf({ egressRate: 1000, egressBurst: 8 * 0xffffffff }).msg).toBe(
      'egressBurst: burst cannot be more than 4GB',
    );
    const justUnder = { egressRate: 1000, egressBurst: 8 * 0xffffffff - 1 };
    expect(bandwidthLimits(config(justUnder)).egress?.burst).toBe(8 * 0xffffffff - 1);
  });

  test('refuses a rate under one byte per second, naming the key', () => {
    expect(errorOf({ ingressRate: 7, ingressBurst: 800 }).msg).toBe(
      'ingressRate: rate must be at least 8 bits per second, got 7',
    );
  });

  test('the schema refuses negative, fractional and string values, naming the key', () => {
    for (const egressRate of [-1, 1000.5, '1000']) {
      try {
        config({ egressRate, egressBurst: 1000 });
        throw new Error('parsed');
      } catch (error) {
        if (!isCniError(error)) throw error;
        expect(error.code).toBe(CniErrorCode.InvalidNetworkConfig);
        expect(error.msg).toStartWith('egressRate: ');
      }
    }
  });
});
