import type { FirewallExecOptions } from './command-runner.ts';

/** The two ways of writing masquerade rules, as the `ipMasqBackend` config key names them. */
export type IpMasqBackend = 'iptables' | 'nftables';

/** The backends in the order teardown and GC visit them when none is named. */
export const IP_MASQ_BACKENDS: readonly IpMasqBackend[] = ['iptables', 'nftables'];

/** True when `value` names a masquerade backend (what a config's ipMasqBackend may hold). */
export function isIpMasqBackend(value: string): value is IpMasqBackend {
  return value === 'iptables' || value === 'nftables';
}

/** One attachment of a container to a network: what the rules are named after. */
export interface IpMasqAttachment {
  readonly containerId: string;
  /** The container interface (CNI_IFNAME). The iptables backend ignores it, as upstream does. */
  readonly ifName: string;
}

/** An attachment and the addresses it masquerades. */
export interface IpMasqTarget extends IpMasqAttachment {
  /** The network name (the config's `name`). */
  readonly network: string;
  /** The container's addresses with their prefix, as in the result: "10.1.0.5/16", "fd00::5/64". */
  readonly addresses: readonly string[];
}

/** What setupIpMasq and checkIpMasq need. */
export interface IpMasqSetupOptions extends IpMasqTarget, FirewallExecOptions {
  readonly backend: IpMasqBackend;
}

/**
 * What teardownIpMasq needs: only the stored values (network, container id, ifname and
 * the addresses, which may be empty when they are unknown): the container's namespace is
 * never entered, so teardown works after it is gone. Without `backend`, both backends are
 * cleaned, as upstream does, since the rules may come from another version or config.
 */
export interface IpMasqTeardownOptions extends IpMasqTarget, FirewallExecOptions {
  readonly backend?: IpMasqBackend;
}

/** What gcIpMasq needs: the network and every attachment that is still valid. */
export interface IpMasqGcOptions extends FirewallExecOptions {
  readonly network: string;
  readonly validAttachments: readonly IpMasqAttachment[];
  /** Default: both backends. */
  readonly backend?: IpMasqBackend;
}

/** One backend's implementation of the four operations. */
export interface IpMasqDriver {
  setup(target: IpMasqTarget, options: FirewallExecOptions): void;
  teardown(target: IpMasqTarget, options: FirewallExecOptions): void;
  gc(
    network: string,
    validAttachments: readonly IpMasqAttachment[],
    options: FirewallExecOptions,
  ): void;
  /** What is missing, one line per rule; empty when everything is in place. */
  check(target: IpMasqTarget, options: FirewallExecOptions): string[];
}
