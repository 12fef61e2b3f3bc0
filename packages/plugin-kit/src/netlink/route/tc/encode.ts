import { concatBytes } from '../../codec/attributes.ts';
import { encodeTypedAttributes } from '../_attribute-table.ts';
import { TC_CONTEXT } from './_values.ts';
import { FILTER_ATTRIBUTES, QDISC_ATTRIBUTES } from './attributes.ts';
import { ETH_P, TC_H } from './constants.ts';
import { u32OptionsLikeTc } from './filter/u32-build.ts';
import { tcHandle } from './handle.ts';
import { tbfOptionsLikeTc } from './qdisc/tbf-build.ts';
import { encodeTcHeader, filterInfo } from './tcmsg.ts';
import type {
  FilterAttribute,
  FilterMessage,
  FilterQuery,
  FilterSpec,
  FilterTarget,
  QdiscAttribute,
  QdiscMessage,
  QdiscSpec,
  QdiscTarget,
} from './types.ts';

/** Encodes a qdisc message body: struct tcmsg, then the attributes in their order. */
export function encodeQdiscMessage(message: QdiscMessage): Uint8Array {
  return concatBytes([
    encodeTcHeader(message),
    encodeTypedAttributes(QDISC_ATTRIBUTES, message.attributes, TC_CONTEXT),
  ]);
}

/** Encodes a filter message body: struct tcmsg, then the attributes in their order. */
export function encodeFilterMessage(message: FilterMessage): Uint8Array {
  return concatBytes([
    encodeTcHeader(message),
    encodeTypedAttributes(FILTER_ATTRIBUTES, message.attributes, TC_CONTEXT),
  ]);
}

/**
 * The RTM_NEWQDISC message tc sends for a spec, attribute for attribute (iproute2 6.1):
 * TCA_KIND, then TCA_OPTIONS for tbf (see tbfOptionsLikeTc); ingress and clsact go to
 * handle ffff: under parent ffff:fff1 with no options.
 */
export function qdiscSpecToMessage(spec: QdiscSpec): QdiscMessage {
  const header = { family: 0, index: spec.index, info: 0 };
  switch (spec.kind) {
    case 'tbf':
      return {
        ...header,
        handle: spec.handle ?? 0,
        parent: spec.parent ?? TC_H.ROOT,
        attributes: [
          { kind: 'TCA_KIND', value: 'tbf' },
          { kind: 'TCA_OPTIONS', value: tbfOptionsLikeTc(spec) },
        ],
      };
    case 'ingress':
    case 'clsact':
      return {
        ...header,
        handle: tcHandle(0xffff, 0),
        parent: TC_H.INGRESS,
        attributes: [{ kind: 'TCA_KIND', value: spec.kind }],
      };
  }
}

/** The RTM_DELQDISC message tc sends for `tc qdisc del dev X (root | ingress | parent P) …`. */
export function qdiscTargetToMessage(target: QdiscTarget): QdiscMessage {
  const attributes: QdiscAttribute[] =
    target.kind === undefined ? [] : [{ kind: 'TCA_KIND', value: target.kind }];
  return {
    family: 0,
    index: target.index,
    handle: target.handle ?? 0,
    parent: target.parent,
    info: 0,
    attributes,
  };
}

/**
 * The RTM_NEWTFILTER message tc sends for a spec: tcm_info = priority << 16 | protocol
 * (network order), TCA_KIND, TCA_CHAIN when given, TCA_OPTIONS (see u32OptionsLikeTc).
 */
export function filterSpecToMessage(spec: FilterSpec): FilterMessage {
  const attributes: FilterAttribute[] = [{ kind: 'TCA_KIND', value: spec.kind }];
  if (spec.chain !== undefined) attributes.push({ kind: 'TCA_CHAIN', value: spec.chain });
  attributes.push({ kind: 'TCA_OPTIONS', value: u32OptionsLikeTc(spec) });
  return {
    family: 0,
    index: spec.index,
    handle: spec.handle ?? 0,
    parent: spec.parent,
    info: filterInfo(spec.priority ?? 0, spec.protocol ?? ETH_P.ALL),
    attributes,
  };
}

/** The RTM_DELTFILTER message tc sends for `tc filter del dev X parent P protocol … pref …`. */
export function filterTargetToMessage(target: FilterTarget): FilterMessage {
  const attributes: FilterAttribute[] = [];
  if (target.kind !== undefined) attributes.push({ kind: 'TCA_KIND', value: target.kind });
  if (target.chain !== undefined) attributes.push({ kind: 'TCA_CHAIN', value: target.chain });
  return {
    family: 0,
    index: target.index,
    handle: target.handle ?? 0,
    parent: target.parent,
    info: filterInfo(target.priority, target.protocol),
    attributes,
  };
}

/** The RTM_GETTFILTER dump request tc sends for `tc filter show dev X parent P …`. */
export function filterQueryToMessage(query: FilterQuery): FilterMessage {
  return {
    family: 0,
    index: query.index,
    handle: 0,
    parent: query.parent,
    info: filterInfo(query.priority ?? 0, query.protocol ?? 0),
    attributes: query.chain === undefined ? [] : [{ kind: 'TCA_CHAIN', value: query.chain }],
  };
}
