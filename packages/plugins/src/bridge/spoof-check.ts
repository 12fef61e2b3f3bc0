// The MAC spoof check (`macspoofchk`): nftables bridge-family chains that drop frames a
// container sends from any MAC but its own, laid out exactly as upstream's SpoofChecker
// (reference-plugins.md §2.1 step 5, §6.4):
//   table bridge nat
//     chain PREROUTING { type filter hook prerouting priority -300; policy accept;
//       iifname "<host veth>" jump cni-br-iface-<id> comment "macspoofchk-<id>" }
//     chain cni-br-iface-<id> { jump cni-br-iface-<id>-mac comment "macspoofchk-<id>" }
//     chain cni-br-iface-<id>-mac { ether saddr <mac> return comment "…"; drop comment "…" }
// with <id> = "<containerId>-<ifName>". Written over nf_tables netlink (plugin-kit), one
// transaction per operation: no nft process.
import {
  etherSaddrIs,
  ifnameIs,
  listNftChains,
  listNftRules,
  NF_INET,
  NFT_META,
  NftBatch,
  type NftRule,
  type NftSocket,
  openNftSocket,
  releaseNftSocket,
  retryOnNewGeneration,
  verdict,
} from '@cni-ts/plugin-kit';

const FAMILY = 'bridge';
const TABLE = 'nat';
const BASE_CHAIN = 'PREROUTING';
const BASE_PRIORITY = -300;
const COMMENT_PREFIX = 'macspoofchk-';
const IFACE_CHAIN_PREFIX = 'cni-br-iface-';
const REF = { family: FAMILY, table: TABLE } as const;

/** What one attachment's spoof check is made of. */
export interface SpoofCheckTarget {
  /** The host end of the container's veth. */
  readonly hostIfName: string;
  /** The only source MAC the container may use. */
  readonly containerMac: string;
  /** spoofCheckId(containerId, ifName). */
  readonly id: string;
}

/** Where the spoof check's nf_tables socket comes from (tests pass a fake kernel's). */
export interface SpoofCheckOptions {
  readonly nftSocket?: () => NftSocket;
}

/** The bridge nat table as listed: chain names and the base chain's rules. */
export interface SpoofCheckListing {
  readonly chains: ReadonlySet<string>;
  readonly rules: readonly NftRule[];
}

/** One attachment found by GC: its id and the host veth its base-chain jump matches. */
export interface SpoofCheckJump {
  readonly id: string;
  readonly hostIfName: string;
}

/** The id naming an attachment's chains and comments: `<containerId>-<ifName>`, as upstream. */
export function spoofCheckId(containerId: string, ifName: string): string {
  return `${containerId}-${ifName}`;
}

function ifaceChain(id: string): string {
  return `${IFACE_CHAIN_PREFIX}${id}`;
}

function macChain(id: string): string {
  return `${ifaceChain(id)}-mac`;
}

/** Runs `fn` with an nf_tables socket in this process's namespace (the runtime's host). */
export function withSpoofCheckSocket<T>(options: SpoofCheckOptions, fn: (sock: NftSocket) => T): T {
  const sock = options.nftSocket?.() ?? openNftSocket();
  try {
    return fn(sock);
  } finally {
    releaseNftSocket(sock);
  }
}

/** The bridge nat table now: empty when it does not exist. */
export function listSpoofCheck(sock: NftSocket): SpoofCheckListing {
  const chains = new Set(listNftChains(sock, REF).map((chain) => chain.name));
  const rules = chains.has(BASE_CHAIN) ? listNftRules(sock, { ...REF, chain: BASE_CHAIN }) : [];
  return { chains, rules };
}

function jumpsOf(listing: SpoofCheckListing, id: string): number[] {
  const comment = `${COMMENT_PREFIX}${id}`;
  return listing.rules
    .filter((rule) => rule.chain === BASE_CHAIN && rule.comment === comment)
    .map((rule) => rule.handle);
}

/**
 * The setup transaction: the table, the base chain and the attachment's two chains (kept
 * when present), both chains emptied, the attachment's old base-chain jumps (`stale`
 * handles) deleted, so a repeated ADD leaves one jump (unlike upstream), and the four rules.
 */
