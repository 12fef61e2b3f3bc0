import { supportsIptables, supportsNftables } from './backend-select.ts';
import type { FirewallExecOptions } from './command-runner.ts';
import { IpMasqCheckError } from './ipmasq-errors.ts';
import {
  IP_MASQ_BACKENDS,
  type IpMasqBackend,
  type IpMasqDriver,
  type IpMasqGcOptions,
  type IpMasqSetupOptions,
  type IpMasqTeardownOptions,
} from './ipmasq-types.ts';
import { ipMasqIptables } from './iptables/ipmasq-iptables.ts';
import { ipMasqNftables } from './nftables/ipmasq-nftables.ts';

// Masquerade for a container's addresses on a network (the bridge and ptp plugins' ipMasq),
// over one of two backends. Everything runs synchronously in the current network namespace,
// or in `netns` when given (the tool process is started inside it).

const DRIVERS: Readonly<Record<IpMasqBackend, IpMasqDriver>> = {
  iptables: ipMasqIptables,
  nftables: ipMasqNftables,
};

const SUPPORTED: Readonly<Record<IpMasqBackend, (options: FirewallExecOptions) => boolean>> = {
  iptables: supportsIptables,
  nftables: supportsNftables,
};

function execOptions(options: FirewallExecOptions): FirewallExecOptions {
  return {
    ...(options.netns === undefined ? {} : { netns: options.netns }),
    ...(options.runner === undefined ? {} : { runner: options.runner }),
    ...(options.nftSocket === undefined ? {} : { nftSocket: options.nftSocket }),
  };
}

/**
 * Masquerades traffic from each address to anything outside its subnet (multicast
 * excepted). Idempotent: running it again leaves one copy of each rule. Equivalent to
 * upstream's `ip.SetupIPMasqForNetworks`. Throws FirewallError when a tool fails and
 * TypeError for an address that is not "ip/prefix".
 */
export function setupIpMasq(options: IpMasqSetupOptions): void {
  DRIVERS[options.backend].setup(options, execOptions(options));
}

/**
 * Runs `each` for the named backend, or for both. With both, every backend is attempted;
 * a failure counts only where that backend is usable (as upstream), and two failures are
 * thrown together as an AggregateError.
 */
function forBackends(
  backend: IpMasqBackend | undefined,
  options: FirewallExecOptions,
  each: (driver: IpMasqDriver) => void,
): void {
  if (backend !== undefined) {
    each(DRIVERS[backend]);
    return;
  }
  const errors: unknown[] = [];
  for (const name of IP_MASQ_BACKENDS) {
    try {
      each(DRIVERS[name]);
    } catch (error) {
      if (SUPPORTED[name](options)) errors.push(error);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) {
    throw new AggregateError(errors, errors.map((error) => String(error)).join('\n'));
  }
}

/**
 * Removes what setupIpMasq made for this attachment, from the stored values alone (the
 * container's namespace may be gone; `addresses` may be empty). Missing tables, chains and
 * rules are success, so it can run any number of times. For iptables it also removes the
 * legacy `-s <ip/prefix>` jump older plugins wrote. Equivalent to
 * `ip.TeardownIPMasqForNetworks`.
 */
export function teardownIpMasq(options: IpMasqTeardownOptions): void {
  const exec = execOptions(options);
  forBackends(options.backend, exec, (driver) => driver.teardown(options, exec));
}

/**
 * Removes the rules of `network` that belong to no valid attachment (CNI GC). nftables:
 * rules whose comment starts with the network's hash and is no valid attachment's comment.
 * iptables (upstream has no GC for it): `CNI-…` chains whose rule comments name this
 * network and a container id that no valid attachment has (the iptables naming has no
 * ifname), with their POSTROUTING jumps.
 */
export function gcIpMasq(options: IpMasqGcOptions): void {
  const exec = execOptions(options);
  forBackends(options.backend, exec, (driver) =>
    driver.gc(options.network, options.validAttachments, exec),
  );
}

/**
 * CHECK: every rule setupIpMasq would make is present. Throws IpMasqCheckError naming the
 * missing rules.
 */
export function checkIpMasq(options: IpMasqSetupOptions): void {
  const missing = DRIVERS[options.backend].check(options, execOptions(options));
  if (missing.length > 0) throw new IpMasqCheckError(options.backend, missing);
}
