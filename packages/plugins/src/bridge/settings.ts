import { isIpMasqBackend, UnknownIpMasqBackendError } from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import type { BridgeCniArg, BridgeConfig, VlanTrunkEntry } from './config.ts';
import { parseMac } from './mac.ts';

/** The bridge name when the config names none, as upstream. */
export const DEFAULT_BRIDGE = 'cni0';

/** The highest VLAN ID a port may carry (4095 is reserved). */
export const MAX_VLAN_ID = 4094;

/** What ADD, DEL, CHECK and GC act on: the config with upstream's defaults applied and checked. */
export interface BridgeSettings {
  readonly network: string;
  readonly bridge: string;
  /** True also when only isDefaultGateway is set (it implies isGateway). */
  readonly isGateway: boolean;
  readonly isDefaultGateway: boolean;
  readonly forceAddress: boolean;
  readonly ipMasq: boolean;
  /** `ipMasqBackend` as given; absent: chosen by probing when ADD masquerades. */
  readonly ipMasqBackend?: string;
  /** 0: the kernel's default. */
  readonly mtu: number;
  readonly hairpinMode: boolean;
  readonly promiscMode: boolean;
  /** The access VLAN (0: none). */
  readonly vlan: number;
  /** The trunk VIDs, sorted and unique (empty: no trunk). */
  readonly trunk: readonly number[];
  readonly preserveDefaultVlan: boolean;
  readonly macspoofchk: boolean;
  readonly enabledad: boolean;
  readonly disableContainerInterface: boolean;
  readonly portIsolation: boolean;
  /** The container MAC as given: CNI_ARGS `MAC` < `args.cni.mac` < `runtimeConfig.mac`. */
  readonly mac?: string;
  /** The IPAM plugin; absent for an L2-only attachment (`ipam: {}` or no ipam). */
  readonly ipamType?: string;
}

function fail(message: string): never {
  throw new CniError(CniErrorCode.Internal, message);
}

/**
 * The trunk VIDs of `vlanTrunk`, sorted, each once, with upstream's errors for an ID out
 * of 1–4094, a half-given range and a range whose ends are swapped.
 */
export function collectVlanTrunk(entries: readonly VlanTrunkEntry[] | undefined): number[] {
  const vids = new Set<number>();
  const inRange = (id: number): boolean => id > 0 && id <= MAX_VLAN_ID;
  for (const entry of entries ?? []) {
    const { minID, maxID, id } = entry;
    if (minID !== undefined && maxID !== undefined) {
      if (!inRange(minID)) fail('incorrect trunk minID parameter');
      if (!inRange(maxID)) fail('incorrect trunk maxID parameter');
      if (maxID < minID) fail('minID is greater than maxID in trunk parameter');
      for (let vid = minID; vid <= maxID; vid++) vids.add(vid);
    } else if (maxID !== undefined) {
      fail('minID and maxID should be configured simultaneously, minID is missing');
    } else if (minID !== undefined) {
      fail('minID and maxID should be configured simultaneously, maxID is missing');
    }
    if (id !== undefined) {
      if (!inRange(id)) fail('incorrect trunk id parameter');
      vids.add(id);
    }
  }
  return [...vids].sort((a, b) => a - b);
}

function containerMac(config: BridgeConfig, cniArgs: Partial<Record<BridgeCniArg, string>>) {
  // The first one set, in upstream's order of precedence.
  for (const mac of [config.runtimeConfig?.mac, config.args?.cni?.mac, cniArgs.MAC]) {
    if (mac !== undefined && mac !== '') return { mac };
  }
  return {};
}

/**
 * Applies upstream's defaults (bridge `cni0`, preserveDefaultVlan true) and the checks
 * upstream's loadNetConf makes for every verb, with its texts (code 999): `invalid VLAN ID
 * 5000 (must be between 0 and 4094)` and the trunk errors.
 */
export function bridgeSettings(
  config: BridgeConfig,
  cniArgs: Partial<Record<BridgeCniArg, string>> = {},
): BridgeSettings {
  const vlan = config.vlan ?? 0;
  if (vlan < 0 || vlan > MAX_VLAN_ID) {
    fail(`invalid VLAN ID ${vlan} (must be between 0 and ${MAX_VLAN_ID})`);
  }
  const trunk = collectVlanTrunk(config.vlanTrunk);
  const ipamType = config.ipam?.type;
  const isDefaultGateway = config.isDefaultGateway ?? false;
  return {
    network: config.name,
    bridge: config.bridge ?? DEFAULT_BRIDGE,
    isGateway: (config.isGateway ?? false) || isDefaultGateway,
    isDefaultGateway,
    forceAddress: config.forceAddress ?? false,
    ipMasq: config.ipMasq ?? false,
    ...(config.ipMasqBackend === undefined ? {} : { ipMasqBackend: config.ipMasqBackend }),
    mtu: config.mtu ?? 0,
    hairpinMode: config.hairpinMode ?? false,
    promiscMode: config.promiscMode ?? false,
    vlan,
    trunk,
    preserveDefaultVlan: config.preserveDefaultVlan ?? true,
    macspoofchk: config.macspoofchk ?? false,
    enabledad: config.enabledad ?? false,
    disableContainerInterface: config.disableContainerInterface ?? false,
    portIsolation: config.portIsolation ?? false,
    ...containerMac(config, cniArgs),
    ...(ipamType === undefined || ipamType === '' ? {} : { ipamType }),
  };
}

/**
 * The checks upstream's cmdAdd makes before it creates anything, with its texts (code
 * 999): `cannot use IPAM when DisableContainerInterface flag is set`, `cannot set hairpin
 * mode and promiscuous mode at the same time`, `unknown ipmasq backend "x"` (upstream
 * finds that one only after the container is set up) and an unreadable MAC (`failed to
 * make veth pair: address x: invalid MAC address`). Returns the settings with the MAC in
 * canonical form ("aa:bb:cc:dd:ee:ff").
 */
export function checkAddSettings(settings: BridgeSettings): BridgeSettings {
  if (settings.ipamType !== undefined && settings.disableContainerInterface) {
    fail('cannot use IPAM when DisableContainerInterface flag is set');
  }
  if (settings.hairpinMode && settings.promiscMode) {
    fail('cannot set hairpin mode and promiscuous mode at the same time');
  }
  const backend = settings.ipMasqBackend;
  if (settings.ipMasq && backend !== undefined && !isIpMasqBackend(backend)) {
    fail(new UnknownIpMasqBackendError(backend).message);
  }
  if (settings.mac === undefined) return settings;
  const mac = parseMac(settings.mac);
  if (mac === undefined) {
    fail(`failed to make veth pair: address ${settings.mac}: invalid MAC address`);
  }
  return { ...settings, mac };
}
