import { describe, expect, test } from 'bun:test';
import { sameBytes } from '../../netlink/codec/hex.ts';
import { exprsAsListed } from '../../netlink/netfilter/expr/listed-form.ts';
import { openNftSocket } from '../../netlink/netfilter/nft-socket.ts';
import { listedExprBytes, listNftRules } from '../../netlink/netfilter/rule.ts';
import { canUseNetns, createTestNetns } from '../../testing/test-netns.ts';
import { useTimeLimit } from '../../testing/time-limits.ts';
import { setupIpMasq } from '../ipmasq.ts';
import { setupPortMapNftables } from '../portmap/portmap-nftables.ts';
import { setupCniFirewallNftables } from './cni-firewall-nftables.ts';
import { ruleHasExprs, someRuleHasExprs } from './same-exprs.ts';

useTimeLimit('netns');

// The plugins decide "this rule is already there" from the kernel's raw bytes (see
// listed-form.ts). That saves time only if the kernel lists every rule they make exactly
// in the listed form of its expressions: checked here for all of them, in a throwaway
// namespace, with every family and expression kind the three layouts use.

const skip = canUseNetns() ? null : 'needs root and namespaces';

describe.skipIf(skip !== null)(
  `listed form of the plugins' nftables rules${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('masquerade, firewall and portmap rules are listed exactly in their listed form', () => {
      using host = createTestNetns();
      const options = { netns: host.ns };
      const addresses = ['10.244.60.2/24', 'fd00:60::2/64'];
      const attachment = { network: 'lf', containerId: 'cid-lf', ifName: 'eth0' };
      setupIpMasq({ backend: 'nftables', ...attachment, addresses, ...options });
      setupCniFirewallNftables(
        {
          ...attachment,
          addresses,
          adminChain: 'CNI-ADMIN',
          isolation: { bridge: 'lfbr0', policy: 'same-bridge' },
        },
        options,
      );
      setupPortMapNftables(
        {
          network: 'lf',
          containerId: 'cid-lf',
          mappings: [
            { hostPort: 18081, containerPort: 80, protocol: 'tcp' },
            { hostPort: 18053, containerPort: 53, protocol: 'udp', hostIP: '127.0.0.1' },
          ],
          snat: true,
          masqAll: false,
          markMasqBit: 13,
          addresses,
        },
        options,
      );
      using sock = openNftSocket(options);
      const rules = (['ip', 'ip6', 'inet'] as const).flatMap((family) =>
        listNftRules(sock, { family }),
      );
      expect(new Set(rules.map((rule) => rule.table))).toEqual(
        new Set(['cni_plugins_masquerade', 'cni_plugins_firewall', 'cni_hostport']),
      );
      const unlike = rules
        .filter((rule) => {
          const raw = listedExprBytes(rule);
          return raw === undefined || !sameBytes(raw, exprsAsListed(rule.exprs));
        })
        .map((rule) => `${rule.family} ${rule.table} ${rule.chain} #${rule.handle}`);
      expect(unlike).toEqual([]);
      for (const rule of rules) {
        expect(ruleHasExprs(rule, rule.exprs)).toBe(true);
        expect(someRuleHasExprs(rules, rule.exprs)).toBe(true);
      }
    });
  },
);
