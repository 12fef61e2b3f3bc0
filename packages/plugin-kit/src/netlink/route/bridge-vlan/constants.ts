// Bridge VLAN constants under their kernel names (include/uapi/linux/if_bridge.h).

/** IFLA_BRIDGE_* inside IFLA_AF_SPEC of an AF_BRIDGE link message. */
export const IFLA_BRIDGE = { FLAGS: 0, MODE: 1, VLAN_INFO: 2 } as const;

/** IFLA_BRIDGE_FLAGS values: the request is for the bridge master (the port's VLANs) or the device itself. */
export const BRIDGE_FLAGS = { MASTER: 1, SELF: 2 } as const;

/** struct bridge_vlan_info flags (BRIDGE_VLAN_INFO_*). */
export const BRIDGE_VLAN_INFO = {
  MASTER: 1 << 0,
  PVID: 1 << 1,
  UNTAGGED: 1 << 2,
  RANGE_BEGIN: 1 << 3,
  RANGE_END: 1 << 4,
} as const;
