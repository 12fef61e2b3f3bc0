import { describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';

// As for plugin-kit: the bridge talks to the kernel through netlink (rtnetlink, and
// nf_tables for the spoof check and masquerade), never by running ip, tc, bridge, sysctl
// or nft; it starts no process at all. bridge-no-exec.netns.test.ts proves it on the
// built plugin with strace. Tests and their helpers may run tools.
const runtimeFiles = [...new Bun.Glob('*.ts').scanSync(import.meta.dir)].filter(
  (file) => !file.includes('.test.') && file !== '_test-world.ts',
);
const forbidden =
  /(?:spawn(?:Sync)?|exec(?:File)?(?:Sync)?|\$)\s*\(?\s*[[`'"]\s*['"`]?(?:\/usr)?(?:\/s?bin\/)?(ip|tc|bridge|sysctl|nft)\b/;

describe('bridge runtime code', () => {
  test('never runs ip, tc, bridge, sysctl or nft, and starts no process', () => {
    expect(runtimeFiles.length).toBeGreaterThan(10);
    const read = (file: string) => readFileSync(`${import.meta.dir}/${file}`, 'utf8');
    expect(runtimeFiles.filter((file) => forbidden.test(read(file)))).toEqual([]);
    expect(
      runtimeFiles.filter((file) => /\b(spawn(Sync)?|exec(File)?(Sync)?)\(/.test(read(file))),
    ).toEqual([]);
  });
});
