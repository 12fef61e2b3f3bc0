import { describe, expect, test } from 'bun:test';
import { lastOf } from '../../_attribute-table.ts';
import { TC_LINKLAYER } from '../constants.ts';
import { tbfOptionsFromBuffer, tbfOptionsLikeTc, tbfParms } from './tbf-build.ts';
import { describeTbf } from './tbf-describe.ts';

describe('tbfOptionsLikeTc', () => {
  test('refuses what tc refuses', () => {
    expect(() => tbfOptionsLikeTc({ rate: 0, burst: 10, limit: 10 })).toThrow(TypeError);
    expect(() => tbfOptionsLikeTc({ rate: 10, burst: 0, limit: 10 })).toThrow(TypeError);
    expect(() => tbfOptionsLikeTc({ rate: 10, burst: 10 })).toThrow(
      'exactly one of limit and latency',
    );
    expect(() => tbfOptionsLikeTc({ rate: 10, burst: 10, limit: 1, latency: 1 })).toThrow(
      'exactly one of limit and latency',
    );
    expect(() => tbfOptionsLikeTc({ rate: 10, burst: 10, limit: 1, peakrate: 20 })).toThrow(
      'needs mtu',
    );
  });

  test('takes the smaller limit of rate and peak rate for a latency', () => {
    const options = tbfOptionsLikeTc({
      rate: 125_000,
      burst: 10_240,
      latency: 70_000,
      peakrate: 250_000,
      mtu: 1540,
    });
    expect(tbfParms(options)?.limit).toBe(18_990);
  });

  test('reads back what it was given', () => {
    const options = tbfOptionsLikeTc({ rate: 1_000_000, burst: 125_000, limit: 150_000 });
    expect(describeTbf(options)).toEqual({
      rate: 1_000_000,
      burst: 125_000,
      limit: 150_000,
      buffer: 1_953_125,
      latency: 25_000,
      linklayer: TC_LINKLAYER.ETHERNET,
      mpu: 0,
      overhead: 0,
    });
  });
});

describe('tbfOptionsFromBuffer', () => {
  test('sends only TCA_TBF_PARMS below 2^32 bytes/s, the link layer unaware', () => {
    const options = tbfOptionsFromBuffer({ rate: 1_000_000, buffer: 1_953_125, limit: 150_000 });
    expect(options.attributes.map((a) => a.kind)).toEqual(['TCA_TBF_PARMS']);
    expect(tbfParms(options)?.rate).toEqual({
      cellLog: 0,
      linklayer: TC_LINKLAYER.UNAWARE,
      overhead: 0,
      cellAlign: 0,
      mpu: 0,
      rate: 1_000_000,
    });
    expect(describeTbf(options)?.burst).toBe(125_000);
  });

  test('adds RATE64 from 2^32 bytes/s, keeping the low 32 bits in the rate spec as Go does', () => {
    const options = tbfOptionsFromBuffer({ rate: 5_000_000_000, buffer: 3276, limit: 2_097_152 });
    expect(tbfParms(options)?.rate.rate).toBe(5_000_000_000 - 2 ** 32);
    expect(lastOf(options.attributes, 'TCA_TBF_RATE64')).toBe(5_000_000_000n);
    expect(describeTbf(options)?.rate).toBe(5_000_000_000);
  });

  test('adds PBURST with a peak rate', () => {
    const options = tbfOptionsFromBuffer({
      rate: 1000,
      buffer: 100,
      limit: 1000,
      peakrate: 2000,
      minburst: 1500,
    });
    expect(options.attributes.map((a) => a.kind)).toEqual(['TCA_TBF_PARMS', 'TCA_TBF_PBURST']);
    expect(describeTbf(options)).toMatchObject({ peakrate: 2000, minburst: 1500 });
  });
});

describe('describeTbf', () => {
  test('is undefined without TCA_TBF_PARMS', () => {
    expect(describeTbf({ kind: 'tbf', attributes: [] })).toBeUndefined();
  });
});
