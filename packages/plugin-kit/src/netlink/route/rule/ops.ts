import { NLM_F, RTM } from '../../codec/constants.ts';
import type { NetlinkRequester } from '../../socket/requester.ts';
import { isInetFamily } from '../address/decode.ts';
import { decodeRuleMessage, toRule } from './decode.ts';
import { encodeRuleMessage, ruleSpecToMessage } from './encode.ts';
import type { Rule, RuleFilter, RuleSpec } from './types.ts';

/**
 * Lists policy-routing rules (`ip rule show`, `ip -6 rule show`): an RTM_GETRULE dump of
 * the family (both when left out), filtered here by table and priority when given.
 */
export function listRules(sock: NetlinkRequester, filter: RuleFilter = {}): Rule[] {
  const payload = encodeRuleMessage({
    family: filter.family ?? 0,
    dstLength: 0,
    srcLength: 0,
    tos: 0,
    table: 0,
    action: 0,
    flags: 0,
    attributes: [],
  });
  const replies = sock.request({
    op: 'RTM_GETRULE',
    type: RTM.GETRULE,
    flags: NLM_F.DUMP,
    payload,
  });
  const rules: Rule[] = [];
  for (const reply of replies) {
    if (reply.type !== RTM.NEWRULE) continue;
    const message = decodeRuleMessage(reply.payload);
    if (!isInetFamily(message.family)) continue;
    if (filter.family !== undefined && message.family !== filter.family) continue;
    const rule = toRule(message);
    if (filter.table !== undefined && rule.table !== filter.table) continue;
    if (filter.priority !== undefined && rule.priority !== filter.priority) continue;
    rules.push(rule);
  }
  return rules;
}

/**
 * Adds a rule (`ip rule add [not] [from P] [to P] [iif L] [oif L] [fwmark M/K] [priority N]
 * table T | goto N | blackhole | unreachable | prohibit`): RTM_NEWRULE with
 * NLM_F_CREATE|NLM_F_EXCL. An identical rule fails with EEXIST (isExists).
 */
export function addRule(sock: NetlinkRequester, spec: RuleSpec): void {
  const payload = encodeRuleMessage(ruleSpecToMessage(spec, 'new'));
  sock.request({ op: 'RTM_NEWRULE', type: RTM.NEWRULE, flags: NLM_F.CREATE | NLM_F.EXCL, payload });
}

/**
 * Deletes the first rule that matches every given field (`ip rule del …`): RTM_DELRULE.
 * Fields left out match anything. No match fails with ENOENT (isNotFound). A Rule record
 * from listRules can be passed as it is.
 */
export function deleteRule(sock: NetlinkRequester, spec: RuleSpec): void {
  const payload = encodeRuleMessage(ruleSpecToMessage(spec, 'del'));
  sock.request({ op: 'RTM_DELRULE', type: RTM.DELRULE, flags: 0, payload });
}
