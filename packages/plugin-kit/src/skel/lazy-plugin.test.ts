import { describe, expect, test } from 'bun:test';
import { NetConfEntries, type SpecVersion, SUPPORTED_VERSIONS } from '@cni-ts/spec-types';
import * as v from 'valibot';
import { defineLazyPlugin } from './lazy-plugin.ts';

const ADD_ENV = {
  CNI_COMMAND: 'ADD',
  CNI_CONTAINERID: 'c1',
  CNI_NETNS: '/run/netns/c1',
  CNI_IFNAME: 'eth0',
  CNI_PATH: '/opt/cni/bin',
  CNI_NETNS_OVERRIDE: '1',
};
const CONFIG = '{"cniVersion":"1.0.0","name":"n","type":"lazy"}';

function counted() {
  let loads = 0;
  const plugin = defineLazyPlugin({
    name: 'lazy',
    versions: SUPPORTED_VERSIONS,
    async load() {
      loads++;
      return {
        config: v.object({ ...NetConfEntries }),
        add: () => ({ cniVersion: '1.1.0', interfaces: [], ips: [] }),
      };
    },
  });
  return { plugin, loads: () => loads };
}

describe('defineLazyPlugin', () => {
  test('answers VERSION without loading the body', async () => {
    const { plugin, loads } = counted();
    const out = await plugin.invoke({ env: { CNI_COMMAND: 'VERSION' }, stdin: '' });
    expect(out.exitCode).toBe(0);
    expect(JSON.parse(out.stdout).supportedVersions).toEqual([...SUPPORTED_VERSIONS]);
    expect(loads()).toBe(0);
  });

  test('loads the body once, for every other command and for load()', async () => {
    const { plugin, loads } = counted();
    expect((await plugin.invoke({ env: ADD_ENV, stdin: CONFIG })).exitCode).toBe(0);
    expect((await plugin.invoke({ env: ADD_ENV, stdin: CONFIG })).exitCode).toBe(0);
    expect(typeof (await plugin.load()).config).toBe('object');
    expect(loads()).toBe(1);
  });

  test('leaves a bad environment to the full skel (code 4)', async () => {
    const { plugin, loads } = counted();
    const out = await plugin.invoke({ env: { CNI_COMMAND: 'ADD' }, stdin: CONFIG });
    expect(out.exitCode).toBe(1);
    expect(JSON.parse(out.stdout).code).toBe(4);
    expect(loads()).toBe(1);
  });

  test('refuses versions that are not spec versions, at definition time', () => {
    const versions = ['9.9.9'] as unknown as readonly SpecVersion[];
    expect(() =>
      defineLazyPlugin({ name: 'bad', versions, load: async () => ({ config: v.object({}) }) }),
    ).toThrow('plugin bad: versions must be spec versions');
  });
});
