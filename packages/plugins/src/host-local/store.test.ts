import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import {
  chmodSync,
  existsSync,
  linkSync,
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
import { DiskStore, isAbandoned } from './store.ts';

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

  test('a reservation appears complete: no temporary file is left, the file is not a link', () => {
    const store = DiskStore.create(dataDir, 'net1');
    expect(store.reserve('cid1', 'eth0', ip('10.1.0.5'), 0)).toBe(true);
    expect(store.reserve('cid2', 'eth0', ip('10.1.0.5'), 0)).toBe(false);
    expect(readdirSync(dir()).sort()).toEqual(['10.1.0.5', 'last_reserved_ip.0']);
    expect(statSync(join(dir(), '10.1.0.5')).nlink).toBe(1);
  });

  test("a dead process's temporary file under this pid is replaced, with mode 0600", () => {
    const store = DiskStore.create(dataDir, 'net1');
    const temp = join(dir(), `.reserving.${process.pid}`);
    writeFileSync(temp, 'somebody\r\neth9');
    chmodSync(temp, 0o644);
    expect(store.reserve('cid1', 'eth0', ip('10.1.0.5'), 0)).toBe(true);
    expect(read('10.1.0.5')).toBe('cid1\r\neth0');
    expect(mode('10.1.0.5')).toBe(0o600);
    expect(existsSync(temp)).toBe(false);
  });

  // Left by a writer killed between creating the file and writing its owner (ours before
  // reservations were linked into place, or the Go host-local): under the lock it is
  // abandoned, and ADD takes it over rather than lose the address.
  test('an empty or blank address file is taken over by reserve', () => {
    const store = DiskStore.create(dataDir, 'net1');
    writeFileSync(join(dir(), '10.1.0.5'), '');
    writeFileSync(join(dir(), '10.1.0.6'), ' \r\n');
    expect(store.reserve('cid1', 'eth0', ip('10.1.0.5'), 0)).toBe(true);
    expect(store.reserve('cid1', 'eth1', ip('10.1.0.6'), 0)).toBe(true);
    expect(read('10.1.0.5')).toBe('cid1\r\neth0');
    expect(read('10.1.0.6')).toBe('cid1\r\neth1');
    expect(mode('10.1.0.5')).toBe(0o600);
    expect(readdirSync(dir()).sort()).toEqual(['10.1.0.5', '10.1.0.6', 'last_reserved_ip.0']);
  });

  test('empty files are listed as naming nobody, and never held or released by a container', () => {
    const store = DiskStore.create(dataDir, 'net1');
    writeFileSync(join(dir(), '10.1.0.5'), '');
    store.reserve('c', 'eth0', ip('10.1.0.6'), 0);
    expect(store.reservations().map((r) => [formatIpValue(r.ip), isAbandoned(r)])).toEqual([
      ['10.1.0.5', true],
      ['10.1.0.6', false],
    ]);
    expect(store.heldBy('c', 'eth0').map((r) => formatIpValue(r.ip))).toEqual(['10.1.0.6']);
    expect(store.releaseHeldBy('c', 'eth0')).toBe(1);
    expect(store.releaseHeldBy('c', 'eth0')).toBe(0);
    expect(existsSync(join(dir(), '10.1.0.5'))).toBe(true);
  });

  test('temporary files are not reservations; removeTempFiles removes only them', () => {
    const store = DiskStore.create(dataDir, 'net1');
    store.reserve('c', 'eth0', ip('10.1.0.6'), 0);
    // Killed before link: only the temporary file. Killed after it: both names, one inode.
    writeFileSync(join(dir(), '.reserving.4242'), 'd\r\neth0');
    linkSync(join(dir(), '10.1.0.6'), join(dir(), '.reserving.4343'));
    writeFileSync(join(dir(), '10.1.0.7'), '');
    expect(store.reservations().map((r) => formatIpValue(r.ip))).toEqual(['10.1.0.6', '10.1.0.7']);
    expect(store.removeTempFiles()).toEqual(['.reserving.4242', '.reserving.4343']);
    expect(readdirSync(dir()).sort()).toEqual(['10.1.0.6', '10.1.0.7', 'last_reserved_ip.0']);
    expect(read('10.1.0.6')).toBe('c\r\neth0');
  });

  test('sweep removes temporary files and files naming nobody, nothing else', () => {
    const store = DiskStore.create(dataDir, 'net1');
    store.reserve('c', 'eth0', ip('10.1.0.6'), 0);
    writeFileSync(join(dir(), '10.1.0.5'), '');
    writeFileSync(join(dir(), 'fd00::9'), '\n');
    writeFileSync(join(dir(), '10.1.0.8'), 'legacy');
    writeFileSync(join(dir(), '.reserving.4242'), 'd\r\neth0');
    using _lock = store.lock();
    expect(store.sweep().removed).toEqual(['.reserving.4242', '10.1.0.5', 'fd00::9']);
    expect(readdirSync(dir()).sort()).toEqual([
      '10.1.0.6',
      '10.1.0.8',
      'last_reserved_ip.0',
      'lock',
    ]);
    expect(store.sweep().removed).toEqual([]);
  });

  test('sweep: what it removes, and the reservations left, from one reading', () => {
    const store = DiskStore.create(dataDir, 'net1');
    store.reserve('c', 'eth0', ip('10.1.0.6'), 0);
    store.reserve('d', 'eth1', ip('10.1.0.3'), 0);
    writeFileSync(join(dir(), '10.1.0.5'), '');
    writeFileSync(join(dir(), '10.1.0.8'), 'legacy');
    writeFileSync(join(dir(), '.reserving.4242'), 'd\r\neth0');
    using _lock = store.lock();
    const swept = store.sweep();
    expect(swept.removed).toEqual(['.reserving.4242', '10.1.0.5']);
    // In name order, as reservations() gives them afterwards.
    expect(swept.reservations).toEqual(store.reservations());
    expect(swept.reservations.map((r) => [formatIpValue(r.ip), r.containerId, r.ifName])).toEqual([
      ['10.1.0.3', 'd', 'eth1'],
      ['10.1.0.6', 'c', 'eth0'],
      ['10.1.0.8', 'legacy', undefined],
    ]);
    expect(store.releaseHeldBy('c', 'eth0', swept.reservations)).toBe(1);
    expect(readdirSync(dir()).sort()).toEqual([
      '10.1.0.3',
      '10.1.0.8',
      'last_reserved_ip.0',
      'lock',
    ]);
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
