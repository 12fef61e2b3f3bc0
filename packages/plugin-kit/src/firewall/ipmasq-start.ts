import {
  IPTABLES_PROBE_ARGS,
  selectIpMasqBackend,
  supportsIptables,
  supportsNftables,
} from './backend-select.ts';
import type { FirewallExecOptions } from './command-runner.ts';
import { tryToolAsync } from './command-runner-async.ts';
import { setupIpMasq, teardownIpMasq } from './ipmasq.ts';
import { UnknownIpMasqBackendError } from './ipmasq-errors.ts';
import {
  type IpMasqBackend,
  type IpMasqSetupOptions,
  type IpMasqTeardownOptions,
  isIpMasqBackend,
} from './ipmasq-types.ts';
import {
  setupIpMasqIptablesAsync,
  teardownIpMasqIptablesAsync,
} from './iptables/ipmasq-iptables-async.ts';

// setupIpMasq and teardownIpMasq, started now and finished later: on the iptables backend
// the restore processes run while the plugin does its netlink work (or waits for the
// kernel to delete a veth), and the plugin awaits them at the end. Same rules, same
// errors; the nftables backend does its work before returning, as before.

function execOptions(options: FirewallExecOptions): FirewallExecOptions {
  return {
    ...(options.netns === undefined ? {} : { netns: options.netns }),
    ...(options.runner === undefined ? {} : { runner: options.runner }),
  };
}

/** Runs `work` now; its failure comes back as a rejected promise, not a throw. */
function settledNow(work: () => void): Promise<void> {
  try {
    work();
    return Promise.resolve();
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * {@link selectIpMasqBackend} with its iptables probe started before this returns, so that
 * an ADD can start it first and read the answer when it needs it. An unknown value throws
 * at once (UnknownIpMasqBackendError), before anything is done. The rare cases after a
 * failed probe are decided as selectIpMasqBackend decides them.
 */
export function selectIpMasqBackendAsync(
  value: string | undefined,
  options: FirewallExecOptions = {},
): Promise<IpMasqBackend> {
  if (value !== undefined && isIpMasqBackend(value)) return Promise.resolve(value);
  if (value !== undefined) throw new UnknownIpMasqBackendError(value);
  return tryToolAsync('iptables', IPTABLES_PROBE_ARGS, execOptions(options)).then((probe) =>
    probe.exitCode === 0 ? 'iptables' : selectIpMasqBackend(undefined, options),
  );
}

/** {@link setupIpMasq}, with the iptables processes started before this returns. */
export function startIpMasqSetup(options: IpMasqSetupOptions): Promise<void> {
  if (options.backend !== 'iptables') return settledNow(() => setupIpMasq(options));
  return setupIpMasqIptablesAsync(options, execOptions(options));
}

/**
 * {@link teardownIpMasq}, with the iptables processes started before this returns. With no
 * backend named, both are torn down and a failure counts only where that backend works
 * here, as teardownIpMasq does.
 */
export async function startIpMasqTeardown(options: IpMasqTeardownOptions): Promise<void> {
  const exec = execOptions(options);
  if (options.backend === 'nftables') return teardownIpMasq(options);
  const iptables = teardownIpMasqIptablesAsync(options, exec);
  if (options.backend === 'iptables') return iptables;
  const nftables = settledNow(() => teardownIpMasq({ ...options, backend: 'nftables' }));
  const [ipt, nft] = await Promise.allSettled([iptables, nftables]);
  const errors = [
    ...(ipt.status === 'rejected' && supportsIptables(exec) ? [ipt.reason] : []),
    ...(nft.status === 'rejected' && supportsNftables(exec) ? [nft.reason] : []),
  ];
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) {
    throw new AggregateError(errors, errors.map((error) => String(error)).join('\n'));
  }
}
