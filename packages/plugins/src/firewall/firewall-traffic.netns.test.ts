import { describe, expect, test } from 'bun:test';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { sysctl } from '../../test/_kernel-state.ts';
import { useWorlds } from '../../test/_use-worlds.ts';
import { containerOf, GO_PLUGIN_DIR, type PluginWorld } from '../../test/_world.ts';
import { attachWithFirewall, type FwNet, NET_A, NET_B, pings } from './_test-world.ts';

useTimeLimit('netns');

const worlds = useWorlds();
const { skip } = worlds;

/** Containers 0 and 1 on A (.2, .3), 2 and 3 on B (.2, .3), each network with its policy. */
function attachAll(
  world: PluginWorld,
  dir: string,
  policies: Record<string, string>,
  backend = 'iptables',
): void {
  const nets: [number, FwNet][] = [
    [0, NET_A],
    [1, NET_A],
    [2, NET_B],
    [3, NET_B],
  ];
  for (const [n, net] of nets) {
    const { added } = attachWithFirewall(world, n, dir, net, {
      backend,
      ingressPolicy: policies[net.name],
    });
    if (added.exitCode !== 0) throw new Error(`firewall ADD failed: ${added.stdout}`);
  }
}

/** Which of the pairs reach each other: A0→A1, B2→B3, A0→B2, B2→A0. */
function reach(world: PluginWorld) {
  const c = (n: number) => containerOf(world, n);
  return {
    withinA: pings(c(0), '10.244.70.3'),
    withinB: pings(c(2), '10.244.71.3'),
    aToB: pings(c(0), '10.244.71.2'),
    bToA: pings(c(2), '10.244.70.2'),
  };
}

/** Bridged traffic passes iptables only with bridge-nf-call-iptables (br_netfilter). */
function bridgedTrafficFiltered(world: PluginWorld): boolean {
  try {
    return sysctl(world.host, 'net.bridge.bridge-nf-call-iptables') === '1';
  } catch {
    return false;
  }
}

describe.skipIf(skip !== null)(
  `firewall ingress policies block and allow traffic${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('open: every container reaches every other (the baseline)', () => {
      const world = worlds.create(4);
      attachAll(world, worlds.bin, { [NET_A.name]: 'open', [NET_B.name]: 'open' });
      expect(reach(world)).toEqual({ withinA: true, withinB: true, aToB: true, bToA: true });
    });

    test('same-bridge on both: within a bridge yes, across bridges no; as with Go', () => {
      for (const dir of [worlds.bin, GO_PLUGIN_DIR]) {
        const world = worlds.create(4);
        attachAll(world, dir, { [NET_A.name]: 'same-bridge', [NET_B.name]: 'same-bridge' });
        expect({ dir, ...reach(world) }).toEqual({
          dir,
          withinA: true,
          withinB: true,
          aToB: false,
          bToA: false,
        });
        worlds.removeAll();
      }
    });

    test('same-bridge on B only: A (open) and B still reach each other, as upstream', () => {
      const world = worlds.create(4);
      attachAll(world, worlds.bin, { [NET_A.name]: 'open', [NET_B.name]: 'same-bridge' });
      // Stage 1 sends only what leaves a bridge with a policy to stage 2, and stage 2 drops
      // only what goes into such a bridge: a network isolates itself from the other networks
      // with a policy, not from open ones (Docker's model, which upstream follows).
      expect(reach(world)).toEqual({ withinA: true, withinB: true, aToB: true, bToA: true });
    });

    for (const backend of ['iptables', 'nftables']) {
      test(`${backend}: isolated on A: not even within A; B (same-bridge) within itself yes`, () => {
        const world = worlds.create(4);
        const policies = { [NET_A.name]: 'isolated', [NET_B.name]: 'same-bridge' };
        attachAll(world, worlds.bin, policies, backend);
        const filtered = bridgedTrafficFiltered(world);
        expect(reach(world)).toEqual({
          withinA: !filtered,
          withinB: true,
          aToB: false,
          bToA: false,
        });
        expect(filtered).toBe(true);
      });
    }

    test('nftables: same-bridge on both blocks across bridges only; open lets all through', () => {
      const world = worlds.create(4);
      const policies = { [NET_A.name]: 'same-bridge', [NET_B.name]: 'same-bridge' };
      attachAll(world, worlds.bin, policies, 'nftables');
      expect(reach(world)).toEqual({ withinA: true, withinB: true, aToB: false, bToA: false });
      worlds.removeAll();
      const open = worlds.create(4);
      attachAll(open, worlds.bin, { [NET_A.name]: 'open', [NET_B.name]: 'open' }, 'nftables');
      expect(reach(open)).toEqual({ withinA: true, withinB: true, aToB: true, bToA: true });
    });
  },
);
