import { describe, expect, test } from 'bun:test';
import { existsSync } from 'node:fs';
import { canUseNetns, createTestNetns, type TestNetns } from '../testing/test-netns.ts';
import { useTimeLimit } from '../testing/time-limits.ts';
import { setupIpMasq, teardownIpMasq } from './ipmasq.ts';

useTimeLimit('netns');

// Differential test against the Go reference plugin (Debian containernetworking-plugins
// 1.1.1, iptables backend only): its ptp plugin runs in a throwaway "host" namespace with
// a throwaway container namespace, and our rules must be the very rules it makes, so each
// side can remove what the other wrote.

const GO_PLUGIN_DIR = '/usr/lib/cni';
const GO_PTP = `${GO_PLUGIN_DIR}/ptp`;
const haveGo = existsSync(GO_PTP) && existsSync(`${GO_PLUGIN_DIR}/static`);
const haveIptables = Bun.which('iptables') !== null && Bun.which('ip6tables') !== null;

const CONFIG = JSON.stringify({
  cniVersion: '1.0.0',
  name: 'pur-ptpnet',
  type: 'ptp',
  ipMasq: true,
  ipam: {
    type: 'static',
    addresses: [
      { address: '10.244.51.2/24', gateway: '10.244.51.1' },
      { address: 'fd00:51::2/64', gateway: 'fd00:51::1' },
    ],
  },
});

const ATTACHMENT = {
  network: 'pur-ptpnet',
  containerId: 'cid-ptp1',
  ifName: 'eth0',
  addresses: ['10.244.51.2/24', 'fd00:51::2/64'],
};

function runGoPtp(command: 'ADD' | 'DEL', host: TestNetns, container: TestNetns): void {
  const result = Bun.spawnSync(
    [
      'ip',
      'netns',
      'exec',
      host.name,
      'env',
      '-i',
      `CNI_COMMAND=${command}`,
      'CNI_CONTAINERID=cid-ptp1',
      `CNI_NETNS=${container.path}`,
      'CNI_IFNAME=eth0',
      `CNI_PATH=${GO_PLUGIN_DIR}`,
      'PATH=/usr/sbin:/usr/bin:/sbin:/bin',
      GO_PTP,
    ],
    { stdin: new TextEncoder().encode(CONFIG), stdout: 'pipe', stderr: 'pipe' },
  );
  if (result.exitCode !== 0) {
    throw new Error(`Go ptp ${command}: ${result.stdout.toString()} ${result.stderr.toString()}`);
  }
}

/** `-S` lines of the nat table that mention a CNI- chain, in the kernel's order. */
function cniRules(host: TestNetns): string[] {
  return ['iptables', 'ip6tables'].flatMap((tool) =>
    host
      .exec([tool, '-t', 'nat', '-S'])
      .split('\n')
      .filter((line) => line.includes('CNI-'))
      .map((line) => `${tool} ${line}`),
  );
}

// Installed tools are looked up on PATH only: no firewall tool runs outside a throwaway namespace.
describe.skipIf(!canUseNetns())('ipmasq against the Go reference plugin', () => {
  test.skipIf(!haveGo || !haveIptables)(
    "makes exactly the Go ptp rules, and each side removes the other's (needs Debian containernetworking-plugins and iptables)",
    () => {
      using host = createTestNetns('cnits-h');
      using container = createTestNetns('cnits-c');
      runGoPtp('ADD', host, container);
      const goRules = cniRules(host);
      expect(goRules).toHaveLength(8);
      expect(goRules).toContain('iptables -N CNI-af27a0f6d5581986f3054c87');

      // Our teardown removes what Go wrote…
      teardownIpMasq({ ...ATTACHMENT, backend: 'iptables', netns: host.ns });
      expect(cniRules(host)).toEqual([]);

      // …our setup writes the same lines in the same order…
      setupIpMasq({ ...ATTACHMENT, backend: 'iptables', netns: host.ns });
      expect(cniRules(host)).toEqual(goRules);

      // …and Go's DEL (which deletes by exact rule spec) removes all of ours.
      runGoPtp('DEL', host, container);
      expect(cniRules(host)).toEqual([]);
    },
  );
});
