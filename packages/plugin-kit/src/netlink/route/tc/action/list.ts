// An action list (TCA_U32_ACT, TCA_*_ACT): nested entries numbered 1, 2, … in the order the
// actions run; each entry holds TCA_ACT_KIND, TCA_ACT_OPTIONS and, in dumps, the index,
// statistics and hardware counters.
import { concatBytes, decodeAttributes, encodeAttribute } from '../../../codec/attributes.ts';
import { NLA_F } from '../../../codec/constants.ts';
import {
  type AttributeTable,
  decodeTypedAttributes,
  encodeTypedAttributes,
  type UnknownAttribute,
  type ValueCodec,
  values,
} from '../../_attribute-table.ts';
import { rawBytes, TC_CONTEXT } from '../_values.ts';
import { TCA_ACT, TCA_ACT_MAX_PRIO } from '../constants.ts';
import { opaqueOptions } from '../options-codec.ts';
import type { TcAttr } from '../types.ts';
import { type ActionOptions, decodeActionOptions, encodeActionOptions } from './kinds.ts';

/** One attribute of an action, in wire order. */
export type ActionAttribute =
  | TcAttr<'TCA_ACT_KIND', string>
  /** Decoded by TCA_ACT_KIND (action/kinds.ts); tc marks this nest NLA_F_NESTED. */
  | TcAttr<'TCA_ACT_OPTIONS', ActionOptions>
  | TcAttr<'TCA_ACT_INDEX', number>
  /** Nested gnet statistics, kept as bytes. */
  | TcAttr<'TCA_ACT_STATS', Uint8Array>
  | TcAttr<'TCA_ACT_COOKIE', Uint8Array>
  /** struct nla_bitfield32, kept as bytes. */
  | TcAttr<'TCA_ACT_FLAGS', Uint8Array>
  | TcAttr<'TCA_ACT_HW_STATS', Uint8Array>
  | TcAttr<'TCA_ACT_USED_HW_STATS', Uint8Array>
  | TcAttr<'TCA_ACT_IN_HW_COUNT', number>
  | UnknownAttribute;

/** One action of a list. */
export interface TcAction {
  /** Its place in the list (the entry's attribute type), 1 for the first. */
  readonly order: number;
  readonly attributes: readonly ActionAttribute[];
  /** NLA_F_* bits of the entry, when it had any. */
  readonly flags?: number;
}

const options: ValueCodec<ActionOptions> = {
  encode: (value) => encodeActionOptions(value),
  // Read as bytes first; decodeActionList decodes them once TCA_ACT_KIND is known.
  decode: (bytes) => opaqueOptions.decode(bytes, []),
};

/** How each TCA_ACT_* attribute is encoded. */
export const ACTION_ATTRIBUTES: AttributeTable<ActionAttribute> = {
  TCA_ACT_KIND: { type: TCA_ACT.KIND, codec: values.string },
  TCA_ACT_OPTIONS: { type: TCA_ACT.OPTIONS, codec: options, flags: NLA_F.NESTED },
  TCA_ACT_INDEX: { type: TCA_ACT.INDEX, codec: values.u32 },
  TCA_ACT_STATS: { type: TCA_ACT.STATS, codec: rawBytes },
  TCA_ACT_COOKIE: { type: TCA_ACT.COOKIE, codec: rawBytes },
  TCA_ACT_FLAGS: { type: TCA_ACT.FLAGS, codec: rawBytes },
  TCA_ACT_HW_STATS: { type: TCA_ACT.HW_STATS, codec: rawBytes },
  TCA_ACT_USED_HW_STATS: { type: TCA_ACT.USED_HW_STATS, codec: rawBytes },
  TCA_ACT_IN_HW_COUNT: { type: TCA_ACT.IN_HW_COUNT, codec: values.u32 },
};

/** The kind of an action (its last TCA_ACT_KIND). */
export function actionKind(attributes: readonly ActionAttribute[]): string | undefined {
  let kind: string | undefined;
  for (const attribute of attributes) if (attribute.kind === 'TCA_ACT_KIND') kind = attribute.value;
  return kind;
}

function decodeAction(bytes: Uint8Array, path: readonly string[]): ActionAttribute[] {
  const attributes = decodeTypedAttributes(ACTION_ATTRIBUTES, bytes, TC_CONTEXT, path);
  const kind = actionKind(attributes);
  return attributes.map((attribute) => {
    if (attribute.kind !== 'TCA_ACT_OPTIONS' || attribute.value.kind !== 'opaque') return attribute;
    const value = decodeActionOptions(kind, attribute.value.bytes, [...path, 'TCA_ACT_OPTIONS']);
    return { ...attribute, value };
  });
}

/** Encodes an action list (the value of TCA_U32_ACT). */
export function encodeActionList(actions: readonly TcAction[]): Uint8Array {
  return concatBytes(
    actions.map((action) =>
      encodeAttribute(
        action.order | (action.flags ?? 0),
        encodeTypedAttributes(ACTION_ATTRIBUTES, action.attributes, TC_CONTEXT),
      ),
    ),
  );
}

/** Decodes an action list; each entry's options by its kind. */
export function decodeActionList(bytes: Uint8Array, path: readonly string[]): TcAction[] {
  return decodeAttributes(bytes, path).map((entry) => {
    const attributes = decodeAction(entry.value, [...path, `action ${entry.type}`]);
    return entry.flags === 0
      ? { order: entry.type, attributes }
      : { order: entry.type, attributes, flags: entry.flags };
  });
}

/** The value codec for an action-list attribute. */
export const actionList: ValueCodec<readonly TcAction[]> = {
  encode: (value) => encodeActionList(value),
  decode: (bytes, _context, path) => decodeActionList(bytes, path),
};

/** Numbers actions 1, 2, … in the given order, as tc and vishvananda/netlink do. */
export function numberActions(actions: readonly (readonly ActionAttribute[])[]): TcAction[] {
  if (actions.length > TCA_ACT_MAX_PRIO) {
    throw new TypeError(`at most ${TCA_ACT_MAX_PRIO} actions, got ${actions.length}`);
  }
  return actions.map((attributes, i) => ({ order: i + 1, attributes }));
}
