// The interface attributes tuning changes (MAC, promiscuous mode, MTU, all-multicast,
// transmit queue length): what they were, setting them, and putting them back.
import {
  goErrorText,
  IFF,
  type Link,
  type LinkChanges,
  type NetlinkRequester,
  setLink,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import type { SavedAttributes } from './backup.ts';
import type { TuningSettings } from './settings.ts';

/** The current values of just the attributes ADD is about to change (upstream's backup). */
export function savedAttributes(link: Link, settings: TuningSettings): SavedAttributes {
  return {
    ...(settings.mac === undefined ? {} : { mac: link.mac ?? '' }),
    ...(settings.promisc ? { promisc: (link.flags & IFF.PROMISC) !== 0 } : {}),
    ...(settings.mtu === 0 ? {} : { mtu: link.mtu }),
    ...(settings.allmulti === undefined ? {} : { allmulti: (link.flags & IFF.ALLMULTI) !== 0 }),
    ...(settings.txQLen === undefined ? {} : { txQLen: link.txqlen }),
  };
}

/** One attribute change, named for messages (`mtu 9000`). */
interface Change {
  readonly what: string;
  readonly changes: LinkChanges;
}

function settingChanges(settings: TuningSettings): Change[] {
  const changes: Change[] = [];
  if (settings.mac !== undefined) {
    changes.push({ what: `mac ${settings.mac.text}`, changes: { mac: settings.mac.address } });
  }
  if (settings.promisc) changes.push({ what: 'promisc true', changes: { promisc: true } });
  if (settings.mtu !== 0) {
    changes.push({ what: `mtu ${settings.mtu}`, changes: { mtu: settings.mtu } });
  }
  if (settings.allmulti !== undefined) {
    const allmulti = settings.allmulti;
    changes.push({ what: `allmulti ${allmulti}`, changes: { allmulti } });
  }
  if (settings.txQLen !== undefined) {
    changes.push({ what: `txQLen ${settings.txQLen}`, changes: { txqlen: settings.txQLen } });
  }
  return changes;
}

/**
 * Sets the requested attributes one by one in upstream's order (mac, promisc, mtu,
 * allmulti, txQLen). A refusal is code 999 naming the key and value:
 * `failed to set mtu 10 on "eth0": invalid argument`.
 */
export function applySettings(sock: NetlinkRequester, link: Link, settings: TuningSettings): void {
  for (const { what, changes } of settingChanges(settings)) {
    try {
      setLink(sock, link.index, changes);
    } catch (error) {
      throw new CniError(
        CniErrorCode.Internal,
        `failed to set ${what} on ${JSON.stringify(link.name)}: ${goErrorText(error)}`,
        { cause: error },
      );
    }
  }
}

function restoreSteps(saved: SavedAttributes): Change[] {
  const steps: Change[] = [];
  if (saved.mtu !== undefined && saved.mtu !== 0) {
    steps.push({ what: 'MTU', changes: { mtu: saved.mtu } });
  }
  if (saved.mac !== undefined && saved.mac !== '') {
    steps.push({ what: 'MAC address', changes: { mac: saved.mac } });
  }
  if (saved.promisc !== undefined) {
    steps.push({ what: 'promiscuous mode', changes: { promisc: saved.promisc } });
  }
  if (saved.allmulti !== undefined) {
    steps.push({ what: 'all-multicast mode', changes: { allmulti: saved.allmulti } });
  }
  if (saved.txQLen !== undefined) {
    steps.push({ what: 'transmit queue length', changes: { txqlen: saved.txQLen } });
  }
  return steps;
}

/**
 * Puts the saved attributes back in upstream's order (MTU, MAC, promisc, allmulti,
 * txQLen), every one attempted; returns what failed (`failed to restore MTU: …`).
 */
export function restoreAttributes(
  sock: NetlinkRequester,
  index: number,
  saved: SavedAttributes,
): string[] {
  const failures: string[] = [];
  for (const { what, changes } of restoreSteps(saved)) {
    try {
      setLink(sock, index, changes);
    } catch (error) {
      failures.push(`failed to restore ${what}: ${goErrorText(error)}`);
    }
  }
  return failures;
}
