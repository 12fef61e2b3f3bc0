import { afterEach, describe, expect, test } from 'bun:test';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatBackup, readBackup, removeBackup, writeBackup } from './backup.ts';
import { backupFile } from './backup-file.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cnits-tuning-'));
  dirs.push(dir);
  return dir;
}

// Written by Debian's Go tuning 1.1.1 for mac+mtu+promisc+allmulti (recorded).
const GO_BACKUP =
  '{\n "mac": "7e:55:f5:27:22:58",\n "promisc": false,\n "mtu": 1500,\n "allmulti": false\n}';

describe('the backup file (upstream format)', () => {
  test('is <dataDir>/<containerID>_<ifName>.json', () => {
    expect(backupFile('/run/cni/tuning', 'cid1', 'eth0')).toBe('/run/cni/tuning/cid1_eth0.json');
    expect(backupFile('/tmp/x/', 'c', 'net1')).toBe('/tmp/x/c_net1.json');
  });

  test('formats byte for byte as Go writes it, keys in upstream order, unset ones left out', () => {
    expect(
      formatBackup({ allmulti: false, mtu: 1500, promisc: false, mac: '7e:55:f5:27:22:58' }),
    ).toBe(GO_BACKUP);
    expect(formatBackup({ txQLen: 1000, mtu: 0, mac: '' })).toBe('{\n "txQLen": 1000\n}');
    expect(formatBackup({})).toBe('{}');
  });

  test('is written 0600 in a directory made 0600, read back, and removed', () => {
    const file = join(scratch(), 'a', 'tuning', 'cid_eth0.json');
    writeBackup(file, { mtu: 1500, txQLen: 1000 });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(file, '..')).mode & 0o777).toBe(0o600);
    expect(readBackup(file)).toEqual({ kind: 'saved', saved: { mtu: 1500, txQLen: 1000 } });
    removeBackup(file);
    removeBackup(file);
    expect(readBackup(file)).toEqual({ kind: 'missing' });
  });

  test("reads Go's file, keys in any case; a corrupt file is unreadable", () => {
    const dir = scratch();
    const file = join(dir, 'cid_eth0.json');
    writeFileSync(file, GO_BACKUP);
    expect(readBackup(file)).toEqual({
      kind: 'saved',
      saved: { mac: '7e:55:f5:27:22:58', promisc: false, mtu: 1500, allmulti: false },
    });
    writeFileSync(file, '{"MTU": 9000, "Promisc": true}');
    expect(readBackup(file)).toMatchObject({ saved: { mtu: 9000, promisc: true } });
    writeFileSync(file, '{"mtu": "x"');
    expect(readBackup(file).kind).toBe('unreadable');
    expect(readFileSync(file, 'utf8')).toBe('{"mtu": "x"');
  });
});
