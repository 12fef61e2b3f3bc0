import { describe, expect, test } from 'bun:test';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { useWorlds } from '../../test/_use-worlds.ts';
import { GO_PLUGIN_DIR, type PluginWorld, runPlugin } from '../../test/_world.ts';

useTimeLimit('netns');

const worlds = useWorlds();
const { skip } = worlds;

function lo(w: PluginWorld): string {
  return w.containers[0]?.exec(['ip', '-o', 'link', 'show', 'lo']) ?? '';
}

const config = { cniVersion: '1.0.0', name: 'lo-net', type: 'loopback' };

/** Runs our loopback in the world's host namespace against `netns`. */
function runOurs(
  w: PluginWorld,
  command: 'ADD' | 'DEL' | 'CHECK',
  netns: string,
  conf: object = config,
) {
  return runPlugin({
    binDir: worlds.bin,
    type: 'loopback',
    command,
    config: conf,
    host: w.host,
    netns,
  });
}

describe.skipIf(skip !== null)(
  `loopback in a namespace${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('ADD brings lo up and prints the same result as the Go plugin', () => {
      const w = worlds.create();
      const netns = w.containers[0]?.path ?? '';
      w.containers[0]?.exec(['ip', 'link', 'set', 'lo', 'down']);
      const ours = runOurs(w, 'ADD', netns);
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
      const w = worlds.create();
      const netns = w.containers[0]?.path ?? '';
      expect(runOurs(w, 'ADD', netns).exitCode).toBe(0);
      const prevResult = runOurs(w, 'ADD', netns).json;
      const withPrev = { ...config, prevResult };
      expect(runOurs(w, 'CHECK', netns, withPrev).exitCode).toBe(0);
      expect(runOurs(w, 'DEL', netns).exitCode).toBe(0);
      expect(lo(w)).not.toContain(',UP');
      const check = runOurs(w, 'CHECK', netns, withPrev);
      expect(check.exitCode).toBe(1);
      expect(check.json).toEqual({ code: 999, msg: 'loopback interface is down' });
    });

    test('DEL is idempotent: twice, without a netns, with a namespace that is gone', () => {
      const w = worlds.create();
      const netns = w.containers[0]?.path ?? '';
      for (let i = 0; i < 2; i++) {
        expect(runOurs(w, 'DEL', netns).exitCode).toBe(0);
      }
      expect(runOurs(w, 'DEL', '').exitCode).toBe(0);
      const gone = runOurs(w, 'DEL', '/run/netns/cnits-no-such-ns');
      expect(gone.exitCode).toBe(0);
    });

    test('ADD with a namespace that does not exist fails as upstream', () => {
      const w = worlds.create();
      const run = runOurs(w, 'ADD', '/run/netns/cnits-no-such-ns');
      expect(run.exitCode).toBe(1);
      expect(run.json).toMatchObject({
        code: 999,
        msg: 'failed to Statfs "/run/netns/cnits-no-such-ns": no such file or directory',
      });
    });

    test('an old cniVersion gets its own result shape (upstream prints 1.0-shaped JSON)', () => {
      const w = worlds.create();
      const netns = w.containers[0]?.path ?? '';
      const run = runPlugin({
        binDir: worlds.bin,
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
