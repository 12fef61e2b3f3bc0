import { describe, expect, test } from 'bun:test';
import { closeInKernelWorker } from './close-in-kernel-worker.ts';
import {
  AF_UNIX,
  close,
  POLLIN,
  pollOne,
  read,
  SOCK_CLOEXEC,
  SOCK_STREAM,
  socketpair,
} from './libc.ts';

describe('closeInKernelWorker', () => {
  test('the file is released, a moment later, by the kernel: the peer sees end of file', () => {
    const [handed, peer] = socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    try {
      closeInKernelWorker(handed);
      // Released by the kernel's collector: the stream's peer then reads end of file.
      expect(pollOne(peer, POLLIN, 5000) & POLLIN).toBe(POLLIN);
      expect(read(peer, new Uint8Array(8))).toBe(0);
    } finally {
      close(peer);
    }
  });
});
