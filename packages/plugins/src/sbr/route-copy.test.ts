import { describe, expect, test } from 'bun:test';
import type { Route } from '@cni-ts/plugin-kit';
import { freeTable, isMainRouteOf, routeSpecOf } from './route-copy.ts';

describe('freeTable', () => {
  test('the first id from the candidate on that no rule or route uses', () => {
    expect(freeTable([], [], 100)).toBe(100);
    expect(freeTable([{ table: 100 }, { table: 101 }], [{ table: 102 }, { table: 254 }], 100)).toBe(
      103,
    );
    expect(freeTable([{ table: 100 }], [], 101)).toBe(101);
  });
});

describe('routeSpecOf', () => {
  const route = {
    family: 2,
    dst: '10.1.0.0/24',
    gateway: '10.1.0.1',
    oif: 3,
    prefsrc: '10.1.0.2',
    table: 254,
    protocol: 4,
    scope: 0,
    type: 1,
    flags: 16,
    tos: 0,
    priority: 100,
    mtu: 1400,
  } as unknown as Route;

  test('keeps every property but the flags, in the given table', () => {
    expect(routeSpecOf(route, 100)).toEqual({
      dst: '10.1.0.0/24',
      table: 100,
      protocol: 4,
      scope: 0,
      type: 1,
      tos: 0,
      gateway: '10.1.0.1',
      oif: 3,
      prefsrc: '10.1.0.2',
      priority: 100,
      mtu: 1400,
    });
    expect(routeSpecOf(route).table).toBe(254);
  });

  test('isMainRouteOf: main table, this link', () => {
    expect(isMainRouteOf(route, 3)).toBe(true);
    expect(isMainRouteOf(route, 4)).toBe(false);
    expect(isMainRouteOf({ ...route, table: 100 }, 3)).toBe(false);
  });
});
