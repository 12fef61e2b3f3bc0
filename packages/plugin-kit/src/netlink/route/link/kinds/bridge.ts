import { lazy } from '../../../../_lazy.ts';
import { decodeFields, encodeFields, type FieldTable, field } from '../_fields.ts';
import { IFLA_BR } from '../constants.ts';
import { type BridgeId, bridgeIdField } from './_bridge-id.ts';
import { type VlanProtocol, vlanProtocolField } from './_vlan-protocol.ts';
import type { LinkKindCodec } from './kind-codec.ts';

/**
 * Bridge settings that can be given when the bridge is created (`ip link add … type bridge …`).
 * Times are in the kernel's units: centiseconds (USER_HZ) for forwardDelay, helloTime, maxAge,
 * ageingTime and the mcast*Interval fields.
 */
export interface BridgeOptions {
  readonly forwardDelay?: number;
  readonly helloTime?: number;
  readonly maxAge?: number;
  readonly ageingTime?: number;
  /** 0 off, 1 kernel STP, 2 user-space STP. */
  readonly stpState?: number;
  readonly priority?: number;
  readonly vlanFiltering?: boolean;
  readonly vlanProtocol?: VlanProtocol;
  readonly groupFwdMask?: number;
  readonly groupAddr?: string;
  readonly mcastRouter?: number;
  readonly mcastSnooping?: boolean;
  readonly mcastQueryUseIfaddr?: boolean;
  readonly mcastQuerier?: boolean;
  readonly mcastHashElasticity?: number;
  readonly mcastHashMax?: number;
  readonly mcastLastMemberCount?: number;
  readonly mcastStartupQueryCount?: number;
  readonly mcastLastMemberInterval?: bigint;
  readonly mcastMembershipInterval?: bigint;
  readonly mcastQuerierInterval?: bigint;
  readonly mcastQueryInterval?: bigint;
  readonly mcastQueryResponseInterval?: bigint;
  readonly mcastStartupQueryInterval?: bigint;
  readonly nfCallIptables?: boolean;
  readonly nfCallIp6tables?: boolean;
  readonly nfCallArptables?: boolean;
  readonly vlanDefaultPvid?: number;
  readonly vlanStatsEnabled?: boolean;
  readonly mcastStatsEnabled?: boolean;
  readonly mcastIgmpVersion?: number;
  readonly mcastMldVersion?: number;
  readonly vlanStatsPerPort?: boolean;
  readonly fdbMaxLearned?: number;
}

/** What the kernel reports about a bridge: its settings plus read-only state. */
export interface BridgeInfo extends BridgeOptions {
  readonly rootId?: BridgeId;
  readonly bridgeId?: BridgeId;
  readonly rootPort?: number;
  readonly rootPathCost?: number;
  readonly topologyChange?: boolean;
  readonly topologyChangeDetected?: boolean;
  readonly helloTimer?: bigint;
  readonly tcnTimer?: bigint;
  readonly topologyChangeTimer?: bigint;
  readonly gcTimer?: bigint;
  readonly fdbNLearned?: number;
}

