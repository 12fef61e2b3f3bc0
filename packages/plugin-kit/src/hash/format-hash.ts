// Bun.CryptoHasher, not node:crypto: importing node:crypto pulls in Node's streams and
// costs every plugin exec about 4 ms of startup.

/** The longest hash text: a SHA-512 digest in hex (upstream's `utils.MaxHashLen`). */
export const MAX_HASH_LENGTH = 128;

/** The SHA-512 of `text` (UTF-8, as Go hashes a string's bytes) in lowercase hex. */
export function sha512Hex(text: string): string {
  return new Bun.CryptoHasher('sha512').update(text, 'utf8').digest('hex');
}

/**
 * `prefix` followed by the hex SHA-512 of `toHash`, cut to `length` characters: upstream's
 * `utils.MustFormatHashWithPrefix`. Throws a RangeError ("invalid length", upstream's panic
 * text) when the prefix leaves no room for the hash or `length` exceeds MAX_HASH_LENGTH.
 */
export function formatHashWithPrefix(length: number, prefix: string, toHash: string): string {
  if (!Number.isInteger(length) || prefix.length >= length || length > MAX_HASH_LENGTH) {
    throw new RangeError('invalid length');
  }
  return `${prefix}${sha512Hex(toHash)}`.slice(0, length);
}
