#!/usr/bin/env bun
// Figures for the firewall plugin (issue 25): ADD and DEL per backend, ours against the Go
// firewall (1.1.1) in the same run, plus our VERSION exec as the start-up floor. Each
// (backend, side) pair gets a throwaway host namespace of its own, so neither sees the
// other's rules; every exec is `ip netns exec <host> <plugin>` for both sides alike. The
// rounds are interleaved: each round runs one VERSION and one ADD+DEL pair of every
// (backend, side), in an order that alternates, so that the machine's drift hits all alike.
// Usage (root): bun packages/plugins/scripts/bench-firewall.ts [iterations]
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  createTestNetns,
  type PrivateFirewalld,
  privateFirewalldSkipReason,
  startPrivateFirewalld,
  type TestNetns,
} from '@cni-ts/plugin-kit/testing';
import { pluginBinDir } from '../test/_binary.ts';
import { GO_PLUGIN_DIR } from '../test/_world.ts';
import { describeFailure, type ExecOutcome, timedExec } from './bench-exec.ts';
import { type Interruptions, runInterruptible } from './bench-interrupt.ts';
import { dropFromPageCache } from './bench-page-cache.ts';
import { pairedMedian, summarize } from './bench-stats.ts';

type Backend = 'iptables' | 'nftables' | 'firewalld';
type Verb = 'ADD' | 'DEL' | 'VERSION';

const ITERATIONS = Number(process.argv[2] ?? 30);
/** CNI_NETNS of every exec: a namespace of its own (the firewall never enters it). */
let container = '';

function exec(
  host: TestNetns,
  dir: string,
  verb: Verb,
  config: object,
  cid: string,
  env: Record<string, string>,
): ExecOutcome {
  const outcome = timedExec({
    argv: ['ip', 'netns', 'exec', host.name, `${dir}/firewall`],
    env: {
      PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin',
      CNI_COMMAND: verb,
      CNI_CONTAINERID: cid,
      CNI_IFNAME: 'eth0',
      CNI_NETNS: container,
      CNI_PATH: dir,
      ...env,
    },
    stdin: JSON.stringify(config),
  });
  if (outcome.exitCode !== 0) throw new Error(describeFailure(`firewall ${verb}`, outcome));
  return outcome;
}

/** One (backend, side) of the run: its host namespace, its plugin directory, its times. */
interface Lane {
  readonly side: 'go' | 'ours';
  readonly backend: Backend;
  readonly host: TestNetns;
  readonly dir: string;
  readonly env: Record<string, string>;
  readonly times: Record<'ADD' | 'DEL', number[]>;
}

/** Round `i` of a lane: ADD then DEL of attachment `i`. */
function pairOnce(lane: Lane, i: number): void {
  const config = {
    cniVersion: '1.0.0',
    name: 'bench-fw',
    type: 'firewall',
    backend: lane.backend,
    ingressPolicy: 'same-bridge',
    dataDir: `/tmp/${lane.host.name}-fw`,
    prevResult: {
      cniVersion: '1.0.0',
      interfaces: [{ name: 'bench-fwbr' }, { name: 'eth0', sandbox: container }],
      ips: [{ interface: 1, address: `10.98.${i >> 8}.${(i & 255) + 2}/16` }],
    },
  };
  const { host, dir, env } = lane;
  lane.times.ADD.push(exec(host, dir, 'ADD', config, `bench-${i}`, env).ms);
  lane.times.DEL.push(exec(host, dir, 'DEL', config, `bench-${i}`, env).ms);
}

function row(label: string, samples: readonly number[], goMedian?: number): string {
  const s = summarize(samples);
  const ratio = goMedian === undefined ? '' : `  ${(s.median / goMedian).toFixed(2)}x Go`;
  return `${label.padEnd(28)} median ${s.median.toFixed(1).padStart(6)} ms  p95 ${s.p95.toFixed(1).padStart(6)} ms${ratio}`;
}

async function main({ checkpoint }: Interruptions): Promise<number> {
  const ours = pluginBinDir();
  // Both sides read back from disk alike (see bench-page-cache.ts).
  dropFromPageCache([join(ours, 'firewall'), join(GO_PLUGIN_DIR, 'firewall')]);
  const made: TestNetns[] = [];
  const daemons: PrivateFirewalld[] = [];
  try {
    const host = (): TestNetns => {
      const ns = createTestNetns('cnits-bfw');
      made.push(ns);
      return ns;
    };
    container = host().path;
    const versionHost = host();
    const backends: Backend[] = ['iptables', 'nftables'];
    if (privateFirewalldSkipReason() === null) backends.push('firewalld');
    const lanes: Lane[] = [];
    for (const backend of backends) {
      const sides: Lane['side'][] = backend === 'nftables' ? ['ours'] : ['go', 'ours'];
      for (const side of sides) {
        const ns = host();
        let env: Record<string, string> = {};
        if (backend === 'firewalld') {
          const fw = await startPrivateFirewalld(ns);
          daemons.push(fw);
          env = { DBUS_SYSTEM_BUS_ADDRESS: fw.address };
        }
        const dir = side === 'go' ? GO_PLUGIN_DIR : ours;
        lanes.push({ side, backend, host: ns, dir, env, times: { ADD: [], DEL: [] } });
      }
    }
    const version: number[] = [];
    process.stderr.write(`bench-firewall: ${ITERATIONS} rounds over ${lanes.length} lanes…\n`);
    for (let i = 0; i < ITERATIONS; i++) {
      await checkpoint();
      version.push(exec(versionHost, ours, 'VERSION', { cniVersion: '1.0.0' }, 'v', {}).ms);
      for (const lane of i % 2 === 0 ? lanes : [...lanes].reverse()) pairOnce(lane, i);
    }
    console.log(`firewall, ${ITERATIONS} interleaved rounds (ingressPolicy same-bridge)`);
    console.log(row('ours VERSION', version));
    for (const backend of backends) {
      const go = lanes.find((lane) => lane.backend === backend && lane.side === 'go');
      for (const lane of lanes.filter((l) => l.backend === backend)) {
        for (const verb of ['ADD', 'DEL'] as const) {
          const goMedian =
            lane.side === 'ours' && go !== undefined ? summarize(go.times[verb]).median : undefined;
          console.log(row(`${lane.side} ${backend} ${verb}`, lane.times[verb], goMedian));
        }
      }
    }
    const nft = lanes.find((lane) => lane.backend === 'nftables');
    if (nft !== undefined) {
      const over = pairedMedian(nft.times.ADD, version);
      console.log(
        `ours nftables ADD over VERSION: ${over.toFixed(1)} ms, the median of the per-round differences (target <=3 ms)`,
      );
    }
    return 0;
  } finally {
    for (const fw of daemons) await fw.stop();
    for (const ns of made.reverse()) {
      ns.remove();
      rmSync(`/tmp/${ns.name}-fw`, { recursive: true, force: true });
    }
  }
}

process.exitCode = await runInterruptible(main);
