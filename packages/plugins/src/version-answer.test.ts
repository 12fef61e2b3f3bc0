import { describe, expect, test } from 'bun:test';
import { pluginLoaders } from './plugin-loaders.ts';
import { pluginVersions } from './plugin-versions.ts';
import { plugins } from './registry.ts';
import { isPluginName, versionAnswer } from './version-answer.ts';

describe("the multicall executable's VERSION answer", () => {
  test('names the same plugins as the loaders and the registry', () => {
    const names = Object.keys(pluginVersions).sort();
    expect(Object.keys(pluginLoaders).sort()).toEqual(names);
    expect(Object.keys(plugins).sort()).toEqual(names);
    expect(isPluginName('bridge')).toBe(true);
    expect(isPluginName('toString')).toBe(false);
    expect(isPluginName('')).toBe(false);
  });

  test("is, for every plugin, what the plugin's own skel prints, with any environment", async () => {
    for (const name of Object.keys(pluginVersions)) {
      if (!isPluginName(name)) throw new Error(name);
      const plugin = plugins[name];
      if (plugin === undefined) throw new Error(`no plugin ${name}`);
      for (const env of [
        { CNI_COMMAND: 'VERSION' },
        { CNI_COMMAND: 'VERSION', CNI_IFNAME: 'x/y', CNI_CONTAINERID: '' },
      ]) {
        const out = await plugin.invoke({ env, stdin: '' });
        expect({ name, exitCode: out.exitCode, stdout: out.stdout }).toEqual({
          name,
          exitCode: 0,
          stdout: versionAnswer(name),
        });
      }
    }
  });
});
