import { describe, expect, test } from 'bun:test';
import { NFT_SOCKET_LINGER_MS, releaseNftSocket } from './release-nft-socket.ts';

describe('releaseNftSocket', () => {
  test('closes the socket later, not before returning', async () => {
    let closed = 0;
    releaseNftSocket({
      close: () => {
        closed++;
      },
    });
    expect(closed).toBe(0);
    await Bun.sleep(NFT_SOCKET_LINGER_MS + 50);
    expect(closed).toBe(1);
  });
});
