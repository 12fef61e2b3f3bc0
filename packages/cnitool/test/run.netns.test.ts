import { describe, expect, test } from 'bun:test';
import { existsSync } from 'node:fs';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import {
  cacheFiles,
  GO_PLUGIN_DIR,
  goPluginsSkipReason,
  inWorld,
  ipamReservations,
  masqueradeChains,
  natTable,
  veths,
  type World,
} from '../../libcni/test/_go-netns.ts';
import { cnitool, toolArgv, toolEnv } from './_go-world.ts';

useTimeLimit('netns');

// `cnitool run` with the Go reference plugins, run inside a throwaway "host" namespace.
// The command prints its namespace (CNITOOL_NETNS) so the test can check it is gone after.

const skipReason = goPluginsSkipReason();

function writeNetworks(world: World): { br: string; ptp: string } {
  const br = `rbr-${world.id}`;
  const ptp = `rptp-${world.id}`;
  world.write('20-br.conflist', {
    cniVersion: '1.0.0',
    name: br,
    plugins: [
      {
        type: 'bridge',
        bridge: `rb${world.id}`,
        isGateway: true,
        ipMasq: true,
        ipam: {
          type: 'host-local',
          dataDir: world.ipamDir,
          ranges: [[{ subnet: '10.88.180.0/24' }]],
        },
      },
    ],
  });
  world.write('30-ptp.conflist', {
    cniVersion: '0.4.0',
    name: ptp,
    plugins: [
      {
        type: 'ptp',
        ipam: {
          type: 'host-local',
          dataDir: world.ipamDir,
          ranges: [[{ subnet: '10.88.181.0/24' }]],
        },
      },
    ],
  });
  return { br, ptp };
}

/** The namespace path the command printed as `netns=<path>`. */
function printedNetns(stdout: string): string {
  const path = /netns=(\S+)/.exec(stdout)?.[1];
  if (path === undefined) throw new Error(`no netns in ${JSON.stringify(stdout)}`);
  return path;
}

function expectClean(world: World, netns: string, networks: readonly string[]): void {
  expect(existsSync(netns)).toBe(false);
  expect(veths(world.host)).toEqual([]);
  expect(masqueradeChains(world.host, 4)).toEqual([]);
  expect(cacheFiles(world)).toEqual([]);
  for (const network of networks) expect(ipamReservations(world, network)).toEqual([]);
}

/** The nat rules that mention a CNI chain (`-A CNI-...` or a jump to one). */
function cniNatRules(world: World): string[] {
  return natTable(world.host, 4)
    .split('\n')
    .filter((line) => line.startsWith('-A ') && line.includes('CNI-'));
}

const SHOW = 'echo netns=$CNITOOL_NETNS; ip -o -4 addr show scope global';

