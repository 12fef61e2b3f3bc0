import { describe, expect, test } from 'bun:test';
import { commandFailed, commandOk, createFakeCommandRunner } from '../fake-command-runner.ts';
import { NAT_S } from '../fixtures/captured.ts';
import { ipMasqIptables, networkChains } from './ipmasq-iptables.ts';
import { parseRuleLine } from './rule-line.ts';

const CHAIN1 = 'CNI-d25dd76defe1afc7a2c8208b'; // pur-brnet + cid-br1 (recorded, §6.4)
const CHAIN2 = 'CNI-77865530b0ba615564b9a665'; // pur-brnet + cid-br2
/** The comment as a restore line quotes it. */
const Q1 = String.raw`"name: \"pur-brnet\" id: \"cid-br1\""`;
const COMMENT1 = 'name: "pur-brnet" id: "cid-br1"';
const EMPTY_NAT =
  '-P PREROUTING ACCEPT\n-P INPUT ACCEPT\n-P OUTPUT ACCEPT\n-P POSTROUTING ACCEPT\n';
const CHAIN_EXISTS = 'iptables-restore: line 2 failed: Chain already exists.\n';
const NO_CHAIN = `iptables-restore v1.8.9 (nf_tables): Chain '${CHAIN1}' does not exist\nError occurred at line: 5\n`;
const IN_USE = 'iptables-restore: line 4 failed: Too many links.\n';
const DENIED =
  'iptables v1.8.9 (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)\n';
const RESTORE = ['--noflush', '--wait'];
const LIST = ['-t', 'nat', '-S', '--wait'];

const target = {
  network: 'pur-brnet',
  containerId: 'cid-br1',
  ifName: 'eth0',
  addresses: ['10.244.50.4/24', 'fd00:50::4/64'],
};
const v4Only = { ...target, addresses: ['10.244.50.4/24'] };

const batch = (...lines: string[]): string => `*nat\n${lines.join('\n')}\nCOMMIT\n`;

/** NAT_S without the lines containing `text`. */
const natWithout = (text: string): string =>
  NAT_S.split('\n')
    .filter((line) => !line.includes(text))
    .join('\n');

function calls(fake: { calls: readonly { argv: readonly string[]; stdin: string | undefined }[] }) {
  return fake.calls.map((call) => ({ argv: [...call.argv], stdin: call.stdin }));
}

