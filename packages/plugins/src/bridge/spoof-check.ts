// The MAC spoof check (`macspoofchk`): nftables bridge-family chains that drop frames a
// container sends from any MAC but its own, laid out exactly as upstream's SpoofChecker
// (reference-plugins.md §2.1 step 5, §6.4):
//   table bridge nat
//     chain PREROUTING { type filter hook prerouting priority -300; policy accept;
//       iifname "<host veth>" jump cni-br-iface-<id> comment "macspoofchk-<id>" }
//     chain cni-br-iface-<id> { jump cni-br-iface-<id>-mac comment "macspoofchk-<id>" }
//     chain cni-br-iface-<id>-mac { ether saddr <mac> return comment "…"; drop comment "…" }
// with <id> = "<containerId>-<ifName>". JSON batches through `nft -j -f -`, as go-nft does.
import { type CommandRunner, isFirewallNotFound } from '@cni-ts/plugin-kit';
import { applyNftJson, runNft } from './_nft.ts';

const FAMILY = 'bridge';
const TABLE = 'nat';
const BASE_CHAIN = 'PREROUTING';
const BASE_PRIORITY = -300;
const COMMENT_PREFIX = 'macspoofchk-';
const IFACE_CHAIN_PREFIX = 'cni-br-iface-';

/** What one attachment's spoof check is made of. */
export interface SpoofCheckTarget {
  /** The host end of the container's veth. */
  readonly hostIfName: string;
  /** The only source MAC the container may use. */
  readonly containerMac: string;
  /** spoofCheckId(containerId, ifName). */
  readonly id: string;
}

/** A rule or chain of the bridge nat table as `nft -j list table bridge nat` shows it. */
interface ListedRule {
  readonly chain: string;
  readonly handle: number;
  readonly comment?: string;
  readonly expr: readonly unknown[];
}

/** The bridge nat table as listed: chain names and rules. */
export interface SpoofCheckListing {
  readonly chains: ReadonlySet<string>;
  readonly rules: readonly ListedRule[];
}

