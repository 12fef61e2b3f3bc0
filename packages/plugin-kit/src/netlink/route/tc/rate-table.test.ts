import { describe, expect, test } from 'bun:test';
import { lastOf } from '../_attribute-table.ts';
import { tcCaptures } from './_captures.ts';
import { captured } from './_test-support.ts';
import { TC_LINKLAYER } from './constants.ts';
import { decodeQdiscMessage } from './decode.ts';
import { ticksToUs, truncU32, usToTicks, xmitSize, xmitTime } from './psched.ts';
import { calcRateTable } from './rate-table.ts';

function capturedTable(
  name: 'qdiscAddTbf' | 'qdiscAddTbfPeak',
  kind: 'TCA_TBF_RTAB' | 'TCA_TBF_PTAB',
) {
  const message = decodeQdiscMessage(captured(tcCaptures[name].request).payload);
  const options = lastOf(message.attributes, 'TCA_OPTIONS');
  if (options?.kind !== 'tbf') throw new Error('not tbf');
  return lastOf(options.attributes, kind);
}

describe('psched', () => {
  test('one microsecond is 15.625 ticks (PSCHED_SHIFT 6), as /proc/net/psched says', async () => {
    expect(usToTicks(8)).toBe(125);
    expect(ticksToUs(1_953_125)).toBe(125_000);
    const psched = (await Bun.file('/proc/net/psched').text()).trim().split(/\s+/);
    if (psched.length >= 3) {
      const [t2us, us2t] = psched.map((field) => Number.parseInt(field, 16));
      expect((t2us ?? 0) / (us2t ?? 1)).toBe(15.625);
    }
  });

  test('xmitTime truncates the microseconds first, as tc_calc_xmittime does', () => {
    // 1992 bytes at 1e6 B/s: 1e6 * (1992 / 1e6) is 1991.9999999999998 in doubles
    expect(xmitTime(1_000_000, 1992)).toBe(usToTicks(1991));
    expect(xmitTime(1_000_000, 125_000)).toBe(1_953_125);
  });

  test('xmitSize is the bytes sent in that many ticks', () => {
    expect(xmitSize(1_000_000, 1_953_125)).toBe(125_000);
    expect(xmitSize(5_000_000_000, 3276)).toBe(1_045_000);
  });

  test('truncU32 wraps as a u32 conversion does', () => {
    expect(truncU32(2 ** 32 + 5.9)).toBe(5);
    expect(() => truncU32(Number.POSITIVE_INFINITY)).toThrow(TypeError);
  });
});

describe('calcRateTable', () => {
  test('matches the RTAB tc sent for rate 8mbit (cell_log 3, 2047-byte mtu)', () => {
    const { spec, table } = calcRateTable({ rate: 1_000_000 });
    expect(spec).toEqual({
      cellLog: 3,
      linklayer: TC_LINKLAYER.ETHERNET,
      overhead: 0,
      cellAlign: -1,
      mpu: 0,
      rate: 1_000_000,
    });
    expect(table).toEqual(capturedTable('qdiscAddTbf', 'TCA_TBF_RTAB') ?? []);
    expect(table[0]).toBe(125);
  });

  test('matches the PTAB tc sent for peakrate 2mbit mtu 1540', () => {
    expect(calcRateTable({ rate: 250_000, mtu: 1540 }).table).toEqual(
      capturedTable('qdiscAddTbfPeak', 'TCA_TBF_PTAB') ?? [],
    );
  });

  test('picks the cell size from the mtu and honours mpu and ATM cells', () => {
    expect(calcRateTable({ rate: 1000, mtu: 9000 }).spec.cellLog).toBe(6);
    expect(calcRateTable({ rate: 1_000_000, mpu: 64 }).table[0]).toBe(xmitTime(1_000_000, 64));
    const atm = calcRateTable({ rate: 1_000_000, linklayer: TC_LINKLAYER.ATM });
    expect(atm.spec.linklayer).toBe(TC_LINKLAYER.ATM);
    // 8 bytes fill one 48-byte cell, sent as 53 bytes
    expect(atm.table[0]).toBe(xmitTime(1_000_000, 53));
  });
});
