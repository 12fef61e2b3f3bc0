import { describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import {
  addresses,
  cacheFiles,
  containerAddress,
  type GoResult,
  goPluginsSkipReason,
  inWorld,
  ipamReservations,
  ipOf,
  links,
  masqueradeChains,
  natTable,
  ping,
  veths,
  type World,
} from '../../libcni/test/_go-netns.ts';
import { containerIdForNetns } from '../src/index.ts';
import { cnitool, cnitoolOk } from './_go-world.ts';

useTimeLimit('netns');

// cnitool add/check/del/gc/status driving Debian's Go reference plugins, run inside a
// throwaway "host" namespace with `ip netns exec` (see packages/libcni/test/_go-netns.ts).

const skipReason = goPluginsSkipReason();

function bridgePlugin(world: World, bridge: string, ranges: string[]): object {
  return {
    type: 'bridge',
    bridge,
    isGateway: true,
    ipMasq: true,
    ipam: {
      type: 'host-local',
      dataDir: world.ipamDir,
      ranges: ranges.map((subnet) => [{ subnet }]),
      routes: [{ dst: '0.0.0.0/0' }],
    },
  };
}

/** `cnitool add`, checking that it prints the result as upstream does; returns it. */
function add(world: World, argv: readonly string[], extra: Record<string, string> = {}): GoResult {
  const stdout = cnitoolOk(world, ['add', ...argv], extra);
  const result = JSON.parse(stdout) as GoResult;
  expect(stdout).toBe(JSON.stringify(result, null, 4));
  return result;
}

function expectClean(world: World, network: string): void {
  expect(veths(world.host)).toEqual([]);
  expect(masqueradeChains(world.host, 4)).toEqual([]);
  expect(masqueradeChains(world.host, 6)).toEqual([]);
  expect(ipamReservations(world, network)).toEqual([]);
  expect(cacheFiles(world)).toEqual([]);
}

describe.skipIf(skipReason !== null)(
  `cnitool with the Go reference plugins${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    test(
      '0.3.1: add prints the result and caches it under the derived ID; check refused; del and gc',
      inWorld((world) => {
        const net = `tbr031-${world.id}`;
        world.write('10-lo.conflist', {
          cniVersion: '0.3.1',
          name: `tlo-${world.id}`,
          plugins: [{ type: 'loopback' }],
        });
        world.write('20-br.conflist', {
          cniVersion: '0.3.1',
          name: net,
          plugins: [bridgePlugin(world, `tb31${world.id}`, ['10.88.131.0/24'])],
        });
        const lo = add(world, [`tlo-${world.id}`, world.a.path, '-i', 'lo']);
        expect(lo).toMatchObject({
          cniVersion: '0.3.1',
          interfaces: [{ name: 'lo', sandbox: world.a.path }],
        });
        const resultA = add(world, [net, world.a.path]);
        const resultB = add(world, [net, world.b.path]);
        expect(resultA.cniVersion).toBe('0.3.1');
        expect(resultA.ips?.[0]?.version).toBe('4');
        const [ipA, ipB] = [containerAddress(resultA), containerAddress(resultB)];
        expect(addresses(world.a, 'eth0')).toEqual([ipA]);
        expect(cacheFiles(world)).toEqual(
          [
            `tlo-${world.id}-${containerIdForNetns(world.a.path)}-lo`,
            `${net}-${containerIdForNetns(world.a.path)}-eth0`,
            `${net}-${containerIdForNetns(world.b.path)}-eth0`,
          ].sort(),
        );
        expect(natTable(world.host, 4)).toContain(`id: \\"${containerIdForNetns(world.a.path)}\\"`);
        expect(ping(world.a, ipOf(ipB))).toBe(true);

        const check = cnitool(world, ['check', net, world.a.path]);
        expect(check.code).toBe(1);
        expect(check.stdout).toBe('');
        expect(JSON.parse(check.stderr)).toEqual({
          code: 1,
          msg: 'configuration version "0.3.1" does not support the CHECK command',
        });

        expect(cnitoolOk(world, ['del', net, world.a.path])).toBe('');
        expect(veths(world.host)).toHaveLength(1);
        // gc with upstream's nil arguments: every cached attachment of the network goes.
        expect(cnitoolOk(world, ['gc', net, world.a.path])).toBe('');
        expect(cnitoolOk(world, ['del', `tlo-${world.id}`, world.a.path, '-i', 'lo'])).toBe('');
        expectClean(world, net);
      }),
    );

    test(
      '0.4.0: ptp add, routed ping, check, del',
      inWorld((world) => {
        const net = `tptp-${world.id}`;
        world.write('10-ptp.conflist', {
          cniVersion: '0.4.0',
          name: net,
          plugins: [
            {
              type: 'ptp',
              ipMasq: true,
              ipam: {
                type: 'host-local',
                dataDir: world.ipamDir,
                ranges: [[{ subnet: '10.88.140.0/24' }]],
                routes: [{ dst: '0.0.0.0/0' }],
              },
            },
          ],
        });
        const resultA = add(world, [net, world.a.path]);
        const resultB = add(world, [net, world.b.path]);
        expect(resultA.cniVersion).toBe('0.4.0');
        expect(ping(world.a, ipOf(containerAddress(resultB)))).toBe(true);
        expect(cnitool(world, ['check', net, world.a.path])).toEqual({
          code: 0,
          stdout: '',
          stderr: '',
        });
        expect(cnitool(world, ['check', net, world.b.path])).toEqual({
          code: 0,
          stdout: '',
          stderr: '',
        });
        cnitoolOk(world, ['del', net, world.a.path]);
        cnitoolOk(world, ['del', net, world.b.path]);
        expectClean(world, net);
      }),
    );

    test(
      '1.0.0: dual-stack bridge with -i and CNI_IFNAME, ping both families, check, status, del',
      inWorld((world) => {
        const net = `tbr100-${world.id}`;
        world.write('10-br.conflist', {
          cniVersion: '1.0.0',
          name: net,
          plugins: [bridgePlugin(world, `tb10${world.id}`, ['10.88.150.0/24', 'fd00:88:150::/64'])],
        });
        const resultA = add(world, [net, world.a.path, '--ifname', 'net1']);
        const resultB = add(world, [net, world.b.path], { CNI_IFNAME: 'net2' });
        expect(resultA.cniVersion).toBe('1.0.0');
        expect(resultA.interfaces?.[2]).toMatchObject({ name: 'net1', sandbox: world.a.path });
        expect(addresses(world.a, 'net1').sort()).toEqual(
          [containerAddress(resultA, 4), containerAddress(resultA, 6)].sort(),
        );
        expect(links(world.b).map((link) => link.ifname)).toContain('net2');
        expect(ping(world.a, ipOf(containerAddress(resultB, 4)))).toBe(true);
        expect(ping(world.a, ipOf(containerAddress(resultB, 6)))).toBe(true);
        expect(cnitool(world, ['check', net, world.a.path, '-i', 'net1']).code).toBe(0);
        expect(cnitool(world, ['check', net, world.b.path], { CNI_IFNAME: 'net2' }).code).toBe(0);
        // The wrong interface name: there is no such attachment, and CHECK says so.
        expect(cnitool(world, ['check', net, world.b.path]).code).toBe(1);
        // STATUS is a 1.1.0 verb: a silent success below it.
        expect(cnitool(world, ['status', net])).toEqual({ code: 0, stdout: '', stderr: '' });
        cnitoolOk(world, ['del', net, world.a.path, '-i', 'net1']);
        cnitoolOk(world, ['del', net, world.b.path], { CNI_IFNAME: 'net2' });
        expectClean(world, net);
      }),
    );

    test(
      'a cniVersions list at 1.0.0: bridge -> portmap -> tuning with CAP_ARGS, del with the cached ones',
      inWorld((world) => {
        const net = `tchain-${world.id}`;
        world.write('10-chain.conflist', {
          cniVersions: ['0.4.0', '1.0.0'],
          name: net,
          plugins: [
            bridgePlugin(world, `tbch${world.id}`, ['10.88.160.0/24', 'fd00:88:160::/64']),
            { type: 'portmap', snat: true, capabilities: { portMappings: true } },
            { type: 'tuning', mtu: 1400, dataDir: world.tuningDir, capabilities: { mac: true } },
          ],
        });
        const capArgs = {
          portMappings: [{ hostPort: 18081, containerPort: 80, protocol: 'tcp' }],
          mac: '02:88:bb:00:00:01',
        };
        const result = add(world, [net, world.a.path], {
          CAP_ARGS: JSON.stringify(capArgs),
          CNI_ARGS: 'IgnoreUnknown=1;K8S_POD_NAME=web',
        });
        expect(result.cniVersion).toBe('1.0.0');
        const ipA = ipOf(containerAddress(result));
        expect(links(world.a).find((link) => link.ifname === 'eth0')).toMatchObject({
          mtu: 1400,
          address: capArgs.mac,
        });
        expect(natTable(world.host, 4)).toContain(
          `--dport 18081 -j DNAT --to-destination ${ipA}:80`,
        );
        const cached = JSON.parse(
          readFileSync(
            join(world.cacheDir, 'results', `${net}-${containerIdForNetns(world.a.path)}-eth0`),
            'utf8',
          ),
        ) as { cniArgs: unknown; capabilityArgs: unknown };
        expect(cached.cniArgs).toEqual([
          ['IgnoreUnknown', '1'],
          ['K8S_POD_NAME', 'web'],
        ]);
        expect(cached.capabilityArgs).toEqual(capArgs);
        // CHECK without the port mappings (portmap 1.1.1 cannot CHECK them; see the libcni test).
        expect(
          cnitool(world, ['check', net, world.a.path], {
            CAP_ARGS: JSON.stringify({ mac: capArgs.mac }),
          }).code,
        ).toBe(0);
        // DEL with no CAP_ARGS in the environment: the cached ones reach portmap.
        cnitoolOk(world, ['del', net, world.a.path]);
        expectClean(world, net);
        expect(natTable(world.host, 4)).not.toContain('CNI-DN-');
      }),
    );

    test(
      'a failing ADD exits 1 with the error object and leaves nothing behind',
      inWorld((world) => {
        const net = `tbr110-${world.id}`;
        world.write('10-br.conflist', {
          cniVersion: '1.1.0',
          name: net,
          plugins: [bridgePlugin(world, `tb11${world.id}`, ['10.88.170.0/24'])],
        });
        const run = cnitool(world, ['add', net, world.a.path]);
        expect(run.code).toBe(1);
        expect(run.stdout).toBe('');
        const error = JSON.parse(run.stderr) as { code: number; msg: string; details: string };
        expect(error.code).toBe(1);
        expect(error.msg).toBe('plugin type="bridge" failed (add): incompatible CNI versions');
        expect(error.details).toStartWith('config is "1.1.0", plugin supports [');
        expectClean(world, net);
        expect(links(world.host).map((link) => link.ifname)).toEqual(['lo']);
        const validate = cnitool(world, ['validate', net]);
        expect(validate.code).toBe(1);
        expect(validate.stdout).toContain(
          'bridge: error: plugin bridge does not support config version "1.1.0"',
        );
      }),
    );
  },
);
