import { describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// The plugins reach the kernel through plugin-kit's netlink stack: no runtime file may run
// `ip`, `tc`, `bridge` or `sysctl`. Tests and their helpers (`_test-*.ts`) may, to set up
// and inspect.
const src = join(import.meta.dir, '..', 'src');
const runtimeFiles = [...new Bun.Glob('**/*.ts').scanSync(src)].filter(
  (file) => !file.endsWith('.test.ts') && !/(^|\/)_test-[^/]*\.ts$/.test(file),
);
const forbidden =
  /(?:spawn(?:Sync)?|exec(?:File)?(?:Sync)?|\$)\s*\(?\s*[[`'"]\s*['"`]?(?:\/usr)?(?:\/s?bin\/)?(ip|tc|bridge|sysctl)\b/;

describe('plugin runtime code', () => {
  test('has files to check', () => {
    expect(runtimeFiles.length).toBeGreaterThan(5);
  });

  test('never executes ip, tc, bridge or sysctl', () => {
    const offenders = runtimeFiles.filter((file) =>
      forbidden.test(readFileSync(join(src, file), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  test('the pattern catches the usual ways of running them', () => {
    for (const line of [
      "Bun.spawnSync(['ip', 'link', 'add'])",
      'Bun.spawn(["sysctl", "-w"])',
      '$`bridge vlan add`',
    ]) {
      expect(forbidden.test(line)).toBe(true);
    }
    expect(forbidden.test("Bun.spawnSync(['nft', '-f', '-'])")).toBe(false);
  });
});
