import type { NetlinkMessage } from '../codec/header.ts';

/** One request as the typed operations build it. */
export interface NetlinkRequest {
  /** Names the operation in errors, e.g. 'RTM_NEWLINK'. */
  readonly op: string;
  readonly type: number;
  /**
   * NLM_F_* flags beyond NLM_F_REQUEST and NLM_F_ACK, which the socket adds itself (no
   * NLM_F_ACK for a dump, NLM_F_DUMP, which ends with NLMSG_DONE instead).
   */
  readonly flags: number;
  readonly payload: Uint8Array;
}

/**
 * What the typed rtnetlink operations (`route/`) need from a socket: send one request,
 * return the reply messages (for a dump, every part until NLMSG_DONE; for a plain
 * request, the messages before the ACK, often none). A kernel error is thrown as
 * NetlinkError. `NetlinkSocket` implements it; so can a test double.
 */
export interface NetlinkRequester {
  request(request: NetlinkRequest): NetlinkMessage[];
}
