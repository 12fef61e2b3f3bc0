import {
  findMasterLink,
  type Link,
  type NetlinkRequester,
  parseGoMac,
  type TypedCniArgs,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import {
  isMacvlanMode,
  type MacvlanCniArg,
  type MacvlanConfig,
  type MacvlanModeName,
} from './config.ts';

/** What ADD makes, resolved from the config, CNI_ARGS and the master link. */
export interface MacvlanSettings {
  /** The parent link, as read in the namespace it lives in. */
  readonly master: Link;
  readonly mode: MacvlanModeName;
  /** 0: the kernel's default (the master's MTU). */
  readonly mtu: number;
  /** "aa:bb:cc:dd:ee:ff", or absent for the kernel's random address. */
  readonly mac?: string;
  readonly bcQueueLen?: number;
}

function fail(message: string, cause?: unknown): never {
  throw new CniError(CniErrorCode.Internal, message, cause === undefined ? {} : { cause });
}

/** `mode`: "" or absent is bridge; anything else must be a macvlan mode. */
export function macvlanMode(config: MacvlanConfig): MacvlanModeName {
  const mode = config.mode ?? '';
  if (mode === '') return 'bridge';
  if (!isMacvlanMode(mode)) fail(`unknown macvlan mode: ${JSON.stringify(mode)}`);
  return mode;
}

/** The MAC: config `mac` < CNI_ARGS `MAC` < `runtimeConfig.mac` (upstream's order). */
export function macvlanMac(
  config: MacvlanConfig,
  cniArgs: TypedCniArgs<MacvlanCniArg>,
): string | undefined {
  const candidates = [config.runtimeConfig?.mac, cniArgs.MAC, config.mac];
  const text = candidates.find((candidate) => candidate !== undefined && candidate !== '');
  if (text === undefined) return undefined;
  const mac = parseGoMac(text);
  if (mac === undefined)
    fail(`invalid args ${text} for MAC addr: address ${text}: invalid MAC address`);
  return mac;
}

/** Everything ADD needs, checked before anything is made. */
export function macvlanSettings(
  sock: NetlinkRequester,
  config: MacvlanConfig,
  cniArgs: TypedCniArgs<MacvlanCniArg>,
): MacvlanSettings {
  const mode = macvlanMode(config);
  const master = findMasterLink(sock, config.master);
  const mtu = config.mtu ?? 0;
  if (mtu < 0 || mtu > master.mtu) {
    fail(`invalid MTU ${mtu}, must be [0, master MTU(${master.mtu})]`);
  }
  const mac = macvlanMac(config, cniArgs);
  return {
    master,
    mode,
    mtu,
    ...(mac === undefined ? {} : { mac }),
    ...(config.bcqueuelen === undefined ? {} : { bcQueueLen: config.bcqueuelen }),
  };
}
