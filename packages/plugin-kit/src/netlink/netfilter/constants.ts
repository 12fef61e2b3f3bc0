// nf_tables netlink constants under their kernel names (include/uapi/linux/netfilter/
// nfnetlink.h, nf_tables.h, netfilter.h), so that they can be grepped against the headers.
// Expression attributes live beside each expression in expr/.

/** nfnetlink subsystem ids (nlmsg_type >> 8) and batch framing. */
export const NFNL = {
  SUBSYS_NFTABLES: 10,
  MSG_BATCH_BEGIN: 0x10,
  MSG_BATCH_END: 0x11,
} as const;

/** Attributes of a batch-begin message (enum nfnl_batch_attributes). */
export const NFNL_BATCH = { GENID: 1 } as const;

/** nfgenmsg.version. */
export const NFNETLINK_V0 = 0;

/** enum nf_tables_msg_types (the low byte of nlmsg_type). */
export const NFT_MSG = {
  NEWTABLE: 0,
  GETTABLE: 1,
  DELTABLE: 2,
  NEWCHAIN: 3,
  GETCHAIN: 4,
  DELCHAIN: 5,
  NEWRULE: 6,
  GETRULE: 7,
  DELRULE: 8,
  NEWSET: 9,
  GETSET: 10,
  DELSET: 11,
  NEWSETELEM: 12,
  GETSETELEM: 13,
  DELSETELEM: 14,
  NEWGEN: 15,
  GETGEN: 16,
} as const;

/** nlmsg_type of an nf_tables message: subsystem in the high byte. */
export function nftMessageType(msg: number): number {
  return (NFNL.SUBSYS_NFTABLES << 8) | msg;
}

/** nfgenmsg.nfgen_family values (enum NFPROTO_*). */
export const NFPROTO = {
  UNSPEC: 0,
  INET: 1,
  IPV4: 2,
  ARP: 3,
  NETDEV: 5,
  BRIDGE: 7,
  IPV6: 10,
} as const;

/** Netfilter hook numbers (enum nf_inet_hooks; the bridge family uses the same numbers). */
export const NF_INET = {
  PRE_ROUTING: 0,
  LOCAL_IN: 1,
  FORWARD: 2,
  LOCAL_OUT: 3,
  POST_ROUTING: 4,
  INGRESS: 5,
} as const;

/** Verdict codes: netfilter's and nf_tables' own (enum nft_verdicts), as signed 32-bit. */
export const NF_VERDICT = {
  DROP: 0,
  ACCEPT: 1,
  CONTINUE: -1,
  BREAK: -2,
  JUMP: -3,
  GOTO: -4,
  RETURN: -5,
} as const;

/** enum nft_table_attributes. */
export const NFTA_TABLE = {
  NAME: 1,
  FLAGS: 2,
  USE: 3,
  HANDLE: 4,
  PAD: 5,
  USERDATA: 6,
  OWNER: 7,
} as const;

/** enum nft_chain_attributes. */
export const NFTA_CHAIN = {
  TABLE: 1,
  HANDLE: 2,
  NAME: 3,
  HOOK: 4,
  POLICY: 5,
  USE: 6,
  TYPE: 7,
  COUNTERS: 8,
  PAD: 9,
  FLAGS: 10,
  ID: 11,
  USERDATA: 12,
} as const;

/** enum nft_hook_attributes. */
export const NFTA_HOOK = { HOOKNUM: 1, PRIORITY: 2, DEV: 3, DEVS: 4 } as const;

/** enum nft_rule_attributes. */
export const NFTA_RULE = {
  TABLE: 1,
  CHAIN: 2,
  HANDLE: 3,
  EXPRESSIONS: 4,
  COMPAT: 5,
  POSITION: 6,
  USERDATA: 7,
  PAD: 8,
  ID: 9,
  POSITION_ID: 10,
  CHAIN_ID: 11,
} as const;

/** enum nft_set_attributes. */
export const NFTA_SET = {
  TABLE: 1,
  NAME: 2,
  FLAGS: 3,
  KEY_TYPE: 4,
  KEY_LEN: 5,
  DATA_TYPE: 6,
  DATA_LEN: 7,
  POLICY: 8,
  DESC: 9,
  ID: 10,
  TIMEOUT: 11,
  GC_INTERVAL: 12,
  USERDATA: 13,
  PAD: 14,
  OBJ_TYPE: 15,
  HANDLE: 16,
  EXPR: 17,
  EXPRESSIONS: 18,
} as const;

/** enum nft_set_flags: the NFTA_SET_FLAGS bits. */
export const NFT_SET = {
  ANONYMOUS: 0x1,
  CONSTANT: 0x2,
  INTERVAL: 0x4,
  MAP: 0x8,
  TIMEOUT: 0x10,
  EVAL: 0x20,
  OBJECT: 0x40,
  CONCAT: 0x80,
  EXPR: 0x100,
} as const;

/** enum nft_set_elem_list_attributes: the frame of NEWSETELEM / DELSETELEM / GETSETELEM. */
export const NFTA_SET_ELEM_LIST = { TABLE: 1, SET: 2, ELEMENTS: 3, SET_ID: 4 } as const;

/** enum nft_set_elem_attributes. */
export const NFTA_SET_ELEM = {
  KEY: 1,
  DATA: 2,
  FLAGS: 3,
  TIMEOUT: 4,
  EXPIRATION: 5,
  USERDATA: 6,
  EXPR: 7,
  PAD: 8,
  OBJREF: 9,
  KEY_END: 10,
  EXPRESSIONS: 11,
} as const;

/** enum nft_set_elem_flags. */
export const NFT_SET_ELEM = { INTERVAL_END: 0x1, CATCHALL: 0x2 } as const;

/** enum nft_data_types: NFTA_SET_DATA_TYPE of a verdict map (other values are nft datatypes). */
export const NFT_DATA_VERDICT = 0xffffff00;

/** enum nft_list_attributes and enum nft_expr_attributes. */
export const NFTA_LIST = { ELEM: 1 } as const;
export const NFTA_EXPR = { NAME: 1, DATA: 2 } as const;

/** enum nft_data_attributes and enum nft_verdict_attributes. */
export const NFTA_DATA = { VALUE: 1, VERDICT: 2 } as const;
export const NFTA_VERDICT = { CODE: 1, CHAIN: 2, CHAIN_ID: 3 } as const;

/** enum nft_gen_attributes. */
export const NFTA_GEN = { ID: 1, PROC_PID: 2, PROC_NAME: 3 } as const;

/** enum nft_registers: the verdict register and the four 16-byte data registers. */
export const NFT_REG = { VERDICT: 0, R1: 1, R2: 2, R3: 3, R4: 4 } as const;

/** The longest table, chain or set name the kernel takes (NFT_NAME_MAXLEN - 1 bytes). */
export const NFT_NAME_MAX_BYTES = 255;

/** The largest userdata (comment TLVs) of a table, chain or rule (NFT_USERDATA_MAXLEN). */
export const NFT_USERDATA_MAX_BYTES = 256;
