// Byte-for-byte comparison with a Go plugin's skel, where the Debian package is installed.
import { describe, expect, test } from 'bun:test';
import { existsSync } from 'node:fs';
import { NetConfSchema } from '@cni-ts/spec-types';
import { definePlugin } from './define-plugin.ts';

const GO_LOOPBACK = '/usr/lib/cni/loopback';

// The Debian plugins (1.1.1) speak these versions; ours is told to speak the same.
const plugin = definePlugin({
  name: 'loopback',
  versions: ['0.1.0', '0.2.0', '0.3.0', '0.3.1', '0.4.0', '1.0.0'],
  config: NetConfSchema,
  add: () => {
    throw new Error('the handler must not be reached');
  },
  check: () => {
    throw new Error('the handler must not be reached');
  },
});

async function runGo(env: Record<string, string>, stdin: string) {
  const child = Bun.spawn([GO_LOOPBACK], {
    env,
    stdin: new TextEncoder().encode(stdin),
    stdout: 'pipe',
    stderr: 'ignore',
  });
  const [stdout, exitCode] = await Promise.all([new Response(child.stdout).text(), child.exited]);
  return { exitCode, stdout };
}

const FULL = {
  CNI_CONTAINERID: 'ctr-1',
  CNI_NETNS: '/nonexistent/netns/ctr-1',
  CNI_IFNAME: 'lo',
  CNI_PATH: '/usr/lib/cni',
};

// Cases on which the Go plugins' (older) skel and upstream's current skel agree.
const CASES: [string, Record<string, string>, string][] = [
  ['missing variables', { CNI_COMMAND: 'ADD', CNI_CONTAINERID: 'c', CNI_IFNAME: 'lo' }, ''],
  ['incompatible version', { ...FULL, CNI_COMMAND: 'ADD' }, '{"cniVersion":"1.1.0","name":"n"}'],
  ['CHECK below 0.4.0', { ...FULL, CNI_COMMAND: 'CHECK' }, '{"cniVersion":"0.3.1","name":"n"}'],
  ['undecodable config', { ...FULL, CNI_COMMAND: 'ADD' }, '{"name":"n",}'],
  ['empty stdin', { ...FULL, CNI_COMMAND: 'ADD' }, ''],
  ['config not an object', { ...FULL, CNI_COMMAND: 'ADD' }, '[1]'],
  ['missing name', { ...FULL, CNI_COMMAND: 'ADD' }, '{"cniVersion":"1.0.0"}'],
  ['bad name', { ...FULL, CNI_COMMAND: 'ADD' }, '{"cniVersion":"1.0.0","name":"bad/name"}'],
  ['name not a string', { ...FULL, CNI_COMMAND: 'ADD' }, '{"name":7}'],
  ['cniVersion not a string', { ...FULL, CNI_COMMAND: 'ADD' }, '{"name":"n","cniVersion":1}'],
];

describe.skipIf(!existsSync(GO_LOOPBACK))('invoke, compared with a Go plugin', () => {
  for (const [what, env, stdin] of CASES) {
    test(`prints what the Go skel prints: ${what}`, async () => {
      const ours = await plugin.invoke({ env, stdin });
      const go = await runGo(env, stdin);
      const mine: { exitCode: number; stdout: string } = ours;
      expect({ exitCode: mine.exitCode, stdout: mine.stdout }).toEqual(go);
    });
  }
});
