import { afterAll, expect, test } from 'bun:test';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeStateFile, writeStateFile } from './state-file.ts';

const root = mkdtempSync(join(tmpdir(), 'cnits-state-file-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

test('writes whole files with private modes, and no temporary file stays', () => {
  const file = join(root, 'w', 'net1', 'cid_eth0');
  writeStateFile(file, '{"a":1}');
  writeStateFile(file, '{"a":2}');
  expect(readFileSync(file, 'utf8')).toBe('{"a":2}');
  expect(statSync(file).mode & 0o777).toBe(0o600);
  expect(statSync(join(root, 'w', 'net1')).mode & 0o777).toBe(0o700);
  expect(readdirSync(join(root, 'w', 'net1'))).toEqual(['cid_eth0']);
});

test("the network's directory goes with its last file, not before", () => {
  const a = join(root, 'r', 'net1', 'a_eth0');
  const b = join(root, 'r', 'net1', 'b_eth0');
  writeStateFile(a, '1');
  writeStateFile(b, '2');
  removeStateFile(a);
  expect(existsSync(join(root, 'r', 'net1'))).toBe(true);
  removeStateFile(b);
  expect(existsSync(join(root, 'r', 'net1'))).toBe(false);
  expect(existsSync(join(root, 'r'))).toBe(true);
  removeStateFile(b); // twice: fine
});

test('with upTo, emptied ancestors go too, up to it; a directory still in use stops the climb', () => {
  const top = join(root, 'u', 'run-cni');
  const firewall = join(top, 'firewall', 'net1', 'a_eth0');
  const tuning = join(top, 'tuning', 'kept');
  writeStateFile(firewall, '1');
  writeStateFile(tuning, '2');
  removeStateFile(firewall, { upTo: top });
  expect(existsSync(join(top, 'firewall'))).toBe(false);
  expect(existsSync(join(top, 'tuning', 'kept'))).toBe(true); // top is not empty: it stays
  removeStateFile(tuning, { upTo: top });
  expect(existsSync(top)).toBe(false);
  expect(existsSync(join(root, 'u'))).toBe(true); // never above upTo
  const outside = join(root, 'elsewhere', 'net1', 'a_eth0');
  writeStateFile(outside, '3');
  removeStateFile(outside, { upTo: top }); // not below upTo: only its own directory
  expect(existsSync(join(root, 'elsewhere'))).toBe(true);
  expect(existsSync(join(root, 'elsewhere', 'net1'))).toBe(false);
});
