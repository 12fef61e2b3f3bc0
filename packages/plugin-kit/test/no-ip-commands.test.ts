import { describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// The kit talks to the kernel through its own netlink stack: no runtime file may run
// `ip`, `tc` or `bridge`. Tests and the testing helpers may (to set up and cross-check).
const src = join(import.meta.dir, '..', 'src');
const runtimeFiles = [...new Bun.Glob('**/*.ts').scanSync(src)].filter(
  (file) => !file.endsWith('.test.ts') && !file.startsWith('testing/'),
);
const forbidden =
  /(?:spawn(?:Sync)?|exec(?:File)?(?:Sync)?|\$)\s*\(?\s*[[`'"]\s*['"`]?(?:\/usr)?(?:\/s?bin\/)?(ip|tc|bridge)\b/;

describe('runtime code', () => {
  test('has files to check', () => {
    expect(runtimeFiles.length).toBeGreaterThan(10);
  });

  test('never executes ip, tc or bridge', () => {
    const offenders = runtimeFiles.filter((file) =>
      forbidden.test(readFileSync(join(src, file), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  test('the pattern catches the usual ways of running ip', () => {
    for (const line of [
      "Bun.spawnSync(['ip', 'link', 'add'])",
      'Bun.spawn(["tc", "qdisc"])',
      "spawnSync('bridge', ['link'])",
      'execFileSync("/usr/sbin/ip", [])',
      '$`ip link show`',
    ]) {
      expect(forbidden.test(line)).toBe(true);
    }
    expect(forbidden.test("Bun.spawnSync(['nft', '-f', '-'])")).toBe(false);
    expect(forbidden.test("Bun.spawnSync(['iptables', '-w'])")).toBe(false);
  });
});
