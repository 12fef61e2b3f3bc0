import type { ContainerLinkSpec } from '@cni-ts/plugin-kit';
import type { DummyConfig } from './config.ts';

/** The link dummy ADD makes: `ip link add TMP [mtu N] type dummy` (no MTU when 0). */
export function dummyLinkSpec(config: DummyConfig): ContainerLinkSpec {
  const mtu = config.mtu ?? 0;
  return { kind: 'dummy', ...(mtu > 0 ? { mtu } : {}) };
}
