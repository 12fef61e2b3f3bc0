import { resolve } from 'node:path';
import type { ArgPairs, RuntimeConf } from '@cni-ts/libcni';
import { type CapabilityArgs, parseCapabilityArgs } from './cap-args.ts';
import { parseToolCniArgs } from './cni-args.ts';
import { containerIdForNetns } from './container-id.ts';
import type { ToolEnv } from './io.ts';

/** Where configurations are looked up when NETCONFPATH is not set (upstream's default). */
export const DEFAULT_NETCONFPATH = '/etc/cni/net.d';

/** The interface name when neither `--ifname` nor CNI_IFNAME gives one. */
export const DEFAULT_IFNAME = 'eth0';

/** Where the tool finds configurations and plugins and keeps its cache. */
export interface ToolSettings {
  /** NETCONFPATH: the configuration directory. */
  readonly confDir: string;
  /** CNI_PATH split on `:` (empty entries dropped). */
  readonly cniPath: readonly string[];
  /** `--cache-dir`, else CNI_CACHE_DIR, else undefined (libcni's /var/lib/cni). */
  readonly cacheDir: string | undefined;
}

/** Reads NETCONFPATH, CNI_PATH and the cache directory (`--cache-dir` wins over CNI_CACHE_DIR). */
export function readSettings(env: ToolEnv, cacheDirFlag?: string): ToolSettings {
  return {
    confDir: env.NETCONFPATH || DEFAULT_NETCONFPATH,
    cniPath: (env.CNI_PATH ?? '').split(':').filter((dir) => dir !== ''),
    cacheDir: cacheDirFlag || env.CNI_CACHE_DIR || undefined,
  };
}

/** The interface name: `--ifname`, else CNI_IFNAME, else eth0 (an empty value also means eth0). */
export function resolveIfName(env: ToolEnv, ifnameFlag?: string): string {
  return ifnameFlag || env.CNI_IFNAME || DEFAULT_IFNAME;
}

/** CNI_ARGS (strict pairs) and CAP_ARGS (a JSON object), left out when empty. */
export interface RuntimeArgs {
  readonly args?: ArgPairs;
  readonly capabilityArgs?: CapabilityArgs;
}

/** Reads CNI_ARGS and CAP_ARGS; throws a code-4 CniError when either is malformed. */
export function readRuntimeArgs(env: ToolEnv): RuntimeArgs {
  const args = parseToolCniArgs(env.CNI_ARGS ?? '');
  const capabilityArgs = parseCapabilityArgs(env.CAP_ARGS ?? '');
  return {
    ...(args.length > 0 ? { args } : {}),
    ...(Object.keys(capabilityArgs).length > 0 ? { capabilityArgs } : {}),
  };
}

/**
 * The RuntimeConf of an attachment as upstream's cnitool builds it: the netns path made
 * absolute, the container ID derived from it, the interface name, CNI_ARGS and CAP_ARGS
 * (see {@link readRuntimeArgs}).
 */
export function runtimeFor(
  env: ToolEnv,
  netnsPath: string,
  ifName: string,
  cwd: string,
): RuntimeConf {
  const netns = resolve(cwd, netnsPath);
  return { containerId: containerIdForNetns(netns), netns, ifName, ...readRuntimeArgs(env) };
}
