// Whether this kernel can make a VRF device, probed in a throwaway namespace with
// `ip link add … type vrf table 1`: null when it can, else the reason to print in the
// skipped tests' titles.
import { createTestNetns } from '@cni-ts/plugin-kit/testing';

let probed: string | null | undefined;

export function vrfSkipReason(): string | null {
  if (probed !== undefined) return probed;
  const ns = createTestNetns('cnits-vrfprobe');
  try {
    const argv = ['ip', '-n', ns.name, 'link', 'add', 'cnits-vrf0', 'type', 'vrf', 'table', '1'];
    const done = Bun.spawnSync(argv, { stdout: 'pipe', stderr: 'pipe' });
    const why = done.stderr.toString().trim();
    probed =
      done.exitCode === 0 ? null : `this kernel has no VRF: \`ip link add … type vrf\`: ${why}`;
  } finally {
    ns.remove();
  }
  if (probed !== null) process.stderr.write(`skipping VRF namespace tests: ${probed}\n`);
  return probed;
}
