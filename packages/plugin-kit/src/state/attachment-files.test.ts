import { afterAll, expect, test } from 'bun:test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isCniError } from '@cni-ts/spec-types';
import { thrown } from '../testing/thrown.ts';
import { attachmentStateFile, networkStateDir, stateEntries } from './attachment-files.ts';

const root = mkdtempSync(join(tmpdir(), 'cnits-attachment-files-'));

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

test('one file per attachment under its network', () => {
  expect(networkStateDir('/run/cni/fw', 'net-a', 'firewall')).toBe('/run/cni/fw/net-a');
  expect(attachmentStateFile('/run/cni/fw', 'net-a', 'c1', 'eth0', 'firewall')).toBe(
    '/run/cni/fw/net-a/c1_eth0',
  );
});

test('a name that is not one path component is a CniError naming the owner', () => {
  for (const bad of ['', '.', '..', 'a/b', 'a\0b']) {
    const error = thrown(() => attachmentStateFile('/d', 'net', bad, 'eth0', 'portmap'));
    expect(isCniError(error) && error.msg).toBe(`portmap: ${JSON.stringify(bad)} is no file name`);
  }
  expect(() => networkStateDir('/d', '../up', 'firewall')).toThrow('firewall: "../up"');
});

test('stateEntries lists what is not a dot name (temporaries), none for a missing directory', () => {
  const dir = join(root, 'net-a');
  mkdirSync(dir);
  writeFileSync(join(dir, 'c1_eth0'), '[]');
  writeFileSync(join(dir, '.c2_eth0.123.tmp'), '');
  expect(stateEntries(dir)).toEqual(['c1_eth0']);
  expect(stateEntries(join(root, 'missing'))).toEqual([]);
});
