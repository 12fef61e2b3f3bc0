import type { UnknownAttribute } from '../_attribute-table.ts';
import type { InetFamily } from '../_ip.ts';

/** struct fib_rule_uid_range */
export interface RuleUidRange {
  readonly start: number;
  readonly end: number;
}

/** struct fib_rule_port_range */
export interface RulePortRange {
  readonly start: number;
  readonly end: number;
}

/** One attribute of an RTM_*RULE message, in wire order; IPs as text. */
export type RuleAttribute =
  | { readonly kind: 'FRA_DST'; readonly value: string }
  | { readonly kind: 'FRA_SRC'; readonly value: string }
  | { readonly kind: 'FRA_IIFNAME'; readonly value: string }
  | { readonly kind: 'FRA_GOTO'; readonly value: number }
  | { readonly kind: 'FRA_PRIORITY'; readonly value: number }
  | { readonly kind: 'FRA_FWMARK'; readonly value: number }
  | { readonly kind: 'FRA_FLOW'; readonly value: number }
  | { readonly kind: 'FRA_TUN_ID'; readonly value: bigint }
  | { readonly kind: 'FRA_SUPPRESS_IFGROUP'; readonly value: number }
  | { readonly kind: 'FRA_SUPPRESS_PREFIXLEN'; readonly value: number }
  | { readonly kind: 'FRA_TABLE'; readonly value: number }
  | { readonly kind: 'FRA_FWMASK'; readonly value: number }
  | { readonly kind: 'FRA_OIFNAME'; readonly value: string }
  | { readonly kind: 'FRA_L3MDEV'; readonly value: number }
  | { readonly kind: 'FRA_UID_RANGE'; readonly value: RuleUidRange }
  | { readonly kind: 'FRA_PROTOCOL'; readonly value: number }
  | { readonly kind: 'FRA_IP_PROTO'; readonly value: number }
  | { readonly kind: 'FRA_SPORT_RANGE'; readonly value: RulePortRange }
  | { readonly kind: 'FRA_DPORT_RANGE'; readonly value: RulePortRange }
  | UnknownAttribute;

/** An RTM_NEWRULE / RTM_DELRULE / RTM_GETRULE message: struct fib_rule_hdr and its attributes. */
export interface RuleMessage {
  /** AF_INET or AF_INET6 */
  readonly family: number;
  readonly dstLength: number;
  readonly srcLength: number;
  readonly tos: number;
  /** The table id up to 255 (FRA_TABLE holds larger ones). */
  readonly table: number;
  /** FR_ACT_* */
  readonly action: number;
  /** FIB_RULE_* (FIB_RULE.INVERT for `not`). */
  readonly flags: number;
  readonly attributes: readonly RuleAttribute[];
}

/** A rule as the kernel reports it (`ip rule show`). */
export interface Rule {
  readonly family: InetFamily;
  /** The preference (FRA_PRIORITY); rule 0 has none on the wire. */
  readonly priority: number;
  /** FR_ACT_* */
  readonly action: number;
  /** The table id (FRA_TABLE when present, else the header's). */
  readonly table: number;
  /** Source prefix `from`, "ip/len"; left out for "all". */
  readonly src?: string;
  /** Destination prefix `to`, "ip/len". */
  readonly dst?: string;
  /** Input link name (`iif`). */
  readonly iifname?: string;
  /** Output link name (`oif`). */
  readonly oifname?: string;
  readonly fwmark?: number;
  readonly fwmask?: number;
  /** `not`: the selector is inverted (FIB_RULE_INVERT). */
  readonly invert: boolean;
  /** Target rule preference of FR_ACT_GOTO. */
  readonly goto?: number;
  /** `suppress_prefixlength`; left out when the kernel reports -1 (not set). */
  readonly suppressPrefixLength?: number;
  /** `suppress_ifgroup`; left out when not set. */
  readonly suppressIfgroup?: number;
  readonly tos: number;
  /** RTPROT_*: who added the rule (FRA_PROTOCOL). */
  readonly protocol?: number;
  readonly ipProto?: number;
  readonly sportRange?: RulePortRange;
  readonly dportRange?: RulePortRange;
  readonly uidRange?: RuleUidRange;
  readonly l3mdev?: number;
  readonly flow?: number;
  readonly tunId?: bigint;
  /** fib_rule_hdr.flags: FIB_RULE_* */
  readonly flags: number;
  /** The message it was read from, with every attribute in wire order. */
  readonly message: RuleMessage;
}

/** What to add or delete (`ip rule add|del`). */
export interface RuleSpec {
  /** AF_INET or AF_INET6; taken from src/dst when given, else AF_INET (as ip). */
  readonly family?: InetFamily;
  /** `priority` / `pref` (FRA_PRIORITY). */
  readonly priority?: number;
  /** `table` / `lookup`; on add defaults to main for FR_ACT_TO_TBL. Ids above 255 go in FRA_TABLE. */
  readonly table?: number;
  /** FR_ACT_*; on add defaults to FR_ACT_TO_TBL (FR_ACT_GOTO when `goto` is given). */
  readonly action?: number;
  /** `from` prefix. */
  readonly src?: string;
  /** `to` prefix. */
  readonly dst?: string;
  /** `iif` link name. */
  readonly iifname?: string;
  /** `oif` link name. */
  readonly oifname?: string;
  /** `fwmark` value. */
  readonly fwmark?: number;
  /** `fwmark …/mask`; the kernel assumes 0xffffffff when a mark is given without one. */
  readonly fwmask?: number;
  /** `not` (FIB_RULE_INVERT). */
  readonly invert?: boolean;
  /** `goto` target preference. */
  readonly goto?: number;
  /** `suppress_prefixlength` */
  readonly suppressPrefixLength?: number;
  /** `suppress_ifgroup` */
  readonly suppressIfgroup?: number;
  /** `tos` */
  readonly tos?: number;
  /** `ipproto` (IPPROTO_*). */
  readonly ipProto?: number;
  /** `sport START-END` */
  readonly sportRange?: RulePortRange;
  /** `dport START-END` */
  readonly dportRange?: RulePortRange;
  /** `uidrange START-END` */
  readonly uidRange?: RuleUidRange;
  /** `protocol` (RTPROT_*). */
  readonly protocol?: number;
}

/** Which rules listRules returns. */
export interface RuleFilter {
  /** AF_INET or AF_INET6; both when left out. */
  readonly family?: InetFamily;
  /** Only rules of this table. */
  readonly table?: number;
  /** Only rules of this preference. */
  readonly priority?: number;
}
