import { CniError } from '../errors/cni-error.ts';
import { CniErrorCode } from '../errors/codes.ts';

/** The characters upstream allows in network names and container IDs. */
export const NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/** Interface names are limited to IFNAMSIZ - 1 bytes. */
export const MAX_INTERFACE_NAME_BYTES = 15;

/** True when `name` is a valid network name. */
export function isValidNetworkName(name: string): boolean {
  return NAME_PATTERN.test(name);
}

/** Throws code 7 as upstream does for a missing or badly formed network name. */
export function validateNetworkName(name: string): void {
  if (name === '') throw new CniError(CniErrorCode.InvalidNetworkConfig, 'missing network name');
  if (!NAME_PATTERN.test(name)) {
    throw new CniError(
      CniErrorCode.InvalidNetworkConfig,
      'invalid characters found in network name',
      {
        details: name,
      },
    );
  }
}

/** Throws code 3 for a missing container ID and code 4 for a badly formed one, as upstream. */
export function validateContainerId(containerId: string): void {
  if (containerId === '') throw new CniError(CniErrorCode.UnknownContainer, 'missing containerID');
  if (!NAME_PATTERN.test(containerId)) {
    throw new CniError(
      CniErrorCode.InvalidEnvironmentVariables,
      'invalid characters in containerID',
      {
        details: containerId,
      },
    );
  }
}

/** Throws code 4 for an interface name the kernel would refuse, with upstream's texts. */
export function validateInterfaceName(name: string): void {
  const fail = (msg: string, details?: string): never => {
    throw new CniError(CniErrorCode.InvalidEnvironmentVariables, msg, details ? { details } : {});
  };
  if (name === '') fail('interface name is empty');
  if (new TextEncoder().encode(name).length > MAX_INTERFACE_NAME_BYTES) {
    fail('interface name is too long', 'interface name should be less than 16 characters');
  }
  if (name === '.' || name === '..') fail('interface name is . or ..');
  // '/', ':' and every rune Go's unicode.IsSpace counts as whitespace.
  if (/[/:\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/.test(name)) {
    fail('interface name contains / or : or whitespace characters');
  }
}
