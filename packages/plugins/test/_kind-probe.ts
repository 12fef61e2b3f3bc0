// Whether this kernel can make a link kind, probed once per kind in a throwaway
// namespace with `ip link add` (tests may run ip; plugins never do).
import { createTestNetns } from '@cni-ts/plugin-kit/testing';

const probed = new Map<string, string | null>();

/**
 * null when `ip link add cnits-probe0 [link cnits-p0] type KIND …` works here, else the
 * reason to put in a describe title. `needsParent` makes a veth first to be the parent.
 */
export function kindSkipReason(
  kind: string,
  extra: readonly string[] = [],
  needsParent = false,
): string | null {
  const key = [kind, ...extra, String(needsParent)].join(' ');
  const known = probed.get(key);
  if (known !== undefined) return known;
  const ns = createTestNetns('cnits-kprobe');
  let reason: string | null;
  try {
    if (needsParent)
      ns.exec(['ip', 'link', 'add', 'cnits-p0', 'type', 'veth', 'peer', 'name', 'cnits-p1']);
    const parent = needsParent ? ['link', 'cnits-p0'] : [];
    const argv = [
      'ip',
      '-n',
      ns.name,
      'link',
      'add',
      'cnits-probe0',
      ...parent,
      'type',
      kind,
      ...extra,
    ];
    const done = Bun.spawnSync(argv, { stdout: 'pipe', stderr: 'pipe' });
    const why = done.stderr.toString().trim();
    reason =
      done.exitCode === 0
        ? null
        : `this kernel has no ${kind} links: \`ip link add … type ${kind}\`: ${why}`;
  } finally {
    ns.remove();
  }
  probed.set(key, reason);
  if (reason !== null) process.stderr.write(`skipping ${kind} namespace tests: ${reason}\n`);
  return reason;
}
