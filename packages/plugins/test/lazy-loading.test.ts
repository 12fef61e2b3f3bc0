// The multicall executable loads only the plugin it runs: started as one plugin, it
// evaluates no module of any other plugin (issue 22). Checked on the sources, which Bun
// loads module by module (a static import is loaded, and so evaluated, whether used or
// not), through a preloaded recorder; the bundled executable keeps the same graph, one
// chunk per dynamic import.
import { describe, expect, test } from 'bun:test';
import { readdirSync } from 'node:fs';
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
      // add.ts and the parts it loads only when there is work (add-*.ts).
      const parts = readdirSync(join(SRC, name)).filter((file) =>
        /^add(-[a-z-]+)?\.ts$/.test(file),
      );
      const script = `${parts.map((file) => `await import(${JSON.stringify(join(SRC, name, file))});`).join(' ')} console.log('ok');`;
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

  // Every container a runtime starts without published ports or limits still runs the
  // chain's portmap, bandwidth and bare tuning: their ADD passes prevResult through, and loads none of
  // the modules that do the work (nor the kit's netlink, nf_tables, iptables or tc code
  // that only those import).
  const prevResult = {
    cniVersion: '1.0.0',
    interfaces: [{ name: 'eth0', sandbox: '/var/run/netns/lazy' }],
    ips: [{ interface: 0, address: '10.1.2.3/24' }],
  };
  const noWork = [
    {
      name: 'portmap',
      capabilities: { portMappings: true },
      work: ['add-mappings.ts', 'backend.ts', 'localnet.ts', 'attachment-markers.ts'],
    },
    {
      name: 'bandwidth',
      capabilities: { bandwidth: true },
      work: ['add-shaping.ts', 'shape.ts', 'ifb.ts', 'host-veth.ts'],
    },
    {
      name: 'tuning',
      capabilities: {},
      work: ['add-apply.ts', 'link-attributes.ts', 'backup.ts', 'sysctls.ts'],
    },
  ] as const;
  for (const { name, capabilities, work } of noWork) {
    test(`${name} ADD without work loads none of its working modules`, () => {
      const config = { cniVersion: '1.0.0', name: 'lazy', type: name, capabilities, prevResult };
      const env = {
        CNI_COMMAND: 'ADD',
        CNI_CONTAINERID: 'lazy-1',
        CNI_NETNS: '/proc/self/ns/net', // tuning opens it
        CNI_NETNS_OVERRIDE: '1',
        CNI_IFNAME: 'eth0',
        CNI_PATH: '/nonexistent',
      };
      const run = loadedBy([main, name], env, JSON.stringify(config));
      expect(JSON.parse(run.stdout)).toEqual({ ...prevResult, dns: {} }); // as Go prints it
      expect(run.files).toContain(`${name}/add.ts`);
      expect(
        run.files.filter((file) => work.some((module) => file === `${name}/${module}`)),
      ).toEqual([]);
    });
  }

  test('tuning DEL without a backup (a bare tuning, a second DEL) loads none of the restore', () => {
    const config = {
      cniVersion: '1.0.0',
      name: 'lazy',
      type: 'tuning',
      dataDir: '/nonexistent/cnits-lazy-tuning',
      prevResult,
    };
    const env = {
      CNI_COMMAND: 'DEL',
      CNI_CONTAINERID: 'lazy-1',
      CNI_NETNS: '/proc/self/ns/net',
      CNI_NETNS_OVERRIDE: '1',
      CNI_IFNAME: 'eth0',
      CNI_PATH: '/nonexistent',
    };
    const run = loadedBy([main, 'tuning'], env, JSON.stringify(config));
    expect(run.stdout).toBe('');
    expect(run.files).toContain('tuning/del.ts');
    const work = ['del-restore.ts', 'link-attributes.ts', 'backup.ts'];
    expect(run.files.filter((file) => work.some((module) => file === `tuning/${module}`))).toEqual(
      [],
    );
  });
});
