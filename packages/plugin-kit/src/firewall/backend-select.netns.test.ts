import { describe, expect, test } from 'bun:test';
import { canUseNetns, createTestNetns } from '../testing/test-netns.ts';
import { useTimeLimit } from '../testing/time-limits.ts';
import { selectIpMasqBackend, supportsIptables, supportsNftables } from './backend-select.ts';

useTimeLimit('netns');

const haveBoth = Bun.which('iptables') !== null && Bun.which('nft') !== null;

// Installed tools are looked up on PATH only: no firewall tool runs outside a throwaway namespace.
describe.skipIf(!canUseNetns())('backend probes in a throwaway namespace', () => {
  test.skipIf(!haveBoth)(
    'both backends work here; the default is iptables (needs iptables and nftables)',
    () => {
      using host = createTestNetns();
      const options = { netns: host.ns };
      expect(supportsIptables(options)).toBe(true);
      expect(supportsNftables(options)).toBe(true);
      expect(selectIpMasqBackend(undefined, options)).toBe('iptables');
      // The probes leave nothing behind: no nftables table was created.
      expect(host.exec(['nft', 'list', 'tables']).includes('cni_plugins_masquerade')).toBe(false);
    },
  );
});
