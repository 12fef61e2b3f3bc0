/** One VLAN on a bridge port. */
export interface BridgeVlan {
  readonly vid: number;
  /** Untagged frames arriving on the port are put in this VLAN. */
  readonly pvid?: boolean;
  /** Frames of this VLAN leave the port untagged. */
  readonly untagged?: boolean;
}
