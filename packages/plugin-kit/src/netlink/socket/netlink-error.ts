import { errnoDescription, errnoName } from '../../sys/errno.ts';

/**
 * The kernel's extended acknowledgement (NLMSGERR_ATTR_* in an NLMSG_ERROR or NLMSG_DONE):
 * its own words about what went wrong and where.
 */
export interface NetlinkExtack {
  /** NLMSGERR_ATTR_MSG, e.g. 'Unknown device type'. */
  readonly message?: string;
  /** NLMSGERR_ATTR_OFFS: byte offset into the request (from its nlmsghdr) of the attribute at fault. */
  readonly offset?: number;
  /** NLMSGERR_ATTR_COOKIE: opaque bytes some operations return. */
  readonly cookie?: Uint8Array;
  /** NLMSGERR_ATTR_MISS_TYPE: the type of a required attribute that is missing. */
  readonly missingType?: number;
  /** NLMSGERR_ATTR_MISS_NEST: offset of the nest that lacks `missingType`. */
  readonly missingNestOffset?: number;
}

export interface NetlinkErrorInit {
  /** The operation, e.g. 'RTM_NEWLINK'. */
  readonly op: string;
  /** The positive errno number. */
  readonly errno: number;
  /** The sequence number of the request. */
  readonly seq: number;
  readonly extack?: NetlinkExtack | undefined;
  /** Set when the socket, not the kernel, found the fault (wrong port id, overrun, closed socket). */
  readonly detail?: string | undefined;
}

/**
 * A netlink request that failed: the kernel answered with an error (NLMSG_ERROR, or
 * NLMSG_DONE ending a dump), or the socket found the exchange broken. The message reads
 * `RTM_NEWLINK: EEXIST (file exists): <extack message>`. Test it with the predicates in
 * `errors/predicates.ts` (isExists, isNotFound…), never by matching the text.
 */
export class NetlinkError extends Error {
  override readonly name = 'NetlinkError';
  readonly op: string;
  readonly errno: number;
  /** The errno name, e.g. 'EEXIST'. */
  readonly code: string;
  readonly extack: NetlinkExtack | undefined;
  readonly seq: number;
  readonly detail: string | undefined;

  constructor(init: NetlinkErrorInit) {
    const code = errnoName(init.errno);
    const text = init.extack?.message ?? init.detail;
    super(
      `${init.op}: ${code} (${errnoDescription(init.errno)})${text === undefined || text === '' ? '' : `: ${text}`}`,
    );
    this.op = init.op;
    this.errno = init.errno;
    this.code = code;
    this.extack = init.extack;
    this.seq = init.seq;
    this.detail = init.detail;
  }
}

export function isNetlinkError(error: unknown): error is NetlinkError {
  return error instanceof NetlinkError;
}
