import { afterEach, beforeAll, describe, expect, test } from 'bun:test';
import { netnsSkipReason } from '@cni-ts/plugin-kit/testing';
import { pluginBinDir } from '../../test/_binary.ts';
import {
  createPluginWorld,
  GO_PLUGIN_DIR,
  type PluginWorld,
  runPlugin,
} from '../../test/_world.ts';

const skip = netnsSkipReason();
const worlds: PluginWorld[] = [];
let bin = '';

beforeAll(() => {
  if (skip === null) bin = pluginBinDir();
});
afterEach(() => {
  for (const world of worlds.splice(0)) world.remove();
});

function world(): PluginWorld {
  const made = createPluginWorld(1);
  worlds.push(made);
  return made;
}

function lo(w: PluginWorld): string {
  return w.containers[0]?.exec(['ip', '-o', 'link', 'show', 'lo']) ?? '';
}

const config = { cniVersion: '1.0.0', name: 'lo-net', type: 'loopback' };

describe.skipIf(skip !== null)(
  `loopback in a namespace${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('ADD brings lo up and prints the same result as the Go plugin', () => {
      const w = world();
      const netns = w.containers[0]?.path ?? '';
      w.containers[0]?.exec(['ip', 'link', 'set', 'lo', 'down']);
      const ours = runPlugin({
        binDir: bin,
        type: 'loopback',
        command: 'ADD',
        config,
        host: w.host,
        netns,
      });
      expect(ours.stderr).toBe('');
      expect(ours.exitCode).toBe(0);
      expect(lo(w)).toContain('UP');
      const go = runPlugin({
        binDir: GO_PLUGIN_DIR,
        type: 'loopback',
        command: 'ADD',
        config,
        host: w.host,
        netns,
      });
      expect(go.exitCode).toBe(0);
      expect(ours.json).toEqual(go.json);
      expect(ours.stdout).toBe(go.stdout);
    });

    test('CHECK passes while lo is up and fails with the upstream text once DEL set it down', () => {
      const w = world();
      const netns = w.containers[0]?.path ?? '';
      expect(
        runPlugin({ binDir: bin, type: 'loopback', command: 'ADD', config, host: w.host, netns })
          .exitCode,
      ).toBe(0);
      const prevResult = runPlugin({
        binDir: bin,
        type: 'loopback',
        command: 'ADD',
        config,
        host: w.host,
        netns,
      }).json;
      const withPrev = { ...config, prevResult };
      expect(
        runPlugin({
          binDir: bin,
          type: 'loopback',
          command: 'CHECK',
          config: withPrev,
          host: w.host,
          netns,
        }).exitCode,
      ).toBe(0);
      expect(
        runPlugin({ binDir: bin, type: 'loopback', command: 'DEL', config, host: w.host, netns })
          .exitCode,
      ).toBe(0);
      expect(lo(w)).not.toContain(',UP');
      const check = runPlugin({
        binDir: bin,
        type: 'loopback',
        command: 'CHECK',
        config: withPrev,
        host: w.host,
        netns,
      });
      expect(check.exitCode).toBe(1);
      expect(check.json).toEqual({ code: 999, msg: 'loopback interface is down' });
    });

    test('DEL is idempotent: twice, without a netns, with a namespace that is gone', () => {
      const w = world();
      const netns = w.containers[0]?.path ?? '';
      for (let i = 0; i < 2; i++) {
        expect(
          runPlugin({ binDir: bin, type: 'loopback', command: 'DEL', config, host: w.host, netns })
            .exitCode,
        ).toBe(0);
      }
      expect(
        runPlugin({
          binDir: bin,
          type: 'loopback',
          command: 'DEL',
          config,
          host: w.host,
          netns: '',
        }).exitCode,
      ).toBe(0);
      const gone = runPlugin({
        binDir: bin,
        type: 'loopback',
        command: 'DEL',
        config,
        host: w.host,
        netns: '/run/netns/cnits-no-such-ns',
      });
      expect(gone.exitCode).toBe(0);
    });

    test('ADD with a namespace that does not exist fails as upstream', () => {
      const w = world();
      const run = runPlugin({
        binDir: bin,
        type: 'loopback',
        command: 'ADD',
        config,
        host: w.host,
        netns: '/run/netns/cnits-no-such-ns',
      });
      expect(run.exitCode).toBe(1);
      expect(run.json).toMatchObject({
        code: 999,
        msg: 'failed to Statfs "/run/netns/cnits-no-such-ns": no such file or directory',
      });
    });

    test('an old cniVersion gets its own result shape (upstream prints 1.0-shaped JSON)', () => {
      const w = world();
      const netns = w.containers[0]?.path ?? '';
      const run = runPlugin({
        binDir: bin,
        type: 'loopback',
        command: 'ADD',
        config: { ...config, cniVersion: '0.3.1' },
        host: w.host,
        netns,
      });
      expect(run.json).toMatchObject({
        cniVersion: '0.3.1',
        ips: [
          { version: '4', address: '127.0.0.1/8', interface: 0 },
          { version: '6', address: '::1/128', interface: 0 },
        ],
      });
    });
  },
);
