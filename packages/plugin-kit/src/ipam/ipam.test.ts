import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { chmodSync, linkSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeExec } from '@cni-ts/libcni/testing';
import { isCniError, type Result100 } from '@cni-ts/spec-types';
import { contextFor } from '../testing/plugin-context.ts';
import { tinyIpam } from './fixtures/tiny-ipam.ts';
import { InProcessExec, type InProcessPlugin, isSameFile } from './in-process-exec.ts';
import { ipamAdd, ipamCheck, ipamDel, ipamGc, ipamStatus } from './ipam.ts';

// Two fake CNI_PATH directories holding `tiny-ipam`: in `spawnDir` a script that runs the
// tiny plugin with bun (a separate process), in `selfDir` a link to the running executable
// (as the multicall binary is installed), which the in-process shortcut recognises.
let root = '';
let spawnDir = '';
let selfDir = '';

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'cnits-ipam-'));
  spawnDir = join(root, 'spawn');
  selfDir = join(root, 'self');
  for (const dir of [spawnDir, selfDir]) Bun.spawnSync(['mkdir', '-p', dir]);
  const script = join(spawnDir, 'tiny-ipam');
  const main = join(import.meta.dir, 'fixtures', 'tiny-ipam-main.ts');
  writeFileSync(script, `#!/bin/sh\nexec '${process.execPath}' '${main}'\n`);
  chmodSync(script, 0o755);
  symlinkSync(process.execPath, join(selfDir, 'tiny-ipam'));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

function config(cniVersion: string) {
  return {
    cniVersion,
    name: 'net1',
    type: 'bridge',
    ipam: { type: 'tiny-ipam', address: '10.1.2.3/24', gateway: '10.1.2.1' },
  };
}

/** The tiny plugin, counting the runs that reach it in process. */
function counted() {
  const runs: Parameters<InProcessPlugin['invoke']>[0][] = [];
  const plugin: InProcessPlugin = {
    invoke: (input) => {
      runs.push(input);
      return tinyIpam.invoke(input);
    },
  };
  const resolve = (type: string) => (type === 'tiny-ipam' ? plugin : undefined);
  return { runs, resolve };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return undefined;
}

const EXPECTED: Result100 = {
  cniVersion: '1.1.0',
  ips: [{ address: '10.1.2.3/24', gateway: '10.1.2.1' }],
  routes: [{ dst: '0.0.0.0/0' }],
  dns: { nameservers: ['10.0.0.53'] },
};

describe('ipamAdd', () => {
  test('spawns the IPAM plugin found on CNI_PATH and returns its result as 1.1.0', async () => {
    const ctx = contextFor({ config: config('0.4.0'), path: [spawnDir], containerId: 'c1' });
    expect(await ipamAdd(ctx, 'tiny-ipam')).toEqual(EXPECTED);
  });

  test('runs the plugin in process when CNI_PATH leads to this executable, same result', async () => {
    const { runs, resolve } = counted();
    const ctx = contextFor({ config: config('0.4.0'), path: [selfDir], containerId: 'c1' });
    const inProcess = await ipamAdd(ctx, 'tiny-ipam', { resolve });
    const spawned = await ipamAdd(
      contextFor({ config: config('0.4.0'), path: [spawnDir], containerId: 'c1' }),
      'tiny-ipam',
      { resolve },
    );
    expect(inProcess).toEqual(spawned);
    expect(runs).toHaveLength(1);
    const [run] = runs;
    expect(run?.env.CNI_COMMAND).toBe('ADD');
    expect(run?.env.CNI_CONTAINERID).toBe('c1');
    expect(run?.env.CNI_PATH).toBe(selfDir);
    expect(run?.stdin).toEqual(ctx.stdin);
  });

  test('passes the context environment with CNI_COMMAND replaced and the same stdin', async () => {
    const exec = new FakeExec({ plugins: { 'tiny-ipam': { cniVersion: '1.0.0', ips: [] } } });
    const ctx = contextFor({
      config: config('1.0.0'),
      command: 'DEL',
      path: ['/nowhere', '/opt/cni/bin'],
      env: { CNI_COMMAND: 'DEL', CNI_IFNAME: 'eth0', CUSTOM: 'kept' },
    });
    await ipamAdd(ctx, 'tiny-ipam', { exec });
    const [call] = exec.calls;
    expect(call?.pluginPath).toBe('/nowhere/tiny-ipam');
    expect(call?.env).toMatchObject({
      CNI_COMMAND: 'ADD',
      CNI_IFNAME: 'eth0',
      CUSTOM: 'kept',
      CNI_PATH: '/nowhere:/opt/cni/bin',
    });
    expect(call?.stdin).toBe(new TextDecoder().decode(ctx.stdin));
  });

  test('fails with the lookup error when the plugin is not on CNI_PATH', async () => {
    const ctx = contextFor({ config: config('1.0.0'), path: [root] });
    const error = await failure(ipamAdd(ctx, 'tiny-ipam'));
    expect((error as Error).message).toBe(`failed to find plugin "tiny-ipam" in path [${root}]`);
  });
});

