import { describe, expect, test } from 'bun:test';
import * as api from '../src/index.ts';

// The public surface: any change shows up here and must be deliberate.
describe('index.ts', () => {
  test('exports exactly the documented names', () => {
    expect(Object.keys(api).sort()).toMatchSnapshot();
  });

  test('every registered plugin is exported and answers to its own name', () => {
    expect(api.pluginNames).toEqual([
      'bandwidth',
      'bridge',
      'dummy',
      'firewall',
      'host-device',
      'host-local',
      'ipvlan',
      'loopback',
      'macvlan',
      'portmap',
      'ptp',
      'sbr',
      'static',
      'tap',
      'tuning',
      'vlan',
      'vrf',
    ]);
    for (const name of api.pluginNames) expect(api.pluginNamed(name)?.name).toBe(name);
    expect(api.pluginNamed('toString')).toBeUndefined();
  });
});
