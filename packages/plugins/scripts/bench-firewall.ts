#!/usr/bin/env bun
// Figures for the firewall plugin (issue 25): ADD and DEL per backend, ours against the Go
// firewall (1.1.1) in the same run, plus our VERSION exec as the start-up floor. Each
// (backend, side) pair gets a throwaway host namespace of its own, so neither sees the
// other's rules; every exec is `ip netns exec <host> <plugin>` for both sides alike.
// Usage (root): bun packages/plugins/scripts/bench-firewall.ts [iterations]
import { rmSync } from 'node:fs';
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
import { summarize } from './bench-stats.ts';

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

/** ADD then DEL of `ITERATIONS` attachments; the times of each verb. */
function pairs(host: TestNetns, dir: string, backend: Backend, env: Record<string, string>) {
  const times: Record<'ADD' | 'DEL', number[]> = { ADD: [], DEL: [] };
  for (let i = 0; i < ITERATIONS; i++) {
    const config = {
      cniVersion: '1.0.0',
      name: 'bench-fw',
      type: 'firewall',
      backend,
      ingressPolicy: 'same-bridge',
      dataDir: `/tmp/${host.name}-fw`,
      prevResult: {
        cniVersion: '1.0.0',
        interfaces: [{ name: 'bench-fwbr' }, { name: 'eth0', sandbox: container }],
        ips: [{ interface: 1, address: `10.98.${i >> 8}.${(i & 255) + 2}/16` }],
      },
    };
    times.ADD.push(exec(host, dir, 'ADD', config, `bench-${i}`, env).ms);
    times.DEL.push(exec(host, dir, 'DEL', config, `bench-${i}`, env).ms);
  }
  return times;
}

function row(label: string, samples: readonly number[], goMedian?: number): string {
  const s = summarize(samples);
  const ratio = goMedian === undefined ? '' : `  ${(s.median / goMedian).toFixed(2)}x Go`;
  return `${label.padEnd(28)} median ${s.median.toFixed(1).padStart(6)} ms  p95 ${s.p95.toFixed(1).padStart(6)} ms${ratio}`;
}

async function main(): Promise<void> {
  const ours = pluginBinDir();
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
    const version = Array.from(
      { length: ITERATIONS },
      () => exec(versionHost, ours, 'VERSION', { cniVersion: '1.0.0' }, 'v', {}).ms,
    );
    console.log(`firewall, ${ITERATIONS} ADD+DEL pairs per line (ingressPolicy same-bridge)`);
    console.log(row('ours VERSION', version));
    const backends: Backend[] = ['iptables', 'nftables'];
    if (privateFirewalldSkipReason() === null) backends.push('firewalld');
    for (const backend of backends) {
      const sides =
        backend === 'nftables'
          ? [['ours', ours]]
          : [
              ['go', GO_PLUGIN_DIR],
              ['ours', ours],
            ];
      const go: Record<string, number> = {};
      for (const [side, dir] of sides) {
        const ns = host();
        let env: Record<string, string> = {};
        if (backend === 'firewalld') {
          const fw = await startPrivateFirewalld(ns);
          daemons.push(fw);
          env = { DBUS_SYSTEM_BUS_ADDRESS: fw.address };
        }
        const times = pairs(ns, dir ?? '', backend, env);
        for (const verb of ['ADD', 'DEL'] as const) {
          if (side === 'go') go[verb] = summarize(times[verb]).median;
          console.log(
            row(`${side} ${backend} ${verb}`, times[verb], side === 'ours' ? go[verb] : undefined),
          );
        }
      }
    }
  } finally {
    for (const fw of daemons) await fw.stop();
    for (const ns of made.reverse()) {
      ns.remove();
      rmSync(`/tmp/${ns.name}-fw`, { recursive: true, force: true });
    }
  }
}

await main();
