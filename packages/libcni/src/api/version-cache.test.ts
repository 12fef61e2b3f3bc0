import { afterEach, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CniError, stringifyVersionInfo } from '@cni-ts/spec-types';
import {
  type FakeCni,
  fakeCni,
  listOf,
  RUNTIME,
  result100,
  stdinOf,
} from '../../test/_fake-cni.ts';
import { networkPluginConfFromBytes } from '../conf/plugin-conf-from-bytes.ts';
import { isAborted } from '../errors/is-aborted.ts';
import type { Exec } from '../invoke/exec.ts';
import { type FakeCall, FakeExec, passthrough } from '../testing/fake-exec.ts';
import { CniConfig } from './cni-config.ts';

// CniConfig keeps each plugin file's VERSION answer (see _version-cache.ts): these tests
// count the VERSION runs a FakeExec sees. FakeExec.replace(plugin) stands for a new binary.

let fake: FakeCni;

afterEach(() => {
  fake.remove();
});

/** A list that asks for negotiation: 1.1.0 preferred, 1.0.0 acceptable. */
function negotiated(types: readonly string[]) {
  return listOf(
    '1.1.0',
    types.map((type) => ({ type })),
    { cniVersions: ['1.0.0', '1.1.0'] },
  );
}

/** The VERSION runs seen so far, as `"VERSION <plugin>"`. */
function versionRuns(): string[] {
  return fake.exec.commands().filter((command) => command.startsWith('VERSION '));
}

/** A fake plugin whose VERSION answer is `versions()` at the time it is asked. */
function answering(versions: () => readonly string[]) {
  return (call: FakeCall) => {
    if (call.command === 'VERSION') return stringifyVersionInfo(versions());
    return call.command === 'ADD' ? result100() : undefined;
  };
}

async function addCheckDel(cni: CniConfig, list = negotiated(['a', 'b'])): Promise<void> {
  await cni.addNetworkList(list, RUNTIME);
  await cni.checkNetworkList(list, RUNTIME);
  await cni.delNetworkList(list, RUNTIME);
}

