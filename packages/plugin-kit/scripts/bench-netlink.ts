#!/usr/bin/env bun
// Benchmark: one container attachment's kernel work through the kit's netlink stack versus
// through `ip` commands, in throwaway namespaces this script creates and removes.
//
//   bun packages/plugin-kit/scripts/bench-netlink.ts [--iterations N] [--warmup N]
//
// One iteration, both ways, with the same steps:
//   1. a veth pair made from inside the "container" namespace with the peer placed in the
//      "host" namespace, host end up, net.ipv6.conf.<host end>.accept_ra=0;
//   2. an address on the container end, container end up;
//   3. a route through a gateway in that subnet;
//   4. the pair deleted again.
// The kit side opens its route sockets per iteration, as a plugin run would. The `ip` side
// spawns one process per step. Needs root; prints median, p95 and the ratio; asserts nothing.
import { parseArgs } from 'node:util';
import { createVethPair } from '../src/ip/create-veth-pair.ts';
import { addAddress } from '../src/netlink/route/address/ops.ts';
import { deleteLink } from '../src/netlink/route/link/ops.ts';
import { setLinkUp } from '../src/netlink/route/link/set-ops.ts';
import { addRoute } from '../src/netlink/route/route/ops.ts';
import { openRouteSocket } from '../src/netlink/socket/open-route-socket.ts';
import {
  canUseNetns,
  createTestNetns,
  netnsSkipReason,
  type TestNetns,
} from '../src/testing/test-netns.ts';

const { values } = parseArgs({
  options: {
    iterations: { type: 'string', short: 'n', default: '200' },
    warmup: { type: 'string', default: '10' },
  },
});
const iterations = Number(values.iterations);
const warmup = Number(values.warmup);
if (!Number.isInteger(iterations) || iterations < 1 || !Number.isInteger(warmup) || warmup < 0) {
  process.stderr.write('usage: bench-netlink.ts [--iterations N (>=1)] [--warmup N (>=0)]\n');
  process.exit(2);
}
if (!canUseNetns()) {
  process.stderr.write(`bench-netlink: cannot run: ${netnsSkipReason()}\n`);
  process.exit(1);
}

const HOST_VETH = 'vethbench0';
const ADDRESS = '10.200.0.2/24';
const ROUTE_DST = '10.201.0.0/16';
const GATEWAY = '10.200.0.1';

/** One way of doing the work: `setup` makes the attachment, `teardown` deletes it. */
interface Way {
  readonly setup: (host: TestNetns, container: TestNetns) => void;
  readonly teardown: (host: TestNetns, container: TestNetns) => void;
}

const kit: Way = {
  setup: (host, container) => {
    const veth = createVethPair({
      containerNetns: container.ns,
      hostNetns: host.ns,
      containerIfName: 'eth0',
      hostIfName: HOST_VETH,
    });
    using sock = openRouteSocket({ netns: container.ns });
    const index = veth.container.index;
    addAddress(sock, { index, address: ADDRESS });
    setLinkUp(sock, index);
    addRoute(sock, { dst: ROUTE_DST, gateway: GATEWAY, oif: index });
  },
  teardown: (_host, container) => {
    using sock = openRouteSocket({ netns: container.ns });
    deleteLink(sock, { name: 'eth0' });
  },
};

function run(argv: readonly string[]): void {
  const result = Bun.spawnSync([...argv], { stdout: 'ignore', stderr: 'pipe' });
  if (result.exitCode !== 0) {
    throw new Error(`${argv.join(' ')}: ${result.stderr.toString().trim()}`);
  }
}

const ip: Way = {
  setup: (host, container) => {
    const c = container.name;
    const h = host.name;
    run([
      'ip',
      '-n',
      c,
      'link',
      'add',
      'eth0',
      'type',
      'veth',
      'peer',
      'name',
      HOST_VETH,
      'netns',
      h,
    ]);
    run(['ip', '-n', h, 'link', 'set', HOST_VETH, 'up']);
    run(['ip', 'netns', 'exec', h, 'sysctl', '-qw', `net.ipv6.conf.${HOST_VETH}.accept_ra=0`]);
    run(['ip', '-n', c, 'addr', 'add', ADDRESS, 'dev', 'eth0']);
    run(['ip', '-n', c, 'link', 'set', 'eth0', 'up']);
    run(['ip', '-n', c, 'route', 'add', ROUTE_DST, 'via', GATEWAY, 'dev', 'eth0']);
  },
  teardown: (_host, container) => {
    run(['ip', '-n', container.name, 'link', 'del', 'eth0']);
  },
};

/** Per-iteration milliseconds: the whole iteration, its setup and its teardown. */
interface Samples {
  readonly total: number[];
  readonly setup: number[];
  readonly teardown: number[];
}

function measure(label: string, way: Way, host: TestNetns, container: TestNetns): Samples {
  for (let i = 0; i < warmup; i++) {
    way.setup(host, container);
    way.teardown(host, container);
  }
  const samples: Samples = { total: [], setup: [], teardown: [] };
  for (let i = 0; i < iterations; i++) {
    const start = Bun.nanoseconds();
    way.setup(host, container);
    const middle = Bun.nanoseconds();
    way.teardown(host, container);
    const end = Bun.nanoseconds();
    samples.total.push((end - start) / 1e6);
    samples.setup.push((middle - start) / 1e6);
    samples.teardown.push((end - middle) / 1e6);
  }
  process.stderr.write(`${label}: ${iterations} iterations done\n`);
  return samples;
}

function quantile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const a = sorted[low] ?? 0;
  const b = sorted[high] ?? a;
  return a + (b - a) * (position - low);
}

const made: TestNetns[] = [];
const cleanup = (): void => {
  for (const ns of made.splice(0)) ns.remove();
};
process.on('SIGINT', () => {
  cleanup();
  process.exit(130);
});

try {
  const host = createTestNetns('cnits-bench');
  made.push(host);
  const container = createTestNetns('cnits-bench');
  made.push(container);
  const kitSamples = measure('kit', kit, host, container);
  const ipSamples = measure('ip', ip, host, container);
  const fmt = (ms: number) => `${ms.toFixed(3)} ms`.padStart(12);
  const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : `${(a / b).toFixed(1)}x`.padStart(14));
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`veth pair + address + route, then delete: ${iterations} iterations (${warmup} warm-up)`);
  out(
    `${'phase'.padEnd(10)}${'kit median'.padStart(12)}${'kit p95'.padStart(12)}${'ip median'.padStart(12)}${'ip p95'.padStart(12)}${'median ratio'.padStart(14)}${'p95 ratio'.padStart(14)}`,
  );
  for (const phase of ['total', 'setup', 'teardown'] as const) {
    const k = kitSamples[phase];
    const i = ipSamples[phase];
    const [km, kp, im, ip95] = [
      quantile(k, 0.5),
      quantile(k, 0.95),
      quantile(i, 0.5),
      quantile(i, 0.95),
    ];
    out(
      `${phase.padEnd(10)}${fmt(km)}${fmt(kp)}${fmt(im)}${fmt(ip95)}${ratio(im, km)}${ratio(ip95, kp)}`,
    );
  }
  out('ratio = ip / kit (higher means the kit is faster)');
} finally {
  cleanup();
}
