import type { GcAttachment } from '@cni-ts/spec-types';

/** CNI_ARGS as key/value pairs, in order. */
export type ArgPairs = readonly (readonly [string, string])[];

/**
 * The parameters of one attachment: upstream's `RuntimeConf`. `capabilityArgs` are the
 * runtime's capability arguments; each plugin gets, under `runtimeConfig`, those its
 * `capabilities` enable.
 */
export interface RuntimeConf {
  /** CNI_CONTAINERID. */
  readonly containerId: string;
  /** CNI_NETNS (may be empty on DEL). */
  readonly netns?: string | undefined;
  /** CNI_IFNAME. */
  readonly ifName: string;
  /** CNI_ARGS as pairs. */
  readonly args?: ArgPairs | undefined;
  /** Capability arguments by capability name (`portMappings`, `ips`, `bandwidth`, ...). */
  readonly capabilityArgs?: Readonly<Record<string, unknown>> | undefined;
}

/** An attachment recorded in the result cache: upstream's `NetworkAttachment`. */
export interface NetworkAttachment {
  readonly containerId: string;
  readonly network: string;
  readonly ifName: string;
  /** The network configuration it was added with (as cached: the list's or conf's bytes). */
  readonly config: Uint8Array;
  readonly netns: string;
  readonly cniArgs: ArgPairs | undefined;
  readonly capabilityArgs: Readonly<Record<string, unknown>> | undefined;
}

/** The arguments of GC: upstream's `GCArgs`. */
export interface GcArgs {
  /** The attachments that are still valid; every other cached one of the network is stale. */
  readonly validAttachments?: readonly GcAttachment[] | undefined;
}

/** A cached configuration with the runtime parameters it was added with. */
export interface CachedConfig {
  readonly config: Uint8Array;
  /** The given RuntimeConf with `args` (when cached) and `capabilityArgs` from the cache. */
  readonly runtime: RuntimeConf;
}

/** Options every operation takes. */
export interface OperationOptions {
  /** Aborting stops the operation: the running plugin gets SIGTERM, then SIGKILL. */
  readonly signal?: AbortSignal | undefined;
}
