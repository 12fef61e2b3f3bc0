import { formatHashWithPrefix } from '../../hash/format-hash.ts';
import { NFT_COMMENT_MAX_BYTES } from './nft-names.ts';

/** The first 16 hex characters of sha512(network): every rule comment of the network starts so. */
export function hashForNetwork(network: string): string {
  return formatHashWithPrefix(16, '', network);
}

/** `<sha512(network)[:16]>-<sha512(ifName:containerId)[:16]>`: the prefix of one attachment's comments. */
export function hashForInstance(network: string, ifName: string, containerId: string): string {
  return `${hashForNetwork(network)}-${formatHashWithPrefix(16, '', `${ifName}:${containerId}`)}`;
}

/** Cuts `text` to at most `max` UTF-8 bytes without splitting a character. */
export function truncateUtf8(text: string, max: number): string {
  let bytes = 0;
  let out = '';
  for (const char of text) {
    const size = new TextEncoder().encode(char).length;
    if (bytes + size > max) break;
    bytes += size;
    out += char;
  }
  return out;
}

/**
 * The comment on each nftables masquerade rule, as upstream writes it:
 * `<hashForInstance>, net: <network>, if: <ifName>, id: <containerId>` with double quotes
 * removed from the names, cut to 128 bytes (Go cuts bytes and could split a multi-byte
 * character; this cuts before it).
 */
export function commentForInstance(network: string, ifName: string, containerId: string): string {
  const strip = (text: string): string => text.replaceAll('"', '');
  const comment = `${hashForInstance(network, ifName, containerId)}, net: ${strip(network)}, if: ${strip(ifName)}, id: ${strip(containerId)}`;
  return truncateUtf8(comment, NFT_COMMENT_MAX_BYTES);
}
