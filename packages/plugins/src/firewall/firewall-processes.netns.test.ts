// The processes an iptables ADD of the built firewall starts, under `strace -f -e
// trace=execve`: the filter table is listed once per family (the prefetch's listing is
// the one the setup plans from, not a second `iptables -S`), and written with one restore
// batch per family, or none when there is nothing to write.
import { describe, expect, test } from 'bun:test';
import { isIptablesNft } from '@cni-ts/plugin-kit';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { straceSkipReason, traced } from '../../test/_traced.ts';
import { useWorlds } from '../../test/_use-worlds.ts';
import { type PluginWorld, withPrev } from '../../test/_world.ts';
import { attach, firewallConfig, NET_A, run } from './_test-world.ts';

useTimeLimit('netns');

const worlds = useWorlds();
const skip = worlds.skip ?? straceSkipReason();

/** The IPv4 address (without prefix) of a config's prevResult. */
function addressOf(config: object): string {
  const prev = (config as { prevResult: { ips: { address: string }[] } }).prevResult;
  return (prev.ips[0]?.address ?? '').split('/')[0] ?? '';
}

/** The firewall ADD of container `n` under strace: its exit code and the commands it ran. */
function tracedAdd(world: PluginWorld, n: number, config: object) {
  const { run: added, commands } = traced((wrapper) =>
    run(world, n, worlds.bin, 'firewall', 'ADD', config, { wrapper }),
  );
  return { exitCode: added.exitCode, stderr: added.stderr, commands };
}

describe.skipIf(skip !== null)(
  `firewall iptables ADD processes${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('one listing and one batch per family with an address; the listing is the prefetch', () => {
      const world = worlds.create(2);
      const configs = [0, 1].map((n) =>
        withPrev(
          firewallConfig(world, NET_A, { ingressPolicy: 'same-bridge' }),
          attach(world, n, worlds.bin, NET_A),
        ),
      );
      const listing = 'iptables -t filter -S --wait';
      const batch = 'iptables-restore --noflush --wait';
      // The first ADD makes the chains, the second only appends its container's rules: each
      // lists the table once (an IPv4-only container: no ip6tables). The first writes with
      // one restore batch; the second's appends go over netlink where iptables is
      // iptables-nft (as iptables-nft writes them), else in one batch too.
      const second = isIptablesNft('iptables-restore') ? [listing] : [listing, batch];
      for (const n of [0, 1]) {
        const traced = tracedAdd(world, n, configs[n] as object);
        expect({ n, code: traced.exitCode, err: traced.stderr }).toEqual({ n, code: 0, err: '' });
        const commands = n === 0 ? [listing, batch] : second;
        expect({ n, commands: traced.commands }).toEqual({ n, commands });
      }
      // Both containers' rules are there, as iptables lists them.
      const rules = world.host.exec(['iptables', '-S', 'CNI-FORWARD']);
      for (const n of [0, 1]) {
        const address = addressOf(configs[n] as object);
        expect(rules).toContain(`-A CNI-FORWARD -s ${address}/32 -j ACCEPT`);
        expect(rules).toContain(
          `-A CNI-FORWARD -d ${address}/32 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`,
        );
      }
      // ADD again for container 1: its rules are there, nothing is written.
      const again = tracedAdd(world, 1, configs[1] as object);
      expect(again.exitCode).toBe(0);
      expect(again.commands).toEqual([listing]);
    });
  },
);
