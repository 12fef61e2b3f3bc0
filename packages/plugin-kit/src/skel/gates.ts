import {
  type CniCommand,
  CniError,
  CniErrorCode,
  goQuote,
  versionAtLeast,
} from '@cni-ts/spec-types';

/** The lowest config version at which each newer verb may be used. */
export const VERB_MIN_VERSION: Readonly<Partial<Record<CniCommand, string>>> = {
  CHECK: '0.4.0',
  GC: '1.1.0',
  STATUS: '1.1.0',
};

function incompatible(msg: string, details?: string): CniError {
  return new CniError(CniErrorCode.IncompatibleCniVersion, msg, details ? { details } : {});
}

/**
 * Throws code 1 `incompatible CNI versions` unless the config's version is exactly one of
 * the plugin's, with upstream's details: `config is "X", plugin supports ["a" "b"]`.
 */
export function reconcileVersion(configVersion: string, supported: readonly string[]): void {
  if (supported.includes(configVersion)) return;
  throw incompatible(
    'incompatible CNI versions',
    `config is ${goQuote(configVersion)}, plugin supports [${supported.map(goQuote).join(' ')}]`,
  );
}

/**
 * The version checks upstream's skel makes before calling a handler. CHECK needs a config
 * version of at least 0.4.0 and GC/STATUS one of at least 1.1.0 (`config version does not
 * allow X`), and a plugin version at least as new as the config's (`plugin version does not
 * allow X`), all code 1; an unparsable version is code 6. Then the version must be exactly
 * one the plugin supports.
 */
export function checkVersionGates(
  command: CniCommand,
  configVersion: string,
  supported: readonly string[],
): void {
  const minimum = VERB_MIN_VERSION[command];
  if (minimum !== undefined) {
    if (!versionAtLeast(configVersion, minimum)) {
      throw incompatible(`config version does not allow ${command}`);
    }
    let allowed = false;
    for (const version of supported) if (versionAtLeast(version, configVersion)) allowed = true;
    if (!allowed) {
      throw incompatible(`plugin version does not allow ${command}`);
    }
  }
  reconcileVersion(configVersion, supported);
}
