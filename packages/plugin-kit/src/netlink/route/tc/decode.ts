import { decodeTypedAttributes, definedOnly, lastOf } from '../_attribute-table.ts';
import { TC_CONTEXT } from './_values.ts';
import { actionKind, type TcAction } from './action/list.ts';
import { FILTER_ATTRIBUTES, QDISC_ATTRIBUTES } from './attributes.ts';
import { TCMSG_LEN } from './constants.ts';
import { decodeFilterOptions } from './filter/kinds.ts';
import type { U32Options } from './filter/u32.ts';
import { decodeQdiscOptions } from './qdisc/kinds.ts';
import { describeTbf } from './qdisc/tbf-describe.ts';
import { decodeTcHeader, splitFilterInfo } from './tcmsg.ts';
import type {
  Action,
  Filter,
  FilterAttribute,
  FilterMessage,
  Qdisc,
  QdiscAttribute,
  QdiscMessage,
  QdiscStats,
  U32Filter,
} from './types.ts';

/**
 * Decodes a qdisc message body (after the netlink header): struct tcmsg, then the attributes
 * in wire order, TCA_OPTIONS by the qdisc's kind. Malformed input throws DecodeError at
 * `path` (default ['RTM_NEWQDISC']), never anything else.
 */
export function decodeQdiscMessage(
  payload: Uint8Array,
  path: readonly string[] = ['RTM_NEWQDISC'],
): QdiscMessage {
  const header = decodeTcHeader(payload, path);
  const raw = decodeTypedAttributes(
    QDISC_ATTRIBUTES,
    payload.subarray(TCMSG_LEN),
    TC_CONTEXT,
    path,
  );
  const kind = lastOf(raw, 'TCA_KIND');
  const attributes = raw.map((attribute): QdiscAttribute => {
    if (attribute.kind !== 'TCA_OPTIONS' || attribute.value.kind !== 'opaque') return attribute;
    const value = decodeQdiscOptions(kind, attribute.value.bytes, [...path, 'TCA_OPTIONS']);
    return { ...attribute, value };
  });
  return { ...header, attributes };
}

/**
 * Decodes a filter message body: struct tcmsg, then the attributes in wire order,
 * TCA_OPTIONS by the filter's kind (actions by theirs). Malformed input throws DecodeError
 * at `path` (default ['RTM_NEWTFILTER']), never anything else.
 */
export function decodeFilterMessage(
  payload: Uint8Array,
  path: readonly string[] = ['RTM_NEWTFILTER'],
): FilterMessage {
  const header = decodeTcHeader(payload, path);
  const raw = decodeTypedAttributes(
    FILTER_ATTRIBUTES,
    payload.subarray(TCMSG_LEN),
    TC_CONTEXT,
    path,
  );
  const kind = lastOf(raw, 'TCA_KIND');
  const attributes = raw.map((attribute): FilterAttribute => {
    if (attribute.kind !== 'TCA_OPTIONS' || attribute.value.kind !== 'opaque') return attribute;
    const value = decodeFilterOptions(kind, attribute.value.bytes, [...path, 'TCA_OPTIONS']);
    return { ...attribute, value };
  });
  return { ...header, attributes };
}

function qdiscStats(attributes: readonly QdiscAttribute[]): QdiscStats | undefined {
  const stats2 = lastOf(attributes, 'TCA_STATS2');
  const basic = stats2 && lastOf(stats2, 'TCA_STATS_BASIC');
  const queue = stats2 && lastOf(stats2, 'TCA_STATS_QUEUE');
  if (basic !== undefined && queue !== undefined) {
    return {
      bytes: Number(basic.bytes),
      packets: basic.packets,
      drops: queue.drops,
      overlimits: queue.overlimits,
      requeues: queue.requeues,
      qlen: queue.qlen,
      backlog: queue.backlog,
    };
  }
  const old = lastOf(attributes, 'TCA_STATS');
  if (old === undefined) return undefined;
  return {
    bytes: Number(old.bytes),
    packets: old.packets,
    drops: old.drops,
    overlimits: old.overlimits,
    requeues: 0,
    qlen: old.qlen,
    backlog: old.backlog,
  };
}

/** The readable record of a qdisc message (`tc -s qdisc show`). */
export function toQdisc(message: QdiscMessage): Qdisc {
  const options = lastOf(message.attributes, 'TCA_OPTIONS');
  const optional = {
    tbf: options?.kind === 'tbf' ? describeTbf(options) : undefined,
    stats: qdiscStats(message.attributes),
  };
  return {
    index: message.index,
    handle: message.handle,
    parent: message.parent,
    kind: lastOf(message.attributes, 'TCA_KIND') ?? '',
    refcnt: message.info,
    ...definedOnly(optional),
    message,
  };
}

function toAction(action: TcAction): Action {
  const options = lastOf(action.attributes, 'TCA_ACT_OPTIONS');
  const mirred =
    options?.kind === 'mirred' ? lastOf(options.attributes, 'TCA_MIRRED_PARMS') : undefined;
  const optional = { index: lastOf(action.attributes, 'TCA_ACT_INDEX') ?? mirred?.index, mirred };
  return {
    order: action.order,
    kind: actionKind(action.attributes) ?? '',
    ...definedOnly(optional),
  };
}

function toU32(options: U32Options): U32Filter {
  const { attributes } = options;
  const optional = {
    classid: lastOf(attributes, 'TCA_U32_CLASSID'),
    hash: lastOf(attributes, 'TCA_U32_HASH'),
    link: lastOf(attributes, 'TCA_U32_LINK'),
    divisor: lastOf(attributes, 'TCA_U32_DIVISOR'),
    flags: lastOf(attributes, 'TCA_U32_FLAGS'),
    indev: lastOf(attributes, 'TCA_U32_INDEV'),
    selector: lastOf(attributes, 'TCA_U32_SEL'),
  };
  const actions = (lastOf(attributes, 'TCA_U32_ACT') ?? []).map(toAction);
  return { ...definedOnly(optional), actions };
}

/** The readable record of a filter message (`tc filter show`). */
export function toFilter(message: FilterMessage): Filter {
  const options = lastOf(message.attributes, 'TCA_OPTIONS');
  const optional = {
    chain: lastOf(message.attributes, 'TCA_CHAIN'),
    u32: options?.kind === 'u32' ? toU32(options) : undefined,
  };
  return {
    index: message.index,
    parent: message.parent,
    handle: message.handle,
    ...splitFilterInfo(message.info),
    kind: lastOf(message.attributes, 'TCA_KIND') ?? '',
    ...definedOnly(optional),
    message,
  };
}
