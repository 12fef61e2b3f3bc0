// The multicall executable loads only the plugin it runs: started as one plugin, it
// evaluates no module of any other plugin (issue 22). Checked on the sources, which Bun
// loads module by module (a static import is loaded, and so evaluated, whether used or
// not), through a preloaded recorder; the bundled executable keeps the same graph, one
// chunk per dynamic import.
import { describe, expect, test } from 'bun:test';
import { join, relative } from 'node:path';
import { pluginNames } from '../src/registry.ts';

const SRC = join(import.meta.dir, '..', 'src');
const RECORDER = join(import.meta.dir, 'fixtures', 'record-loads.ts');
/** Modules outside any plugin's folder that the multicall path may load. */
const SHARED = new Set([
  'main.ts',
  'plugin-loaders.ts',
  'plugin-versions.ts',
  'version-answer.ts',
  'ipam-resolver.ts',
  'masquerade-loader.ts',
  'masquerade.ts',
]);

/** The plugin folders (or shared files) whose modules a run loaded, and its stdout. */
function loadedBy(argv: readonly string[], env: Record<string, string>, stdin = '') {
  const run = Bun.spawnSync([process.execPath, '--preload', RECORDER, ...argv], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    stdin: new TextEncoder().encode(stdin),
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const files = run.stderr
    .toString()
    .split('\n')
    .filter((line) => line.startsWith('LOAD '))
    .map((line) => relative(SRC, line.slice('LOAD '.length)));
  const folders = new Set(files.map((file) => file.split('/')[0] ?? file));
  return { files, folders, stdout: run.stdout.toString() };
}

const main = join(SRC, 'main.ts');

describe('the multicall executable loads one plugin', () => {
  for (const name of pluginNames) {
    test(`${name} VERSION loads no module of any plugin`, () => {
      const run = loadedBy([main, name], { CNI_COMMAND: 'VERSION' });
      expect(run.stdout).toContain('"supportedVersions"');
      expect(run.files.sort()).toEqual(
        ['main.ts', 'plugin-loaders.ts', 'plugin-versions.ts', 'version-answer.ts'].sort(),
      );
    });

    test(`${name} ADD loads its body and no other plugin's module`, () => {
      // An unsupported version: the body (schema, handlers and all they import) loads,
      // then the skel refuses the config before touching anything.
      const config = JSON.stringify({ cniVersion: '9.9.9', name: 'lazy', type: name });
      const env = {
        CNI_COMMAND: 'ADD',
        CNI_CONTAINERID: 'lazy-1',
        CNI_NETNS: '/nonexistent',
        CNI_IFNAME: 'eth0',
        CNI_PATH: '/nonexistent',
      };
      const run = loadedBy([main, name], env, config);
      expect(run.stdout).toContain('"code": 1');
      expect(run.files).toContain(`${name}/plugin.ts`);
      const plugins = [...run.folders].filter((folder) => !SHARED.has(folder));
      expect(plugins).toEqual([name]);
    });
  }

  for (const name of pluginNames) {
    // The body loads a verb's handler when the verb runs (a refused config loads none), so
    // the ADD handler's module graph is checked on its own.
    test(`${name} ADD handler loads no other plugin's module`, () => {
      const script = `await import(${JSON.stringify(join(SRC, name, 'add.ts'))}); console.log('ok');`;
      const run = loadedBy(['-e', script], {});
      expect(run.stdout).toBe('ok\n');
      expect(run.files).toContain(`${name}/add.ts`);
      const plugins = [...run.folders].filter((folder) => !SHARED.has(folder));
      expect(plugins).toEqual([name]);
    });
  }

  test('the in-process IPAM resolver loads only the IPAM plugin asked for', () => {
    const script = `
      const { resolveIpamPlugin } = await import(${JSON.stringify(join(SRC, 'ipam-resolver.ts'))});
      const out = await resolveIpamPlugin('host-local').invoke({ env: { CNI_COMMAND: 'STATUS' }, stdin: '{}' });
      console.log(out.exitCode);`;
    const run = loadedBy(['-e', script], {});
    expect(run.stdout).toBe('1\n');
    const plugins = [...run.folders].filter((folder) => !SHARED.has(folder));
    expect(plugins).toEqual(['host-local']);
  });
});