describe.skipIf(skipReason !== null)(
  `cnitool run with the Go reference plugins${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    test(
      'attaches the networks as eth0, eth1, runs the command inside, then cleans up',
      inWorld((world) => {
        const { br, ptp } = writeNetworks(world);
        const run = cnitool(world, ['run', '--net', br, '--net', ptp, '--', 'sh', '-c', SHOW]);
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/ eth0 +inet 10\.88\.180\.\d+\/24 /);
        expect(run.stdout).toMatch(/ eth1 +inet 10\.88\.181\.\d+\/24 /);
        const netns = printedNetns(run.stdout);
        expect(netns).toMatch(/^\/run\/netns\/cnitool-run-[0-9a-f]{8}$/);
        expectClean(world, netns, [br, ptp]);
      }),
    );

    test(
      'uses the first valid file of NETCONFPATH by default, and --ifname-prefix',
      inWorld((world) => {
        const { br } = writeNetworks(world);
        world.write('10-broken.conflist', { name: 'broken' });
        const run = cnitool(world, ['run', '--ifname-prefix', 'net', '--', 'sh', '-c', SHOW]);
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/ net0 +inet 10\.88\.180\.\d+\/24 /);
        expectClean(world, printedNetns(run.stdout), [br]);
      }),
    );

    test(
      "exits with a failing command's status and still cleans up",
      inWorld((world) => {
        const { br } = writeNetworks(world);
        const run = cnitool(world, ['run', '-n', br, '--', 'sh', '-c', `${SHOW}; exit 7`]);
        expect(run.code).toBe(7);
        expectClean(world, printedNetns(run.stdout), [br]);
      }),
    );

    test(
      'exits 127 when the command cannot be started, and cleans up',
      inWorld((world) => {
        const { br } = writeNetworks(world);
        const run = cnitool(world, ['run', '-n', br, '--', '/nonexistent/command']);
        expect(run.code).toBe(127);
        expect(JSON.parse(run.stderr).msg).toStartWith('cannot run "/nonexistent/command": ');
        expect(veths(world.host)).toEqual([]);
        expect(cacheFiles(world)).toEqual([]);
        expect(ipamReservations(world, br)).toEqual([]);
      }),
    );

    test(
      'detaches the networks already attached when a later one fails',
      inWorld((world) => {
        const { br } = writeNetworks(world);
        world.write('40-bad.conflist', {
          cniVersion: '1.1.0',
          name: `rbad-${world.id}`,
          plugins: [
            {
              type: 'ptp',
              ipam: {
                type: 'host-local',
                dataDir: world.ipamDir,
                ranges: [[{ subnet: '10.88.182.0/24' }]],
              },
            },
          ],
        });
        const run = cnitool(world, ['run', '--net', `${br},rbad-${world.id}`, '--', 'true']);
        expect(run.code).toBe(1);
        expect(run.stdout).toBe('');
        // The failed network is DELed too (its ADD may have done part of its work); the
        // Go ptp plugin refuses 1.1.0 for DEL as well, which is reported, then the ADD error.
        expect(
          run.stderr
            .trimEnd()
            .split('\n')
            .map((line) => JSON.parse(line)),
        ).toMatchObject([
          { code: 1, msg: 'plugin type="ptp" failed (delete): incompatible CNI versions' },
          { code: 1, msg: 'plugin type="ptp" failed (add): incompatible CNI versions' },
        ]);
        expect(veths(world.host)).toEqual([]);
        expect(cacheFiles(world)).toEqual([]);
        expect(ipamReservations(world, br)).toEqual([]);
      }),
    );

    test(
      'DELs a network whose ADD failed partway: nothing reserved, no nat rules; the error is 999',
      inWorld((world) => {
        const { br } = writeNetworks(world);
        const net = `rhalf-${world.id}`;
        world.write('50-half.conflist', {
          cniVersion: '1.0.0',
          name: net,
          plugins: [
            {
              type: 'bridge',
              bridge: `rh${world.id}`,
              isGateway: true,
              ipMasq: true,
              ipam: {
                type: 'host-local',
                dataDir: world.ipamDir,
                ranges: [[{ subnet: '10.88.183.0/24' }]],
              },
            },
            { type: 'nonexistent' },
          ],
        });
        const run = cnitool(world, ['run', '--net', `${br},${net}`, '--', 'true']);
        expect({
          code: run.code,
          stdout: run.stdout,
          error: JSON.parse(run.stderr),
          veths: veths(world.host),
          cache: cacheFiles(world),
          reserved: [...ipamReservations(world, br), ...ipamReservations(world, net)],
          chains: masqueradeChains(world.host, 4),
          rules: cniNatRules(world),
        }).toEqual({
          code: 1,
          stdout: '',
          error: {
            code: 999,
            msg: `plugin type="nonexistent" failed (add): failed to find plugin "nonexistent" in path [${GO_PLUGIN_DIR}]`,
          },
          veths: [],
          cache: [],
          reserved: [],
          chains: [],
          rules: [],
        });
      }),
    );

    for (const [signal, status] of [
      ['SIGTERM', 143],
      ['SIGINT', 130],
    ] as const) {
      test(
        `forwards ${signal} to the command and cleans up`,
        inWorld(async (world) => {
          const { br } = writeNetworks(world);
          const proc = Bun.spawn(
            toolArgv(world, [
              'run',
              '-n',
              br,
              '--',
              'sh',
              '-c',
              `${SHOW}; echo ready; exec sleep 30`,
            ]),
            {
              env: toolEnv(world),
              stdout: 'pipe',
              stderr: 'pipe',
            },
          );
          let stdout = '';
          const decoder = new TextDecoder();
          for await (const chunk of proc.stdout) {
            stdout += decoder.decode(chunk);
            if (stdout.includes('ready')) break;
          }
          const netns = printedNetns(stdout);
          expect(existsSync(netns)).toBe(true);
          expect(veths(world.host)).toHaveLength(1);
          proc.kill(signal);
          expect(await proc.exited).toBe(status);
          expectClean(world, netns, [br]);
        }),
      );
    }
  },
);
