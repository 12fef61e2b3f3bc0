import { findMasterLink, type Link, type NetlinkRequester } from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode, type Result100 } from '@cni-ts/spec-types';
import { type IpvlanConfig, type IpvlanModeName, isIpvlanMode } from './config.ts';

/** What ADD makes, resolved from the config, the previous result and the master link. */
export interface IpvlanSettings {
  readonly master: Link;
  readonly mode: IpvlanModeName;
  /** 0: the kernel's default (the master's MTU). */
  readonly mtu: number;
}

function fail(message: string): never {
  throw new CniError(CniErrorCode.Internal, message);
}

/** `mode`: "" or absent is l2; anything else must be an ipvlan mode. */
export function ipvlanMode(config: IpvlanConfig): IpvlanModeName {
  const mode = config.mode ?? '';
  if (mode === '') return 'l2';
  if (!isIpvlanMode(mode)) fail(`unknown ipvlan mode: ${JSON.stringify(mode)}`);
  return mode;
}

/**
 * The master's name: the configured one; chained (a prevResult) and none configured, the
 * previous result's only interface, which must have a name; else undefined (the default
 * route's link).
 */
export function masterName(config: IpvlanConfig, prev: Result100 | undefined): string | undefined {
  if (config.master !== undefined && config.master !== '') return config.master;
  if (prev === undefined) return undefined;
  const interfaces = prev.interfaces ?? [];
  const only = interfaces.length === 1 ? interfaces[0] : undefined;
  if (only === undefined || only.name === '') {
    fail('chained master failure. PrevResult lacks a single named interface');
  }
  return only.name;
}

/** Everything ADD needs, checked before anything is made. */
export function ipvlanSettings(
  sock: NetlinkRequester,
  config: IpvlanConfig,
  prev: Result100 | undefined,
): IpvlanSettings {
  const mode = ipvlanMode(config);
  const master = findMasterLink(sock, masterName(config, prev));
  const mtu = config.mtu ?? 0;
  if (mtu < 0 || mtu > master.mtu) {
    fail(`invalid MTU ${mtu}, must be [0, master MTU(${master.mtu})]`);
  }
  return { master, mode, mtu };
}
