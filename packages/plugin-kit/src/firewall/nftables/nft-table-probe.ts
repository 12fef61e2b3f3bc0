import { concatBytes, nla } from '../../netlink/codec/attributes.ts';
import { NETLINK } from '../../netlink/codec/constants.ts';
import { openKernelTransport } from '../../netlink/socket/kernel-transport.ts';
import { isNetlinkError } from '../../netlink/socket/netlink-error.ts';
import { NetlinkSocket } from '../../netlink/socket/netlink-socket.ts';
import type { FirewallExecOptions } from '../command-runner.ts';
import { NFT_MASQ } from './nft-names.ts';

// Whether the masquerade table exists, asked of the kernel over NETLINK_NETFILTER instead
// of starting `nft -j list` (a few milliseconds): a DEL on a host that never used the
// nftables backend then costs no process at all for it. Only "absent" is acted on;
// anything unexpected answers "unknown" and the caller lists with nft as before.

/** nfnetlink subsystem of nf_tables, and its GETTABLE message. */
const NFNL_SUBSYS_NFTABLES = 10;
const NFT_MSG_GETTABLE = 1;
const NFTA_TABLE_NAME = 1;
/** nfgenmsg.nfgen_family for `inet`, and NFNETLINK_V0. */
const NFPROTO_INET = 1;
const NFNETLINK_V0 = 0;
const ENOENT = 2;

export type NftTableState = 'present' | 'absent' | 'unknown';

/** The GETTABLE request payload: nfgenmsg, then the table name. */
export function getTablePayload(table: string): Uint8Array {
  const nfgenmsg = Uint8Array.of(NFPROTO_INET, NFNETLINK_V0, 0, 0); // res_id 0 (big endian)
  return concatBytes([nfgenmsg, nla.string(NFTA_TABLE_NAME, table)]);
}

/**
 * The state of `inet cni_plugins_masquerade` in `options.netns` (or here). With a custom
 * runner (a test's fake system) the kernel is not asked: "unknown".
 */
export function masqTableState(options: FirewallExecOptions = {}): NftTableState {
  if (options.runner !== undefined) return 'unknown';
  let socket: NetlinkSocket | undefined;
  try {
    const netns = options.netns;
    socket = new NetlinkSocket(
      openKernelTransport(NETLINK.NETFILTER, netns === undefined ? {} : { netns }),
    );
    socket.request({
      op: 'NFT_MSG_GETTABLE',
      type: (NFNL_SUBSYS_NFTABLES << 8) | NFT_MSG_GETTABLE,
      flags: 0,
      payload: getTablePayload(NFT_MASQ.TABLE),
    });
    return 'present';
  } catch (error) {
    return isNetlinkError(error) && error.errno === ENOENT ? 'absent' : 'unknown';
  } finally {
    socket?.close();
  }
}
