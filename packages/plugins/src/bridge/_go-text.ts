// Internal: the text Go's `%v` prints for an error, so the bridge's messages read as
// upstream's: a kernel error as its errno text ("file exists"), anything else as its message.
import { errnoDescription, isNetlinkError, isSyscallError } from '@cni-ts/plugin-kit';

export function goErrorText(error: unknown): string {
  if (isNetlinkError(error) && error.detail === undefined) return errnoDescription(error.errno);
  if (isSyscallError(error)) return errnoDescription(error.errno);
  return error instanceof Error ? error.message : String(error);
}
