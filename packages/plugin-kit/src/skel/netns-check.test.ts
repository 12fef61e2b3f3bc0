import { describe, expect, test } from 'bun:test';
import { cniErrorOf } from './_test-helpers.ts';
import { assertNotOwnNetns, type NetnsIdentity, OWN_NETNS_PATH, statNetns } from './netns-check.ts';

const SAME_NETNS = {
  code: 8,
  msg: "plugin's netns and netns from CNI_NETNS should not be the same",
};

describe('statNetns', () => {
  test('identifies the own namespace, and nothing for a missing path', () => {
    expect(statNetns(OWN_NETNS_PATH)?.ino).toBeGreaterThan(0n);
    expect(statNetns('/nonexistent/netns/path')).toBeUndefined();
  });
});

describe('assertNotOwnNetns', () => {
  test("refuses the plugin's own namespace with code 8", () => {
    expect(cniErrorOf(() => assertNotOwnNetns(OWN_NETNS_PATH))).toEqual(SAME_NETNS);
    expect(cniErrorOf(() => assertNotOwnNetns('/proc/thread-self/ns/net'))).toEqual(SAME_NETNS);
  });

  test('lets an empty or missing path through for the handler to judge', () => {
    assertNotOwnNetns('');
    assertNotOwnNetns('/nonexistent/netns/path');
  });

  test('lets another namespace through', () => {
    const stat = (path: string): NetnsIdentity =>
      path === OWN_NETNS_PATH ? { dev: 4n, ino: 100n } : { dev: 4n, ino: 200n };
    assertNotOwnNetns('/var/run/netns/c1', stat);
  });

  test('compares the device too', () => {
    const stat = (path: string): NetnsIdentity => ({
      dev: path === OWN_NETNS_PATH ? 4n : 5n,
      ino: 100n,
    });
    assertNotOwnNetns('/var/run/netns/c1', stat);
  });

  test("fails with code 8 when the plugin's own namespace cannot be read", () => {
    const stat = (path: string): NetnsIdentity | undefined =>
      path === OWN_NETNS_PATH ? undefined : { dev: 4n, ino: 200n };
    expect(cniErrorOf(() => assertNotOwnNetns('/var/run/netns/c1', stat))).toEqual({
      code: 8,
      msg: "get plugin's netns failed",
    });
  });
});
