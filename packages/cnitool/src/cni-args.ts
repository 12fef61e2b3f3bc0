import type { ArgPairs } from '@cni-ts/libcni';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';

/**
 * Parses the CNI_ARGS environment variable as upstream's cnitool does, which is stricter
 * than a plugin's parser: `K=V;K2=V2`, where every pair must split on `=` into exactly
 * two non-empty parts. An empty string means no arguments. Throws a CniError with code 4
 * (invalid environment variable) and upstream's text, `invalid CNI_ARGS pair "p"`.
 */
export function parseToolCniArgs(text: string): ArgPairs {
  if (text === '') return [];
  return text.split(';').map((pair) => {
    const parts = pair.split('=');
    const [key = '', value = ''] = parts;
    if (parts.length !== 2 || key === '' || value === '') {
      throw new CniError(
        CniErrorCode.InvalidEnvironmentVariables,
        `invalid CNI_ARGS pair ${JSON.stringify(pair)}`,
      );
    }
    return [key, value] as const;
  });
}
