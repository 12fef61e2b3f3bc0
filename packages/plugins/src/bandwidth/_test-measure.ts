// Measures a bounded transfer between two test namespaces with _test-traffic-probe.ts: a receiver
// in one, a sender in the other that sends as fast as its socket takes data for `seconds`.
import { join } from 'node:path';
import type { TestNetns } from '@cni-ts/plugin-kit/testing';

const PROBE = join(import.meta.dir, '_test-traffic-probe.ts');

/** Bytes the sender handed to its socket in `seconds`; bytes that arrived in `receivedSeconds`. */
export interface Transfer {
  readonly sent: number;
  readonly seconds: number;
  readonly received: number;
  /** From the first byte to the last that arrived. */
  readonly receivedSeconds: number;
}

interface ProbeLine {
  readonly bytes: number;
  readonly seconds: number;
}

function probe(ns: TestNetns, args: string[]) {
  return Bun.spawn(['ip', 'netns', 'exec', ns.name, process.execPath, PROBE, ...args], {
    stdout: 'pipe',
    stderr: 'pipe',
  });
}

function lastJson(text: string): ProbeLine {
  const line = text.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as ProbeLine;
}

/** Waits for the receiver's "ready" line; returns everything it printed after it. */
async function afterReady(stream: ReadableStream<Uint8Array>): Promise<() => Promise<string>> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!text.includes('ready\n')) {
    const { done, value } = await reader.read();
    if (done) throw new Error(`receiver ended before it was ready: ${text}`);
    text += decoder.decode(value, { stream: true });
  }
  return async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return text;
      text += decoder.decode(value, { stream: true });
    }
  };
}

/**
 * Sends `proto` traffic from `sender` to `target` in `receiver` for `seconds`; the receiver
 * listens two seconds longer so that what was queued still arrives.
 */
export async function measureTransfer(options: {
  readonly proto: 'tcp' | 'udp';
  readonly sender: TestNetns;
  readonly receiver: TestNetns;
  readonly target: string;
  readonly seconds: number;
}): Promise<Transfer> {
  const { proto, sender, receiver, target, seconds } = options;
  const port = String(20000 + Math.floor(Math.random() * 20000));
  const recv = probe(receiver, ['recv', proto, port, String(seconds + 2)]);
  try {
    const rest = await afterReady(recv.stdout);
    const send = probe(sender, ['send', proto, target, port, String(seconds)]);
    const [sendOut, sendCode] = await Promise.all([new Response(send.stdout).text(), send.exited]);
    if (sendCode !== 0) {
      throw new Error(`sender failed: ${await new Response(send.stderr).text()}`);
    }
    const received = lastJson(await rest());
    const sent = lastJson(sendOut);
    return {
      sent: sent.bytes,
      seconds: sent.seconds,
      received: received.bytes,
      receivedSeconds: received.seconds,
    };
  } finally {
    recv.kill();
  }
}

/** Megabits per second of `bytes` over `seconds`, one decimal. */
export function mbits(bytes: number, seconds: number): number {
  return Math.round((bytes * 8) / seconds / 1e5) / 10;
}