describe('ipMasqIptables.setup', () => {
  test("a fresh table takes one restore batch per family: the chain, then go-iptables' rules in its order", () => {
    const fake = createFakeCommandRunner();
    ipMasqIptables.setup(target, { runner: fake.run });
    expect(calls(fake)).toEqual([
      {
        argv: ['iptables-restore', ...RESTORE],
        stdin: batch(
          `-N ${CHAIN1}`,
          `-A ${CHAIN1} -d 10.244.50.4/24 -j ACCEPT -m comment --comment ${Q1}`,
          `-A ${CHAIN1} ! -d 224.0.0.0/4 -j MASQUERADE -m comment --comment ${Q1}`,
          `-A POSTROUTING -s 10.244.50.4 -j ${CHAIN1} -m comment --comment ${Q1}`,
        ),
      },
      {
        argv: ['ip6tables-restore', ...RESTORE],
        stdin: batch(
          `-N ${CHAIN1}`,
          `-A ${CHAIN1} -d fd00:50::4/64 -j ACCEPT -m comment --comment ${Q1}`,
          `-A ${CHAIN1} ! -d ff00::/8 -j MASQUERADE -m comment --comment ${Q1}`,
          `-A POSTROUTING -s fd00:50::4 -j ${CHAIN1} -m comment --comment ${Q1}`,
        ),
      },
    ]);
  });

  test('when the chain exists, lists the table and appends only what is missing', () => {
    const fake = createFakeCommandRunner((argv, stdin) => {
      if (argv.includes('-S')) return commandOk(natWithout(`${CHAIN1} ! -d 224.0.0.0/4`));
      return stdin?.includes('-N ') === true ? commandFailed(1, CHAIN_EXISTS) : commandOk();
    });
    ipMasqIptables.setup(v4Only, { runner: fake.run });
    expect(calls(fake).slice(1)).toEqual([
      { argv: ['iptables', ...LIST], stdin: undefined },
      {
        argv: ['iptables-restore', ...RESTORE],
        stdin: batch(`-A ${CHAIN1} ! -d 224.0.0.0/4 -j MASQUERADE -m comment --comment ${Q1}`),
      },
    ]);
  });

  test('adds nothing when every rule is there already', () => {
    const fake = createFakeCommandRunner((argv) =>
      argv.includes('-S') ? commandOk(NAT_S) : commandFailed(1, CHAIN_EXISTS),
    );
    ipMasqIptables.setup(v4Only, { runner: fake.run });
    expect(fake.calls.map((call) => call.argv[0])).toEqual(['iptables-restore', 'iptables']);
  });

  test('lists again when another writer made the chain in between', () => {
    let listings = 0;
    const fake = createFakeCommandRunner((argv) => {
      if (argv.includes('-S')) return commandOk(++listings === 1 ? EMPTY_NAT : NAT_S);
      return commandFailed(1, CHAIN_EXISTS);
    });
    ipMasqIptables.setup(v4Only, { runner: fake.run });
    expect(fake.calls.map((call) => call.argv[0])).toEqual([
      'iptables-restore',
      'iptables',
      'iptables-restore',
      'iptables',
    ]);
  });

  test('reports a failure that is not a race without retrying', () => {
    const fake = createFakeCommandRunner((argv) =>
      argv.includes('-S') ? commandOk(EMPTY_NAT) : commandFailed(4, DENIED),
    );
    expect(() => ipMasqIptables.setup(v4Only, { runner: fake.run })).toThrow('Permission denied');
    expect(fake.calls).toHaveLength(3);
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
  test('one batch per family deletes the jumps of the known addresses and the chain', () => {
    const fake = createFakeCommandRunner();
    ipMasqIptables.teardown(target, { runner: fake.run });
    expect(calls(fake)).toEqual([
      {
        argv: ['iptables-restore', ...RESTORE],
        stdin: batch(
          `-D POSTROUTING -s 10.244.50.4 -j ${CHAIN1} -m comment --comment ${Q1}`,
          `-F ${CHAIN1}`,
          `-X ${CHAIN1}`,
        ),
      },
      {
        argv: ['ip6tables-restore', ...RESTORE],
        stdin: batch(
          `-D POSTROUTING -s fd00:50::4 -j ${CHAIN1} -m comment --comment ${Q1}`,
          `-F ${CHAIN1}`,
          `-X ${CHAIN1}`,
        ),
      },
    ]);
  });

  test('when refused, deletes every jump listed (legacy -s ip/prefix too), then the chain', () => {
    const fake = createFakeCommandRunner((argv, stdin) => {
      if (argv.includes('-S')) return commandOk(NAT_S);
      return stdin?.includes('-s 10.244.50.4 ') === true ? commandFailed(1, IN_USE) : commandOk();
    });
    ipMasqIptables.teardown(v4Only, { runner: fake.run });
    expect(calls(fake).slice(1)).toEqual([
      { argv: ['iptables', ...LIST], stdin: undefined },
      {
        argv: ['iptables-restore', ...RESTORE],
        stdin: batch(
          `-D POSTROUTING -s 10.244.50.4/32 -m comment --comment ${Q1} -j ${CHAIN1}`,
          `-D POSTROUTING -s 10.244.50.0/24 -m comment --comment ${Q1} -j ${CHAIN1}`,
          `-F ${CHAIN1}`,
          `-X ${CHAIN1}`,
        ),
      },
    ]);
  });

  test('treats missing rules and chains as success', () => {
    const fake = createFakeCommandRunner((argv) =>
      argv.includes('-S') ? commandOk(EMPTY_NAT) : commandFailed(2, NO_CHAIN),
    );
    ipMasqIptables.teardown(target, { runner: fake.run });
    expect(fake.calls.map((call) => call.argv[0])).toEqual([
      'iptables-restore',
      'iptables',
      'ip6tables-restore',
      'ip6tables',
    ]);
  });

  test('with no addresses, cleans both families from the listing alone', () => {
    const fake = createFakeCommandRunner((argv) => {
      if (argv.includes('-S')) return commandOk(argv[0] === 'iptables' ? NAT_S : EMPTY_NAT);
      return commandOk();
    });
    ipMasqIptables.teardown({ ...target, addresses: [] }, { runner: fake.run });
    expect(calls(fake)).toEqual([
      { argv: ['iptables', ...LIST], stdin: undefined },
      {
        argv: ['iptables-restore', ...RESTORE],
        stdin: batch(
          `-D POSTROUTING -s 10.244.50.4/32 -m comment --comment ${Q1} -j ${CHAIN1}`,
          `-D POSTROUTING -s 10.244.50.0/24 -m comment --comment ${Q1} -j ${CHAIN1}`,
          `-F ${CHAIN1}`,
          `-X ${CHAIN1}`,
        ),
      },
      { argv: ['ip6tables', ...LIST], stdin: undefined },
    ]);
  });

  test('reports other failures', () => {
    const fake = createFakeCommandRunner(() => commandFailed(4, DENIED));
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
  test("removes the network's chains whose container is not valid, in one batch", () => {
    const fake = createFakeCommandRunner((argv) => {
      if (argv.includes('-S')) return commandOk(argv[0] === 'iptables' ? NAT_S : EMPTY_NAT);
      return commandOk();
    });
    ipMasqIptables.gc('pur-brnet', [{ containerId: 'cid-br2', ifName: 'eth0' }], {
      runner: fake.run,
    });
    expect(calls(fake)).toEqual([
      { argv: ['iptables', ...LIST], stdin: undefined },
      {
        argv: ['iptables-restore', ...RESTORE],
        stdin: batch(
          `-D POSTROUTING -s 10.244.50.4/32 -m comment --comment ${Q1} -j ${CHAIN1}`,
          `-D POSTROUTING -s 10.244.50.0/24 -m comment --comment ${Q1} -j ${CHAIN1}`,
          `-F ${CHAIN1}`,
          `-X ${CHAIN1}`,
        ),
      },
      { argv: ['ip6tables', ...LIST], stdin: undefined },
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
  test('names, as the -C command that would fail, each rule one listing lacks', () => {
    const fake = createFakeCommandRunner(() =>
      commandOk(natWithout(`-s 10.244.50.4/32 -m comment --comment "name: \\"pur-brnet\\"`)),
    );
    const missing = ipMasqIptables.check(v4Only, { runner: fake.run });
    expect(missing).toEqual([
      `iptables -t nat -C POSTROUTING -s 10.244.50.4 -j ${CHAIN1} -m comment --comment ${COMMENT1} --wait`,
    ]);
    expect(calls(fake)).toEqual([{ argv: ['iptables', ...LIST], stdin: undefined }]);
  });
});
