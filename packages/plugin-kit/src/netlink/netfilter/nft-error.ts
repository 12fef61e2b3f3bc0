import { errnoOf } from '../../errors/predicates.ts';
import { NetlinkError, type NetlinkExtack } from '../socket/netlink-error.ts';

const ERESTART = 85;

export interface NftErrorInit {
  /** The message the kernel refused, e.g. 'NFT_MSG_NEWRULE', or 'NFNL_MSG_BATCH_BEGIN'. */
  readonly op: string;
  /** What it named, e.g. 'rule inet cni_plugins_masquerade masq_checks'. */
  readonly object: string;
  readonly errno: number;
  readonly seq: number;
  readonly extack?: NetlinkExtack | undefined;
  /** The position of the message in its batch (0 is the first object). */
  readonly index?: number | undefined;
}

/**
 * An nf_tables batch the kernel refused. The whole batch was rolled back: nothing of it
 * is in the kernel. It names the message and the object at fault; its cause is the
 * kernel's NetlinkError (errno, extended ack), so the kit's predicates (isNotFound,
 * isExists, isBusy...) answer for it. The message reads
 * `NFT_MSG_NEWRULE rule inet t c: ENOENT (no such file or directory): <extack>`.
 */
export class NftError extends Error {
  override readonly name = 'NftError';
  readonly op: string;
  readonly object: string;
  readonly errno: number;
  /** The errno name, e.g. 'ENOENT'. */
  readonly code: string;
  readonly extack: NetlinkExtack | undefined;
  readonly index: number | undefined;

  constructor(init: NftErrorInit) {
    const cause = new NetlinkError({
      op: `${init.op} ${init.object}`,
      errno: init.errno,
      seq: init.seq,
      extack: init.extack,
    });
    super(cause.message, { cause });
    this.op = init.op;
    this.object = init.object;
    this.errno = init.errno;
    this.code = cause.code;
    this.extack = init.extack;
    this.index = init.index;
  }
}

export function isNftError(error: unknown): error is NftError {
  return error instanceof NftError;
}

/**
 * The ruleset changed since the generation the batch was built against (ERESTART on a
 * batch that carried NFNL_BATCH_GENID): read again and rebuild.
 */
export function isNftGenerationChanged(error: unknown): boolean {
  return errnoOf(error) === ERESTART;
}
