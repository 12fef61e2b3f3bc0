import { errnoDescription, isNetlinkError } from '@cni-ts/plugin-kit';

/**
 * A kernel error as the reference plugins print it ("file exists"), with the kernel's own
 * extended-ack words when it gave any; any other error as its message.
 */
export function kernelText(error: unknown): string {
  if (isNetlinkError(error) && error.detail === undefined) {
    const said = error.extack?.message;
    const text = errnoDescription(error.errno);
    return said === undefined || said === '' ? text : `${text} (${said})`;
  }
  return error instanceof Error ? error.message : String(error);
}
