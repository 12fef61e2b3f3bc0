import { describe, expect, test } from 'bun:test';
import { commandFailed, commandOk, createFakeCommandRunner } from '../fake-command-runner.ts';
import { NAT_S, POSTROUTING_S } from '../fixtures/captured.ts';
import { ipMasqIptables, networkChains } from './ipmasq-iptables.ts';
import { parseRuleLine } from './rule-line.ts';

const CHAIN1 = 'CNI-d25dd76defe1afc7a2c8208b'; // pur-brnet + cid-br1 (recorded, §6.4)
const CHAIN2 = 'CNI-77865530b0ba615564b9a665'; // pur-brnet + cid-br2
const COMMENT1 = 'name: "pur-brnet" id: "cid-br1"';
const EMPTY_NAT =
  '-P PREROUTING ACCEPT\n-P INPUT ACCEPT\n-P OUTPUT ACCEPT\n-P POSTROUTING ACCEPT\n';
const BAD_RULE = 'iptables: Bad rule (does a matching rule exist in that chain?).\n';
const NO_CHAIN = 'iptables: No chain/target/match by that name.\n';

const target = {
  network: 'pur-brnet',
  containerId: 'cid-br1',
  ifName: 'eth0',
  addresses: ['10.244.50.4/24', 'fd00:50::4/64'],
};

function argvs(calls: readonly { argv: readonly string[] }[]): string[][] {
  return calls.map((call) => [...call.argv]);
}

describe('ipMasqIptables.setup', () => {
  test('runs the go-iptables command sequence for a fresh table', () => {
    const fake = createFakeCommandRunner((argv) => {
      if (argv.includes('-S')) return commandOk(EMPTY_NAT);
      if (argv.includes('-C')) return commandFailed(1, BAD_RULE);
      return commandOk();
    });
    ipMasqIptables.setup(target, { runner: fake.run });
    const c = ['-m', 'comment', '--comment', COMMENT1];
    expect(argvs(fake.calls)).toEqual([
      ['iptables', '-t', 'nat', '-S', '--wait'],
      ['iptables', '-t', 'nat', '-N', CHAIN1, '--wait'],
      [
        'iptables',
        '-t',
        'nat',
        '-C',
        CHAIN1,
        '-d',
        '10.244.50.4/24',
        '-j',
        'ACCEPT',
        ...c,
        '--wait',
      ],
      [
        'iptables',
        '-t',
        'nat',
        '-A',
        CHAIN1,
        '-d',
        '10.244.50.4/24',
        '-j',
        'ACCEPT',
        ...c,
        '--wait',
      ],
      [
        'iptables',
        '-t',
        'nat',
        '-C',
        CHAIN1,
        '!',
        '-d',
        '224.0.0.0/4',
        '-j',
        'MASQUERADE',
        ...c,
        '--wait',
      ],
      [
        'iptables',
        '-t',
        'nat',
        '-A',
        CHAIN1,
        '!',
        '-d',
        '224.0.0.0/4',
        '-j',
        'MASQUERADE',
        ...c,
        '--wait',
      ],
      [
        'iptables',
        '-t',
        'nat',
        '-C',
        'POSTROUTING',
        '-s',
        '10.244.50.4',
        '-j',
        CHAIN1,
        ...c,
        '--wait',
      ],
      [
        'iptables',
        '-t',
        'nat',
        '-A',
        'POSTROUTING',
        '-s',
        '10.244.50.4',
        '-j',
        CHAIN1,
        ...c,
        '--wait',
      ],
      ['ip6tables', '-t', 'nat', '-S', '--wait'],
      ['ip6tables', '-t', 'nat', '-N', CHAIN1, '--wait'],
      [
        'ip6tables',
        '-t',
        'nat',
        '-C',
        CHAIN1,
        '-d',
        'fd00:50::4/64',
        '-j',
        'ACCEPT',
        ...c,
        '--wait',
      ],
      [
        'ip6tables',
        '-t',
        'nat',
        '-A',
        CHAIN1,
        '-d',
        'fd00:50::4/64',
        '-j',
        'ACCEPT',
        ...c,
        '--wait',
      ],
      [
        'ip6tables',
        '-t',
        'nat',
        '-C',
        CHAIN1,
        '!',
        '-d',
        'ff00::/8',
        '-j',
        'MASQUERADE',
        ...c,
        '--wait',
      ],
      [
        'ip6tables',
        '-t',
        'nat',
        '-A',
        CHAIN1,
        '!',
        '-d',
        'ff00::/8',
        '-j',
        'MASQUERADE',
        ...c,
        '--wait',
      ],
      [
        'ip6tables',
        '-t',
        'nat',
        '-C',
        'POSTROUTING',
        '-s',
        'fd00:50::4',
        '-j',
        CHAIN1,
        ...c,
        '--wait',
      ],
      [
        'ip6tables',
        '-t',
        'nat',
        '-A',
        'POSTROUTING',
        '-s',
        'fd00:50::4',
        '-j',
        CHAIN1,
        ...c,
        '--wait',
      ],
    ]);
    expect(fake.calls.every((call) => call.stdin === undefined)).toBe(true);
  });

  test('adds nothing when every rule is there already', () => {
    const fake = createFakeCommandRunner((argv) =>
      argv.includes('-S') ? commandOk(NAT_S) : commandOk(),
    );
    ipMasqIptables.setup({ ...target, addresses: ['10.244.50.4/24'] }, { runner: fake.run });
    expect(fake.calls.map((call) => call.argv[3])).toEqual(['-S', '-C', '-C', '-C']);
  });

  test('rejects an address without a prefix before running anything', () => {
    const fake = createFakeCommandRunner();
    expect(() =>
      ipMasqIptables.setup({ ...target, addresses: ['10.244.50.4'] }, { runner: fake.run }),
    ).toThrow(TypeError);
    expect(fake.calls).toEqual([]);
  });
});

