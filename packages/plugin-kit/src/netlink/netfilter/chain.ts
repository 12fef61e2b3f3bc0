import { concatBytes, decodeAttributes, indexAttributes, nla, read } from '../codec/attributes.ts';
import { NLM_F } from '../codec/constants.ts';
import { DecodeError } from '../codec/decode-error.ts';
import type { NetlinkRequester } from '../socket/requester.ts';
import { be64, bei32, nest, readBe64, readBei32, required } from './_attr.ts';
import { NF_VERDICT, NFT_MSG, NFTA_CHAIN, NFTA_HOOK, nftMessageType } from './constants.ts';
import { familyName, familyNumber, type NftFamily } from './family.ts';
import { decodeNfgenmsg, encodeNfgenmsg } from './nfgenmsg.ts';
import { commentOfUdata, encodeCommentUdata } from './udata.ts';

/** Where a base chain hooks in: the hook number (NF_INET.*) and its priority. */
export interface NftHook {
  readonly hooknum: number;
  readonly priority: number;
}

/** A chain as the plugins create it: a base chain has `type` and `hook`, a regular one neither. */
export interface NftChainSpec {
  readonly family: NftFamily;
  readonly table: string;
  readonly name: string;
  /** 'filter', 'nat' or 'route' (base chains only). */
  readonly type?: string;
  readonly hook?: NftHook;
  /** Base chains only. */
  readonly policy?: 'accept' | 'drop';
  readonly comment?: string;
}

/** A chain as the kernel lists it. */
export interface NftChain extends NftChainSpec {
  readonly handle: number;
  /** How many rules jump to it (NFTA_CHAIN_USE). */
  readonly use: number;
}

/** Which chain a message names: by name, or by handle when given. */
export interface NftChainRef {
  readonly family: NftFamily;
  readonly table: string;
  readonly name: string;
  readonly handle?: number;
}

/** The NEWCHAIN payload, attributes in nft's order: table, name, type, policy, hook, userdata. */
export function encodeNewChain(spec: NftChainSpec): Uint8Array {
  const parts = [
    encodeNfgenmsg(familyNumber(spec.family)),
    nla.string(NFTA_CHAIN.TABLE, spec.table),
    nla.string(NFTA_CHAIN.NAME, spec.name),
  ];
  if (spec.type !== undefined) parts.push(nla.string(NFTA_CHAIN.TYPE, spec.type));
  if (spec.policy !== undefined) {
    const policy = spec.policy === 'accept' ? NF_VERDICT.ACCEPT : NF_VERDICT.DROP;
    parts.push(nla.u32be(NFTA_CHAIN.POLICY, policy));
  }
  if (spec.hook !== undefined) {
    parts.push(
      nest(NFTA_CHAIN.HOOK, [
        nla.u32be(NFTA_HOOK.HOOKNUM, spec.hook.hooknum),
        bei32(NFTA_HOOK.PRIORITY, spec.hook.priority),
      ]),
    );
  }
  if (spec.comment !== undefined) {
    parts.push(nla.bytes(NFTA_CHAIN.USERDATA, encodeCommentUdata(spec.comment)));
  }
  return concatBytes(parts);
}

/** The DELCHAIN / GETCHAIN payload: table and name, or table and handle. */
export function encodeChainRef(ref: NftChainRef): Uint8Array {
  return concatBytes([
    encodeNfgenmsg(familyNumber(ref.family)),
    nla.string(NFTA_CHAIN.TABLE, ref.table),
    ref.handle === undefined
      ? nla.string(NFTA_CHAIN.NAME, ref.name)
      : be64(NFTA_CHAIN.HANDLE, BigInt(ref.handle)),
  ]);
}

/** Decodes a NEWCHAIN message. */
export function decodeChain(payload: Uint8Array): NftChain {
  const { header, attributes } = decodeNfgenmsg(payload);
  const path = ['NFT_MSG_NEWCHAIN'];
  const family = familyName(header.family);
  if (family === undefined) throw new DecodeError(path, `unknown family ${header.family}`);
  const map = indexAttributes(decodeAttributes(attributes, path));
  const type = map.get(NFTA_CHAIN.TYPE);
  const policy = map.get(NFTA_CHAIN.POLICY);
  const hookAttr = map.get(NFTA_CHAIN.HOOK);
  const userdata = map.get(NFTA_CHAIN.USERDATA);
  const comment = userdata === undefined ? undefined : commentOfUdata(userdata.value);
  const handle = map.get(NFTA_CHAIN.HANDLE);
  const use = map.get(NFTA_CHAIN.USE);
  let hook: NftHook | undefined;
  if (hookAttr !== undefined) {
    const hookPath = [...path, 'NFTA_CHAIN_HOOK'];
    const hookMap = indexAttributes(decodeAttributes(hookAttr.value, hookPath));
    hook = {
      hooknum: read.u32be(required(hookMap, NFTA_HOOK.HOOKNUM, hookPath), hookPath),
      priority: readBei32(required(hookMap, NFTA_HOOK.PRIORITY, hookPath), hookPath),
    };
  }
  return {
    family,
    table: read.string(required(map, NFTA_CHAIN.TABLE, path)),
    name: read.string(required(map, NFTA_CHAIN.NAME, path)),
    ...(type === undefined ? {} : { type: read.string(type) }),
    ...(hook === undefined ? {} : { hook }),
    ...(policy === undefined
      ? {}
      : { policy: read.u32be(policy, path) === NF_VERDICT.ACCEPT ? 'accept' : 'drop' }),
    ...(comment === undefined ? {} : { comment }),
    handle: handle === undefined ? 0 : Number(readBe64(handle, path)),
    use: use === undefined ? 0 : read.u32be(use, path),
  };
}

/** What listNftChains returns: a family, and a table of it. */
export interface NftChainFilter {
  readonly family?: NftFamily;
  readonly table?: string;
}

/**
 * Lists chains (`nft list chains`): a GETCHAIN dump, asked of the kernel for the table when
 * given and filtered here as well (old kernels ignore dump filters).
 */
export function listNftChains(sock: NetlinkRequester, filter: NftChainFilter = {}): NftChain[] {
  const family = filter.family === undefined ? 0 : familyNumber(filter.family);
  const parts = [encodeNfgenmsg(family)];
  if (filter.table !== undefined) parts.push(nla.string(NFTA_CHAIN.TABLE, filter.table));
  const replies = sock.request({
    op: 'NFT_MSG_GETCHAIN',
    type: nftMessageType(NFT_MSG.GETCHAIN),
    flags: NLM_F.DUMP,
    payload: concatBytes(parts),
  });
  // Loops, not filter/map: a plugin exec pays for each builtin's first call (issue 22).
  const chains: NftChain[] = [];
  for (const reply of replies) {
    if (reply.type !== nftMessageType(NFT_MSG.NEWCHAIN)) continue;
    const chain = decodeChain(reply.payload);
    if (filter.family !== undefined && chain.family !== filter.family) continue;
    if (filter.table !== undefined && chain.table !== filter.table) continue;
    chains.push(chain);
  }
  return chains;
}
