import { CniError, CniErrorCode } from '@cni-ts/spec-types';

/**
 * Where the config comes from: the bytes themselves, text, or a function that reads them
 * (called only when the command needs stdin; VERSION never does).
 */
export type StdinSource = Uint8Array | string | (() => Uint8Array | Promise<Uint8Array>);

/** Reads stdin completely. A read failure is code 5, `error reading from stdin: …`. */
export async function readStdin(source: StdinSource): Promise<Uint8Array> {
  if (typeof source === 'string') return new TextEncoder().encode(source);
  if (source instanceof Uint8Array) return source;
  try {
    return await source();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CniError(CniErrorCode.IoFailure, `error reading from stdin: ${reason}`, {
      cause: error,
    });
  }
}