describe('ipMasqIptables.teardown', () => {
  test('deletes every POSTROUTING jump to the chain (legacy -s ip/prefix too), then the chain', () => {
    const fake = createFakeCommandRunner((argv) =>
      argv.includes('-S') ? commandOk(POSTROUTING_S) : commandOk(),
    );
    ipMasqIptables.teardown({ ...target, addresses: ['10.244.50.4/24'] }, { runner: fake.run });
    const c = ['-m', 'comment', '--comment', COMMENT1];
    expect(argvs(fake.calls)).toEqual([
      ['iptables', '-t', 'nat', '-S', 'POSTROUTING', '--wait'],
      [
        'iptables',
        '-t',
        'nat',
        '-D',
        'POSTROUTING',
        '-s',
        '10.244.50.4/32',
        ...c,
        '-j',
        CHAIN1,
        '--wait',
      ],
      [
        'iptables',
        '-t',
        'nat',
        '-D',
        'POSTROUTING',
        '-s',
        '10.244.50.0/24',
        ...c,
        '-j',
        CHAIN1,
        '--wait',
      ],
      ['iptables', '-t', 'nat', '-F', CHAIN1, '--wait'],
      ['iptables', '-t', 'nat', '-X', CHAIN1, '--wait'],
    ]);
  });

  test('treats missing rules and chains as success', () => {
    const fake = createFakeCommandRunner((argv) => {
      if (argv.includes('-S')) return commandOk(POSTROUTING_S);
      if (argv.includes('-D')) return commandFailed(1, BAD_RULE);
      return commandFailed(1, NO_CHAIN);
    });
    expect(() => ipMasqIptables.teardown(target, { runner: fake.run })).not.toThrow();
  });

  test('with no addresses, cleans both families from the names alone', () => {
    const fake = createFakeCommandRunner((argv) =>
      argv.includes('-S') ? commandOk(EMPTY_NAT) : commandFailed(1, NO_CHAIN),
    );
    ipMasqIptables.teardown({ ...target, addresses: [] }, { runner: fake.run });
    expect(argvs(fake.calls)).toEqual([
      ['iptables', '-t', 'nat', '-S', 'POSTROUTING', '--wait'],
      ['iptables', '-t', 'nat', '-F', CHAIN1, '--wait'],
      ['iptables', '-t', 'nat', '-X', CHAIN1, '--wait'],
      ['ip6tables', '-t', 'nat', '-S', 'POSTROUTING', '--wait'],
      ['ip6tables', '-t', 'nat', '-F', CHAIN1, '--wait'],
      ['ip6tables', '-t', 'nat', '-X', CHAIN1, '--wait'],
    ]);
  });

  test('reports other failures', () => {
    const fake = createFakeCommandRunner(() =>
      commandFailed(
        4,
        'iptables v1.8.9 (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)\n',
      ),
    );
    expect(() => ipMasqIptables.teardown(target, { runner: fake.run })).toThrow(
      'Permission denied',
    );
  });
});

