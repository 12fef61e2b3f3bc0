import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ip, rangeSet } from './_test-ranges.ts';
import { allocateIp, type Candidate, visitCandidates } from './allocator.ts';
import { formatIpValue, type IpValue } from './ip-value.ts';
import type { RangeSet } from './range-set.ts';
import { DiskStore } from './store.ts';

// §6.8 of the reference: two IPv4 ranges (gateways .6 and 10.244.71.1) and an IPv6 one.
const v4 = rangeSet(
  { subnet: '10.244.70.0/29', gateway: '10.244.70.6' },
  { subnet: '10.244.71.0/30' },
);
const v6 = rangeSet({ subnet: 'fd00:70::/126' });

/** Every candidate, in the order they are offered. */
function candidates(set: RangeSet, last: IpValue | undefined): Candidate[] {
  const out: Candidate[] = [];
  visitCandidates(set, last, (candidate) => {
    out.push(candidate);
    return false;
  });
  return out;
}

function order(last?: string): string[] {
  return candidates(v4, last === undefined ? undefined : ip(last)).map((c) => formatIpValue(c.ip));
}

describe('candidates', () => {
  test('without a last address: every range in order, gateways skipped', () => {
    expect(order()).toEqual([
      '10.244.70.1',
      '10.244.70.2',
      '10.244.70.3',
      '10.244.70.4',
      '10.244.70.5',
      '10.244.71.2',
    ]);
  });

  test('after a last address: from the next one, wrapping round to it', () => {
    expect(order('10.244.70.4')).toEqual([
      '10.244.70.5',
      '10.244.71.2',
      '10.244.70.1',
      '10.244.70.2',
      '10.244.70.3',
      '10.244.70.4',
    ]);
    expect(order('10.244.71.2')).toEqual([
      '10.244.70.1',
      '10.244.70.2',
      '10.244.70.3',
      '10.244.70.4',
      '10.244.70.5',
      '10.244.71.2',
    ]);
  });

  test('a last address outside the set (ranges changed) starts from the beginning', () => {
    expect(order('10.244.99.9')[0]).toBe('10.244.70.1');
    expect(order('10.244.71.3')[0]).toBe('10.244.70.1');
  });

  test('a range holding only its gateway gives nothing', () => {
    const only = rangeSet({
      subnet: '10.244.80.0/30',
      rangeStart: '10.244.80.1',
      rangeEnd: '10.244.80.1',
    });
    expect(candidates(only, undefined)).toEqual([]);
  });
});

let dataDir = '';
let store: DiskStore;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'cnits-hl-alloc-'));
  store = DiskStore.create(dataDir, 'net');
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

const attachment = (containerId: string, ifName = 'eth0') => ({ containerId, ifName });

function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('it succeeded');
}

describe('allocateIp', () => {
  test('hands out addresses round robin with the prefix and gateway of their range', () => {
    expect(allocateIp(store, v4, 0, attachment('a')).config).toEqual({
      address: '10.244.70.1/29',
      gateway: '10.244.70.6',
    });
    expect(allocateIp(store, v6, 1, attachment('a')).config).toEqual({
      address: 'fd00:70::2/126',
      gateway: 'fd00:70::1',
    });
    store.releaseHeldBy('a', 'eth0');
    // Round robin: a released address is not reused until the set has been gone through.
    expect(allocateIp(store, v4, 0, attachment('b')).config.address).toBe('10.244.70.2/29');
    expect(readFileSync(join(store.dir, 'last_reserved_ip.0'), 'utf8')).toBe('10.244.70.2');
  });

  test('skips taken addresses, moves to the next range, then fails with the set', () => {
    for (const id of ['a', 'b', 'c', 'd', 'e']) allocateIp(store, v4, 0, attachment(id));
    expect(allocateIp(store, v4, 0, attachment('f')).config).toEqual({
      address: '10.244.71.2/30',
      gateway: '10.244.71.1',
    });
    expect(failure(() => allocateIp(store, v4, 0, attachment('g')))).toBe(
      'no IP addresses available in range set: 10.244.70.1-10.244.70.6,10.244.71.1-10.244.71.2',
    );
  });

  test('refuses a second address in the set for the same attachment', () => {
    allocateIp(store, v4, 0, attachment('a'));
    expect(failure(() => allocateIp(store, v4, 0, attachment('a')))).toBe(
      '10.244.70.1 has been allocated to a, duplicate allocation is not allowed',
    );
    // Another interface of the same container, and another set, are fine.
    expect(allocateIp(store, v4, 0, attachment('a', 'eth1')).config.address).toBe('10.244.70.2/29');
    expect(allocateIp(store, v6, 1, attachment('a')).config.address).toBe('fd00:70::2/126');
  });

  test('a legacy file of the container counts as held', () => {
    writeFileSync(join(store.dir, '10.244.70.3'), 'old');
    expect(failure(() => allocateIp(store, v4, 0, attachment('old')))).toBe(
      '10.244.70.3 has been allocated to old, duplicate allocation is not allowed',
    );
  });

  test('a requested address is reserved if in the set, not a gateway and free', () => {
    expect(allocateIp(store, v4, 0, attachment('a'), ip('10.244.70.4')).config.address).toBe(
      '10.244.70.4/29',
    );
    expect(failure(() => allocateIp(store, v4, 0, attachment('b'), ip('10.244.70.6')))).toBe(
      "requested ip 10.244.70.6 is subnet's gateway",
    );
    expect(failure(() => allocateIp(store, v4, 0, attachment('b'), ip('10.244.70.4')))).toBe(
      'requested IP address 10.244.70.4 is not available in range set 10.244.70.1-10.244.70.6,10.244.71.1-10.244.71.2',
    );
    expect(failure(() => allocateIp(store, v4, 0, attachment('b'), ip('10.244.72.4')))).toBe(
      '10.244.72.4 not in range set 10.244.70.1-10.244.70.6,10.244.71.1-10.244.71.2',
    );
  });

  test('a requested address skips the duplicate check, as upstream', () => {
    allocateIp(store, v4, 0, attachment('a'));
    expect(allocateIp(store, v4, 0, attachment('a'), ip('10.244.70.5')).config.address).toBe(
      '10.244.70.5/29',
    );
  });
});
