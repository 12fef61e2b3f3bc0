import {
  deleteRoute,
  deleteRule,
  getLink,
  goErrorText,
  isNotFound,
  listAddresses,
  listRoutes,
  listRules,
  type NetlinkRequester,
  openRouteSocket,
  type PluginContext,
  type Rule,
  tryOpenNetns,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode, canonicalIp } from '@cni-ts/spec-types';
import { lockNetnsFile } from './_netns-lock.ts';
import { FIRST_TABLE_ID, type SbrConfig } from './config.ts';
import { routeSpecOf } from './route-copy.ts';

/** The addresses whose rules go: the interface's now, and the previous result's for it. */
function knownAddresses(
  sock: NetlinkRequester,
  index: number,
  ctx: PluginContext<SbrConfig>,
): Set<string> {
  const addresses = new Set<string>();
  for (const address of listAddresses(sock, { index })) {
    const ip = canonicalIp(address.address.split('/')[0] ?? '');
    if (ip !== undefined) addresses.add(ip);
  }
  for (const ipc of ctx.prevResult?.ips ?? []) {
    const ip = canonicalIp(ipc.address.split('/')[0] ?? '');
    if (ip !== undefined) addresses.add(ip);
  }
  return addresses;
}

function ruleSource(rule: Rule): string | undefined {
  return rule.src === undefined ? undefined : canonicalIp(rule.src.split('/')[0] ?? '');
}

/** Deletes the routes through the interface of a table sbr picked itself. */
function emptyTable(sock: NetlinkRequester, table: number, index: number): void {
  for (const route of listRoutes(sock, { table, oif: index })) {
    try {
      deleteRoute(sock, routeSpecOf(route));
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
}

/**
 * sbr DEL, under upstream's lock: deletes every rule (of `table` when set) whose source is
 * an address of the interface or of the previous result for it and, when sbr picked the
 * table itself, the table's routes through the interface (upstream leaves those until the
 * interface goes). A missing namespace, interface or rule is success (upstream fails on a
 * missing namespace and creates a file at its path).
 */
export function delSbr(ctx: PluginContext<SbrConfig>): void {
  using netns = tryOpenNetns(ctx.netns);
  if (netns === undefined) return;
  using _lock = lockNetnsFile(ctx.netns);
  using sock = openRouteSocket({ netns });
  let index: number;
  try {
    index = getLink(sock, { name: ctx.ifName }).index;
  } catch (error) {
    if (isNotFound(error)) return;
    throw error;
  }
  const table = ctx.config.table;
  const rules = listRules(sock, table === undefined ? {} : { table });
  const addresses = knownAddresses(sock, index, ctx);
  const failures: string[] = [];
  for (const rule of rules) {
    const source = ruleSource(rule);
    if (source === undefined || !addresses.has(source)) continue;
    try {
      deleteRule(sock, {
        family: rule.family,
        priority: rule.priority,
        table: rule.table,
        ...(rule.src === undefined ? {} : { src: rule.src }),
      });
      if (table === undefined && rule.table >= FIRST_TABLE_ID) emptyTable(sock, rule.table, index);
    } catch (error) {
      if (!isNotFound(error)) failures.push(goErrorText(error));
    }
  }
  if (failures.length > 0) {
    throw new CniError(CniErrorCode.Internal, `Failed to delete rule ${failures.join('; ')}`);
  }
}
