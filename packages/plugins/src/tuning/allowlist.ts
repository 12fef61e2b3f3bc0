// The sysctl allow-list of upstream's tuning: when /etc/cni/tuning/allowlist.conf exists,
// every `sysctl` key must match one of its lines (each a regular expression, unanchored).
import { isFsError, readTextFile } from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';

/** Where upstream reads the allow-list. */
export const ALLOWLIST_FILE = '/etc/cni/tuning/allowlist.conf';

/** The allow-list's patterns (non-empty lines, trimmed), or undefined when there is no file. */
export function readAllowlist(file = ALLOWLIST_FILE): string[] | undefined {
  let text: string;
  try {
    text = readTextFile(file);
  } catch (error) {
    if (isFsError(error) && error.code === 'ENOENT') return undefined;
    throw new CniError(
      CniErrorCode.Internal,
      `failed to read sysctl allowlist ${file}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

function compile(pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch (error) {
    throw new CniError(
      CniErrorCode.Internal,
      `error parsing regexp in sysctl allowlist: ${JSON.stringify(pattern)}`,
      { cause: error },
    );
  }
}

/**
 * Refuses a key no pattern matches, with upstream's words: `Sysctl <key> is not allowed.
 * Only the following sysctls are allowed: [<patterns>]` (code 999). No allow-list, no limit.
 */
export function checkAllowlist(
  keys: readonly string[],
  allowlist: readonly string[] | undefined,
): void {
  if (allowlist === undefined) return;
  const patterns = allowlist.map(compile);
  for (const key of keys) {
    if (patterns.some((pattern) => pattern.test(key))) continue;
    throw new CniError(
      CniErrorCode.Internal,
      `Sysctl ${key} is not allowed. Only the following sysctls are allowed: [${allowlist.join(' ')}]`,
    );
  }
}
