import { DecodeError } from '../../codec/decode-error.ts';
import { decodeTypedAttributes, definedOnly, lastOf } from '../_attribute-table.ts';
import { decodeRtmsgLayout } from '../_rtmsg-layout.ts';
import { isInetFamily } from '../address/decode.ts';
import { RULE_ATTRIBUTES } from './attributes.ts';
import { FIB_RULE, FIB_RULE_HDR_LEN } from './constants.ts';
import type { Rule, RuleMessage } from './types.ts';

/**
 * Decodes a rule message body (after the netlink header). Malformed input throws
 * DecodeError at `path` (default ['RTM_NEWRULE']), never anything else.
 */
export function decodeRuleMessage(
  payload: Uint8Array,
  path: readonly string[] = ['RTM_NEWRULE'],
): RuleMessage {
  const { family, dstLength, srcLength, tos, table, type, flags } = decodeRtmsgLayout(
    payload,
    path,
    'fib_rule_hdr',
  );
  const bytes = payload.subarray(FIB_RULE_HDR_LEN);
  const attributes = decodeTypedAttributes(RULE_ATTRIBUTES, bytes, { family }, path);
  return { family, dstLength, srcLength, tos, table, action: type, flags, attributes };
}

/** The kernel reports "not set" suppressors as -1 (0xffffffff); ip prints nothing for them. */
function unlessUnset(value: number | undefined): number | undefined {
  return value === 0xffffffff ? undefined : value;
}

/**
 * The readable record of a rule message. Throws DecodeError when the family is not
 * AF_INET/AF_INET6 (multicast routing rules use RTNL_FAMILY_IPMR).
 */
export function toRule(message: RuleMessage): Rule {
  const { family, attributes } = message;
  if (!isInetFamily(family)) {
    throw new DecodeError(['RTM_NEWRULE'], `family ${family} is not AF_INET or AF_INET6`);
  }
  const src = lastOf(attributes, 'FRA_SRC');
  const dst = lastOf(attributes, 'FRA_DST');
  const optional = {
    src: src === undefined ? undefined : `${src}/${message.srcLength}`,
    dst: dst === undefined ? undefined : `${dst}/${message.dstLength}`,
    iifname: lastOf(attributes, 'FRA_IIFNAME'),
    oifname: lastOf(attributes, 'FRA_OIFNAME'),
    fwmark: lastOf(attributes, 'FRA_FWMARK'),
    fwmask: lastOf(attributes, 'FRA_FWMASK'),
    goto: lastOf(attributes, 'FRA_GOTO'),
    suppressPrefixLength: unlessUnset(lastOf(attributes, 'FRA_SUPPRESS_PREFIXLEN')),
    suppressIfgroup: unlessUnset(lastOf(attributes, 'FRA_SUPPRESS_IFGROUP')),
    protocol: lastOf(attributes, 'FRA_PROTOCOL'),
    ipProto: lastOf(attributes, 'FRA_IP_PROTO'),
    sportRange: lastOf(attributes, 'FRA_SPORT_RANGE'),
    dportRange: lastOf(attributes, 'FRA_DPORT_RANGE'),
    uidRange: lastOf(attributes, 'FRA_UID_RANGE'),
    l3mdev: lastOf(attributes, 'FRA_L3MDEV'),
    flow: lastOf(attributes, 'FRA_FLOW'),
    tunId: lastOf(attributes, 'FRA_TUN_ID'),
  };
  return {
    family,
    priority: lastOf(attributes, 'FRA_PRIORITY') ?? 0,
    action: message.action,
    table: lastOf(attributes, 'FRA_TABLE') ?? message.table,
    invert: (message.flags & FIB_RULE.INVERT) !== 0,
    tos: message.tos,
    flags: message.flags,
    ...definedOnly(optional),
    message,
  };
}
