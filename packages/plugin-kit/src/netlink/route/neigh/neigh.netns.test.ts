// Root-only: neighbour entries added, replaced, listed and deleted through a real route
// socket in a throwaway namespace (never the host's), cross-checked with `ip -j neigh show`.
import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { isExists, isNotFound } from '../../../errors/predicates.ts';
import { createVethNetns, type VethNetns } from '../../../testing/_route-netns.ts';
import { canUseNetns } from '../../../testing/test-netns.ts';
import { useTimeLimit } from '../../../testing/time-limits.ts';
import { AF } from '../../codec/constants.ts';
import { thrown } from '../_golden.ts';
import { NTF, NUD } from './constants.ts';
import { addNeighbour, deleteNeighbour, listNeighbours, replaceNeighbour } from './ops.ts';

useTimeLimit('netns');

interface IpNeigh {
  dst: string;
  dev: string;
  lladdr?: string;
  state: string[];
  extern_learn?: null;
}

describe.skipIf(!canUseNetns())('neighbours in a throwaway namespace', () => {
  let env: VethNetns | undefined;
  beforeEach(() => {
    env = createVethNetns();
  });
  afterEach(() => {
    env?.remove();
    env = undefined;
  });

  function setup(): VethNetns {
    if (env === undefined) throw new Error('no namespace');
    return env;
  }

  function ipNeigh(e: VethNetns, dst: string): IpNeigh | undefined {
    return (e.ipJson(['neigh', 'show']) as IpNeigh[]).find((entry) => entry.dst === dst);
  }

  test('adds permanent, reachable, stale and externally learned entries of both families', () => {
    const e = setup();
    addNeighbour(e.sock, { index: e.veth0, ip: '10.1.2.50', mac: '02:00:00:00:00:50' });
    addNeighbour(e.sock, {
      index: e.veth0,
      ip: '10.1.2.51',
      mac: '02:00:00:00:00:51',
      state: NUD.REACHABLE,
    });
    addNeighbour(e.sock, {
      index: e.veth0,
      ip: '10.1.2.52',
      mac: '02:00:00:00:00:52',
      state: NUD.STALE,
    });
    addNeighbour(e.sock, {
      index: e.veth0,
      ip: '10.1.2.54',
      mac: '02:00:00:00:00:54',
      flags: NTF.EXT_LEARNED,
    });
    addNeighbour(e.sock, { index: e.veth0, ip: 'fd00:1::50', mac: '02:00:00:00:00:60' });
    expect(ipNeigh(e, '10.1.2.50')).toMatchObject({
      lladdr: '02:00:00:00:00:50',
      state: ['PERMANENT'],
    });
    expect(ipNeigh(e, '10.1.2.51')?.state).toEqual(['REACHABLE']);
    expect(ipNeigh(e, '10.1.2.52')?.state).toEqual(['STALE']);
    expect(ipNeigh(e, '10.1.2.54')).toHaveProperty('extern_learn');
    expect(ipNeigh(e, 'fd00:1::50')).toMatchObject({ dev: 'veth0', lladdr: '02:00:00:00:00:60' });

    const v4 = listNeighbours(e.sock, { family: AF.INET, index: e.veth0 });
    expect(v4.map((n) => [n.ip, n.mac, n.state]).sort()).toEqual(
      [
        ['10.1.2.50', '02:00:00:00:00:50', NUD.PERMANENT],
        ['10.1.2.51', '02:00:00:00:00:51', NUD.REACHABLE],
        ['10.1.2.52', '02:00:00:00:00:52', NUD.STALE],
        ['10.1.2.54', '02:00:00:00:00:54', NUD.PERMANENT],
      ].sort(),
    );
    expect(v4.find((n) => n.ip === '10.1.2.54')?.flags).toBe(NTF.EXT_LEARNED);
    const [v6] = listNeighbours(e.sock, { family: AF.INET6 }).filter((n) => n.ip === 'fd00:1::50');
    expect(v6).toMatchObject({ index: e.veth0, mac: '02:00:00:00:00:60', state: NUD.PERMANENT });
  });

  test('replace overwrites the MAC; a duplicate add isExists', () => {
    const e = setup();
    const spec = { index: e.veth0, ip: '10.1.2.50', mac: '02:00:00:00:00:50' };
    addNeighbour(e.sock, spec);
    expect(isExists(thrown(() => addNeighbour(e.sock, spec)))).toBe(true);
    replaceNeighbour(e.sock, { ...spec, mac: '02:00:00:00:00:55' });
    expect(ipNeigh(e, '10.1.2.50')?.lladdr).toBe('02:00:00:00:00:55');
  });

  test('proxy entries are listed apart', () => {
    const e = setup();
    addNeighbour(e.sock, { index: e.veth0, ip: '10.1.2.60', flags: NTF.PROXY });
    expect(e.ip(['neigh', 'show', 'proxy'])).toContain('10.1.2.60');
    expect(listNeighbours(e.sock).some((n) => n.ip === '10.1.2.60')).toBe(false);
    const proxies = listNeighbours(e.sock, { proxy: true });
    expect(proxies.map((n) => [n.ip, n.index, n.flags])).toEqual([
      ['10.1.2.60', e.veth0, NTF.PROXY],
    ]);
    deleteNeighbour(e.sock, { index: e.veth0, ip: '10.1.2.60', flags: NTF.PROXY });
    expect(listNeighbours(e.sock, { proxy: true })).toEqual([]);
  });

  test('deletes entries of both families; deleting again isNotFound', () => {
    const e = setup();
    const v4 = { index: e.veth0, ip: '10.1.2.50', mac: '02:00:00:00:00:50' };
    const v6 = { index: e.veth0, ip: 'fd00:1::50', mac: '02:00:00:00:00:60' };
    addNeighbour(e.sock, v4);
    addNeighbour(e.sock, v6);
    deleteNeighbour(e.sock, v4);
    deleteNeighbour(e.sock, v6);
    expect(ipNeigh(e, '10.1.2.50')).toBeUndefined();
    expect(ipNeigh(e, 'fd00:1::50')).toBeUndefined();
    expect(isNotFound(thrown(() => deleteNeighbour(e.sock, v4)))).toBe(true);
    expect(isNotFound(thrown(() => deleteNeighbour(e.sock, v6)))).toBe(true);
  });
});
