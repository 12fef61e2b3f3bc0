import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from 'bun:test';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pluginNames } from '../packages/plugins/src/registry.ts';

// scripts/install --refuse-existing, --keep-existing and --uninstall in a temporary
// directory standing in for /opt/cni/bin, with two Go reference plugins there (stand-ins:
// their content tells them apart). Each install builds the executable once: a limit of
// its own.
setDefaultTimeout(120_000);

const INSTALL = join(import.meta.dir, 'install');
const MULTICALL = 'cni-ts-plugins';
const GO_PLUGINS = { loopback: 'go loopback\n', bridge: 'go bridge\n' } as const;
const UNRELATED = 'someone-elses-plugin';
let root = '';
let bin = '';

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

const listing = (dir: string) => readdirSync(dir).sort();

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'cni-ts-install-existing-'));
  bin = join(root, 'bin');
  mkdirSync(bin);
  for (const [name, content] of Object.entries(GO_PLUGINS)) {
    writeFileSync(join(bin, name), content, { mode: 0o755 });
  }
  writeFileSync(join(bin, UNRELATED), 'keep me\n', { mode: 0o755 });
});

afterAll(() => {
  if (root !== '') rmSync(root, { recursive: true, force: true });
});

describe('scripts/install with Go reference plugins in the directory', () => {
  test('--refuse-existing names the taken plugin names and changes nothing', () => {
    const run = install(['--dir', bin, '--refuse-existing']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('a plugin name is taken (nothing was changed)');
    expect(run.stderr).toContain(`${join(bin, 'loopback')} is a file of 12 bytes`);
    expect(run.stderr).toContain(`${join(bin, 'bridge')} is a file of 10 bytes`);
    expect(listing(bin)).toEqual(['bridge', 'loopback', UNRELATED]);
  });

  test('--keep-existing renames them to NAME.go-reference and links ours', () => {
    const run = install(['--dir', bin, '--keep-existing']);
    expect(run.stderr).not.toContain('failed');
    expect(run.code).toBe(0);
    for (const [name, content] of Object.entries(GO_PLUGINS)) {
      expect(run.stdout).toContain(
        `kept      ${join(bin, name)} as ${join(bin, name)}.go-reference`,
      );
      expect(readFileSync(join(bin, `${name}.go-reference`), 'utf8')).toBe(content);
      expect(readlinkSync(join(bin, name))).toBe(MULTICALL);
    }
    expect(listing(bin)).toEqual(
      [MULTICALL, ...pluginNames, UNRELATED, 'bridge.go-reference', 'loopback.go-reference'].sort(),
    );
  });

  test('--keep-existing again keeps our links and the kept files as they are', () => {
    const run = install(['--dir', bin, '--keep-existing']);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('kept');
    expect(run.stdout).toContain(`unchanged ${join(bin, 'loopback')} -> ${MULTICALL}`);
    expect(readFileSync(join(bin, 'loopback.go-reference'), 'utf8')).toBe(GO_PLUGINS.loopback);
  });

  test('--uninstall removes ours and puts the Go plugins back', () => {
    const run = install(['--dir', bin, '--uninstall']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`removed   ${join(bin, MULTICALL)}`);
    expect(run.stdout).toContain(
      `restored  ${join(bin, 'loopback')} (from ${join(bin, 'loopback')}.go-reference)`,
    );
    expect(listing(bin)).toEqual(['bridge', 'loopback', UNRELATED]);
    for (const [name, content] of Object.entries(GO_PLUGINS)) {
      expect(readFileSync(join(bin, name), 'utf8')).toBe(content);
    }
    expect(readFileSync(join(bin, UNRELATED), 'utf8')).toBe('keep me\n');
  });

  test('--keep-existing refuses when NAME and NAME.go-reference are both taken', () => {
    writeFileSync(join(bin, 'loopback.go-reference'), 'an older copy\n');
    const run = install(['--dir', bin, '--keep-existing']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${join(bin, 'loopback')}.go-reference exists too`);
    expect(listing(bin)).toEqual(['bridge', 'loopback', 'loopback.go-reference', UNRELATED]);
    expect(readFileSync(join(bin, 'loopback'), 'utf8')).toBe(GO_PLUGINS.loopback);
  });

  test('--uninstall of a directory that is not there changes nothing', () => {
    const missing = join(root, 'missing');
    const run = install(['--dir', missing, '--uninstall']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`nothing to uninstall: no ${missing}`);
    expect(existsSync(missing)).toBe(false);
  });
});
