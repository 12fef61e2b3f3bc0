// The busy hosts bench-scale.ts measures on, as the state each plugin finds there: the
// files of a host-local network with many reservations, kube-proxy's nat table for many
// services, the firewall's filter table with many containers. Written in the layouts the
// plugins (ours and Go's) read: upstream's reservation files, `iptables-restore` input.

/** The sizes of the busy hosts. */
export interface ScaleSizes {
  /** host-local: reservations already in the network. */
  readonly reservations: number;
  /** portmap: kube-proxy services in the nat table (about seven rules each). */
  readonly services: number;
  /** firewall: containers whose two rules are already in CNI-FORWARD. */
  readonly containers: number;
}

export const FULL_SIZES: ScaleSizes = { reservations: 250, services: 600, containers: 300 };

/** A test's sizes: every path taken, in seconds. */
export const SMALL_SIZES: ScaleSizes = { reservations: 5, services: 5, containers: 5 };

/** The i-th address of 10.<second>.0.0/16 past .0.1 (the gateway), as host-local names it. */
export function addressIn(second: number, i: number): string {
  const n = i + 2;
  return `10.${second}.${n >> 8}.${n & 255}`;
}

/** host-local's files for `count` reservations in 10.<second>.0.0/16: name -> content. */
export function reservationFiles(second: number, count: number): Map<string, string> {
  const files = new Map<string, string>();
  for (let i = 0; i < count; i++) files.set(addressIn(second, i), `busy-${i}\r\neth0`);
  return files;
}

function hex16(n: number): string {
  return n.toString(16).toUpperCase().padStart(16, '0');
}

/**
 * kube-proxy's nat table (iptables mode) for `services` ClusterIP services with one
 * endpoint each, as `iptables-restore --noflush` input: the dispatch rule in
 * KUBE-SERVICES, the service chain (masquerade mark, endpoint jump) and the endpoint chain
 * (hairpin mark, DNAT), every rule with kube-proxy's quoted comment.
 */
export function kubeProxyNat(services: number): string {
  const chains = [':KUBE-SERVICES - [0:0]', ':KUBE-MARK-MASQ - [0:0]'];
  const rules = [
    '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    '-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    '-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000',
  ];
  for (let i = 0; i < services; i++) {
    const svc = `KUBE-SVC-${hex16(i)}`;
    const sep = `KUBE-SEP-${hex16(i)}`;
    const ip = `10.96.${i >> 7}.${(i & 127) + 1}`;
    const pod = addressIn(244, i);
    const name = `ns${i}/svc${i}:http`;
    chains.push(`:${svc} - [0:0]`, `:${sep} - [0:0]`);
    rules.push(
      `-A KUBE-SERVICES -d ${ip}/32 -p tcp -m comment --comment "${name} cluster IP" -m tcp --dport 80 -j ${svc}`,
      `-A ${svc} ! -s 10.244.0.0/16 -d ${ip}/32 -p tcp -m comment --comment "${name} cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ`,
      `-A ${svc} -m comment --comment "${name} -> ${pod}:80" -j ${sep}`,
      `-A ${sep} -s ${pod}/32 -m comment --comment "${name}" -j KUBE-MARK-MASQ`,
      `-A ${sep} -p tcp -m comment --comment "${name}" -m tcp -j DNAT --to-destination ${pod}:80`,
    );
  }
  return ['*nat', ...chains, ...rules, 'COMMIT', ''].join('\n');
}

/**
 * The filter table as the firewall plugin (iptables backend, open policy) leaves it after
 * `containers` ADDs in 10.<second>.0.0/16: its chains and jumps, and each container's two
 * rules, as `iptables-restore --noflush` input.
 */
export function firewallFilter(second: number, containers: number): string {
  const lines = [
    '*filter',
    ':CNI-FORWARD - [0:0]',
    ':CNI-ADMIN - [0:0]',
    '-I FORWARD 1 -m comment --comment "CNI firewall plugin rules" -j CNI-FORWARD',
    '-A CNI-FORWARD -m comment --comment "CNI firewall plugin admin overrides" -j CNI-ADMIN',
  ];
  for (let i = 0; i < containers; i++) {
    const address = `${addressIn(second, i)}/32`;
    lines.push(
      `-A CNI-FORWARD -d ${address} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`,
      `-A CNI-FORWARD -s ${address} -j ACCEPT`,
    );
  }
  return [...lines, 'COMMIT', ''].join('\n');
}
