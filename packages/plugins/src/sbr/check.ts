import {
  listRules,
  openContainerNetns,
  openRouteSocket,
  type PluginContext,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode, canonicalIp } from '@cni-ts/spec-types';
import { requirePrevResult } from './add.ts';
import { hostPrefix, sourceAddresses } from './addresses.ts';
import type { SbrConfig } from './config.ts';

/**
 * sbr CHECK. Upstream's is a no-op; this one checks what ADD made: a rule
 * `from <ip> lookup <table>` for each of the previous result's addresses of the interface
 * (into `table` when set), or code 999 naming the address.
 */
export function checkSbr(ctx: PluginContext<SbrConfig>): void {
  const prev = requirePrevResult(ctx.prevResult);
  const sources = sourceAddresses(prev, ctx.ifName);
  using netns = openContainerNetns(ctx.netns);
  using sock = openRouteSocket({ netns });
  const table = ctx.config.table;
  const rules = listRules(sock, table === undefined ? {} : { table });
  for (const source of sources) {
    const found = rules.some(
      (rule) =>
        rule.src !== undefined &&
        canonicalIp(rule.src.split('/')[0] ?? '') === source.ip &&
        rule.src.endsWith(hostPrefix(source).slice(source.ip.length)),
    );
    if (!found) {
      throw new CniError(
        CniErrorCode.Internal,
        `sbr: no rule for source ${source.ip}${table === undefined ? '' : ` in table ${table}`}`,
      );
    }
  }
}