describe('networkChains', () => {
  test("finds the network's chains by comment and name, and nothing else", () => {
    const lines = NAT_S.split('\n')
      .map(parseRuleLine)
      .filter((line) => line !== undefined);
    expect(networkChains(lines, 'pur-brnet')).toEqual(
      new Map([
        [CHAIN1, 'cid-br1'],
        [CHAIN2, 'cid-br2'],
      ]),
    );
    expect([...networkChains(lines, 'pur-other').values()]).toEqual(['cid-o1']);
    expect(networkChains(lines, 'pur-none').size).toBe(0);
  });

  test('ignores a comment whose chain name does not match the hash', () => {
    const forged = parseRuleLine(
      String.raw`-A POSTROUTING -s 10.9.0.1/32 -m comment --comment "name: \"pur-brnet\" id: \"cid-x\"" -j CNI-HOSTPORT-MASQ`,
    );
    expect(networkChains(forged === undefined ? [] : [forged], 'pur-brnet').size).toBe(0);
  });
});

describe('ipMasqIptables.gc', () => {
  test("removes the chains of the network's containers that are not valid", () => {
    const fake = createFakeCommandRunner((argv) => {
      if (argv.includes('-S')) return commandOk(argv[0] === 'iptables' ? NAT_S : EMPTY_NAT);
      return commandOk();
    });
    ipMasqIptables.gc('pur-brnet', [{ containerId: 'cid-br2', ifName: 'eth0' }], {
      runner: fake.run,
    });
    const c = ['-m', 'comment', '--comment', COMMENT1];
    expect(argvs(fake.calls)).toEqual([
      ['iptables', '-t', 'nat', '-S', '--wait'],
      [
        'iptables',
        '-t',
        'nat',
        '-D',
        'POSTROUTING',
        '-s',
        '10.244.50.4/32',
        ...c,
        '-j',
        CHAIN1,
        '--wait',
      ],
      [
        'iptables',
        '-t',
        'nat',
        '-D',
        'POSTROUTING',
        '-s',
        '10.244.50.0/24',
        ...c,
        '-j',
        CHAIN1,
        '--wait',
      ],
      ['iptables', '-t', 'nat', '-F', CHAIN1, '--wait'],
      ['iptables', '-t', 'nat', '-X', CHAIN1, '--wait'],
      ['ip6tables', '-t', 'nat', '-S', '--wait'],
    ]);
  });

  test('keeps every chain whose container is valid, whatever the ifname', () => {
    const fake = createFakeCommandRunner((argv) =>
      argv.includes('-S') ? commandOk(NAT_S) : commandOk(),
    );
    ipMasqIptables.gc(
      'pur-brnet',
      [
        { containerId: 'cid-br1', ifName: 'net9' },
        { containerId: 'cid-br2', ifName: 'eth0' },
      ],
      { runner: fake.run },
    );
    expect(fake.calls.map((call) => call.argv[3])).toEqual(['-S', '-S']);
  });
});

describe('ipMasqIptables.check', () => {
  test('lists the rules -C does not find', () => {
    const fake = createFakeCommandRunner((argv) =>
      argv.includes('POSTROUTING') ? commandFailed(1, BAD_RULE) : commandOk(),
    );
    const missing = ipMasqIptables.check(
      { ...target, addresses: ['10.244.50.4/24'] },
      {
        runner: fake.run,
      },
    );
    expect(missing).toEqual([
      `iptables -t nat -C POSTROUTING -s 10.244.50.4 -j ${CHAIN1} -m comment --comment ${COMMENT1} --wait`,
    ]);
  });
});
