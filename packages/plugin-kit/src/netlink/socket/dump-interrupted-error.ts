import type { NetlinkMessage } from '../codec/header.ts';

/**
 * A dump whose every attempt came back with NLM_F_DUMP_INTR: the kernel's table changed
 * while it was being read, each time. The socket retries an interrupted dump on its own;
 * this error means the retries ran out. `messages` holds the last, possibly inconsistent,
 * attempt for callers that can live with that.
 */
export class DumpInterruptedError extends Error {
  override readonly name = 'DumpInterruptedError';
  readonly op: string;
  readonly attempts: number;
  readonly messages: readonly NetlinkMessage[];

  constructor(op: string, attempts: number, messages: readonly NetlinkMessage[]) {
    super(`${op}: dump interrupted (NLM_F_DUMP_INTR) in all ${attempts} attempts`);
    this.op = op;
    this.attempts = attempts;
    this.messages = messages;
  }
}

export function isDumpInterrupted(error: unknown): error is DumpInterruptedError {
  return error instanceof DumpInterruptedError;
}