const optionsTable = lazy(
  (): FieldTable<BridgeOptions> => ({
    forwardDelay: field.u32(IFLA_BR.FORWARD_DELAY),
    helloTime: field.u32(IFLA_BR.HELLO_TIME),
    maxAge: field.u32(IFLA_BR.MAX_AGE),
    ageingTime: field.u32(IFLA_BR.AGEING_TIME),
    stpState: field.u32(IFLA_BR.STP_STATE),
    priority: field.u16(IFLA_BR.PRIORITY),
    vlanFiltering: field.bool(IFLA_BR.VLAN_FILTERING),
    vlanProtocol: vlanProtocolField(IFLA_BR.VLAN_PROTOCOL),
    groupFwdMask: field.u16(IFLA_BR.GROUP_FWD_MASK),
    groupAddr: field.mac(IFLA_BR.GROUP_ADDR),
    mcastRouter: field.u8(IFLA_BR.MCAST_ROUTER),
    mcastSnooping: field.bool(IFLA_BR.MCAST_SNOOPING),
    mcastQueryUseIfaddr: field.bool(IFLA_BR.MCAST_QUERY_USE_IFADDR),
    mcastQuerier: field.bool(IFLA_BR.MCAST_QUERIER),
    mcastHashElasticity: field.u32(IFLA_BR.MCAST_HASH_ELASTICITY),
    mcastHashMax: field.u32(IFLA_BR.MCAST_HASH_MAX),
    mcastLastMemberCount: field.u32(IFLA_BR.MCAST_LAST_MEMBER_CNT),
    mcastStartupQueryCount: field.u32(IFLA_BR.MCAST_STARTUP_QUERY_CNT),
    mcastLastMemberInterval: field.u64(IFLA_BR.MCAST_LAST_MEMBER_INTVL),
    mcastMembershipInterval: field.u64(IFLA_BR.MCAST_MEMBERSHIP_INTVL),
    mcastQuerierInterval: field.u64(IFLA_BR.MCAST_QUERIER_INTVL),
    mcastQueryInterval: field.u64(IFLA_BR.MCAST_QUERY_INTVL),
    mcastQueryResponseInterval: field.u64(IFLA_BR.MCAST_QUERY_RESPONSE_INTVL),
    mcastStartupQueryInterval: field.u64(IFLA_BR.MCAST_STARTUP_QUERY_INTVL),
    nfCallIptables: field.bool(IFLA_BR.NF_CALL_IPTABLES),
    nfCallIp6tables: field.bool(IFLA_BR.NF_CALL_IP6TABLES),
    nfCallArptables: field.bool(IFLA_BR.NF_CALL_ARPTABLES),
    vlanDefaultPvid: field.u16(IFLA_BR.VLAN_DEFAULT_PVID),
    vlanStatsEnabled: field.bool(IFLA_BR.VLAN_STATS_ENABLED),
    mcastStatsEnabled: field.bool(IFLA_BR.MCAST_STATS_ENABLED),
    mcastIgmpVersion: field.u8(IFLA_BR.MCAST_IGMP_VERSION),
    mcastMldVersion: field.u8(IFLA_BR.MCAST_MLD_VERSION),
    vlanStatsPerPort: field.bool(IFLA_BR.VLAN_STATS_PER_PORT),
    fdbMaxLearned: field.u32(IFLA_BR.FDB_MAX_LEARNED),
  }),
);

const infoTable = lazy(
  (): FieldTable<BridgeInfo> => ({
    ...optionsTable(),
    rootId: bridgeIdField(IFLA_BR.ROOT_ID),
    bridgeId: bridgeIdField(IFLA_BR.BRIDGE_ID),
    rootPort: field.u16(IFLA_BR.ROOT_PORT),
    rootPathCost: field.u32(IFLA_BR.ROOT_PATH_COST),
    topologyChange: field.bool(IFLA_BR.TOPOLOGY_CHANGE),
    topologyChangeDetected: field.bool(IFLA_BR.TOPOLOGY_CHANGE_DETECTED),
    helloTimer: field.u64(IFLA_BR.HELLO_TIMER),
    tcnTimer: field.u64(IFLA_BR.TCN_TIMER),
    topologyChangeTimer: field.u64(IFLA_BR.TOPOLOGY_CHANGE_TIMER),
    gcTimer: field.u64(IFLA_BR.GC_TIMER),
    fdbNLearned: field.u32(IFLA_BR.FDB_N_LEARNED),
  }),
);

/** `type bridge`: IFLA_BR_* inside IFLA_INFO_DATA. */
export const bridgeKind: LinkKindCodec<BridgeOptions, BridgeInfo> = {
  kind: 'bridge',
  encodeData: (options) => encodeFields(optionsTable(), options),
  decodeData: (attributes, path) =>
    decodeFields(infoTable(), attributes, path, IFLA_BR, 'IFLA_BR_'),
};
