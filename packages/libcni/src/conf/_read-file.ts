import { readFile } from 'node:fs/promises';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import { pathErrorText } from '../go/_errno.ts';

/** Reads a config file; failures read as upstream's `error reading <file>: ...` (code 5). */
export async function readConfigFile(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    throw new CniError(
      CniErrorCode.IoFailure,
      `error reading ${file}: ${pathErrorText('open', file, error)}`,
      { cause: error },
    );
  }
}
