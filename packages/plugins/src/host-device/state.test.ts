import { afterAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadState, removeState, saveState, statePath } from './state.ts';

const dir = mkdtempSync(join(tmpdir(), 'cnits-hd-state-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('host-device state files', () => {
  test('save, load and remove one attachment; the directory is made on demand', () => {
    const path = statePath(join(dir, 'sub'), 'cid1', 'net1');
    expect(path).toBe(join(dir, 'sub', 'cid1-net1.json'));
    const state = { name: 'ens3', mtu: 9000, addresses: ['192.0.2.5/24', '2001:db8::5/64'] };
    saveState(path, state);
    expect(loadState(path)).toEqual(state);
    expect(readdirSync(join(dir, 'sub'))).toEqual(['cid1-net1.json']);
    removeState(path);
    removeState(path);
    expect(loadState(path)).toBeUndefined();
  });

  test('a corrupt or foreign file reads as no state', () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, '{"name": 5');
    expect(loadState(path)).toBeUndefined();
    writeFileSync(path, '{"name": "x"}');
    expect(loadState(path)).toBeUndefined();
  });
});
