import { describe, expect, test } from 'bun:test';
import { prevResultForDel } from './del-prev-result.ts';
import { createLogger } from './logger.ts';

const CORRUPT = { ips: [{ address: 'not-an-ip', gateway: 7 }], interfaces: 'zz' };

function logged(): { lines: string[]; log: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  return { lines, log: createLogger('rec', (text) => lines.push(text)) };
}

describe('prevResultForDel', () => {
  test('gives a prevResult that parses, converted to 1.1.0, and the config as it is', () => {
    const { lines, log } = logged();
    const raw = {
      cniVersion: '1.0.0',
      name: 'n',
      prevResult: { cniVersion: '1.0.0', ips: [{ address: '10.1.0.5/16' }] },
    };
    const got = prevResultForDel(raw, '1.0.0', log);
    expect(got.raw).toBe(raw);
    expect(got.prevResult).toMatchObject({
      cniVersion: '1.1.0',
      ips: [{ address: '10.1.0.5/16' }],
    });
    expect(lines).toEqual([]);
  });

  test('drops a prevResult that does not parse, under every key Go would match, with a warning', () => {
    const { lines, log } = logged();
    const raw = { cniVersion: '1.0.0', name: 'n', PrevResult: CORRUPT, prevresult: 'zz', mtu: 9 };
    const got = prevResultForDel(raw, '1.0.0', log);
    expect(got).toEqual({ raw: { cniVersion: '1.0.0', name: 'n', mtu: 9 }, prevResult: undefined });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toStartWith('rec: warn: DEL goes on without the prevResult: could not parse');
  });

  test('a prevResult of another version family is dropped too', () => {
    const { lines, log } = logged();
    const raw = { cniVersion: '1.0.0', name: 'n', prevResult: { cniVersion: '0.4.0' } };
    expect(prevResultForDel(raw, '1.0.0', log).prevResult).toBeUndefined();
    expect(lines[0]).toContain('unmarshalled CNIVersion is "0.4.0"');
  });
});
