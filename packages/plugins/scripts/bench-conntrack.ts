import type { TestNetns } from '@cni-ts/plugin-kit/testing';

// A busy conntrack table for the benchmark's host namespace: every real host has tracked
// flows, and portmap's UDP flush then walks the kernel's whole conntrack hash (an empty
// table is skipped). One long-lived entry is enough to make both sides pay that walk.

const SEND = `
const s = require('node:dgram').createSocket('udp4');
s.send('x', 9, '127.0.0.1', () => s.close());
`;

/** The number of conntrack entries in the namespace. */
function entries(host: TestNetns): number {
  return Number(host.exec(['sysctl', '-n', 'net.netfilter.nf_conntrack_count']).trim());
}

/**
 * Makes one UDP conntrack entry in the (throwaway) host namespace that outlives the run: a
 * tracking nft table there, an hour's UDP timeout there, one datagram to the discard port
 * of 127.0.0.1 (a port no scenario maps). Throws when no entry appears.
 */
export function seedConntrack(host: TestNetns): void {
  host.exec(['sysctl', '-qw', 'net.netfilter.nf_conntrack_udp_timeout=3600']);
  host.exec(['ip', 'link', 'set', 'lo', 'up']);
  host.exec(['nft', 'add', 'table', 'ip', 'bench_ct']);
  host.exec([
    'nft',
    'add',
    'chain',
    'ip',
    'bench_ct',
    'out',
    '{ type filter hook output priority 0; }',
  ]);
  host.exec(['nft', 'add', 'rule', 'ip', 'bench_ct', 'out', 'ct', 'state', 'new', 'counter']);
  host.exec([process.execPath, '-e', SEND]);
  const count = entries(host);
  if (!(count >= 1)) throw new Error(`no conntrack entry in ${host.name} (count ${count})`);
}
