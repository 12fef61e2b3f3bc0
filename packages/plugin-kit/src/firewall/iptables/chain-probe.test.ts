import { afterAll, expect, test } from 'bun:test';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isIptablesNftPath } from './chain-probe.ts';

const dir = mkdtempSync(join(tmpdir(), 'cnits-chain-probe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('iptables-nft is told from iptables-legacy by where the links lead', () => {
  writeFileSync(join(dir, 'xtables-nft-multi'), '');
  writeFileSync(join(dir, 'xtables-legacy-multi'), '');
  symlinkSync(join(dir, 'xtables-nft-multi'), join(dir, 'iptables-nft-restore'));
  symlinkSync(join(dir, 'iptables-nft-restore'), join(dir, 'iptables-restore'));
  symlinkSync(join(dir, 'xtables-legacy-multi'), join(dir, 'ip6tables-restore'));
  expect(isIptablesNftPath(join(dir, 'iptables-restore'))).toBe(true);
  expect(isIptablesNftPath(join(dir, 'ip6tables-restore'))).toBe(false);
  expect(isIptablesNftPath(join(dir, 'missing'))).toBe(false);
});
