import { setsockoptInt } from '../../sys/libc.ts';
import { isSyscallError } from '../../sys/syscall-error.ts';
import { SOL_NETLINK } from '../codec/constants.ts';

/** Sets an int option; the libc call by default, a fake in tests. */
export type SetIntOption = (fd: number, level: number, option: number, value: number) => void;

/**
 * Turns on a netlink socket option that improves things but is not needed (extended
 * ACKs, strict checking of dump requests). A kernel that does not know the option says
 * ENOPROTOOPT: then false, and the socket works as before. Other failures throw.
 */
export function enableOptionalNetlinkOption(
  fd: number,
  option: number,
  set: SetIntOption = setsockoptInt,
): boolean {
  try {
    set(fd, SOL_NETLINK, option, 1);
    return true;
  } catch (error) {
    if (isSyscallError(error) && error.code === 'ENOPROTOOPT') return false;
    throw error;
  }
}