/** One stale attachment found by GC: the base-chain jump rule and what it names. */
export interface SpoofCheckJump {
  readonly id: string;
  /** The host veth the rule matches. */
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

function chainRef(name: string): object {
  return { family: FAMILY, table: TABLE, name };
}

function rule(chain: string, expr: readonly object[], id: string): object {
  return {
    add: {
      rule: { family: FAMILY, table: TABLE, chain, expr, comment: `${COMMENT_PREFIX}${id}` },
    },
  };
}

/** First batch: the table, the base chain and the attachment's two chains (all idempotent). */
export function spoofCheckBaseBatch(id: string): object[] {
  return [
    { add: { table: { family: FAMILY, name: TABLE } } },
    {
      add: {
        chain: {
          ...chainRef(BASE_CHAIN),
          type: 'filter',
          hook: 'prerouting',
          prio: BASE_PRIORITY,
          policy: 'accept',
        },
      },
    },
    { add: { chain: chainRef(ifaceChain(id)) } },
    { add: { chain: chainRef(macChain(id)) } },
  ];
}

/**
 * Second batch: empty the attachment's chains, drop its old base-chain jumps (`stale`
 * handles, so a repeated ADD leaves one jump, unlike upstream), and add the four rules.
 */
export function spoofCheckRulesBatch(
  target: SpoofCheckTarget,
  stale: readonly number[] = [],
): object[] {
  const { id } = target;
  return [
    { flush: { chain: chainRef(ifaceChain(id)) } },
    { flush: { chain: chainRef(macChain(id)) } },
    ...stale.map((handle) => ({
      delete: { rule: { family: FAMILY, table: TABLE, chain: BASE_CHAIN, handle } },
    })),
    rule(
      BASE_CHAIN,
      [
        { match: { op: '==', left: { meta: { key: 'iifname' } }, right: target.hostIfName } },
        { jump: { target: ifaceChain(id) } },
      ],
      id,
    ),
    rule(ifaceChain(id), [{ jump: { target: macChain(id) } }], id),
    rule(
      macChain(id),
      [
        {
          match: {
            op: '==',
            left: { payload: { protocol: 'ether', field: 'saddr' } },
            right: target.containerMac,
          },
        },
        { return: null },
      ],
      id,
    ),
    rule(macChain(id), [{ drop: null }], id),
  ];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads `nft -j list table bridge nat` output (chains and rules of that table only). */
export function parseSpoofCheckListing(output: string): SpoofCheckListing {
  const root: unknown = JSON.parse(output);
  const items = isObject(root) && Array.isArray(root.nftables) ? root.nftables : [];
  const chains = new Set<string>();
  const rules: ListedRule[] = [];
  for (const item of items) {
    if (!isObject(item)) continue;
    const { chain, rule: listed } = item;
    if (isObject(chain) && typeof chain.name === 'string') chains.add(chain.name);
    if (isObject(listed) && typeof listed.chain === 'string' && typeof listed.handle === 'number') {
      rules.push({
        chain: listed.chain,
        handle: listed.handle,
        ...(typeof listed.comment === 'string' ? { comment: listed.comment } : {}),
        expr: Array.isArray(listed.expr) ? listed.expr : [],
      });
    }
  }
  return { chains, rules };
}

/** The bridge nat table now; empty when it does not exist. */
export function listSpoofCheck(runner?: CommandRunner): SpoofCheckListing {
  try {
    return parseSpoofCheckListing(runNft(['-j', 'list', 'table', FAMILY, TABLE], runner));
  } catch (error) {
    if (isFirewallNotFound(error)) return { chains: new Set(), rules: [] };
    throw error;
  }
}

function jumpsOf(listing: SpoofCheckListing, id: string): number[] {
  const comment = `${COMMENT_PREFIX}${id}`;
  return listing.rules
    .filter((listed) => listed.chain === BASE_CHAIN && listed.comment === comment)
    .map((listed) => listed.handle);
}

/**
 * Installs the spoof check for one attachment (two transactions, as upstream: the chains,
 * then their rules). Running it again replaces the attachment's rules.
 */
export function setupSpoofCheck(target: SpoofCheckTarget, runner?: CommandRunner): void {
  applyNftJson(spoofCheckBaseBatch(target.id), runner);
  const stale = jumpsOf(listSpoofCheck(runner), target.id);
  applyNftJson(spoofCheckRulesBatch(target, stale), runner);
}

/**
 * The batch removing an attachment's jump rule(s) and both chains, for what `listing`
 * shows to exist (so it never fails on something already gone). Empty when nothing is left.
 */
export function spoofCheckTeardownBatch(listing: SpoofCheckListing, id: string): object[] {
  const batch: object[] = jumpsOf(listing, id).map((handle) => ({
    delete: { rule: { family: FAMILY, table: TABLE, chain: BASE_CHAIN, handle } },
  }));
  for (const name of [ifaceChain(id), macChain(id)]) {
    if (listing.chains.has(name)) batch.push({ delete: { chain: chainRef(name) } });
  }
  return batch;
}

/**
 * Removes one attachment's spoof check (its base-chain jump and both chains); the table
 * and the base chain stay, as upstream. Whatever is already gone is skipped, so DEL can
 * run it any number of times.
 */
export function teardownSpoofCheck(id: string, runner?: CommandRunner): void {
  applyNftJson(spoofCheckTeardownBatch(listSpoofCheck(runner), id), runner);
}

/** The attachments that have a base-chain jump: their id and the host veth matched. */
export function spoofCheckJumps(listing: SpoofCheckListing): SpoofCheckJump[] {
  const jumps: SpoofCheckJump[] = [];
  for (const listed of listing.rules) {
    if (listed.chain !== BASE_CHAIN || !listed.comment?.startsWith(COMMENT_PREFIX)) continue;
    const [match] = listed.expr;
    const right = isObject(match) && isObject(match.match) ? match.match.right : undefined;
    if (typeof right !== 'string') continue;
    jumps.push({ id: listed.comment.slice(COMMENT_PREFIX.length), hostIfName: right });
  }
  return jumps;
}
