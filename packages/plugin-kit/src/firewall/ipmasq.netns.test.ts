import { describe, expect, test } from 'bun:test';
import { formatChainName } from '../hash/chain-name.ts';
import { canUseNetns, createTestNetns, type TestNetns } from '../testing/test-netns.ts';
import { useTimeLimit } from '../testing/time-limits.ts';
import { checkIpMasq, gcIpMasq, setupIpMasq, teardownIpMasq } from './ipmasq.ts';
import { isIpMasqCheckError } from './ipmasq-errors.ts';
import type { IpMasqBackend } from './ipmasq-types.ts';

useTimeLimit('netns');

// Every tool runs inside a throwaway namespace (the `netns` option): never in the machine's own.

const BR1 = {
  network: 'pur-brnet',
  containerId: 'cid-br1',
  ifName: 'eth0',
  addresses: ['10.244.50.4/24', 'fd00:50::4/64'],
};
const BR2 = {
  network: 'pur-brnet',
  containerId: 'cid-br2',
  ifName: 'eth0',
  addresses: ['10.244.50.5/24'],
};

/** The iptables lines (chain declarations and rules) the CNI chains make, sorted. */
function cniLines(host: TestNetns, tool: 'iptables-save' | 'ip6tables-save'): string[] {
  return host
    .exec([tool, '-t', 'nat'])
    .split('\n')
    .filter((line) => line.startsWith(':CNI-') || (line.startsWith('-A') && line.includes('CNI-')))
    .sort();
}

/** The lines iptables-save shows for one container and one address. */
function expectedIptables(network: string, id: string, ip: string, subnet: string): string[] {
  const chain = formatChainName(network, id);
  const comment = `--comment "name: \\"${network}\\" id: \\"${id}\\""`;
  const v6 = ip.includes(':');
  return [
    `:${chain} - [0:0]`,
    `-A POSTROUTING -s ${ip}/${v6 ? 128 : 32} -m comment ${comment} -j ${chain}`,
    `-A ${chain} -d ${subnet} -m comment ${comment} -j ACCEPT`,
    `-A ${chain} ! -d ${v6 ? 'ff00::/8' : '224.0.0.0/4'} -m comment ${comment} -j MASQUERADE`,
  ];
}

function nftTable(host: TestNetns): string {
  try {
    return host.exec(['nft', 'list', 'table', 'inet', 'cni_plugins_masquerade']);
  } catch {
    return '';
  }
}

function nftMasqRules(host: TestNetns): string[] {
  return nftTable(host)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.includes('masquerade comment'));
}

const haveIptables = Bun.which('iptables') !== null && Bun.which('ip6tables') !== null;
const haveNft = Bun.which('nft') !== null;

