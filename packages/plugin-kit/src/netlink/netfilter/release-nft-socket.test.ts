import { describe, expect, test } from 'bun:test';
import { ack, createFakeTransport } from '../../testing/fake-transport.ts';
import { NftBatch } from './batch.ts';
import { NFNL } from './constants.ts';
import { verdict } from './match.ts';
import { NftSocket } from './nft-socket.ts';
import { releaseNftSocket } from './release-nft-socket.ts';

describe('releaseNftSocket', () => {
  test('releases a socket that may have left destruction work', () => {
    const calls: string[] = [];
    releaseNftSocket({ close: () => calls.push('close'), release: () => calls.push('release') });
    expect(calls).toEqual(['release']);
  });

  test('a socket that left no destruction work is closed plainly', () => {
    const calls: string[] = [];
    releaseNftSocket({
      leavesDestroyWork: false,
      close: () => calls.push('close'),
      release: () => calls.push('release'),
    });
    expect(calls).toEqual(['close']);
  });

  test('a socket without release is closed', () => {
    const calls: string[] = [];
    releaseNftSocket({ close: () => calls.push('close') });
    expect(calls).toEqual(['close']);
  });
});

/** A socket over a fake kernel that accepts every transaction. */
function acceptingSocket(): NftSocket {
  const transport = createFakeTransport((request) => {
    if (request.type === NFNL.MSG_BATCH_BEGIN || request.type === NFNL.MSG_BATCH_END) return [];
    return [ack(request)];
  });
  return new NftSocket(transport, { initialSequence: 5 });
}

describe('NftSocket.leavesDestroyWork', () => {
  const table = { family: 'inet', table: 't' } as const;
  const rule = { ...table, chain: 'c', exprs: [verdict({ code: 'accept' })] };

  test('false until a transaction with anything but new rules was committed', () => {
    const sock = acceptingSocket();
    expect(sock.leavesDestroyWork).toBe(false);
    sock.commit(new NftBatch().addRule(rule).addRule(rule));
    expect(sock.leavesDestroyWork).toBe(false);
    sock.commit(new NftBatch().deleteRule({ ...table, chain: 'c', handle: 4 }));
    expect(sock.leavesDestroyWork).toBe(true);
  });

  test('a table or chain message counts: an existing one is updated, and that is destroyed later', () => {
    const sock = acceptingSocket();
    sock.commit(new NftBatch().addTable({ family: 'inet', name: 't' }));
    expect(sock.leavesDestroyWork).toBe(true);
  });
});
