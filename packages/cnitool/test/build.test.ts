import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makePluginDir, type PluginDir } from '../../libcni/test/_plugins.ts';
import { containerIdForNetns } from '../src/index.ts';
import { type ConfDir, makeConfDir } from './_cli.ts';

// The package's build script makes one self-contained executable; build it into a
// temporary directory and use it.

const PACKAGE_DIR = join(import.meta.dir, '..');
let outDir: string;
let binary: string;
let plugins: PluginDir;
let conf: ConfDir;

beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), 'cnitool-build-'));
  binary = join(outDir, 'cnitool');
  plugins = makePluginDir({ noop: 'noop' });
  conf = makeConfDir();
  conf.write('10-net.conflist', { cniVersion: '1.0.0', name: 'net', plugins: [{ type: 'noop' }] });
});

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
  plugins.remove();
  conf.remove();
});

function run(argv: readonly string[]): { code: number; stdout: string; stderr: string } {
  const result = Bun.spawnSync([binary, ...argv], {
    env: {
      ...plugins.env,
      NETCONFPATH: conf.confDir,
      CNI_PATH: plugins.dir,
      CNI_CACHE_DIR: conf.cacheDir,
    },
  });
  return {
    code: result.exitCode,
    stdout: result.stdout.toString(),
    stderr: result.stderr.toString(),
  };
}

describe('bun build --compile', () => {
  test('builds a single executable with the build script', () => {
    const pkg = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as {
      scripts: { build: string };
    };
    expect(pkg.scripts.build).toBe(
      'bun build --compile --minify --bytecode --format=esm src/main.ts --outfile dist/cnitool',
    );
    const argv = pkg.scripts.build.replace('dist/cnitool', binary).split(' ');
    const build = Bun.spawnSync([process.execPath, ...argv.slice(1)], { cwd: PACKAGE_DIR });
    expect(build.stderr.toString()).toBe('');
    expect(build.exitCode).toBe(0);
  });

  test('prints its help', () => {
    const help = run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('USAGE cnitool add|check|del|gc|status|run|ls|validate');
  });

  test('attaches, lists and detaches with a real plugin', () => {
    const add = run(['add', 'net', '/run/netns/built']);
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(JSON.parse(add.stdout)).toMatchObject({ cniVersion: '1.0.0' });
    const ls = run(['ls', '--json']);
    expect(JSON.parse(ls.stdout).attachments).toEqual([
      {
        network: 'net',
        containerId: containerIdForNetns('/run/netns/built'),
        ifName: 'eth0',
        netns: '/run/netns/built',
      },
    ]);
    expect(run(['del', 'net', '/run/netns/built']).code).toBe(0);
    expect(plugins.calls('noop').map((call) => call.command)).toEqual(['ADD', 'DEL']);
  });
});
