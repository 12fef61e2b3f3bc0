import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from 'bun:test';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../../packages/plugin-kit/src/testing/index.ts';
import { createConsumerProject } from './consumer-project.ts';
import { type PackedPackage, packPackages } from './pack-packages.ts';
import { REPO_ROOT } from './packages.ts';
import { formatSizeTable } from './size-table.ts';
import { tarballProblems } from './tarball-problems.ts';

// The packages as a user gets them: packed to tarballs, installed into a fresh project in
// a temp dir outside the workspace, used from Node (spec-types) and Bun (all of them).
// Packing builds spec-types and installing reaches the npm registry: a limit of its own.
setDefaultTimeout(120_000);

const TSC = join(REPO_ROOT, 'node_modules', '.bin', 'tsc');

let root = '';
let project = '';
let packed: PackedPackage[] = [];

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'cni-ts-pack-'));
  project = join(root, 'consumer');
  packed = packPackages(join(root, 'tarballs'));
  process.stdout.write(`\n${formatSizeTable(packed)}\n`);
  createConsumerProject(project, packed);
});

afterAll(() => {
  if (root !== '') rmSync(root, { recursive: true, force: true });
});

describe('the tarballs', () => {
  test('all five are packed', () => {
    expect(packed.map((pkg) => pkg.packageName)).toEqual([
      '@cni-ts/spec-types',
      '@cni-ts/libcni',
      '@cni-ts/plugin-kit',
      '@cni-ts/plugins',
      '@cni-ts/cnitool',
    ]);
  });

  test('hold README, LICENSE, typed exports and real versions, and no tests or fixtures', () => {
    expect(packed.flatMap(tarballProblems)).toEqual([]);
  });

  test('spec-types ships its Node build and declarations', () => {
    const specTypes = packed.find((pkg) => pkg.name === 'spec-types');
    expect(specTypes?.files).toContain('dist/index.js');
    expect(specTypes?.files).toContain('dist/types/index.d.ts');
  });

  test('the @cni-ts dependencies name the version packed beside them', () => {
    const libcni = packed.find((pkg) => pkg.name === 'libcni');
    expect(libcni?.manifest.dependencies?.['@cni-ts/spec-types']).toBe('0.1.0');
  });
});

describe('a fresh project outside the workspace', () => {
  test('has every @cni-ts package installed once, from its tarball (no links)', () => {
    expect(project.startsWith(REPO_ROOT)).toBe(false);
    const installed = readdirSync(join(project, 'node_modules', '@cni-ts')).sort();
    expect(installed).toEqual(['cnitool', 'libcni', 'plugin-kit', 'plugins', 'spec-types']);
    for (const name of installed) {
      const dir = join(project, 'node_modules', '@cni-ts', name);
      expect(lstatSync(dir).isSymbolicLink()).toBe(false);
      expect(readdirSync(dir)).not.toContain('node_modules');
    }
  });

  test('Node 20 imports spec-types (ESM) after tsc checks the consumer against its types', () => {
    runCommand([TSC, '-p', 'tsconfig.json'], { cwd: project });
    const out = runCommand(['node', 'out/node-consumer.js'], { cwd: project });
    expect(JSON.parse(out.stdout)).toEqual({
      name: 'consumer',
      plugins: 2,
      converted: {
        cniVersion: '1.1.0',
        ips: [{ address: '10.1.0.2/24', gateway: '10.1.0.1' }],
        dns: {},
      },
      versions: 7,
    });
  });

  test('Bun imports spec-types', () => {
    const out = runCommand([process.execPath, 'bun-spec-types.ts'], { cwd: project });
    expect(JSON.parse(out.stdout)).toEqual({ name: 'bun-consumer', type: 'loopback' });
  });

  describe('a plugin built with plugin-kit, run by libcni and by the cnitool bin', () => {
    const env = () => ({
      ...process.env,
      CNI_NETNS_OVERRIDE: '1',
      NETCONFPATH: join(project, 'net.d'),
      CNI_PATH: join(project, 'bin'),
      CNI_CACHE_DIR: join(project, 'cache'),
    });

    beforeAll(() => {
      mkdirSync(join(project, 'net.d'));
      writeFileSync(
        join(project, 'net.d', '10-consumer.conflist'),
        JSON.stringify({
          cniVersion: '1.1.0',
          name: 'consumer',
          plugins: [{ type: 'tagger', tag: 'example.test' }],
        }),
      );
      const build = ['build', '--compile', 'tagger-plugin.ts', '--outfile', 'bin/tagger'];
      runCommand([process.execPath, ...build], { cwd: project });
    });

    test('libcni loads the conflist, ADDs and DELs it', () => {
      const args = ['bun-libcni.ts', 'net.d', join(project, 'bin'), join(project, 'cache')];
      const out = runCommand([process.execPath, ...args], { cwd: project, env: env() });
      expect(JSON.parse(out.stdout)).toEqual({
        cniVersion: '1.1.0',
        dns: { search: ['example.test'] },
      });
    });

    test('node_modules/.bin/cnitool lists the network, adds and deletes it', () => {
      const cnitool = join(project, 'node_modules', '.bin', 'cnitool');
      const ls = runCommand([cnitool, 'ls'], { cwd: project, env: env() });
      expect(ls.stdout).toMatch(/10-consumer\.conflist\s+consumer\s+1\.1\.0\s+tagger/);
      const add = runCommand([cnitool, 'add', 'consumer', '/var/run/netns/consumer2'], {
        cwd: project,
        env: env(),
      });
      expect(JSON.parse(add.stdout)).toEqual({
        cniVersion: '1.1.0',
        dns: { search: ['example.test'] },
      });
      runCommand([cnitool, 'del', 'consumer', '/var/run/netns/consumer2'], {
        cwd: project,
        env: env(),
      });
    });
  });
});
