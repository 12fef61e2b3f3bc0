import type { PortMapTarget } from '@cni-ts/plugin-kit';
import type { PortMapSettings } from './settings.ts';

/** The kit's view of one attachment's mappings. */
export function portMapTarget(
  network: string,
  containerId: string,
  settings: PortMapSettings,
  addresses: readonly string[],
): PortMapTarget {
  return {
    network,
    containerId,
    mappings: settings.mappings,
    snat: settings.snat,
    masqAll: settings.masqAll,
    markMasqBit: settings.markMasqBit,
    ...(settings.externalSetMarkChain === undefined
      ? {}
      : { externalSetMarkChain: settings.externalSetMarkChain }),
    conditions: settings.conditions,
    addresses,
  };
}
