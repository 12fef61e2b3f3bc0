import {
  getLink,
  goErrorText,
  type Link,
  mapItems,
  type NetlinkRequester,
  type Netns,
  openRouteSocket,
  type PluginContext,
  withUndo,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode, type Result100 } from '@cni-ts/spec-types';
import { removeBackup, writeBackup } from './backup.ts';
import { backupFile } from './backup-file.ts';
import type { TuningCniArg, TuningConfig } from './config.ts';
import { applySettings, restoreAttributes, savedAttributes } from './link-attributes.ts';
import { changesLink, type TuningSettings } from './settings.ts';
import { writeSysctls } from './sysctls.ts';

/** The container interface; code 999 `failed to get "eth0": Link not found` when absent. */
export function containerLink(sock: NetlinkRequester, ifName: string): Link {
  try {
    return getLink(sock, { name: ifName });
  } catch (error) {
    throw new CniError(
      CniErrorCode.Internal,
      `failed to get ${JSON.stringify(ifName)}: ${goErrorText(error)}`,
      { cause: error },
    );
  }
}

/** The result with the new MAC on every interface named CNI_IFNAME, as upstream reports it. */
function withMac(result: Result100, ifName: string, mac: string | undefined): Result100 {
  if (mac === undefined || result.interfaces === undefined) return result;
  return {
    ...result,
    interfaces: mapItems(result.interfaces, (intf) =>
      intf.name === ifName ? { ...intf, mac } : intf,
    ),
  };
}

/**
 * The work of a tuning ADD that changes something: in the container's namespace (`netns`,
 * open) each `sysctl` written, the original values of the link attributes about to change
 * saved in upstream's backup file, and mac, promisc, mtu, allmulti and txQLen set. The
 * previous result is passed on, with the new MAC where it names the interface. On failure
 * everything is put back (sysctls, attributes) and the backup removed; upstream leaves it
 * all half done. Loaded only then (add.ts).
 */
export async function applyTuning(
  ctx: PluginContext<TuningConfig, TuningCniArg>,
  settings: TuningSettings,
  prev: Result100,
  netns: Netns,
): Promise<Result100> {
  return await withUndo(
    async (undo) => {
      writeSysctls(netns, settings.sysctls, undo);
      if (changesLink(settings)) {
        using sock = openRouteSocket({ netns });
        const link = containerLink(sock, ctx.ifName);
        const saved = savedAttributes(link, settings);
        const file = backupFile(settings.dataDir, ctx.containerId, ctx.ifName);
        writeBackup(file, saved);
        undo.defer(`remove ${file}`, () => removeBackup(file));
        undo.defer(`restore ${ctx.ifName}`, () => {
          using again = openRouteSocket({ netns });
          const failures = restoreAttributes(again, link.index, saved);
          if (failures.length > 0) throw new Error(failures.join('; '));
        });
        applySettings(sock, link, settings);
      }
      return withMac(prev, ctx.ifName, settings.mac?.text);
    },
    (failure) => ctx.log.warn(`undo ${failure.label} failed: ${goErrorText(failure.error)}`),
  );
}
