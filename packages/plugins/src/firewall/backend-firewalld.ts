import {
  addFirewalldSource,
  firewalldRunning,
  hostCidrsByFamily,
  queryFirewalldSource,
  removeFirewalldSource,
  systemBusAddress,
} from '@cni-ts/plugin-kit';

// The firewalld backend's part of backend.ts, and the probe that chooses it, loaded only
// when the D-Bus client is needed: the addresses bound to a zone over D-Bus.

/** Each address as its host prefix (`10.1.0.5/32`), the form firewalld's sources take. */
export function hostSources(addresses: readonly string[]): string[] {
  return [...hostCidrsByFamily(addresses).values()].flat();
}

export {
  addFirewalldSource,
  firewalldRunning,
  queryFirewalldSource,
  removeFirewalldSource,
  systemBusAddress,
};
