// The multicall executable as a runtime starts it: by plugin name, by its own name, and
// from a working directory it must not read anything from.
import { describe, expect, test } from 'bun:test';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pluginNames } from '../src/registry.ts';
import { MULTICALL_NAME, pluginBinDir } from './_binary.ts';

const dir = pluginBinDir();

function run(argv: readonly string[], env: Record<string, string>, cwd?: string) {
  const done = Bun.spawnSync([...argv], {
    env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', ...env },
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
    ...(cwd === undefined ? {} : { cwd }),
  });
  return {
    exitCode: done.exitCode,
    stdout: done.stdout.toString(),
    stderr: done.stderr.toString(),
  };
}

describe('the multicall executable', () => {
  test('answers VERSION under every plugin name', () => {
    for (const name of pluginNames) {
      const out = run([join(dir, name)], { CNI_COMMAND: 'VERSION' });
      expect(out.exitCode).toBe(0);
      expect(JSON.parse(out.stdout).supportedVersions).toContain('1.1.0');
    }
  });

  test('lists the plugins under its own name, and refuses an unknown one with code 999', () => {
    const list = run([join(dir, MULTICALL_NAME)], {});
    expect(list.stdout).toContain(`Plugins: ${pluginNames.join(', ')}`);
    const unknown = run([join(dir, MULTICALL_NAME), 'nope'], {});
    expect(unknown.exitCode).toBe(1);
    expect(JSON.parse(unknown.stdout)).toMatchObject({ code: 999 });
  });

  test('reads the whole config when it arrives in parts through a pipe', async () => {
    const config = JSON.stringify({
      cniVersion: '1.0.0',
      name: 'parts',
      type: 'static',
      ipam: { type: 'static', addresses: [{ address: '10.222.0.5/24' }] },
      padding: 'x'.repeat(100_000), // more than one pipe buffer and one read
    });
    const child = Bun.spawn([join(dir, 'static')], {
      env: {
        PATH: '/usr/bin:/bin',
        CNI_COMMAND: 'ADD',
        CNI_CONTAINERID: 'parts-1',
        CNI_NETNS: '/run/netns/parts',
        CNI_NETNS_OVERRIDE: '1',
        CNI_IFNAME: 'eth0',
        CNI_PATH: dir,
      },
      stdin: 'pipe',
      stdout: 'pipe',
      stderr: 'pipe',
    });
    const half = Math.floor(config.length / 2);
    child.stdin.write(config.slice(0, half));
    await child.stdin.flush();
    await Bun.sleep(200);
    child.stdin.write(config.slice(half));
    await child.stdin.end();
    const stdout = await new Response(child.stdout).text();
    expect(await child.exited).toBe(0);
    expect(JSON.parse(stdout).ips[0].address).toBe('10.222.0.5/24');
  });

  test('reads no .env or bunfig.toml from the working directory', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'cnits-cwd-'));
    try {
      const marker = join(cwd, 'preloaded');
      writeFileSync(join(cwd, '.env'), 'CNI_COMMAND=VERSION\n');
      writeFileSync(
        join(cwd, 'preload.ts'),
        `require('node:fs').writeFileSync(${JSON.stringify(marker)}, '1');\n`,
      );
      writeFileSync(join(cwd, 'bunfig.toml'), 'preload = ["./preload.ts"]\n');
      // Without CNI_COMMAND the plugin prints its about text; a loaded .env would make it VERSION.
      const out = run([join(dir, 'bridge')], {}, cwd);
      expect(out.stdout).not.toContain('supportedVersions');
      expect(out.stderr).toContain('CNI bridge plugin');
      expect(existsSync(marker)).toBe(false);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