export function spoofCheckSetupBatch(
  target: SpoofCheckTarget,
  stale: readonly number[] = [],
): NftBatch {
  const { id } = target;
  const comment = `${COMMENT_PREFIX}${id}`;
  const batch = new NftBatch()
    .addTable({ family: FAMILY, name: TABLE })
    .addChain({
      ...REF,
      name: BASE_CHAIN,
      type: 'filter',
      hook: { hooknum: NF_INET.PRE_ROUTING, priority: BASE_PRIORITY },
      policy: 'accept',
    })
    .addChain({ ...REF, name: ifaceChain(id) })
    .addChain({ ...REF, name: macChain(id) })
    .flushChain({ ...REF, name: ifaceChain(id) })
    .flushChain({ ...REF, name: macChain(id) });
  for (const handle of stale) batch.deleteRule({ ...REF, chain: BASE_CHAIN, handle });
  return batch
    .addRule({
      ...REF,
      chain: BASE_CHAIN,
      exprs: [
        ...ifnameIs('iifname', target.hostIfName),
        verdict({ code: 'jump', chain: ifaceChain(id) }),
      ],
      comment,
    })
    .addRule({
      ...REF,
      chain: ifaceChain(id),
      exprs: [verdict({ code: 'jump', chain: macChain(id) })],
      comment,
    })
    .addRule({
      ...REF,
      chain: macChain(id),
      exprs: [...etherSaddrIs(target.containerMac), verdict({ code: 'return' })],
      comment,
    })
    .addRule({ ...REF, chain: macChain(id), exprs: [verdict({ code: 'drop' })], comment });
}

/**
 * Installs the spoof check for one attachment in one transaction (upstream uses two).
 * Running it again replaces the attachment's rules.
 */
export function setupSpoofCheck(target: SpoofCheckTarget, options: SpoofCheckOptions = {}): void {
  withSpoofCheckSocket(options, (sock) =>
    retryOnNewGeneration(sock, (genId) => {
      const stale = jumpsOf(listSpoofCheck(sock), target.id);
      sock.commit(spoofCheckSetupBatch(target, stale), { genId });
    }),
  );
}

/**
 * Appends to `batch` the removal of an attachment's jump rule(s) and both chains, for what
 * `listing` shows to exist (so it never fails on something already gone).
 */
export function addSpoofCheckTeardown(
  batch: NftBatch,
  listing: SpoofCheckListing,
  id: string,
): NftBatch {
  for (const handle of jumpsOf(listing, id))
    batch.deleteRule({ ...REF, chain: BASE_CHAIN, handle });
  for (const name of [ifaceChain(id), macChain(id)]) {
    if (listing.chains.has(name)) batch.deleteChain({ ...REF, name });
  }
  return batch;
}

/**
 * Removes one attachment's spoof check (its base-chain jump and both chains, with their
 * rules); the table and the base chain stay, as upstream. Whatever is already gone is
 * skipped, so DEL can run it any number of times.
 */
export function teardownSpoofCheck(id: string, options: SpoofCheckOptions = {}): void {
  withSpoofCheckSocket(options, (sock) =>
    retryOnNewGeneration(sock, (genId) => {
      sock.commit(addSpoofCheckTeardown(new NftBatch(), listSpoofCheck(sock), id), { genId });
    }),
  );
}

const decoder = new TextDecoder();

/** The interface name a rule's `iifname "NAME"` match compares with, if it has one. */
function iifnameOf(rule: NftRule): string | undefined {
  const index = rule.exprs.findIndex(
    (expr) => expr.kind === 'meta' && expr.key === NFT_META.IIFNAME,
  );
  const cmp = rule.exprs[index + 1];
  if (index === -1 || cmp?.kind !== 'cmp') return undefined;
  const end = cmp.data.indexOf(0);
  return decoder.decode(end === -1 ? cmp.data : cmp.data.subarray(0, end));
}

/** The attachments that have a base-chain jump: their id and the host veth matched. */
export function spoofCheckJumps(listing: SpoofCheckListing): SpoofCheckJump[] {
  const jumps: SpoofCheckJump[] = [];
  for (const rule of listing.rules) {
    if (rule.chain !== BASE_CHAIN || !rule.comment?.startsWith(COMMENT_PREFIX)) continue;
    const hostIfName = iifnameOf(rule);
    if (hostIfName === undefined) continue;
    jumps.push({ id: rule.comment.slice(COMMENT_PREFIX.length), hostIfName });
  }
  return jumps;
}
