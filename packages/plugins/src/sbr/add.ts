import {
  goErrorText,
  openContainerNetns,
  openRouteSocket,
  type PluginContext,
  withUndo,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode, type Result100 } from '@cni-ts/spec-types';
import { lockNetnsFile } from './_netns-lock.ts';
import { addRulesToTable, routeThroughTables } from './add-routes.ts';
import { sourceAddresses } from './addresses.ts';
import type { SbrConfig } from './config.ts';
import { staticGateways } from './gateways.ts';

/** The previous result; sbr only works after the plugin that made the interface. */
export function requirePrevResult(prev: Result100 | undefined): Result100 {
  if (prev === undefined) {
    throw new CniError(CniErrorCode.Internal, 'This plugin must be called as chained plugin');
  }
  return prev;
}

/**
 * sbr ADD: source-based routing for the previous result's addresses of CNI_IFNAME, under
 * upstream's lock on the namespace file. With `table`, a rule per address into it;
 * otherwise a table per address with the default route and the interface's routes moved
 * out of main (see routeThroughTables). The previous result passes through unchanged. On
 * failure every rule and route made is taken back and main's routes put back.
 */
export async function addSbr(ctx: PluginContext<SbrConfig>): Promise<Result100> {
  const { config } = ctx;
  const prev = requirePrevResult(ctx.prevResult);
  const sources = sourceAddresses(prev, ctx.ifName);
  const gateways = staticGateways(config.gateways);
  using netns = openContainerNetns(ctx.netns);
  using _lock = lockNetnsFile(ctx.netns);
  using sock = openRouteSocket({ netns });
  await withUndo(
    async (undo) => {
      if (config.table !== undefined) addRulesToTable(sock, sources, config.table, undo);
      else {
        routeThroughTables(
          sock,
          {
            ifName: ctx.ifName,
            sources,
            gateways,
            addSourceHints: config.addSourceHints === true,
          },
          undo,
        );
      }
    },
    (failure) => ctx.log.warn(`undo ${failure.label} failed: ${goErrorText(failure.error)}`),
  );
  return prev;
}
