import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ip } from './_test-ranges.ts';
import { formatIpValue } from './ip-value.ts';
import { DiskStore } from './store.ts';

let dataDir = '';
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'cnits-hl-store-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

const dir = () => join(dataDir, 'net1');
const read = (name: string) => readFileSync(join(dir(), name), 'utf8');
const mode = (name: string) => statSync(join(dir(), name)).mode & 0o777;

describe('DiskStore', () => {
  test('writes upstream layout: one file per address, last_reserved_ip.<n>, lock 0750', () => {
    const store = DiskStore.create(dataDir, 'net1');
    using _lock = store.lock();
    expect(store.reserve('cid1', 'eth0', ip('10.1.0.5'), 0)).toBe(true);
    expect(store.reserve('cid1', 'eth0', ip('fd00::5'), 1)).toBe(true);
    expect(readdirSync(dir()).sort()).toEqual([
      '10.1.0.5',
      'fd00::5',
      'last_reserved_ip.0',
      'last_reserved_ip.1',
      'lock',
    ]);
    expect(read('10.1.0.5')).toBe('cid1\r\neth0');
    expect(read('last_reserved_ip.0')).toBe('10.1.0.5');
    expect(read('last_reserved_ip.1')).toBe('fd00::5');
    expect(mode('lock')).toBe(0o750);
    expect(mode('10.1.0.5')).toBe(0o600);
    expect(statSync(dir()).mode & 0o777).toBe(0o755);
  });

  test('reserving a taken address is refused and leaves its file alone', () => {
    const store = DiskStore.create(dataDir, 'net1');
    expect(store.reserve('a', 'eth0', ip('10.1.0.5'), 0)).toBe(true);
    expect(store.reserve('b', 'eth0', ip('10.1.0.5'), 0)).toBe(false);
    expect(read('10.1.0.5')).toBe('a\r\neth0');
  });

  test('trims the container ID as upstream does', () => {
    const store = DiskStore.create(dataDir, 'net1');
    store.reserve('  cid1 \n', 'eth0', ip('10.1.0.5'), 0);
    expect(read('10.1.0.5')).toBe('cid1\r\neth0');
    expect(store.heldBy('cid1', 'eth0').map((r) => formatIpValue(r.ip))).toEqual(['10.1.0.5']);
  });

  test('lastReservedIp reads the file, and is undefined when missing or garbage', () => {
    const store = DiskStore.create(dataDir, 'net1');
    expect(store.lastReservedIp(0)).toBeUndefined();
    writeFileSync(join(dir(), 'last_reserved_ip.0'), 'nonsense');
    expect(store.lastReservedIp(0)).toBeUndefined();
    writeFileSync(join(dir(), 'last_reserved_ip.0'), '10.1.0.9');
    expect(store.lastReservedIp(0)).toEqual(ip('10.1.0.9'));
  });

  test('reservations lists only files named by an address, in name order', () => {
    const store = DiskStore.create(dataDir, 'net1');
    store.reserve('b', 'eth1', ip('10.1.0.7'), 0);
    store.reserve('a', 'eth0', ip('10.1.0.10'), 0);
    writeFileSync(join(dir(), '10.1.0.6'), 'legacy-id\n');
    writeFileSync(join(dir(), 'notes.txt'), 'a\r\neth0');
    store.lock().release();
    expect(store.reservations().map((r) => [formatIpValue(r.ip), r.containerId, r.ifName])).toEqual(
      [
        ['10.1.0.10', 'a', 'eth0'],
        ['10.1.0.6', 'legacy-id', undefined],
        ['10.1.0.7', 'b', 'eth1'],
      ],
    );
  });

  test('heldBy matches the container and interface, and legacy files of the container', () => {
    const store = DiskStore.create(dataDir, 'net1');
    store.reserve('c', 'eth0', ip('10.1.0.5'), 0);
    store.reserve('c', 'eth1', ip('10.1.0.6'), 0);
    writeFileSync(join(dir(), '10.1.0.7'), 'c');
    expect(store.heldBy('c', 'eth0').map((r) => formatIpValue(r.ip))).toEqual([
      '10.1.0.5',
      '10.1.0.7',
    ]);
    expect(store.heldBy('other', 'eth0')).toEqual([]);
  });

  test('releaseHeldBy releases exact matches first, legacy files only when there are none', () => {
    const store = DiskStore.create(dataDir, 'net1');
    store.reserve('c', 'eth0', ip('10.1.0.5'), 0);
    store.reserve('c', 'eth1', ip('10.1.0.6'), 0);
    writeFileSync(join(dir(), '10.1.0.7'), 'c');
    expect(store.releaseHeldBy('c', 'eth0')).toBe(1);
    expect(existsSync(join(dir(), '10.1.0.5'))).toBe(false);
    expect(existsSync(join(dir(), '10.1.0.6'))).toBe(true);
    expect(store.releaseHeldBy('c', 'eth9')).toBe(1);
    expect(existsSync(join(dir(), '10.1.0.7'))).toBe(false);
    expect(store.releaseHeldBy('c', 'eth9')).toBe(0);
    expect(readdirSync(dir()).sort()).toEqual(['10.1.0.6', 'last_reserved_ip.0']);
  });

  test('existing() is undefined for a network with no directory, and creates nothing', () => {
    expect(DiskStore.existing(dataDir, 'net1')).toBeUndefined();
    expect(existsSync(dir())).toBe(false);
    DiskStore.create(dataDir, 'net1');
    expect(DiskStore.existing(dataDir, 'net1')?.dir).toBe(dir());
  });

  test('create() fails in Go words when the directory cannot be made', () => {
    writeFileSync(join(dataDir, 'file'), '');
    expect(() => DiskStore.create(join(dataDir, 'file'), 'net1')).toThrow(
      `mkdir ${join(dataDir, 'file', 'net1')}: not a directory`,
    );
  });
});
