import { describe, expect, test } from 'bun:test';
import { commandFailed, commandOk, createFakeCommandRunner } from './fake-command-runner.ts';
import { setupIpMasq, teardownIpMasq } from './ipmasq.ts';
import { isUnknownIpMasqBackendError } from './ipmasq-errors.ts';
import { selectIpMasqBackendAsync, startIpMasqSetup, startIpMasqTeardown } from './ipmasq-start.ts';

const attachment = {
  network: 'pur-brnet',
  containerId: 'cid-br1',
  ifName: 'eth0',
  addresses: ['10.244.50.4/24', 'fd00:50::4/64'],
};

/** The commands (argv and stdin) a run made, in order. */
function recorded(run: (runner: ReturnType<typeof createFakeCommandRunner>['run']) => unknown) {
  const fake = createFakeCommandRunner();
  run(fake.run);
  return fake.calls.map((call) => ({ argv: call.argv, stdin: call.stdin }));
}

describe('startIpMasqSetup and startIpMasqTeardown (iptables)', () => {
  test('run the same batches as the synchronous setup and teardown', async () => {
    const options = { ...attachment, backend: 'iptables' as const };
    const syncSetup = recorded((runner) => setupIpMasq({ ...options, runner }));
    const fake = createFakeCommandRunner();
    await startIpMasqSetup({ ...options, runner: fake.run });
    expect(fake.calls.map((call) => ({ argv: call.argv, stdin: call.stdin }))).toEqual(syncSetup);
    expect(syncSetup.map((call) => call.argv[0])).toEqual([
      'iptables-restore',
      'ip6tables-restore',
    ]);

    const syncTeardown = recorded((runner) => teardownIpMasq({ ...options, runner }));
    const down = createFakeCommandRunner();
    await startIpMasqTeardown({ ...options, runner: down.run });
    expect(down.calls.map((call) => ({ argv: call.argv, stdin: call.stdin }))).toEqual(
      syncTeardown,
    );
  });

  test('a failed batch takes the listing path, as the synchronous setup does', async () => {
    // Each family's first batch fails (the chain appeared meanwhile); the rest works.
    const answering = () => {
      const failed = new Set<string>();
      return (argv: readonly string[]) => {
        const tool = argv[0] ?? '';
        if (!tool.endsWith('-restore') || failed.has(tool)) return commandOk('');
        failed.add(tool);
        return commandFailed(1, 'iptables-restore: line 2 failed: Chain already exists.');
      };
    };
    const sync = createFakeCommandRunner(answering());
    setupIpMasq({ ...attachment, backend: 'iptables', runner: sync.run });
    const started = createFakeCommandRunner(answering());
    await startIpMasqSetup({ ...attachment, backend: 'iptables', runner: started.run });
    // Both families' first batches now start together, so only the order differs.
    const key = (call: { argv: readonly string[]; stdin?: string | undefined }) =>
      `${call.argv.join(' ')}\n${call.stdin ?? ''}`;
    expect(started.calls.map(key).sort()).toEqual(sync.calls.map(key).sort());
    expect(sync.calls.length).toBeGreaterThan(2);
  });
});

describe('selectIpMasqBackendAsync', () => {
  test('takes a named backend as given and throws at once for an unknown one', async () => {
    expect(await selectIpMasqBackendAsync('nftables')).toBe('nftables');
    expect(await selectIpMasqBackendAsync('iptables')).toBe('iptables');
    try {
      void selectIpMasqBackendAsync('ipchains');
      throw new Error('unreachable');
    } catch (error) {
      expect(isUnknownIpMasqBackendError(error)).toBe(true);
    }
  });

  test('probes iptables when no backend is named', async () => {
    const fake = createFakeCommandRunner(() => commandOk('-P INPUT ACCEPT\n'));
    expect(await selectIpMasqBackendAsync(undefined, { runner: fake.run })).toBe('iptables');
    expect(fake.calls.map((call) => call.argv.join(' '))).toEqual([
      'iptables -t filter -S INPUT 1 --wait',
    ]);
  });
});
