// Reference §6.7's chain (bridge → tuning → portmap → firewall → bandwidth) written by hand
// as a 1.0.0 conflist, run with our plugins only (the multicall executable alone on
// CNI_PATH) by two runtimes: our cnitool, and the cnitool command line over Debian's Go
// libcni (_go-peer.ts). ADD with a port mapping, CHECK, DEL, and nothing left.

import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import {
  cacheFiles,
  goPluginsSkipReason,
  inWorld,
  ipamReservations,
  links,
  veths,
  type World,
} from '../../libcni/test/_go-netns.ts';
import { pluginBinDir } from '../../plugins/test/_binary.ts';
import { buildGoPeer, type GoPeer, goPeerSkipReason, goVarLib, runGoPeer } from './_go-peer.ts';
import { cnitoolOk } from './_go-world.ts';

useTimeLimit('netns');

const skip = goPluginsSkipReason();
const goSkip = goPeerSkipReason();

/** A runtime that runs the chain: a cnitool command and where its result cache lives. */
interface Driver {
  readonly name: string;
  readonly skip: string | null;
  run(world: World, argv: readonly string[], env: Record<string, string>): string;
  cached(world: World): string[];
}

let peer: GoPeer | undefined;
beforeAll(() => {
  if (goSkip === null) peer = buildGoPeer();
});
afterAll(() => peer?.dispose());

const DRIVERS: readonly Driver[] = [
  { name: 'our cnitool', skip, run: cnitoolOk, cached: cacheFiles },
  {
    name: "Go's libcni",
    skip: goSkip,
    run(world, argv, env) {
      if (peer === undefined) throw new Error('the Go cnitool was not built');
      return runGoPeer(world, peer, argv, env).stdout;
    },
    cached(world) {
      const dir = join(goVarLib(world), 'cni', 'results');
      return existsSync(dir) ? readdirSync(dir) : [];
    },
  },
];
const NETWORK = 'cnits-chain';
const SUBNET_PREFIX = '10.217.0';

function conflist(world: World): object {
  return {
    cniVersion: '1.0.0',
    name: NETWORK,
    plugins: [
      {
        type: 'bridge',
        bridge: `cnitsch${world.id}`,
        isGateway: true,
        ipMasq: true,
        ipam: {
          type: 'host-local',
          dataDir: world.ipamDir,
          ranges: [[{ subnet: `${SUBNET_PREFIX}.0/24` }]],
          routes: [{ dst: '0.0.0.0/0' }],
        },
      },
      { type: 'tuning', mtu: 1400, dataDir: world.tuningDir },
      { type: 'portmap', capabilities: { portMappings: true }, snat: true },
      // The attachment records in the world, not the machine's /run/cni/firewall.
      { type: 'firewall', dataDir: join(world.dir, 'firewall') },
      {
        type: 'bandwidth',
        ingressRate: 8_000_000,
        ingressBurst: 80_000,
        egressRate: 8_000_000,
        egressBurst: 80_000,
      },
    ],
  };
}

for (const driver of DRIVERS) {
  describe(`${driver.name} with our plugins only: the §6.7 chain`, () => {
    test.skipIf(driver.skip !== null)(
      `ADD sets MTU, port mapping, firewall rules and shaping; CHECK passes; DEL leaves nothing${driver.skip === null ? '' : ` (skipped: ${driver.skip})`}`,
      inWorld((world) => {
        world.write(`${NETWORK}.conflist`, conflist(world));
        const env = {
          CNI_PATH: pluginBinDir(),
          CAP_ARGS: JSON.stringify({
            portMappings: [{ hostPort: 18080, containerPort: 80, protocol: 'tcp' }],
          }),
        };
        const netns = `/run/netns/${world.a.name}`;
        const result = JSON.parse(driver.run(world, ['add', NETWORK, netns], env)) as {
          ips?: { address: string }[];
        };
        expect(result.ips?.[0]?.address).toBe(`${SUBNET_PREFIX}.2/24`);
        expect(driver.cached(world)).toHaveLength(1);

        const eth0 = links(world.a).find((link) => link.ifname === 'eth0');
        expect(eth0?.mtu).toBe(1400);
        const nat = world.host.exec(['iptables-save', '-t', 'nat']);
        expect(nat).toContain('--dport 18080');
        const filter = world.host.exec(['iptables-save', '-t', 'filter']);
        expect(filter).toContain(`-A CNI-FORWARD -d ${SUBNET_PREFIX}.2/32`);
        const hostVeth = veths(world.host)[0]?.ifname ?? '-';
        expect(world.host.exec(['tc', 'qdisc', 'show', 'dev', hostVeth])).toContain('qdisc tbf 1:');
        expect(links(world.host).some((link) => link.ifname.startsWith('bwp'))).toBe(true);

        driver.run(world, ['check', NETWORK, netns], env);
        driver.run(world, ['del', NETWORK, netns], env);

        expect(veths(world.host)).toEqual([]);
        expect(links(world.host).some((link) => link.ifname.startsWith('bwp'))).toBe(false);
        expect(world.host.exec(['iptables-save', '-t', 'nat'])).not.toContain(SUBNET_PREFIX);
        expect(world.host.exec(['iptables-save', '-t', 'filter'])).not.toContain(SUBNET_PREFIX);
        expect(ipamReservations(world, NETWORK)).toEqual([]);
        expect(driver.cached(world)).toEqual([]);
      }),
    );
  });
}
