import { describe, expect, test } from 'bun:test';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { useWorlds } from '../../test/_use-worlds.ts';
import { GO_PLUGIN_DIR, type PluginWorld, withPrev } from '../../test/_world.ts';
import { mbits, measureTransfer, type Transfer } from './_test-measure.ts';
import { attach, bandwidthConfig, CONTAINER_IP, HOST_IP, run } from './_test-world.ts';

useTimeLimit('netns');

const worlds = useWorlds();
const { skip } = worlds;

// Small rates and short transfers: a few seconds per measurement on a busy machine. The
// assertions are generous bounds; the figures are printed.
const RATE = 4_000_000; // bit/s
const BURST = 400_000; // bits
const SECONDS = 2;

/** The most a limited transfer can deliver: the rate over the sending time plus the
 * receiver's grace, and the bucket, with 25% on top. */
const MOST = (((RATE * (SECONDS + 2)) / 8 + BURST / 8) * 5) / 4;

function shaped(world: PluginWorld, dir: string): void {
  const prev = attach(world, dir);
  const limits = { ingressRate: RATE, ingressBurst: BURST, egressRate: RATE, egressBurst: BURST };
  const added = run(world, dir, 'bandwidth', 'ADD', withPrev(bandwidthConfig(limits), prev));
  if (added.exitCode !== 0) throw new Error(`bandwidth ADD failed: ${added.stdout}`);
}

function container(world: PluginWorld) {
  const ns = world.containers[0];
  if (ns === undefined) throw new Error('no container');
  return ns;
}

function report(label: string, transfer: Transfer): void {
  const { sent, seconds, received, receivedSeconds } = transfer;
  console.log(
    `bandwidth ${label}: limit ${RATE / 1e6} Mbit/s; sender ${mbits(sent, seconds)} Mbit/s, ` +
      `received ${mbits(received, receivedSeconds)} Mbit/s ` +
      `(${received} bytes in ${receivedSeconds.toFixed(2)} s)`,
  );
}

describe.skipIf(skip !== null)(
  `bandwidth shapes real traffic${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('TCP from the container (egress) and towards it (ingress) is held to the rate', async () => {
      const world = worlds.create();
      shaped(world, worlds.bin);
      const egress = await measureTransfer({
        proto: 'tcp',
        sender: container(world),
        receiver: world.host,
        target: HOST_IP,
        seconds: SECONDS,
      });
      report('TCP egress (ours)', egress);
      const ingress = await measureTransfer({
        proto: 'tcp',
        sender: world.host,
        receiver: container(world),
        target: CONTAINER_IP,
        seconds: SECONDS,
      });
      report('TCP ingress (ours)', ingress);
      for (const transfer of [egress, ingress]) {
        expect(transfer.received).toBeGreaterThan(0);
        expect(transfer.received).toBeLessThan(MOST);
      }
    });

    test('UDP from the container: ours holds the sender to the rate, Go drops the excess', async () => {
      const results: Record<string, Transfer> = {};
      for (const [label, dir] of [
        ['ours', worlds.bin],
        ['Go', GO_PLUGIN_DIR],
      ] as const) {
        const world = worlds.create();
        shaped(world, dir);
        results[label] = await measureTransfer({
          proto: 'udp',
          sender: container(world),
          receiver: world.host,
          target: HOST_IP,
          seconds: SECONDS,
        });
        report(`UDP egress (${label})`, results[label]);
        worlds.removeAll();
      }
      const { ours, Go: go } = results;
      if (ours === undefined || go === undefined) throw new Error('no measurement');
      // Both deliver at most the rate (the ifb's tbf)…
      expect(ours.received).toBeGreaterThan(0);
      expect(ours.received).toBeLessThan(MOST);
      expect(go.received).toBeLessThan(MOST);
      // …but only ours holds the sender back (containernetworking/plugins#922): its socket
      // takes about what is delivered, Go's takes far more than the link carries.
      expect(ours.sent).toBeLessThan(MOST);
      expect(go.sent).toBeGreaterThan(4 * MOST);
    });
  },
);
