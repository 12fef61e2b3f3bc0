import { describe, expect, test } from 'bun:test';
import { NetConfSchema, type Result100, SUPPORTED_VERSIONS } from '@cni-ts/spec-types';
import type { PluginContext } from './context.ts';
import { definePlugin } from './define-plugin.ts';
import type { Prefetch } from './definition.ts';

const RESULT: Result100 = { cniVersion: '1.1.0' };

const ENV = {
  CNI_COMMAND: 'ADD',
  CNI_CONTAINERID: 'pf-1',
  CNI_NETNS: '/var/run/netns/pf',
  CNI_IFNAME: 'eth0',
  CNI_PATH: '/opt/cni/bin',
  CNI_NETNS_OVERRIDE: '1',
};

/** A plugin with `prefetch` whose ADD records what it was handed. */
function plugin(prefetch: Prefetch) {
  const handed: unknown[] = [];
  const definition = definePlugin({
    name: 'pf',
    versions: SUPPORTED_VERSIONS,
    config: NetConfSchema,
    prefetch,
    add: async (ctx: PluginContext<unknown>) => {
      handed.push(await ctx.prefetched);
      return RESULT;
    },
  });
  return { definition, handed };
}

const stdin = (conf: object) => JSON.stringify({ cniVersion: '1.0.0', name: 'net', ...conf });

describe('prefetch', () => {
  test('runs with the command and the decoded config before the handler, which gets its promise', async () => {
    const calls: [string, unknown][] = [];
    const { definition, handed } = plugin((command, raw) => {
      calls.push([command, raw.backend]);
      return Promise.resolve('listed');
    });
    const out = await definition.invoke({ env: ENV, stdin: stdin({ type: 'pf', backend: 'b' }) });
    expect(out.exitCode).toBe(0);
    expect(calls).toEqual([['ADD', 'b']]);
    expect(handed).toEqual(['listed']);
  });

  test('a prefetch that throws or rejects counts as none, and the run still succeeds', async () => {
    const thrown = plugin(() => {
      throw new Error('boom');
    });
    expect(
      (await thrown.definition.invoke({ env: ENV, stdin: stdin({ type: 'pf' }) })).exitCode,
    ).toBe(0);
    expect(thrown.handed).toEqual([undefined]);
    const rejected = plugin(() => Promise.reject(new Error('no')));
    expect(
      (await rejected.definition.invoke({ env: ENV, stdin: stdin({ type: 'pf' }) })).exitCode,
    ).toBe(0);
  });

  test('a refused config still ends only after the prefetch has settled', async () => {
    let settled = false;
    let started = false;
    const { definition, handed } = plugin(
      () =>
        new Promise((resolve) => {
          started = true;
          setTimeout(() => {
            settled = true;
            resolve('late');
          }, 20);
        }),
    );
    // A prevResult the skel refuses: the handler never runs, the run waits for the prefetch.
    const out = await definition.invoke({
      env: ENV,
      stdin: stdin({ type: 'pf', prevResult: 'x' }),
    });
    expect(out.exitCode).toBe(1);
    expect(handed).toEqual([]);
    expect(started).toBe(true);
    expect(settled).toBe(true);
  });

  test('a command other than a handler verb starts none', async () => {
    let called = false;
    const { definition } = plugin(() => {
      called = true;
      return undefined;
    });
    await definition.invoke({ env: { ...ENV, CNI_COMMAND: 'VERSION' }, stdin: '{}' });
    expect(called).toBe(false);
  });
});
