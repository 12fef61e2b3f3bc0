import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  netnsSkipReason,
  runCommand,
  useTimeLimit,
} from '../../packages/plugin-kit/src/testing/index.ts';
import { pluginBinDir } from '../../packages/plugins/test/_binary.ts';
import { createPluginWorld, type PluginWorld } from '../../packages/plugins/test/_world.ts';
import { type ConfListJson, withHostLocalDataDir } from '../../scripts/lib/conf-rewrite.ts';
import { installFromTarballs } from '../../scripts/release/install-from-tarballs.ts';
import { packPackages } from '../../scripts/release/pack-packages.ts';

useTimeLimit('slow');

// The example as a third party has it: copied out of the workspace, its @cni-ts
// dependencies installed from the packed tarballs, compiled with `bun build --compile`,
// then chained after bridge and run through cnitool in throwaway namespaces (a "host"
// namespace for the plugin processes, a container namespace).

const EXAMPLE = import.meta.dir;
const CNITOOL = join(EXAMPLE, '..', '..', 'packages', 'cnitool', 'src', 'main.ts');
const CONFLIST = '10-link-alias.conflist';
const skip = netnsSkipReason();
let root = '';
let project = '';
let world: PluginWorld | undefined;

function cnitool(argv: readonly string[]): { code: number; stdout: string; stderr: string } {
  if (world === undefined) throw new Error('no world');
  const run = Bun.spawnSync(
    ['ip', 'netns', 'exec', world.host.name, process.execPath, CNITOOL, ...argv],
    {
      env: {
        PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin',
        NETCONFPATH: join(world.dir, 'net.d'),
        CNI_PATH: `${pluginBinDir()}:${join(project, 'bin')}`,
        CNI_CACHE_DIR: join(world.dir, 'cache'),
      },
      stdout: 'pipe',
      stderr: 'pipe',
    },
  );
  return { code: run.exitCode, stdout: run.stdout.toString(), stderr: run.stderr.toString() };
}

describe.skipIf(skip !== null)(
  `examples/third-party-plugin${skip ? ` (skipped: ${skip})` : ''}`,
  () => {
    beforeAll(() => {
      root = mkdtempSync(join(tmpdir(), 'cnits-third-party-'));
      project = join(root, 'link-alias');
      const packed = packPackages(join(root, 'tarballs'));
      cpSync(EXAMPLE, project, {
        recursive: true,
        filter: (src) => !/(node_modules|\/bin|\.test\.ts)$/.test(src),
      });
      installFromTarballs(project, packed);
      runCommand([process.execPath, 'run', 'build'], { cwd: project });
      world = createPluginWorld(1);
      const conf = JSON.parse(
        readFileSync(join(EXAMPLE, 'net.d', CONFLIST), 'utf8'),
      ) as ConfListJson;
      mkdirSync(join(world.dir, 'net.d'));
      writeFileSync(
        join(world.dir, 'net.d', CONFLIST),
        JSON.stringify(withHostLocalDataDir(conf, world.dataDir)),
      );
    });

    afterAll(() => {
      world?.remove();
      if (root !== '') rmSync(root, { recursive: true, force: true });
    });

    test('type-checks with its own tsconfig (tsc over the packed plugin-kit source)', () => {
      runCommand([process.execPath, 'run', 'typecheck'], { cwd: project });
    });

    test('the compiled plugin answers VERSION', () => {
      const out = runCommand([join(project, 'bin', 'link-alias')], {
        env: { CNI_COMMAND: 'VERSION' },
      });
      expect(JSON.parse(out.stdout)).toMatchObject({ cniVersion: '1.1.0' });
    });

    test('chained after bridge: ADD names the interface, CHECK passes, then fails on a changed alias, DEL', () => {
      const container = world?.containers[0];
      if (container === undefined) throw new Error('no container');
      const add = cnitool(['add', 'aliased', container.path]);
      expect(add.stderr).toBe('');
      expect(add.code).toBe(0);
      const result = JSON.parse(add.stdout) as { ips?: { address: string }[] };
      expect(result.ips?.[0]?.address).toBe('10.90.0.2/24');
      const link = container.exec(['ip', 'link', 'show', 'dev', 'eth0']);
      expect(link).toMatch(/alias cni:aliased:\S+/);

      expect(cnitool(['check', 'aliased', container.path]).code).toBe(0);
      container.exec(['ip', 'link', 'set', 'dev', 'eth0', 'alias', 'changed by hand']);
      const check = cnitool(['check', 'aliased', container.path]);
      expect(check.code).not.toBe(0);
      const failure = JSON.parse(check.stderr) as { code: number; msg: string };
      expect(failure.code).toBe(999);
      expect(failure.msg).toContain('eth0 has alias "changed by hand", expected "cni:aliased:');

      const del = cnitool(['del', 'aliased', container.path]);
      expect(del.code).toBe(0);
      expect(container.exec(['ip', '-o', 'link', 'show'])).not.toContain('eth0');
      expect(cnitool(['del', 'aliased', container.path]).code).toBe(0);
    });
  },
);
