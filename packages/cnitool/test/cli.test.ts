import { describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import {
  CheckNotSupportedError,
  MultiError,
  NotFoundError,
  PluginError,
  PluginLookupError,
} from '@cni-ts/libcni';
import { CniError } from '@cni-ts/spec-types';
import { CNITOOL_VERSION, errorJson, subCommands } from '../src/index.ts';
import { cli } from './_cli.ts';

const MAIN = join(import.meta.dir, '..', 'src', 'main.ts');

describe('runCli', () => {
  test('prints the version for --version and -v', async () => {
    for (const flag of ['--version', '-v']) {
      const run = await cli([flag], {});
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toStartWith(`cnitool ${CNITOOL_VERSION}\n`);
    }
  });

  test('prints the usage with every command for --help, -h and help', async () => {
    for (const argv of [['--help'], ['-h'], ['help']]) {
      const run = await cli(argv, {});
      expect(run).toMatchObject({ code: 0, stderr: '' });
      for (const name of Object.keys(subCommands)) expect(run.stdout).toContain(`${name} `);
      expect(run.stdout).toContain('NETCONFPATH');
      expect(run.stdout).not.toContain('\u001b[');
    }
  });

  test('prints the usage on stderr and exits 1 without a command', async () => {
    const run = await cli([], {});
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('USAGE cnitool');
  });

  test.each(Object.keys(subCommands))('prints the usage of %s for --help', async (name) => {
    for (const argv of [
      [name, '--help'],
      [name, '-h'],
      ['help', name],
    ]) {
      const run = await cli(argv, {});
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toContain(`USAGE cnitool ${name}`);
    }
  });

  test('documents -i/--ifname and --cache-dir on the attachment commands', async () => {
    const run = await cli(['add', '--help'], {});
    expect(run.stdout).toContain('-i, --ifname=<name>');
    expect(run.stdout).toContain('--cache-dir=<dir>');
    expect(run.stdout).toContain('<NETWORK> <NETNS>');
  });

  test('rejects an unknown command', async () => {
    const run = await cli(['attach', 'x'], {});
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: 'cnitool: unknown command "attach"; see cnitool --help\n',
    });
  });

  test('run needs its command after --', async () => {
    const run = await cli(['run', '--net', 'x'], {});
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'cnitool run: give the command after "--", e.g. cnitool run -- ip addr; see cnitool run --help\n',
    );
  });

  test('leaves --help after -- to the command run starts', async () => {
    // Not intercepted as help: run goes on and fails to find a network (no root needed).
    const run = await cli(['run', '--', 'ls', '--help'], { NETCONFPATH: '/nonexistent' });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stderr)).toEqual({
      code: 7,
      msg: 'no valid network configuration in /nonexistent',
    });
  });
});

describe('errorJson', () => {
  test('keeps a CniError with its code and details', () => {
    expect(errorJson(new CniError(4, 'bad', { details: 'why' }))).toEqual({
      code: 4,
      msg: 'bad',
      details: 'why',
    });
  });

  test('reads other failures as spec codes', () => {
    expect(errorJson(new NotFoundError('/d', 'n'))).toEqual({
      code: 7,
      msg: 'no net configuration with name "n" in /d',
    });
    expect(errorJson(new CheckNotSupportedError('0.3.1')).code).toBe(1);
    expect(errorJson(new Error('boom'))).toEqual({ code: 999, msg: 'boom' });
    const missing = new PluginError(
      'add',
      { type: 'x' },
      new PluginLookupError('not-found', 'x', ['/a']),
    );
    const expected = {
      code: 999,
      msg: 'plugin type="x" failed (add): failed to find plugin "x" in path [/a]',
    };
    expect(errorJson(missing)).toEqual(expected);
    expect(errorJson(MultiError.joined([missing])).code).toBe(999);
    expect(errorJson(new PluginError('add', { type: 'x' }, new CniError(4, 'bad'))).code).toBe(4);
    expect(
      errorJson(MultiError.joined([new Error('a'), new CniError(11, 'b'), new CniError(3, 'c')])),
    ).toEqual({ code: 11, msg: 'a\nb\nc' });
  });
});

describe('src/main.ts', () => {
  test('exits with the status runCli returns and prints errors as one JSON line', () => {
    const ok = Bun.spawnSync([process.execPath, MAIN, '--version']);
    expect(ok.exitCode).toBe(0);
    const bad = Bun.spawnSync([process.execPath, MAIN, 'add', 'x', '/run/netns/x'], {
      env: { PATH: process.env.PATH ?? '', NETCONFPATH: '/nonexistent', CNI_ARGS: 'oops' },
    });
    expect(bad.exitCode).toBe(1);
    expect(bad.stdout.toString()).toBe('');
    expect(bad.stderr.toString()).toBe('{"code":4,"msg":"invalid CNI_ARGS pair \\"oops\\""}\n');
  });
});
