// A read-only snapshot of the machine's own network namespace (links, addresses, routes,
// iptables and nftables rules, forwarding sysctls), taken before and after a runtime test
// to prove that nothing the runtime or the plugins did landed outside the throwaway
// namespaces. Packet and byte counters are dropped: traffic changes them, not the test.
import { readFileSync } from 'node:fs';

function output(argv: readonly string[]): string {
  const done = Bun.spawnSync([...argv], { stdout: 'pipe', stderr: 'pipe' });
  if (done.exitCode !== 0) return `${argv.join(' ')}: exit ${done.exitCode}`;
  return done.stdout.toString();
}

function withoutCounters(text: string): string {
  return text
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .map((line) =>
      line.replace(/\[\d+:\d+\]/g, '[]').replace(/counter packets \d+ bytes \d+/g, 'counter'),
    )
    .join('\n');
}

function sysctl(path: string): string {
  try {
    return `${path}=${readFileSync(path, 'utf8').trim()}`;
  } catch {
    return `${path}=?`;
  }
}

/** The parts of the machine namespace a CNI runtime or plugin could change, as text. */
export function machineNetworkState(): Record<string, string> {
  return {
    links: output(['ip', '-o', 'link', 'show']).replace(/ qlen \d+/g, ''),
    addresses: output(['ip', '-o', 'address', 'show']),
    routes4: output(['ip', '-4', 'route', 'show', 'table', 'all']),
    routes6: output(['ip', '-6', 'route', 'show', 'table', 'all']).replace(/expires \d+sec/g, ''),
    iptables: withoutCounters(output(['iptables-save'])),
    ip6tables: withoutCounters(output(['ip6tables-save'])),
    nftables: withoutCounters(output(['nft', 'list', 'ruleset'])),
    sysctls: [
      '/proc/sys/net/ipv4/ip_forward',
      '/proc/sys/net/ipv6/conf/all/forwarding',
      '/proc/sys/net/ipv4/conf/all/route_localnet',
    ]
      .map(sysctl)
      .join('\n'),
  };
}
