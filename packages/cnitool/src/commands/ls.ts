import { basename } from 'node:path';
import type { NetworkAttachment } from '@cni-ts/libcni';
import { defineCommand } from 'citty';
import { formatTable } from '../_table.ts';
import { cniConfigFor } from '../cni-config.ts';
import { ioOf } from '../io.ts';
import { defaultNetwork, listNetworks, type NetworkEntry } from '../networks/list-networks.ts';
import { readSettings } from '../settings.ts';
import { cacheDirArg } from './_attachment.ts';

/** One network as `ls --json` prints it. */
export interface NetworkListing {
  readonly file: string;
  readonly name: string | null;
  readonly cniVersion: string | null;
  readonly plugins: readonly string[];
  /** True for the network a runtime (and `cnitool run`) picks by default. */
  readonly default: boolean;
  readonly error?: string;
}

/** One cached attachment as `ls --json` prints it. */
export interface AttachmentListing {
  readonly network: string;
  readonly containerId: string;
  readonly ifName: string;
  readonly netns: string;
}

/** What `ls --json` prints. */
export interface Listing {
  readonly confDir: string;
  readonly networks: readonly NetworkListing[];
  readonly cacheDir: string;
  readonly attachments: readonly AttachmentListing[];
}

function networkListing(entry: NetworkEntry, isDefault: boolean): NetworkListing {
  return {
    file: entry.file,
    name: entry.list?.name ?? null,
    cniVersion: entry.list?.cniVersion ?? null,
    plugins: entry.list?.plugins.map((plugin) => plugin.network.type) ?? [],
    default: isDefault,
    ...(entry.error === undefined ? {} : { error: entry.error }),
  };
}

function attachmentListing(attachment: NetworkAttachment): AttachmentListing {
  return {
    network: attachment.network,
    containerId: attachment.containerId,
    ifName: attachment.ifName,
    netns: attachment.netns,
  };
}

/** The human-readable form of a {@link Listing}. */
export function formatListing(listing: Listing): string {
  const networks = listing.networks.map((n) =>
    n.error === undefined
      ? [
          `${n.default ? '*' : ' '} ${basename(n.file)}`,
          n.name ?? '',
          n.cniVersion ?? '',
          n.plugins.join(','),
        ]
      : [`  ${basename(n.file)}`, '-', '-', `error: ${n.error}`],
  );
  const attachments = listing.attachments.map((a) => [a.network, a.containerId, a.ifName, a.netns]);
  return [
    `Networks in ${listing.confDir} (* = default):\n`,
    networks.length > 0
      ? formatTable([['  FILE', 'NAME', 'CNIVERSION', 'PLUGINS'], ...networks])
      : '  (none)\n',
    `\nCached attachments in ${listing.cacheDir}:\n`,
    attachments.length > 0
      ? formatTable([['NETWORK', 'CONTAINER ID', 'IFNAME', 'NETNS'], ...attachments])
      : '  (none)\n',
  ].join('');
}

/** `cnitool ls [--json]`: the networks of NETCONFPATH and the attachments in the cache. */
export const lsCommand = defineCommand({
  meta: {
    name: 'ls',
    description: 'List the networks in $NETCONFPATH and the attachments in the result cache',
  },
  args: {
    json: { type: 'boolean', description: 'Print JSON instead of tables' },
    ...cacheDirArg,
  },
  async run({ args, data }) {
    const io = ioOf(data);
    const settings = readSettings(io.env, args['cache-dir']);
    const cni = cniConfigFor(settings, io);
    const entries = await listNetworks(settings.confDir);
    const chosen = defaultNetwork(entries);
    const listing: Listing = {
      confDir: settings.confDir,
      networks: entries.map((entry) => networkListing(entry, entry === chosen)),
      cacheDir: cni.cacheDir,
      attachments: (await cni.getCachedAttachments()).map(attachmentListing),
    };
    io.stdout(args.json ? `${JSON.stringify(listing, null, 2)}\n` : formatListing(listing));
  },
});
