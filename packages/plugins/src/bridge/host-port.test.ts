import { describe, expect, test } from 'bun:test';
import { portVlans } from './host-port.ts';

describe('portVlans', () => {
  test('no VLAN and no trunk: the port is left alone', () => {
    expect(portVlans(0, [])).toEqual([]);
  });

  test('an access VLAN is the pvid, untagged', () => {
    expect(portVlans(100, [])).toEqual([{ vid: 100, pvid: true, untagged: true }]);
  });

  test('a bare trunk gets VID 1 as native VLAN, the trunk tagged', () => {
    expect(portVlans(0, [7, 8])).toEqual([
      { vid: 1, pvid: true, untagged: true },
      { vid: 7 },
      { vid: 8 },
    ]);
  });

  test('an access VLAN with a trunk is the native VLAN of the trunk', () => {
    expect(portVlans(100, [101])).toEqual([{ vid: 100, pvid: true, untagged: true }, { vid: 101 }]);
  });
});