describe('ipamDel, ipamCheck, ipamStatus, ipamGc', () => {
  for (const mode of ['spawned', 'in process'] as const) {
    test(`succeed and pass errors through as CniError (${mode})`, async () => {
      const { runs, resolve } = counted();
      const dir = mode === 'spawned' ? spawnDir : selfDir;
      const options = mode === 'spawned' ? {} : { resolve };
      const ctx = (containerId: string) =>
        contextFor({ config: config('1.1.0'), path: [dir], containerId });
      await ipamDel(ctx('c1'), 'tiny-ipam', options);
      await ipamCheck(ctx('c1'), 'tiny-ipam', options);
      await ipamStatus(ctx('c1'), 'tiny-ipam', options);
      await ipamGc(ctx('c1'), 'tiny-ipam', options);
      const error = await failure(ipamDel(ctx('fail'), 'tiny-ipam', options));
      expect(isCniError(error)).toBe(true);
      expect(error).toMatchObject({ code: 11, msg: 'try again', details: 'busy' });
      expect(runs.map((run) => run.env.CNI_COMMAND)).toEqual(
        mode === 'spawned' ? [] : ['DEL', 'CHECK', 'STATUS', 'GC', 'DEL'],
      );
    });
  }
});

describe('InProcessExec', () => {
  test('takes the shortcut only for this executable and a type the resolver knows', () => {
    const { resolve } = counted();
    const exec = new InProcessExec({ resolve });
    expect(exec.pluginFor(join(selfDir, 'tiny-ipam'))).toBeDefined();
    expect(exec.pluginFor(join(spawnDir, 'tiny-ipam'))).toBeUndefined();
    expect(exec.pluginFor(join(selfDir, 'other'))).toBeUndefined();
  });

  test("looks plugins up as libcni does, over libc: the first regular file wins, upstream's errors", async () => {
    const exec = new InProcessExec({ resolve: () => undefined });
    const dirOnly = join(root, 'dir-only');
    Bun.spawnSync(['mkdir', '-p', join(dirOnly, 'tiny-ipam')]);
    expect(await exec.findInPath('tiny-ipam', [dirOnly, spawnDir, selfDir])).toBe(
      join(spawnDir, 'tiny-ipam'),
    );
    expect(await exec.findInPath('tiny-ipam', [join(root, 'missing'), selfDir])).toBe(
      join(selfDir, 'tiny-ipam'),
    );
    await expect(exec.findInPath('absent', [spawnDir])).rejects.toThrow(
      `failed to find plugin "absent" in path [${spawnDir}]`,
    );
    await expect(exec.findInPath('a/b', [spawnDir])).rejects.toThrow('invalid plugin name: a/b');
    await expect(exec.findInPath('tiny-ipam', [])).rejects.toThrow('no paths provided');
  });

  test('recognises a hard link of the executable as the same file', () => {
    const copy = join(root, 'hard');
    const target = join(root, 'target');
    writeFileSync(target, 'x');
    linkSync(target, copy);
    expect(isSameFile(copy, target)).toBe(true);
    expect(isSameFile(copy, join(spawnDir, 'tiny-ipam'))).toBe(false);
    expect(isSameFile(join(root, 'missing'), target)).toBe(false);
  });

  test('turns a failed in-process run into the CniError a spawned run would give', async () => {
    const outputs = [
      { exitCode: 1 as const, stdout: '', stderr: '' },
      { exitCode: 1 as const, stdout: '', stderr: 'boom' },
      { exitCode: 1 as const, stdout: '{"code":7,"msg":"bad config"}', stderr: '' },
      { exitCode: 1 as const, stdout: 'not json', stderr: '' },
    ];
    const messages: string[] = [];
    for (const output of outputs) {
      const exec = new InProcessExec({ resolve: () => ({ invoke: async () => output }) });
      const error = await failure(
        exec.execPlugin(join(selfDir, 'tiny-ipam'), new Uint8Array(), {}),
      );
      expect(isCniError(error)).toBe(true);
      messages.push((error as Error).message);
    }
    expect(messages.slice(0, 3)).toEqual([
      'netplugin failed with no error message: exit status 1',
      'netplugin failed: "boom": exit status 1',
      'bad config',
    ]);
    expect(messages[3]).toStartWith(
      'netplugin failed but error parsing its diagnostic message "not json"',
    );
  });
});