// Installed tools are looked up on PATH only: no firewall tool runs outside a throwaway namespace.
describe.skipIf(!canUseNetns())('ipmasq in a throwaway namespace', () => {
  describe.skipIf(!haveIptables)('iptables backend (needs the iptables package)', () => {
    const backend: IpMasqBackend = 'iptables';

    test('two containers give the chains, comments and rules recorded from the Go bridge (§6.4)', () => {
      using host = createTestNetns();
      const netns = host.ns;
      setupIpMasq({ ...BR1, backend, netns });
      setupIpMasq({ ...BR1, backend, netns }); // idempotent: no duplicates
      setupIpMasq({ ...BR2, backend, netns });
      // Verbatim from reference-plugins.md §6.4 (Go bridge 1.1.1, iptables v1.8.9 nf_tables):
      const recorded = [
        ':CNI-d25dd76defe1afc7a2c8208b - [0:0]',
        '-A POSTROUTING -s 10.244.50.4/32 -m comment --comment "name: \\"pur-brnet\\" id: \\"cid-br1\\"" -j CNI-d25dd76defe1afc7a2c8208b',
        '-A CNI-d25dd76defe1afc7a2c8208b -d 10.244.50.0/24 -m comment --comment "name: \\"pur-brnet\\" id: \\"cid-br1\\"" -j ACCEPT',
        '-A CNI-d25dd76defe1afc7a2c8208b ! -d 224.0.0.0/4 -m comment --comment "name: \\"pur-brnet\\" id: \\"cid-br1\\"" -j MASQUERADE',
      ];
      expect(cniLines(host, 'iptables-save')).toEqual(
        [
          ...recorded,
          ...expectedIptables('pur-brnet', 'cid-br2', '10.244.50.5', '10.244.50.0/24'),
        ].sort(),
      );
      // "v6 identical with fd00:50::4/128, fd00:50::/64, ! -d ff00::/8"
      expect(cniLines(host, 'ip6tables-save')).toEqual(
        expectedIptables('pur-brnet', 'cid-br1', 'fd00:50::4', 'fd00:50::/64').sort(),
      );
      expect(() => checkIpMasq({ ...BR1, backend, netns })).not.toThrow();
      expect(() => checkIpMasq({ ...BR2, backend, netns })).not.toThrow();
    });

    test('the ptp chain name recorded in §6.5 comes out for the ptp values', () => {
      using host = createTestNetns();
      const ptp = {
        network: 'pur-ptpnet',
        containerId: 'cid-ptp1',
        ifName: 'eth0',
        addresses: ['10.244.51.2/24', 'fd00:51::2/64'],
      };
      setupIpMasq({ ...ptp, backend, netns: host.ns });
      expect(cniLines(host, 'iptables-save')).toContain(':CNI-af27a0f6d5581986f3054c87 - [0:0]');
      expect(cniLines(host, 'ip6tables-save')).toContain(':CNI-af27a0f6d5581986f3054c87 - [0:0]');
    });

    test('teardown removes one container and leaves the other; twice is fine', () => {
      using host = createTestNetns();
      const netns = host.ns;
      setupIpMasq({ ...BR1, backend, netns });
      setupIpMasq({ ...BR2, backend, netns });
      teardownIpMasq({ ...BR1, backend, netns });
      expect(cniLines(host, 'iptables-save')).toEqual(
        expectedIptables('pur-brnet', 'cid-br2', '10.244.50.5', '10.244.50.0/24').sort(),
      );
      expect(cniLines(host, 'ip6tables-save')).toEqual([]);
      teardownIpMasq({ ...BR1, backend, netns });
      teardownIpMasq({ ...BR1, netns }); // both backends, nftables table absent
      expect(cniLines(host, 'iptables-save')).toHaveLength(4);
      expect(() => checkIpMasq({ ...BR2, backend, netns })).not.toThrow();
    });

    test('teardown also removes the legacy -s <ip/prefix> jump', () => {
      using host = createTestNetns();
      setupIpMasq({ ...BR2, backend, netns: host.ns });
      const chain = formatChainName(BR2.network, BR2.containerId);
      host.exec([
        'iptables',
        '-t',
        'nat',
        '-A',
        'POSTROUTING',
        '-s',
        '10.244.50.5/24',
        '-j',
        chain,
        '-m',
        'comment',
        '--comment',
        'name: "pur-brnet" id: "cid-br2"',
      ]);
      teardownIpMasq({ ...BR2, backend, netns: host.ns });
      expect(cniLines(host, 'iptables-save')).toEqual([]);
    });

    test('teardown after the container namespace is gone works from the stored values', () => {
      using host = createTestNetns();
      const container = createTestNetns('cnits-c');
      setupIpMasq({ ...BR1, backend, netns: host.ns });
      container.remove();
      // Upstream leaks here (issue #810) because it reads the addresses from the netns.
      teardownIpMasq({ ...BR1, addresses: [], backend, netns: host.ns });
      expect(cniLines(host, 'iptables-save')).toEqual([]);
      expect(cniLines(host, 'ip6tables-save')).toEqual([]);
    });

    test('GC with one valid attachment removes the stale one and spares other networks', () => {
      using host = createTestNetns();
      const netns = host.ns;
      const other = {
        network: 'pur-other',
        containerId: 'cid-br1',
        ifName: 'eth0',
        addresses: ['10.245.0.2/16'],
      };
      setupIpMasq({ ...BR1, backend, netns });
      setupIpMasq({ ...BR2, backend, netns });
      setupIpMasq({ ...other, backend, netns });
      gcIpMasq({
        network: 'pur-brnet',
        validAttachments: [{ containerId: 'cid-br2', ifName: 'eth0' }],
        backend,
        netns,
      });
      expect(cniLines(host, 'iptables-save')).toEqual(
        [
          ...expectedIptables('pur-brnet', 'cid-br2', '10.244.50.5', '10.244.50.0/24'),
          ...expectedIptables('pur-other', 'cid-br1', '10.245.0.2', '10.245.0.0/16'),
        ].sort(),
      );
      expect(cniLines(host, 'ip6tables-save')).toEqual([]);
    });

    test('check fails once a rule is deleted by hand', () => {
      using host = createTestNetns();
      setupIpMasq({ ...BR2, backend, netns: host.ns });
      const chain = formatChainName(BR2.network, BR2.containerId);
      host.exec([
        'iptables',
        '-t',
        'nat',
        '-D',
        chain,
        '-d',
        '10.244.50.0/24',
        '-j',
        'ACCEPT',
        '-m',
        'comment',
        '--comment',
        'name: "pur-brnet" id: "cid-br2"',
      ]);
      try {
        checkIpMasq({ ...BR2, backend, netns: host.ns });
        throw new Error('check passed');
      } catch (error) {
        expect(isIpMasqCheckError(error)).toBe(true);
        if (isIpMasqCheckError(error)) expect(error.missing).toHaveLength(1);
      }
    });
  });

  describe.skipIf(!haveNft)('nftables backend (needs the nftables package)', () => {
    const backend: IpMasqBackend = 'nftables';
    const c1 = '2be9a5189791c3fc-98b6bda3e8194fce, net: pur-brnet, if: eth0, id: cid-br1';
    const c2 = '2be9a5189791c3fc-a8ed153dc355dbd9, net: pur-brnet, if: eth0, id: cid-br2';

    test("two containers give upstream's table, chains and commented rules (§4)", () => {
      using host = createTestNetns();
      const netns = host.ns;
      setupIpMasq({ ...BR1, backend, netns });
      setupIpMasq({ ...BR1, backend, netns }); // replaces its own rules, no duplicates
      setupIpMasq({ ...BR2, backend, netns });
      expect(nftTable(host)).toBe(
        [
          'table inet cni_plugins_masquerade {',
          '\tcomment "Masquerading for plugins from github.com/containernetworking/plugins"',
          '\tchain masq_checks {',
          '\t\tcomment "Masquerade traffic from certain IPs to any (non-multicast) IP outside their subnet"',
          `\t\tip saddr 10.244.50.4 ip daddr != 10.244.50.0/24 masquerade comment "${c1}"`,
          `\t\tip6 saddr fd00:50::4 ip6 daddr != fd00:50::/64 masquerade comment "${c1}"`,
          `\t\tip saddr 10.244.50.5 ip daddr != 10.244.50.0/24 masquerade comment "${c2}"`,
          '\t}',
          '',
          '\tchain postrouting {',
          '\t\ttype nat hook postrouting priority srcnat; policy accept;',
          '\t\tip daddr 224.0.0.0/4 return',
          '\t\tip6 daddr ff00::/8 return',
          '\t\tgoto masq_checks',
          '\t}',
          '}',
          '',
        ].join('\n'),
      );
      expect(() => checkIpMasq({ ...BR1, backend, netns })).not.toThrow();
    });

    test('a later setup only adds: postrouting keeps its rules (handles), and is rebuilt when changed', () => {
      using host = createTestNetns();
      const netns = host.ns;
      const postrouting = () =>
        host
          .exec(['nft', '-a', 'list', 'chain', 'inet', 'cni_plugins_masquerade', 'postrouting'])
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => line.includes('# handle') && !line.startsWith('chain '));
      setupIpMasq({ ...BR1, backend, netns });
      const first = postrouting();
      expect(first).toHaveLength(3);
      setupIpMasq({ ...BR2, backend, netns });
      // Not flushed and rewritten: the same three rules with the same handles.
      expect(postrouting()).toEqual(first);
      expect(nftMasqRules(host)).toHaveLength(3);
      // A rule removed by hand: the next setup writes the chain again, as upstream would.
      const handle = /# handle (\d+)/.exec(first[2] ?? '')?.[1] ?? '';
      host.exec([
        'nft',
        'delete',
        'rule',
        'inet',
        'cni_plugins_masquerade',
        'postrouting',
        'handle',
        handle,
      ]);
      setupIpMasq({ ...BR1, backend, netns });
      const healed = postrouting();
      expect(healed.map((line) => line.replace(/ # handle \d+/, ''))).toEqual(
        first.map((line) => line.replace(/ # handle \d+/, '')),
      );
      expect(() => checkIpMasq({ ...BR1, backend, netns })).not.toThrow();
      expect(() => checkIpMasq({ ...BR2, backend, netns })).not.toThrow();
    });

    test('kernel objects equal those nft makes from the text knftables writes upstream', () => {
      using ours = createTestNetns();
      using theirs = createTestNetns();
      setupIpMasq({ ...BR1, backend, netns: ours.ns });
      setupIpMasq({ ...BR2, backend, netns: ours.ns });
      const t = 'inet cni_plugins_masquerade';
      const masq = (ip: string, net: string, c: string) =>
        `add rule ${t} masq_checks ${ip.includes(':') ? 'ip6' : 'ip'} saddr == ${ip} ${ip.includes(':') ? 'ip6' : 'ip'} daddr != ${net} masquerade comment "${c}"`;
      const text = [
        `add table ${t} { comment "Masquerading for plugins from github.com/containernetworking/plugins" ; }`,
        `add chain ${t} masq_checks { comment "Masquerade traffic from certain IPs to any (non-multicast) IP outside their subnet" ; }`,
        `add chain ${t} postrouting { type nat hook postrouting priority 100 ; }`,
        `flush chain ${t} postrouting`,
        `add rule ${t} postrouting ip daddr == 224.0.0.0/4  return`,
        `add rule ${t} postrouting ip6 daddr == ff00::/8  return`,
        `add rule ${t} postrouting goto masq_checks`,
        masq('10.244.50.4', '10.244.50.0/24', c1),
        masq('fd00:50::4', 'fd00:50::/64', c1),
        masq('10.244.50.5', '10.244.50.0/24', c2),
        '',
      ].join('\n');
      Bun.spawnSync(['ip', 'netns', 'exec', theirs.name, 'nft', '-f', '-'], {
        stdin: Buffer.from(text),
      });
      const json = (host: TestNetns) =>
        JSON.stringify(
          JSON.parse(host.exec(['nft', '-j', 'list', 'ruleset'])).nftables.filter(
            (item: object) => !('metainfo' in item),
          ),
          (key, value) => (key === 'handle' ? undefined : value),
        );
      expect(json(ours)).toBe(json(theirs));
      expect(json(ours)).toContain('masquerade');
    });

    test('teardown removes one container and leaves the other; twice is fine', () => {
      using host = createTestNetns();
      const netns = host.ns;
      setupIpMasq({ ...BR1, backend, netns });
      setupIpMasq({ ...BR2, backend, netns });
      teardownIpMasq({ ...BR1, backend, netns });
      expect(nftMasqRules(host)).toEqual([
        `ip saddr 10.244.50.5 ip daddr != 10.244.50.0/24 masquerade comment "${c2}"`,
      ]);
      teardownIpMasq({ ...BR1, backend, netns });
      teardownIpMasq({ ...BR1, netns }); // both backends
      expect(nftMasqRules(host)).toHaveLength(1);
      expect(() => checkIpMasq({ ...BR2, backend, netns })).not.toThrow();
    });

    test('teardown in an empty namespace (no table at all) is success', () => {
      using host = createTestNetns();
      teardownIpMasq({ ...BR1, backend, netns: host.ns });
      expect(nftTable(host)).toBe('');
    });

    test('teardown after the container namespace is gone works from the stored values', () => {
      using host = createTestNetns();
      const container = createTestNetns('cnits-c');
      setupIpMasq({ ...BR1, backend, netns: host.ns });
      container.remove();
      teardownIpMasq({ ...BR1, addresses: [], backend, netns: host.ns });
      expect(nftMasqRules(host)).toEqual([]);
    });

    test('GC with one valid attachment removes the stale one and spares other networks', () => {
      using host = createTestNetns();
      const netns = host.ns;
      setupIpMasq({ ...BR1, backend, netns });
      setupIpMasq({ ...BR2, backend, netns });
      setupIpMasq({
        network: 'pur-other',
        containerId: 'cid-br1',
        ifName: 'eth0',
        addresses: ['10.245.0.2/16'],
        backend,
        netns,
      });
      gcIpMasq({
        network: 'pur-brnet',
        validAttachments: [{ containerId: 'cid-br2', ifName: 'eth0' }],
        backend,
        netns,
      });
      const rules = nftMasqRules(host);
      expect(rules).toHaveLength(2);
      expect(rules[0]).toBe(
        `ip saddr 10.244.50.5 ip daddr != 10.244.50.0/24 masquerade comment "${c2}"`,
      );
      expect(rules[1]).toContain(
        'ip saddr 10.245.0.2 ip daddr != 10.245.0.0/16 masquerade comment',
      );
    });

    test('check fails once a rule is deleted by hand', () => {
      using host = createTestNetns();
      setupIpMasq({ ...BR1, backend, netns: host.ns });
      const handles = host
        .exec(['nft', '-a', 'list', 'chain', 'inet', 'cni_plugins_masquerade', 'masq_checks'])
        .split('\n')
        .filter((line) => line.includes('ip6 saddr'))
        .map((line) => line.replace(/.*# handle /, '').trim());
      host.exec([
        'nft',
        'delete',
        'rule',
        'inet',
        'cni_plugins_masquerade',
        'masq_checks',
        'handle',
        handles[0] ?? '0',
      ]);
      try {
        checkIpMasq({ ...BR1, backend, netns: host.ns });
        throw new Error('check passed');
      } catch (error) {
        expect(isIpMasqCheckError(error)).toBe(true);
        if (isIpMasqCheckError(error)) expect(error.missing[0]).toContain('fd00:50::4');
      }
    });
  });
});
