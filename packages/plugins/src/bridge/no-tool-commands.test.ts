import { describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import type { CommandRunner } from '@cni-ts/plugin-kit';
import { applyNftJson, runNft } from './_nft.ts';

// As for plugin-kit: the bridge talks to the kernel through netlink, never by running ip,
// tc, bridge or sysctl. The only process it starts is nft (the spoof check), through
// _nft.ts; masquerade rules go through plugin-kit. Tests and their helpers may run ip.
const runtimeFiles = [...new Bun.Glob('*.ts').scanSync(import.meta.dir)].filter(
  (file) => !file.includes('.test.') && file !== '_test-world.ts',
);
const forbidden =
  /(?:spawn(?:Sync)?|exec(?:File)?(?:Sync)?|\$)\s*\(?\s*[[`'"]\s*['"`]?(?:\/usr)?(?:\/s?bin\/)?(ip|tc|bridge|sysctl)\b/;

describe('bridge runtime code', () => {
  test('never runs ip, tc, bridge or sysctl, and starts processes only in _nft.ts', () => {
    expect(runtimeFiles.length).toBeGreaterThan(10);
    const read = (file: string) => readFileSync(`${import.meta.dir}/${file}`, 'utf8');
    expect(runtimeFiles.filter((file) => forbidden.test(read(file)))).toEqual([]);
    expect(runtimeFiles.filter((file) => /\bspawn(Sync)?\(/.test(read(file)))).toEqual(['_nft.ts']);
  });

  test('what _nft.ts runs is nft', () => {
    const argv: string[][] = [];
    const runner: CommandRunner = (args) => {
      argv.push([...args]);
      return { exitCode: 0, stdout: '', stderr: '' };
    };
    runNft(['-j', 'list', 'tables'], runner);
    applyNftJson([{ add: { table: { family: 'bridge', name: 'nat' } } }], runner);
    expect(argv.map((args) => args[0])).toEqual(['nft', 'nft']);
  });
});
