import { DecodeError } from '../netlink/codec/decode-error.ts';
import { DumpInterruptedError } from '../netlink/socket/dump-interrupted-error.ts';
import { NetlinkError } from '../netlink/socket/netlink-error.ts';
import { NetnsError } from '../netns/netns-error.ts';
import { SyscallError } from '../sys/syscall-error.ts';

/** Every typed error the kit's system layers throw. */
export type KitError =
  | NetlinkError
  | DumpInterruptedError
  | SyscallError
  | NetnsError
  | DecodeError;

export function isKitError(error: unknown): error is KitError {
  return (
    error instanceof NetlinkError ||
    error instanceof DumpInterruptedError ||
    error instanceof SyscallError ||
    error instanceof NetnsError ||
    error instanceof DecodeError
  );
}
