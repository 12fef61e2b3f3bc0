import { describe, expect, test } from 'bun:test';
import {
  checkCniFirewallIptables,
  hostCidrsByFamily,
  setupCniFirewallIptables,
  teardownCniFirewallIptables,
} from './cni-firewall-iptables.ts';
import { commandFailed, commandOk, createFakeCommandRunner } from './fake-command-runner.ts';
import { forwardSetupSteps } from './iptables/cni-firewall-rules.ts';
import { applyFilterSteps } from './iptables/filter-apply.ts';
import { FilterPrefetch } from './iptables/filter-prefetch.ts';

const EMPTY = '-P INPUT ACCEPT\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n';

describe('the firewall plugin iptables backend (fake runner)', () => {
  test('addresses by family, as host prefixes, once each', () => {
    expect([
      ...hostCidrsByFamily(['10.1.0.5/24', 'fd00::5/64', '10.1.0.5/16', '10.1.0.6/24']),
    ]).toEqual([
      [4, ['10.1.0.5/32', '10.1.0.6/32']],
      [6, ['fd00::5/128']],
    ]);
  });

  test('setup: a listing taken before (a prefetch) is planned from, without listing again', async () => {
    const handler = createFakeCommandRunner(() => commandOk());
    await applyFilterSteps(
      4,
      'filter',
      forwardSetupSteps(['10.1.0.5/32'], 'CNI-ADMIN'),
      { runner: handler.run },
      commandOk(EMPTY),
    );
    expect(handler.calls.map((call) => call.argv.join(' '))).toEqual([
      'iptables-restore --noflush --wait',
    ]);
    expect(handler.calls[0]?.stdin).toContain('-A CNI-FORWARD -s 10.1.0.5/32 -j ACCEPT');
    // A failed listing is reported as listing it would have been.
    await expect(
      applyFilterSteps(
        4,
        'filter',
        [],
        { runner: handler.run },
        { exitCode: 4, stdout: '', stderr: 'x' },
      ),
    ).rejects.toThrow('iptables');
  });

  test('setup: a prefetch is not used with a runner or a namespace of the caller', async () => {
    const handler = createFakeCommandRunner((argv) =>
      argv.includes('-S') ? commandOk(EMPTY) : commandOk(),
    );
    const prefetched = new FilterPrefetch(new Map([[4, commandOk('-P FORWARD ACCEPT\n')]]));
    await setupCniFirewallIptables(
      { addresses: ['10.1.0.5/24'], adminChain: 'CNI-ADMIN' },
      { runner: handler.run },
      prefetched,
    );
    expect(handler.calls.map((call) => call.argv.join(' '))[0]).toBe(
      'iptables -t filter -S --wait',
    );
  });

  test('setup: per family one listing and one restore batch; no family without an address', async () => {
    const handler = createFakeCommandRunner((argv) =>
      argv.includes('-S') ? commandOk(EMPTY) : commandOk(),
    );
    await setupCniFirewallIptables(
      { addresses: ['10.1.0.5/24'], adminChain: 'CNI-ADMIN' },
      { runner: handler.run },
    );
    expect(handler.calls.map((call) => call.argv.join(' '))).toEqual([
      'iptables -t filter -S --wait',
      'iptables-restore --noflush --wait',
    ]);
    expect(handler.calls[1]?.stdin).toBe(
      [
        '*filter',
        '-N CNI-FORWARD',
        '-N CNI-ADMIN',
        '-I FORWARD 1 -m comment --comment "CNI firewall plugin rules" -j CNI-FORWARD',
        '-I CNI-FORWARD 1 -m comment --comment "CNI firewall plugin admin overrides" -j CNI-ADMIN',
        '-A CNI-FORWARD -d 10.1.0.5/32 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
        '-A CNI-FORWARD -s 10.1.0.5/32 -j ACCEPT',
        'COMMIT',
        '',
      ].join('\n'),
    );
  });

  test('a batch that races another writer is planned again from a new listing', async () => {
    let listings = 0;
    const handler = createFakeCommandRunner((argv) => {
      if (argv.includes('-S')) {
        listings++;
        return commandOk(listings === 1 ? EMPTY : `${EMPTY}-N CNI-FORWARD\n-N CNI-ADMIN\n`);
      }
      return listings === 1
        ? commandFailed(1, 'iptables-restore: Chain already exists.')
        : commandOk();
    });
    await setupCniFirewallIptables(
      { addresses: ['fd00::5/64'], adminChain: 'CNI-ADMIN' },
      { runner: handler.run },
    );
    expect(handler.calls.map((call) => call.argv[0])).toEqual([
      'ip6tables',
      'ip6tables-restore',
      'ip6tables',
      'ip6tables-restore',
    ]);
    expect(handler.calls[3]?.stdin).not.toContain('-N ');
  });

  test('teardown: one delete batch when the rules are there, else listing first', async () => {
    const direct = createFakeCommandRunner(() => commandOk());
    await teardownCniFirewallIptables(['10.1.0.5/24'], { runner: direct.run });
    expect(direct.calls.map((call) => call.argv[0])).toEqual(['iptables-restore']);
    expect(direct.calls[0]?.stdin).toBe(
      [
        '*filter',
        '-D CNI-FORWARD -d 10.1.0.5/32 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
        '-D CNI-FORWARD -s 10.1.0.5/32 -j ACCEPT',
        'COMMIT',
        '',
      ].join('\n'),
    );
    const gone = createFakeCommandRunner((argv) =>
      argv.includes('-S')
        ? commandOk(EMPTY)
        : commandFailed(
            1,
            'iptables-restore: Bad rule (does a matching rule exist in that chain?)',
          ),
    );
    await teardownCniFirewallIptables(['10.1.0.5/24'], { runner: gone.run });
    expect(gone.calls.map((call) => call.argv[0])).toEqual(['iptables-restore', 'iptables']);
  });

  test('teardown ignores a missing tool; check names the first missing rule as upstream', async () => {
    const missing = createFakeCommandRunner(() => commandFailed(127, 'not found in $PATH'));
    await teardownCniFirewallIptables(['10.1.0.5/24'], { runner: missing.run });
    const listed = createFakeCommandRunner(() =>
      commandOk(
        `${EMPTY}-A FORWARD -m comment --comment "CNI firewall plugin rules" -j CNI-FORWARD\n`,
      ),
    );
    expect(
      await checkCniFirewallIptables(
        { addresses: ['10.1.0.5/24'], adminChain: 'CNI-ADMIN' },
        { runner: listed.run },
      ),
    ).toBe(
      'expected rule [-m comment --comment CNI firewall plugin admin overrides -j CNI-ADMIN] not found',
    );
  });
});
