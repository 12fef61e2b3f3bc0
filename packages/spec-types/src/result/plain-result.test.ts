import { describe, expect, test } from 'bun:test';
import * as v from 'valibot';
import { prng } from '../json/_random-json.ts';
import { foldKeys } from '../schema/_fold-keys.ts';
import { compactDeep } from './_canonical.ts';
import recorded from './fixtures/recorded-results.json';
import { parseResult } from './parse-result.ts';
import { isPlainResult100 } from './plain-result.ts';
import { Result100Schema } from './schemas.ts';
import { resultToJson } from './stringify-result.ts';
import type { Result } from './types.ts';

/** What the schema makes of a value, the way parseResult validated before the fast path. */
function bySchema(value: unknown) {
  return v.safeParse(Result100Schema, foldKeys(Result100Schema, value));
}

/** Random result-like objects: mostly right, each part wrong or odd now and then. */
function randomResults(seed: number): () => Record<string, unknown> {
  const rand = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const sometimes = (p: number) => rand() < p;
  const odd = (): unknown =>
    pick([null, 1.5, -1, 2 ** 60, true, 'x', '', [], {}, '10.0.0.1', '10.0.0.0/33', 'fe80::1/64']);
  const key = (name: string) =>
    sometimes(0.03) ? pick([name.toUpperCase(), `${name}x`, '__proto__']) : name;
  const value = (good: () => unknown) => (sometimes(0.04) ? odd() : good());
  const object = (fields: Record<string, () => unknown>) => {
    const out: Record<string, unknown> = {};
    for (const [name, good] of Object.entries(fields)) {
      if (sometimes(0.4)) continue;
      Object.defineProperty(out, key(name), {
        value: value(good),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  };
  const list = (item: () => unknown) => () => {
    const out: unknown[] = [];
    for (let n = Math.floor(rand() * 3); n > 0; n--) out.push(sometimes(0.03) ? odd() : item());
    return out;
  };
  const str = () => pick(['eth0', 'cni0', '', 'a"b', '/run/netns/x', '0a:58:0a:00:00:01']);
  const int = () => pick([0, 1, 1500, -3, 2 ** 31]);
  const cidr = () =>
    pick(['10.1.2.3/16', '10.1.0.0/16', 'fd00::5/64', '::ffff:1.2.3.4/120', '0.0.0.0/0']);
  const ip = () => pick(['', '10.1.0.1', 'fd00::1', '::ffff:10.0.0.1']);
  const withRequired =
    (name: string, good: () => unknown, fields: Record<string, () => unknown>) => () => {
      const out = object(fields);
      if (!sometimes(0.05)) out[name] = value(good);
      return out;
    };
  return () =>
    object({
      cniVersion: () => pick(['1.0.0', '1.1.0']),
      interfaces: list(() =>
        object({ name: str, mac: str, mtu: int, sandbox: str, socketPath: str, pciID: str }),
      ),
      ips: list(withRequired('address', cidr, { interface: int, gateway: ip })),
      routes: list(
        withRequired('dst', cidr, {
          gw: ip,
          mtu: int,
          advmss: int,
          priority: int,
          table: int,
          scope: int,
        }),
      ),
      dns: () =>
        object({
          nameservers: list(str),
          domain: str,
          search: list(str),
          options: list(str),
        }),
    });
}

describe('isPlainResult100', () => {
  test('accepts only what the schema accepts unchanged, over 20000 random results', () => {
    const next = randomResults(7);
    let plain = 0;
    let other = 0;
    for (let i = 0; i < 20000; i++) {
      const value = next();
      if (isPlainResult100(value)) {
        plain++;
        const parsed = bySchema(value);
        if (!parsed.success) throw new Error(`schema refuses ${JSON.stringify(value)}`);
        expect(parsed.output).toEqual(value);
      } else other++;
    }
    // Both answers must be common, or the test proves nothing.
    expect(plain).toBeGreaterThan(2000);
    expect(other).toBeGreaterThan(2000);
  });

  test('parseResult gives what the schema path gives, for plain results', () => {
    const next = randomResults(11);
    let compared = 0;
    for (let i = 0; i < 5000; i++) {
      const value = { ...next(), cniVersion: '1.0.0' };
      if (!isPlainResult100(value)) continue;
      const parsed = bySchema(value);
      if (!parsed.success) throw new Error('schema refuses a plain result');
      const expected = compactDeep(resultToJson(parsed.output as Result));
      expect(parseResult(value)).toEqual(expected as unknown as Result);
      compared++;
    }
    expect(compared).toBeGreaterThan(1000);
  });

  test('takes the recorded 1.x results of the Go plugins', () => {
    const ones = recorded.filter((entry) => JSON.parse(entry.json).cniVersion?.startsWith('1.'));
    expect(ones.length).toBeGreaterThan(3);
    for (const entry of ones) expect(isPlainResult100(JSON.parse(entry.json))).toBe(true);
  });

  test('sends folded keys, nulls and unknown keys to the schema', () => {
    const base = { cniVersion: '1.0.0', ips: [{ address: '10.0.0.2/24' }] };
    expect(isPlainResult100(base)).toBe(true);
    expect(isPlainResult100({ ...base, IPs: [] })).toBe(false);
    expect(isPlainResult100({ ...base, dns: null })).toBe(false);
    expect(isPlainResult100({ ...base, extra: 1 })).toBe(false);
    expect(isPlainResult100({ ...base, ips: [{ address: '10.0.0.2' }] })).toBe(false);
    expect(isPlainResult100({ ...base, ips: [{ gateway: '10.0.0.1' }] })).toBe(false);
  });
});
