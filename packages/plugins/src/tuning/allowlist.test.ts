import { afterEach, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isCniError } from '@cni-ts/spec-types';
import { checkAllowlist, readAllowlist } from './allowlist.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function file(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cnits-allowlist-'));
  dirs.push(dir);
  const path = join(dir, 'allowlist.conf');
  writeFileSync(path, text);
  return path;
}

function refusal(run: () => void): string {
  try {
    run();
  } catch (error) {
    if (isCniError(error)) return `${error.code} ${error.msg}`;
    throw error;
  }
  return 'accepted';
}

describe('sysctl allow-list', () => {
  test('no file, no limit', () => {
    expect(readAllowlist('/nonexistent/allowlist.conf')).toBeUndefined();
    expect(refusal(() => checkAllowlist(['kernel.anything'], undefined))).toBe('accepted');
  });

  test('non-empty trimmed lines are unanchored patterns; a key no pattern matches is refused', () => {
    const list = readAllowlist(
      file('  ^net\\.ipv4\\.conf\\.IFNAME\\.[a-z_]+$ \n\n^net\\.core\\.somaxconn$\n'),
    );
    expect(list).toEqual(['^net\\.ipv4\\.conf\\.IFNAME\\.[a-z_]+$', '^net\\.core\\.somaxconn$']);
    expect(
      refusal(() =>
        checkAllowlist(['net.ipv4.conf.IFNAME.arp_filter', 'net.core.somaxconn'], list),
      ),
    ).toBe('accepted');
    expect(refusal(() => checkAllowlist(['net.core.rmem_max'], list))).toBe(
      '999 Sysctl net.core.rmem_max is not allowed. Only the following sysctls are allowed: [^net\\.ipv4\\.conf\\.IFNAME\\.[a-z_]+$ ^net\\.core\\.somaxconn$]',
    );
    expect(refusal(() => checkAllowlist(['x.somaxconn.y'], ['somaxconn']))).toBe('accepted');
  });

  test('a pattern that does not compile is an error naming it', () => {
    expect(refusal(() => checkAllowlist(['net.a'], ['net.(']))).toBe(
      '999 error parsing regexp in sysctl allowlist: "net.("',
    );
  });
});
