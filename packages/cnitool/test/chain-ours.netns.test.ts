// Reference §6.7's chain (bridge → tuning → portmap → firewall → bandwidth) written by hand
// as a 1.0.0 conflist, run by our cnitool with our plugins only (the multicall executable
// alone on CNI_PATH): ADD with a port mapping, CHECK, DEL, and nothing left.
import { describe, expect, test } from 'bun:test';
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
import { cnitoolOk } from './_go-world.ts';

useTimeLimit('netns');

const skip = goPluginsSkipReason();
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
      { type: 'firewall' },
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

describe.skipIf(skip !== null)(
  `cnitool with our plugins only: the §6.7 chain${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test(
      'ADD sets MTU, port mapping, firewall rules and shaping; CHECK passes; DEL leaves nothing',
      inWorld((world) => {
        world.write(`${NETWORK}.conflist`, conflist(world));
        const env = {
          CNI_PATH: pluginBinDir(),
          CAP_ARGS: JSON.stringify({
            portMappings: [{ hostPort: 18080, containerPort: 80, protocol: 'tcp' }],
          }),
        };
        const netns = `/run/netns/${world.a.name}`;
        const result = JSON.parse(cnitoolOk(world, ['add', NETWORK, netns], env)) as {
          ips?: { address: string }[];
        };
        expect(result.ips?.[0]?.address).toBe(`${SUBNET_PREFIX}.2/24`);

        const eth0 = links(world.a).find((link) => link.ifname === 'eth0');
        expect(eth0?.mtu).toBe(1400);
        const nat = world.host.exec(['iptables-save', '-t', 'nat']);
        expect(nat).toContain('--dport 18080');
        const filter = world.host.exec(['iptables-save', '-t', 'filter']);
        expect(filter).toContain(`-A CNI-FORWARD -d ${SUBNET_PREFIX}.2/32`);
        const hostVeth = veths(world.host)[0]?.ifname ?? '-';
        expect(world.host.exec(['tc', 'qdisc', 'show', 'dev', hostVeth])).toContain('qdisc tbf 1:');
        expect(links(world.host).some((link) => link.ifname.startsWith('bwp'))).toBe(true);

        cnitoolOk(world, ['check', NETWORK, netns], env);
        cnitoolOk(world, ['del', NETWORK, netns], env);

        expect(veths(world.host)).toEqual([]);
        expect(links(world.host).some((link) => link.ifname.startsWith('bwp'))).toBe(false);
        expect(world.host.exec(['iptables-save', '-t', 'nat'])).not.toContain(SUBNET_PREFIX);
        expect(world.host.exec(['iptables-save', '-t', 'filter'])).not.toContain(SUBNET_PREFIX);
        expect(ipamReservations(world, NETWORK)).toEqual([]);
        expect(cacheFiles(world)).toEqual([]);
      }),
    );
  },
);
