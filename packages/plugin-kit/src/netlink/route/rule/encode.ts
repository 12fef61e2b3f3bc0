import { formatIp } from '@cni-ts/spec-types';
import { concatBytes } from '../../codec/attributes.ts';
import { AF } from '../../codec/constants.ts';
import { encodeTypedAttributes } from '../_attribute-table.ts';
import { type InetFamily, maskPrefix, type PrefixBytes, parsePrefixBytes } from '../_ip.ts';
import { encodeRtmsgLayout } from '../_rtmsg-layout.ts';
import { RT_TABLE } from '../route/constants.ts';
import { RULE_ATTRIBUTES } from './attributes.ts';
import { FIB_RULE, FR_ACT } from './constants.ts';
import type { RuleAttribute, RuleMessage, RuleSpec } from './types.ts';

/** Encodes a rule message body: struct fib_rule_hdr, then the attributes in their order. */
export function encodeRuleMessage(message: RuleMessage): Uint8Array {
  const header = encodeRtmsgLayout({ ...message, protocol: 0, scope: 0, type: message.action });
  const attributes = encodeTypedAttributes(RULE_ATTRIBUTES, message.attributes, message);
  return concatBytes([header, attributes]);
}

function prefix(text: string | undefined, what: string): PrefixBytes | undefined {
  return text === undefined ? undefined : parsePrefixBytes(text, what);
}

function ruleFamily(spec: RuleSpec, src?: PrefixBytes, dst?: PrefixBytes): InetFamily {
  const family = src?.family ?? dst?.family ?? spec.family ?? AF.INET;
  for (const given of [src?.family, dst?.family, spec.family]) {
    if (given !== undefined && given !== family) {
      throw new TypeError('rule: src, dst and family must be of one family');
    }
  }
  return family;
}

/**
 * The RTM_NEWRULE (`command: 'new'`) or RTM_DELRULE (`'del'`) message for a spec, with the
 * defaults of iproute2 6.1 `ip rule add|del` and its attribute order: FRA_PRIORITY, FRA_SRC,
 * FRA_DST, FRA_IIFNAME, FRA_OIFNAME, FRA_FWMARK, FRA_FWMASK, FRA_TABLE, FRA_GOTO,
 * FRA_SUPPRESS_PREFIXLEN, FRA_SUPPRESS_IFGROUP, FRA_IP_PROTO, FRA_SPORT_RANGE,
 * FRA_DPORT_RANGE, FRA_UID_RANGE, FRA_PROTOCOL. Prefixes lose their host bits.
 */
export function ruleSpecToMessage(spec: RuleSpec, command: 'new' | 'del'): RuleMessage {
  const what = command === 'new' ? 'addRule' : 'deleteRule';
  const src = prefix(spec.src, `${what} src`);
  const dst = prefix(spec.dst, `${what} dst`);
  const family = ruleFamily(spec, src, dst);
  const action =
    spec.action ??
    (spec.goto !== undefined ? FR_ACT.GOTO : command === 'new' ? FR_ACT.TO_TBL : FR_ACT.UNSPEC);
  const table =
    spec.table ?? (command === 'new' && action === FR_ACT.TO_TBL ? RT_TABLE.MAIN : RT_TABLE.UNSPEC);
  const attributes: RuleAttribute[] = [];
  const push = (attribute: RuleAttribute | undefined): void => {
    if (attribute !== undefined) attributes.push(attribute);
  };
  const masked = (p: PrefixBytes): string => formatIp(maskPrefix(p.bytes, p.prefix));
  push(spec.priority === undefined ? undefined : { kind: 'FRA_PRIORITY', value: spec.priority });
  push(src === undefined ? undefined : { kind: 'FRA_SRC', value: masked(src) });
  push(dst === undefined ? undefined : { kind: 'FRA_DST', value: masked(dst) });
  push(spec.iifname === undefined ? undefined : { kind: 'FRA_IIFNAME', value: spec.iifname });
  push(spec.oifname === undefined ? undefined : { kind: 'FRA_OIFNAME', value: spec.oifname });
  push(spec.fwmark === undefined ? undefined : { kind: 'FRA_FWMARK', value: spec.fwmark });
  push(spec.fwmask === undefined ? undefined : { kind: 'FRA_FWMASK', value: spec.fwmask });
  push(table > 255 ? { kind: 'FRA_TABLE', value: table } : undefined);
  push(spec.goto === undefined ? undefined : { kind: 'FRA_GOTO', value: spec.goto });
  push(
    spec.suppressPrefixLength === undefined
      ? undefined
      : { kind: 'FRA_SUPPRESS_PREFIXLEN', value: spec.suppressPrefixLength },
  );
  push(
    spec.suppressIfgroup === undefined
      ? undefined
      : { kind: 'FRA_SUPPRESS_IFGROUP', value: spec.suppressIfgroup },
  );
  push(spec.ipProto === undefined ? undefined : { kind: 'FRA_IP_PROTO', value: spec.ipProto });
  push(
    spec.sportRange === undefined ? undefined : { kind: 'FRA_SPORT_RANGE', value: spec.sportRange },
  );
  push(
    spec.dportRange === undefined ? undefined : { kind: 'FRA_DPORT_RANGE', value: spec.dportRange },
  );
  push(spec.uidRange === undefined ? undefined : { kind: 'FRA_UID_RANGE', value: spec.uidRange });
  push(spec.protocol === undefined ? undefined : { kind: 'FRA_PROTOCOL', value: spec.protocol });
  return {
    family,
    dstLength: dst?.prefix ?? 0,
    srcLength: src?.prefix ?? 0,
    tos: spec.tos ?? 0,
    table: table > 255 ? RT_TABLE.UNSPEC : table,
    action,
    flags: spec.invert === true ? FIB_RULE.INVERT : 0,
    attributes,
  };
}
