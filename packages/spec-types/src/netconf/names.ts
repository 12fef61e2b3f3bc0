import { CniError } from '../errors/cni-error.ts';
import { CniErrorCode } from '../errors/codes.ts';

/** The characters upstream allows in network names and container IDs. */
export const NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/** Interface names are limited to IFNAMSIZ - 1 bytes. */
export const MAX_INTERFACE_NAME_BYTES = 15;

/**
 * NAME_PATTERN's answer, by a loop over the characters: a regular expression's first use
 * costs every plugin exec about 40 µs, and this runs in every one (container ID, network
 * name).
 */
function matchesNamePattern(text: string): boolean {
  if (text === '') return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const alnum = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
    if (!alnum && (i === 0 || (c !== 0x5f && c !== 0x2e && c !== 0x2d))) return false;
  }
  return true;
}

/** True when `name` is a valid network name. */
export function isValidNetworkName(name: string): boolean {
  return matchesNamePattern(name);
}

/** Throws code 7 as upstream does for a missing or badly formed network name. */
export function validateNetworkName(name: string): void {
  if (name === '') throw new CniError(CniErrorCode.InvalidNetworkConfig, 'missing network name');
  if (!matchesNamePattern(name)) {
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
  if (!matchesNamePattern(containerId)) {
    throw new CniError(
      CniErrorCode.InvalidEnvironmentVariables,
      'invalid characters in containerID',
      {
        details: containerId,
      },
    );
  }
}

/** The UTF-8 length of `text` as TextEncoder encodes it (a lone surrogate as U+FFFD). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** '/', ':' or a rune Go's unicode.IsSpace counts as whitespace. */
function isSeparatorOrSpace(c: number): boolean {
  switch (c) {
    case 0x2f:
    case 0x3a:
    case 0x09:
    case 0x0a:
    case 0x0b:
    case 0x0c:
    case 0x0d:
    case 0x20:
    case 0x85:
    case 0xa0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202f:
    case 0x205f:
    case 0x3000:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200a;
  }
}

/**
 * Throws code 4 for an interface name the kernel would refuse, with upstream's texts. Loops,
 * not a TextEncoder and a regular expression: every plugin exec checks CNI_IFNAME, and their
 * first use costs it about 80 µs.
 */
export function validateInterfaceName(name: string): void {
  const fail = (msg: string, details?: string): never => {
    throw new CniError(CniErrorCode.InvalidEnvironmentVariables, msg, details ? { details } : {});
  };
  if (name === '') fail('interface name is empty');
  if (utf8Length(name) > MAX_INTERFACE_NAME_BYTES) {
    fail('interface name is too long', 'interface name should be less than 16 characters');
  }
  if (name === '.' || name === '..') fail('interface name is . or ..');
  for (let i = 0; i < name.length; i++) {
    if (isSeparatorOrSpace(name.charCodeAt(i))) {
      fail('interface name contains / or : or whitespace characters');
    }
  }
}
