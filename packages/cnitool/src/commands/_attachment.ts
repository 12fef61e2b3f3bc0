import {
  type CniConfig,
  loadNetworkConf,
  type NetworkConfigList,
  type RuntimeConf,
} from '@cni-ts/libcni';
import type { ArgsDef } from 'citty';
import { cniConfigFor } from '../cni-config.ts';
import { type CliIo, ioOf } from '../io.ts';
import { readSettings, resolveIfName, runtimeFor } from '../settings.ts';

/** The `--cache-dir` option every command that touches the cache takes. */
export const cacheDirArg = {
  'cache-dir': {
    type: 'string',
    valueHint: 'dir',
    description: 'Result cache directory (default: $CNI_CACHE_DIR, else /var/lib/cni)',
  },
} as const satisfies ArgsDef;

/** `<network>`: a network name looked up in NETCONFPATH. */
export const networkArg = {
  network: {
    type: 'positional',
    description: 'Network name, looked up in $NETCONFPATH (default /etc/cni/net.d)',
    required: true,
  },
} as const satisfies ArgsDef;

/** The arguments of add, check and del: `<network> <netns>` plus `-i` and `--cache-dir`. */
export const attachmentArgs = {
  ...networkArg,
  netns: {
    type: 'positional',
    description: 'Path of the network namespace (e.g. /run/netns/NAME)',
    required: true,
  },
  ifname: {
    type: 'string',
    alias: 'i',
    valueHint: 'name',
    description: 'Interface name in the namespace (default: $CNI_IFNAME, else eth0)',
  },
  ...cacheDirArg,
} as const satisfies ArgsDef;

/** A network with the client to run it: what gc and status need. */
export interface NetworkTarget {
  readonly io: CliIo;
  readonly cni: CniConfig;
  readonly list: NetworkConfigList;
}

/** A network, the client and one attachment's RuntimeConf: what add, check and del need. */
export interface AttachmentTarget extends NetworkTarget {
  readonly runtime: RuntimeConf;
}

/** Loads the network named on the command line, with the client. */
export async function openNetwork(
  args: { network: string; 'cache-dir'?: string | undefined },
  data: unknown,
): Promise<NetworkTarget> {
  const io = ioOf(data);
  const settings = readSettings(io.env, args['cache-dir']);
  const list = await loadNetworkConf(settings.confDir, args.network);
  return { io, cni: cniConfigFor(settings, io), list };
}

/**
 * For check and del: when neither CNI_ARGS nor CAP_ARGS is set, the ones the attachment
 * was added with are taken from the cache (so portmap, for one, finds its port mappings
 * again). Setting either variable, even to an empty value, uses the environment only, as
 * upstream's cnitool does. An unreadable cache entry is left for libcni to deal with.
 */
export async function withCachedArgs(target: AttachmentTarget): Promise<AttachmentTarget> {
  const { io, cni, list, runtime } = target;
  if (io.env.CNI_ARGS !== undefined || io.env.CAP_ARGS !== undefined) return target;
  let cached: Awaited<ReturnType<CniConfig['getNetworkListCachedConfig']>>;
  try {
    cached = await cni.getNetworkListCachedConfig(list, runtime);
  } catch {
    return target;
  }
  if (cached === undefined) return target;
  const { args, capabilityArgs } = cached.runtime;
  return { ...target, runtime: { ...runtime, args, capabilityArgs } };
}

/**
 * Reads CNI_ARGS, CAP_ARGS and the interface name first (so a bad environment fails
 * before anything is loaded or run), then loads the network.
 */
export async function openAttachment(
  args: {
    network: string;
    netns: string;
    ifname?: string | undefined;
    'cache-dir'?: string | undefined;
  },
  data: unknown,
): Promise<AttachmentTarget> {
  const io = ioOf(data);
  const runtime = runtimeFor(io.env, args.netns, resolveIfName(io.env, args.ifname), io.cwd);
  return { ...(await openNetwork(args, data)), runtime };
}
