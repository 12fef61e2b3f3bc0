/** The nftables objects of the masquerade backend (knftables-managed upstream). */
export const NFT_MASQ = {
  FAMILY: 'inet',
  TABLE: 'cni_plugins_masquerade',
  /** Holds one masquerade rule per container address. */
  CHAIN: 'masq_checks',
  /** The base chain (nat, postrouting, srcnat) that skips multicast and goes to CHAIN. */
  POSTROUTING: 'postrouting',
  TABLE_COMMENT: 'Masquerading for plugins from github.com/containernetworking/plugins',
  CHAIN_COMMENT:
    'Masquerade traffic from certain IPs to any (non-multicast) IP outside their subnet',
  /** "srcnat" in the inet family; knftables writes the number for older nft versions. */
  SRCNAT_PRIORITY: 100,
} as const;

/** The longest comment nftables keeps (knftables' CommentLengthMax, in bytes). */
export const NFT_COMMENT_MAX_BYTES = 128;