describe('CniConfig keeps VERSION answers', () => {
  test('only the first operation on a cniVersions list runs VERSION; the rest run none', async () => {
    fake = fakeCni({ a: result100(), b: passthrough() }, ['0.4.0', '1.0.0']);
    await addCheckDel(fake.cni);
    await addCheckDel(fake.cni);
    await fake.cni.gcNetworkList(negotiated(['a', 'b']));
    expect(fake.exec.commands()).toEqual([
      'VERSION a',
      'VERSION b',
      'ADD a',
      'ADD b',
      'CHECK a',
      'CHECK b',
      'DEL b',
      'DEL a',
      'ADD a',
      'ADD b',
      'CHECK a',
      'CHECK b',
      'DEL b',
      'DEL a',
    ]);
    // Every run went at the negotiated 1.0.0, the kept answers as good as fresh ones.
    const versions = fake.exec.calls.filter((c) => c.command !== 'VERSION').map(stdinOf);
    expect(new Set(versions.map((stdin) => stdin.cniVersion))).toEqual(new Set(['1.0.0']));
  });

  test('validation and getVersionInfo use the same answers', async () => {
    fake = fakeCni({ a: result100(), b: passthrough() }, ['0.4.0', '1.0.0']);
    const list = negotiated(['a', 'b']);
    expect(await fake.cni.validateNetworkList(list)).toEqual([]);
    expect(versionRuns()).toEqual(['VERSION a', 'VERSION b']); // once, not once more to validate
    await fake.cni.addNetworkList(list, RUNTIME);
    await fake.cni.validateNetwork(networkPluginConfFromBytes('{"cniVersion":"1.0.0","type":"a"}'));
    expect((await fake.cni.getVersionInfo('b')).supportedVersions).toEqual(['0.4.0', '1.0.0']);
    expect(versionRuns()).toEqual(['VERSION a', 'VERSION b']);
  });

  test('a replaced plugin file is asked once more, and its new answer is used', async () => {
    let aSpeaks: readonly string[] = ['0.4.0', '1.0.0'];
    fake = fakeCni({ a: answering(() => aSpeaks), b: passthrough() });
    const list = negotiated(['a', 'b']);
    await fake.cni.addNetworkList(list, RUNTIME);
    aSpeaks = ['0.4.0', '1.0.0', '1.1.0'];
    await fake.cni.checkNetworkList(list, RUNTIME); // same file: the kept answer, 1.0.0
    fake.exec.replace('a');
    await fake.cni.delNetworkList(list, RUNTIME); // new file: asked again, now 1.1.0
    await fake.cni.addNetworkList(list, RUNTIME);
    expect(fake.exec.commands()).toEqual([
      'VERSION a',
      'VERSION b',
      'ADD a',
      'ADD b',
      'CHECK a',
      'CHECK b',
      'VERSION a',
      'DEL b',
      'DEL a',
      'ADD a',
      'ADD b',
    ]);
    const ran = fake.exec.calls.filter((c) => c.command !== 'VERSION');
    expect(ran.map((call) => stdinOf(call).cniVersion)).toEqual([
      '1.0.0',
      '1.0.0',
      '1.0.0',
      '1.0.0',
      '1.1.0',
      '1.1.0',
      '1.1.0',
      '1.1.0',
    ]);
  });

  test('a failed VERSION is not kept: the next operation asks again', async () => {
    let failing = true;
    fake = fakeCni({
      a: (call) => {
        if (call.command === 'VERSION' && failing) throw new CniError(11, 'not today');
        return answering(() => ['0.4.0', '1.0.0'])(call);
      },
    });
    const list = negotiated(['a']);
    // As without a cache: a plugin that cannot be asked leaves the list at 1.1.0.
    expect((await fake.cni.negotiatedList(list)).cniVersion).toBe('1.1.0');
    expect((await fake.cni.negotiatedList(list)).cniVersion).toBe('1.1.0');
    await expect(fake.cni.getVersionInfo('a')).rejects.toThrow('not today');
    // Validation asks twice (to negotiate, then to validate), as it would without a cache.
    await expect(fake.cni.validateNetworkList(list)).rejects.toThrow('not today');
    expect(versionRuns()).toHaveLength(5);
    failing = false;
    expect((await fake.cni.negotiatedList(list)).cniVersion).toBe('1.0.0');
    expect((await fake.cni.negotiatedList(list)).cniVersion).toBe('1.0.0');
    expect(versionRuns()).toHaveLength(6);
  });

  test('a missing plugin is looked up every time, never answered from before', async () => {
    fake = fakeCni({ a: undefined });
    const list = negotiated(['a', 'gone']);
    expect((await fake.cni.negotiatedList(list)).cniVersion).toBe('1.1.0');
    await expect(fake.cni.getVersionInfo('gone')).rejects.toThrow('failed to find plugin "gone"');
    expect(versionRuns()).toEqual(['VERSION a']);
  });

  test('concurrent operations share one pending VERSION', async () => {
    fake = fakeCni({ a: result100() }, ['0.4.0', '1.0.0']);
    const list = negotiated(['a']);
    const lists = await Promise.all([1, 2, 3].map(() => fake.cni.negotiatedList(list)));
    expect(lists.map((l) => l.cniVersion)).toEqual(['1.0.0', '1.0.0', '1.0.0']);
    expect(versionRuns()).toEqual(['VERSION a']);
  });

  test("one that finds another's shared VERSION failed asks on its own, as without a cache", async () => {
    let runs = 0;
    fake = fakeCni({
      a: (call) => {
        if (call.command !== 'VERSION') return undefined;
        runs += 1;
        if (runs === 1) throw new CniError(11, 'first run fails');
        return stringifyVersionInfo(['1.0.0']);
      },
    });
    const [first, second] = await Promise.allSettled([
      fake.cni.getVersionInfo('a'),
      fake.cni.getVersionInfo('a'),
    ]);
    expect(first).toMatchObject({ status: 'rejected', reason: { message: 'first run fails' } });
    expect(second).toMatchObject({ status: 'fulfilled', value: { supportedVersions: ['1.0.0'] } });
    await fake.cni.getVersionInfo('a');
    expect(versionRuns()).toEqual(['VERSION a', 'VERSION a']);
  });

  test('an aborted signal fails as it does without a cache, and loses nothing kept', async () => {
    fake = fakeCni({ a: undefined }, ['1.0.0']);
    const aborted = AbortSignal.abort();
    const first = await fake.cni.getVersionInfo('a', { signal: aborted }).catch((e: unknown) => e);
    expect(isAborted(first)).toBe(true);
    await fake.cni.getVersionInfo('a'); // asked: the aborted run was not kept
    const again = await fake.cni.getVersionInfo('a', { signal: aborted }).catch((e: unknown) => e);
    expect(isAborted(again)).toBe(true); // not answered from the cache
    await fake.cni.getVersionInfo('a');
    expect(versionRuns()).toEqual(['VERSION a']); // the fake records no aborted run
  });

  test('a waiter whose signal aborts stops waiting for the shared VERSION', async () => {
    let release = (): void => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    fake = fakeCni({
      a: async (call) => {
        if (call.command === 'VERSION') await held;
        return undefined;
      },
    });
    const first = fake.cni.getVersionInfo('a');
    const controller = new AbortController();
    const second = fake.cni.getVersionInfo('a', { signal: controller.signal });
    await Bun.sleep(1);
    controller.abort();
    expect(isAborted(await second.catch((e: unknown) => e))).toBe(true);
    release();
    expect((await first).supportedVersions).toContain('1.1.0');
  });

  test('callers get copies: changing an answer changes nothing kept', async () => {
    fake = fakeCni({ a: undefined }, ['0.4.0', '1.0.0']);
    (await fake.cni.getVersionInfo('a')).supportedVersions.push('9.9.9');
    expect((await fake.cni.getVersionInfo('a')).supportedVersions).toEqual(['0.4.0', '1.0.0']);
  });
});

describe('CniConfig with an exec that cannot tell file identity', () => {
  test('asks every time, as upstream does', async () => {
    const inner = new FakeExec({ plugins: { a: result100() }, supportedVersions: ['1.0.0'] });
    const exec: Exec = {
      execPlugin: (...args) => inner.execPlugin(...args),
      findInPath: (plugin, paths) => inner.findInPath(plugin, paths),
      decode: (output) => inner.decode(output),
    };
    const cacheDir = mkdtempSync(join(tmpdir(), 'libcni-version-cache-'));
    try {
      const cni = new CniConfig({ path: ['/opt/cni/bin'], cacheDir, exec, env: {} });
      const list = negotiated(['a']);
      await cni.addNetworkList(list, RUNTIME);
      await cni.delNetworkList(list, RUNTIME);
      expect(inner.commands()).toEqual(['VERSION a', 'ADD a', 'VERSION a', 'DEL a']);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
    fake = fakeCni({});
  });
});
