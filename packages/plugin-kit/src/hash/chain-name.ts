import { formatHashWithPrefix } from './format-hash.ts';

/** Every chain name the plugins make is exactly this long (upstream's `maxChainLength`). */
export const MAX_CHAIN_LENGTH = 28;

/** The prefix of every per-container chain. */
export const CHAIN_PREFIX = 'CNI-';

/**
 * "CNI-" + `prefix` + hex(sha512(name + id)), cut to 28 characters: upstream's
 * `utils.MustFormatChainNameWithPrefix` (portmap uses the prefix "DN-"). Throws a
 * RangeError when the prefix is too long to leave room for the hash.
 */
export function formatChainNameWithPrefix(name: string, id: string, prefix: string): string {
  return formatHashWithPrefix(MAX_CHAIN_LENGTH, CHAIN_PREFIX + prefix, name + id);
}

/**
 * The per-container chain name: "CNI-" + hex(sha512(network + containerId)) cut to 28
 * characters, upstream's `utils.FormatChainName` (`CNI-d25dd76defe1afc7a2c8208b` for
 * "pur-brnet" + "cid-br1").
 */
export function formatChainName(name: string, id: string): string {
  return formatChainNameWithPrefix(name, id, '');
}
