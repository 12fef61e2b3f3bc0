import { lazy } from '../../../../_lazy.ts';
import { decodeFields, encodeFields, type FieldTable, field } from '../_fields.ts';
import { BR_STATE, IFLA_BRPORT } from '../constants.ts';
import { type BridgeId, bridgeIdField } from './_bridge-id.ts';

/** The STP state of a bridge port (BR_STATE_*). */
export type BridgePortState = 'disabled' | 'listening' | 'learning' | 'forwarding' | 'blocking';

/**
 * Bridge port settings (`bridge link set dev X …`, IFLA_BRPORT_*). `hairpin` is
 * IFLA_BRPORT_MODE, `rootBlock` is IFLA_BRPORT_PROTECT, `unicastFlood` is `flood`.
 */
export interface BridgePortOptions {
  readonly guard?: boolean;
  readonly hairpin?: boolean;
  readonly fastLeave?: boolean;
  readonly rootBlock?: boolean;
  readonly unicastFlood?: boolean;
  readonly mcastFlood?: boolean;
  readonly bcastFlood?: boolean;
  readonly mcastToUnicast?: boolean;
  readonly learning?: boolean;
  readonly learningSync?: boolean;
  readonly cost?: number;
  readonly priority?: number;
  readonly neighSuppress?: boolean;
  readonly vlanTunnel?: boolean;
  readonly isolated?: boolean;
  readonly state?: BridgePortState;
  readonly proxyArp?: boolean;
  readonly proxyArpWifi?: boolean;
  readonly multicastRouter?: number;
  readonly groupFwdMask?: number;
  readonly backupPort?: number;
  readonly locked?: boolean;
  readonly mab?: boolean;
  readonly mcastEhtHostsLimit?: number;
  readonly mcastMaxGroups?: number;
  readonly neighVlanSuppress?: boolean;
}

/** What the kernel reports about a bridge port: its settings plus read-only STP state. */
export interface BridgePortInfo extends BridgePortOptions {
  readonly rootId?: BridgeId;
  readonly bridgeId?: BridgeId;
  readonly designatedPort?: number;
  readonly designatedCost?: number;
  readonly id?: number;
  readonly no?: number;
  readonly topologyChangeAck?: boolean;
  readonly configPending?: boolean;
  readonly messageAgeTimer?: bigint;
  readonly forwardDelayTimer?: bigint;
  readonly holdTimer?: bigint;
  readonly mcastEhtHostsCnt?: number;
  readonly mcastNGroups?: number;
  readonly backupNhid?: number;
}

// The order is the order in which `bridge link set` (iproute2 6.1) emits these attributes.
const optionsTable = lazy(
  (): FieldTable<BridgePortOptions> => ({
    guard: field.bool(IFLA_BRPORT.GUARD),
    hairpin: field.bool(IFLA_BRPORT.MODE),
    fastLeave: field.bool(IFLA_BRPORT.FAST_LEAVE),
    rootBlock: field.bool(IFLA_BRPORT.PROTECT),
    unicastFlood: field.bool(IFLA_BRPORT.UNICAST_FLOOD),
    mcastFlood: field.bool(IFLA_BRPORT.MCAST_FLOOD),
    bcastFlood: field.bool(IFLA_BRPORT.BCAST_FLOOD),
    mcastToUnicast: field.bool(IFLA_BRPORT.MCAST_TO_UCAST),
    learning: field.bool(IFLA_BRPORT.LEARNING),
    learningSync: field.bool(IFLA_BRPORT.LEARNING_SYNC),
    cost: field.u32(IFLA_BRPORT.COST),
    priority: field.u16(IFLA_BRPORT.PRIORITY),
    neighSuppress: field.bool(IFLA_BRPORT.NEIGH_SUPPRESS),
    vlanTunnel: field.bool(IFLA_BRPORT.VLAN_TUNNEL),
    isolated: field.bool(IFLA_BRPORT.ISOLATED),
    state: field.enumOf(field.u8(IFLA_BRPORT.STATE), {
      disabled: BR_STATE.DISABLED,
      listening: BR_STATE.LISTENING,
      learning: BR_STATE.LEARNING,
      forwarding: BR_STATE.FORWARDING,
      blocking: BR_STATE.BLOCKING,
    }),
    proxyArp: field.bool(IFLA_BRPORT.PROXYARP),
    proxyArpWifi: field.bool(IFLA_BRPORT.PROXYARP_WIFI),
    multicastRouter: field.u8(IFLA_BRPORT.MULTICAST_ROUTER),
    groupFwdMask: field.u16(IFLA_BRPORT.GROUP_FWD_MASK),
    backupPort: field.u32(IFLA_BRPORT.BACKUP_PORT),
    locked: field.bool(IFLA_BRPORT.LOCKED),
    mab: field.bool(IFLA_BRPORT.MAB),
    mcastEhtHostsLimit: field.u32(IFLA_BRPORT.MCAST_EHT_HOSTS_LIMIT),
    mcastMaxGroups: field.u32(IFLA_BRPORT.MCAST_MAX_GROUPS),
    neighVlanSuppress: field.bool(IFLA_BRPORT.NEIGH_VLAN_SUPPRESS),
  }),
);

const infoTable = lazy(
  (): FieldTable<BridgePortInfo> => ({
    ...optionsTable(),
    rootId: bridgeIdField(IFLA_BRPORT.ROOT_ID),
    bridgeId: bridgeIdField(IFLA_BRPORT.BRIDGE_ID),
    designatedPort: field.u16(IFLA_BRPORT.DESIGNATED_PORT),
    designatedCost: field.u16(IFLA_BRPORT.DESIGNATED_COST),
    id: field.u16(IFLA_BRPORT.ID),
    no: field.u16(IFLA_BRPORT.NO),
    topologyChangeAck: field.bool(IFLA_BRPORT.TOPOLOGY_CHANGE_ACK),
    configPending: field.bool(IFLA_BRPORT.CONFIG_PENDING),
    messageAgeTimer: field.u64(IFLA_BRPORT.MESSAGE_AGE_TIMER),
    forwardDelayTimer: field.u64(IFLA_BRPORT.FORWARD_DELAY_TIMER),
    holdTimer: field.u64(IFLA_BRPORT.HOLD_TIMER),
    mcastEhtHostsCnt: field.u32(IFLA_BRPORT.MCAST_EHT_HOSTS_CNT),
    mcastNGroups: field.u32(IFLA_BRPORT.MCAST_N_GROUPS),
    backupNhid: field.u32(IFLA_BRPORT.BACKUP_NHID),
  }),
);

/** IFLA_BRPORT_* attributes for a bridge port change, in the order `bridge link set` sends them. */
export function encodeBridgePortOptions(options: BridgePortOptions): Uint8Array[] {
  return encodeFields(optionsTable(), options);
}

/** Reads IFLA_BRPORT_* (from IFLA_INFO_SLAVE_DATA or an AF_BRIDGE IFLA_PROTINFO). */
export function decodeBridgePortInfo(
  attributes: Parameters<typeof decodeFields>[1],
  path: readonly string[],
): BridgePortInfo {
  return decodeFields(infoTable(), attributes, path, IFLA_BRPORT, 'IFLA_BRPORT_');
}
