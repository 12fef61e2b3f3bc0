/**
 * Eight random hex digits for temporary file names. Web Crypto rather than node:crypto,
 * whose import pulls in Node's streams and costs every plugin exec about 4 ms of startup.
 */
export function randomHex(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(4)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
}
