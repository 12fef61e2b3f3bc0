import { existsSync } from 'node:fs';
import { parseGoMac, type TypedCniArgs } from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import type { TapCniArg, TapConfig } from './config.ts';

/** What ADD makes, checked before anything is made. */
export interface TapSettings {
  /** "aa:bb:cc:dd:ee:ff", or absent for the kernel's random address. */
  readonly mac?: string;
  /** 0: the kernel's default. */
  readonly mtu: number;
  readonly multiQueue: boolean;
  readonly owner?: number;
  readonly group?: number;
  readonly bridge?: string;
}

/** Where the kernel shows SELinux when it is enabled. */
export const SELINUX_FS = '/sys/fs/selinux';

function fail(message: string): never {
  throw new CniError(CniErrorCode.Internal, message);
}

/** The MAC: config `mac` < CNI_ARGS `MAC` < `runtimeConfig.mac` (upstream's order). */
function tapMac(config: TapConfig, cniArgs: TypedCniArgs<TapCniArg>): string | undefined {
  const candidates = [config.runtimeConfig?.mac, cniArgs.MAC, config.mac];
  const text = candidates.find((candidate) => candidate !== undefined && candidate !== '');
  if (text === undefined) return undefined;
  const mac = parseGoMac(text);
  if (mac === undefined)
    fail(`invalid args ${text} for MAC addr: address ${text}: invalid MAC address`);
  return mac;
}

/**
 * The config's checks: a readable MAC, an MTU that is not negative, and no
 * `selinuxContext` (upstream runs `ip` under that exec label; plugins here never run ip,
 * and labelling the tap from inside the process is not done yet).
 */
export function tapSettings(config: TapConfig, cniArgs: TypedCniArgs<TapCniArg>): TapSettings {
  if (config.selinuxContext !== undefined && config.selinuxContext !== '') {
    if (!existsSync(SELINUX_FS)) {
      fail(
        `selinuxContext ${JSON.stringify(config.selinuxContext)} is set but SELinux is not enabled on this host`,
      );
    }
    fail('selinuxContext is not supported yet: the tap cannot be labelled without running ip');
  }
  const mtu = config.mtu ?? 0;
  if (mtu < 0) fail(`invalid MTU ${mtu}, must be 0 or more`);
  const mac = tapMac(config, cniArgs);
  return {
    mtu,
    multiQueue: config.multiQueue === true,
    ...(mac === undefined ? {} : { mac }),
    ...(config.owner === undefined ? {} : { owner: config.owner }),
    ...(config.group === undefined ? {} : { group: config.group }),
    ...(config.bridge === undefined || config.bridge === '' ? {} : { bridge: config.bridge }),
  };
}
