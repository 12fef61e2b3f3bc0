import { NLM_F } from '../codec/constants.ts';
import { encodeChainRef, encodeNewChain, type NftChainRef, type NftChainSpec } from './chain.ts';
import { NFT_MSG, nftMessageType } from './constants.ts';
import type { NftFamily } from './family.ts';
import {
  encodeChainRules,
  encodeNewRule,
  encodeRuleRef,
  type NftRuleRef,
  type NftRuleSpec,
} from './rule.ts';
import { encodeNewSet, encodeSetRef, type NftSetRef, type NftSetSpec } from './set.ts';
import { encodeSetElems, type NftSetElemsSpec } from './set-elem.ts';
import { encodeNewTable, encodeTableRef, type NftTableRef, type NftTableSpec } from './table.ts';

/** One message of a batch, as NftBatch records it. */
export interface NftBatchMessage {
  /** e.g. 'NFT_MSG_NEWRULE'. */
  readonly op: string;
  /** What it names, for errors: 'rule inet cni_plugins_masquerade masq_checks'. */
  readonly object: string;
  readonly type: number;
  /** NLM_F_* beyond NLM_F_REQUEST and NLM_F_ACK, which the socket adds. */
  readonly flags: number;
  /** nfgenmsg and attributes. */
  readonly payload: Uint8Array;
}

function tableName(family: NftFamily, table: string): string {
  return `${family} ${table}`;
}

/**
 * An nf_tables transaction under construction: each method appends one message, with the
 * flags nft(8) uses for the same command. Nothing is sent until NftSocket.commit(batch),
 * where the kernel applies all of it or none.
 */
export class NftBatch {
  readonly #messages: NftBatchMessage[] = [];

  get messages(): readonly NftBatchMessage[] {
    return this.#messages;
  }

  get size(): number {
    return this.#messages.length;
  }

  #push(msg: number, op: string, object: string, flags: number, payload: Uint8Array): this {
    this.#messages.push({ op, object, type: nftMessageType(msg), flags, payload });
    return this;
  }

  /** `add table`: creates the table, or leaves an existing one as it is (flags and comment updated). */
  addTable(spec: NftTableSpec): this {
    const object = `table ${tableName(spec.family, spec.name)}`;
    return this.#push(NFT_MSG.NEWTABLE, 'NFT_MSG_NEWTABLE', object, 0, encodeNewTable(spec));
  }

  /** `delete table`: the table with everything in it; a missing one fails the batch (ENOENT). */
  deleteTable(ref: NftTableRef): this {
    const object = `table ${tableName(ref.family, ref.name)}`;
    return this.#push(NFT_MSG.DELTABLE, 'NFT_MSG_DELTABLE', object, 0, encodeTableRef(ref));
  }

  /** `add chain`: creates the chain, or leaves an existing one (a base chain's hook must match). */
  addChain(spec: NftChainSpec): this {
    const object = `chain ${tableName(spec.family, spec.table)} ${spec.name}`;
    return this.#push(
      NFT_MSG.NEWCHAIN,
      'NFT_MSG_NEWCHAIN',
      object,
      NLM_F.CREATE,
      encodeNewChain(spec),
    );
  }

  /** `delete chain`: an empty chain nothing jumps to (else EBUSY); a missing one is ENOENT. */
  deleteChain(ref: NftChainRef): this {
    const object = `chain ${tableName(ref.family, ref.table)} ${ref.name}`;
    return this.#push(NFT_MSG.DELCHAIN, 'NFT_MSG_DELCHAIN', object, 0, encodeChainRef(ref));
  }

  /** `flush chain`: deletes every rule of the chain. */
  flushChain(ref: NftChainRef): this {
    const object = `chain ${tableName(ref.family, ref.table)} ${ref.name}`;
    const payload = encodeChainRules(ref.family, ref.table, ref.name);
    return this.#push(NFT_MSG.DELRULE, 'NFT_MSG_DELRULE', object, 0, payload);
  }

  /** `add rule`: appends (after `position` when given). */
  addRule(spec: NftRuleSpec): this {
    const object = `rule ${tableName(spec.family, spec.table)} ${spec.chain}`;
    const flags = NLM_F.CREATE | NLM_F.APPEND;
    return this.#push(NFT_MSG.NEWRULE, 'NFT_MSG_NEWRULE', object, flags, encodeNewRule(spec));
  }

  /** `insert rule`: puts the rule at the head of the chain (before `position` when given). */
  insertRule(spec: NftRuleSpec): this {
    const object = `rule ${tableName(spec.family, spec.table)} ${spec.chain}`;
    return this.#push(
      NFT_MSG.NEWRULE,
      'NFT_MSG_NEWRULE',
      object,
      NLM_F.CREATE,
      encodeNewRule(spec),
    );
  }

  /** `delete rule … handle N`; a missing rule fails the batch (ENOENT). */
  deleteRule(ref: NftRuleRef): this {
    const object = `rule ${tableName(ref.family, ref.table)} ${ref.chain} handle ${ref.handle}`;
    return this.#push(NFT_MSG.DELRULE, 'NFT_MSG_DELRULE', object, 0, encodeRuleRef(ref));
  }

  /**
   * `add set` / `add map`: creates the set, or leaves an existing one with the same key and
   * flags (a different one fails the batch, EEXIST).
   */
  addSet(spec: NftSetSpec): this {
    const object = `set ${tableName(spec.family, spec.table)} ${spec.name}`;
    return this.#push(NFT_MSG.NEWSET, 'NFT_MSG_NEWSET', object, NLM_F.CREATE, encodeNewSet(spec));
  }

  /** `delete set`: a set no rule uses (else EBUSY); a missing one is ENOENT. */
  deleteSet(ref: NftSetRef): this {
    const object = `set ${tableName(ref.family, ref.table)} ${ref.name}`;
    return this.#push(NFT_MSG.DELSET, 'NFT_MSG_DELSET', object, 0, encodeSetRef(ref));
  }

  /** `add element`: adds the elements (present ones are left); a missing set is ENOENT. */
  addSetElems(spec: NftSetElemsSpec): this {
    const object = `element ${tableName(spec.family, spec.table)} ${spec.set}`;
    const payload = encodeSetElems(spec);
    return this.#push(NFT_MSG.NEWSETELEM, 'NFT_MSG_NEWSETELEM', object, NLM_F.CREATE, payload);
  }

  /** `delete element`: removes the elements; an absent one fails the batch (ENOENT). */
  deleteSetElems(spec: NftSetElemsSpec): this {
    const object = `element ${tableName(spec.family, spec.table)} ${spec.set}`;
    const payload = encodeSetElems(spec);
    return this.#push(NFT_MSG.DELSETELEM, 'NFT_MSG_DELSETELEM', object, 0, payload);
  }

  /** `flush set`: removes every element of the set. */
  flushSet(ref: NftSetRef): this {
    const object = `set ${tableName(ref.family, ref.table)} ${ref.name}`;
    const payload = encodeSetElems({ ...ref, set: ref.name, elements: [] });
    return this.#push(NFT_MSG.DELSETELEM, 'NFT_MSG_DELSETELEM', object, 0, payload);
  }
}
