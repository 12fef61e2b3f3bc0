import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pluginNames } from '../packages/plugins/src/registry.ts';

// scripts/install into a temporary directory (never /opt): builds once, links every
// plugin, replaces foreign files of the same name, and stays idempotent. The installed
// plugins are only run for VERSION, which touches nothing. No root needed.

const INSTALL = join(import.meta.dir, 'install');
const MULTICALL = 'cni-ts-plugins';
let root = '';
let bin = '';
let tools = '';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function install(args: readonly string[]): Run {
  const run = Bun.spawnSync(['bash', INSTALL, '--no-setup', ...args], {
    stdout: 'pipe',
    stderr: 'pipe',
  });
  return { code: run.exitCode, stdout: run.stdout.toString(), stderr: run.stderr.toString() };
}

function version(path: string): unknown {
  const run = Bun.spawnSync([path], {
    env: { CNI_COMMAND: 'VERSION' },
    stdin: 'ignore',
    stdout: 'pipe',
  });
  return JSON.parse(run.stdout.toString());
}

let first: Run;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'cni-ts-install-'));
  bin = join(root, 'bin');
  tools = join(root, 'tools');
  mkdirSync(bin);
  // What an earlier installation may have left: a Go plugin of a name we install, a link
  // of ours for a plugin this build no longer has, and an unrelated plugin.
  writeFileSync(join(bin, 'loopback'), 'not really a Go plugin\n', { mode: 0o755 });
  symlinkSync(MULTICALL, join(bin, 'retired-plugin'));
  writeFileSync(join(bin, 'someone-elses-plugin'), 'keep me\n', { mode: 0o755 });
  first = install(['--dir', bin, '--cnitool-dir', tools]);
});

afterAll(() => {
  if (root !== '') rmSync(root, { recursive: true, force: true });
});

describe('scripts/install', () => {
  test('installs the executable and one link per registered plugin', () => {
    expect(first.stderr).not.toContain('failed');
    expect(first.code).toBe(0);
    expect(lstatSync(join(bin, MULTICALL)).isFile()).toBe(true);
    for (const name of pluginNames) {
      expect(lstatSync(join(bin, name)).isSymbolicLink()).toBe(true);
      expect(readlinkSync(join(bin, name))).toBe(MULTICALL);
    }
    expect(first.stdout).toContain(
      `done: ${bin} holds ${pluginNames.length} plugin link(s): ${pluginNames.join(' ')}`,
    );
  });

  test('the installed loopback answers VERSION', () => {
    expect(version(join(bin, 'loopback'))).toEqual({
      cniVersion: '1.1.0',
      supportedVersions: ['0.1.0', '0.2.0', '0.3.0', '0.3.1', '0.4.0', '1.0.0', '1.1.0'],
    });
  });

  test('says what it replaced, removes its own stale links and leaves other files alone', () => {
    expect(first.stdout).toContain(`replaced  ${join(bin, 'loopback')} (was a file of 23 bytes)`);
    expect(first.stdout).toContain(`removed   ${join(bin, 'retired-plugin')}`);
    expect(existsSync(join(bin, 'retired-plugin'))).toBe(false);
    expect(readFileSync(join(bin, 'someone-elses-plugin'), 'utf8')).toBe('keep me\n');
  });

  test('installs cnitool when asked', () => {
    expect(first.stdout).toContain(`installed ${join(tools, 'cnitool')}`);
    const run = Bun.spawnSync([join(tools, 'cnitool'), '--version'], { stdout: 'pipe' });
    expect(run.exitCode).toBe(0);
    expect(run.stdout.toString()).toMatch(/\d+\.\d+\.\d+/);
  });

  test('leaves no temporary file behind', () => {
    expect(readdirSync(bin).sort()).toEqual(
      [MULTICALL, ...pluginNames, 'someone-elses-plugin'].sort(),
    );
    expect(readdirSync(tools)).toEqual(['cnitool']);
  });

  test('a second run replaces the executable and keeps the links', () => {
    const again = install(['--dir', bin]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`updated   ${join(bin, MULTICALL)}`);
    for (const name of pluginNames) {
      expect(again.stdout).toContain(`unchanged ${join(bin, name)} -> ${MULTICALL}`);
    }
    expect(again.stdout).not.toContain('replaced');
    expect(version(join(bin, 'loopback'))).toMatchObject({ cniVersion: '1.1.0' });
  });

  test('fails without touching anything when the directory cannot be made', () => {
    const blocker = join(root, 'a-file');
    writeFileSync(blocker, '');
    const run = install(['--dir', join(blocker, 'bin')]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`cannot create ${join(blocker, 'bin')}`);
    expect(readFileSync(blocker, 'utf8')).toBe('');
  });

  test('rejects an unknown argument with the usage', () => {
    const run = install(['--prefix', '/usr']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown argument --prefix');
    expect(run.stderr).toContain('bash scripts/install [--dir DIR]');
  });
});
