import { CniError, CniErrorCode, type Interface100, type Result100 } from '@cni-ts/spec-types';
import { getLink } from '../netlink/route/link/ops.ts';
import type { Link } from '../netlink/route/link/types.ts';
import { openRouteSocket } from '../netlink/socket/open-route-socket.ts';
import type { NetlinkRequester } from '../netlink/socket/requester.ts';
import type { Netns } from '../netns/netns.ts';
import { validateExpectedInterfaceIps } from './validate-expected-interface-ips.ts';
import { validateExpectedRoute } from './validate-expected-route.ts';

/** What CHECK expects of the container's link, besides its addresses and routes. */
export interface ContainerLinkExpectation {
  /** The link kind the plugin makes (`macvlan`, `ipvlan`, `vlan`…). */
  readonly kind: string;
  /** The kind's own settings (mode, VLAN id, MTU): throw a CniError when one differs. */
  readonly check?: (link: Link, intf: Interface100) => void;
}

function fail(message: string): never {
  throw new CniError(CniErrorCode.Internal, message);
}

/**
 * The result's MAC for `intf` must be the link's (case aside); an interface the result gives
 * no MAC passes. Code 999 with upstream's text.
 */
export function assertResultMac(intf: Interface100, linkMac: string | undefined): void {
  const mac = linkMac ?? '';
  if (intf.mac !== undefined && intf.mac !== '' && intf.mac.toLowerCase() !== mac.toLowerCase()) {
    fail(`Interface ${intf.name} Mac ${intf.mac} doesn't match container Mac: ${mac}`);
  }
}

/**
 * The interface of `prevResult` whose sandbox is CNI_NETNS, and its link in the namespace
 * `sock` speaks to, with upstream's texts (code 999): a prevResult is required, the
 * interface must be there and its link must exist.
 */
export function findContainerLink(
  sock: NetlinkRequester,
  netnsPath: string,
  prevResult: Result100 | undefined,
): { intf: Interface100; link: Link } {
  if (prevResult === undefined) fail('Required prevResult missing');
  const intf = (prevResult.interfaces ?? []).find(
    (candidate) => candidate.sandbox !== undefined && candidate.sandbox === netnsPath,
  );
  if (intf === undefined)
    fail(`Sandbox in prevResult doesn't match configured netns: ${netnsPath}`);
  try {
    return { intf, link: getLink(sock, { name: intf.name }) };
  } catch {
    fail(`Container Interface name in prevResult: ${intf.name} not found`);
  }
}

/**
 * The container half of CHECK as upstream's link plugins (macvlan, ipvlan, vlan) make it,
 * with their texts (code 999): a prevResult is required; its interface whose sandbox is
 * CNI_NETNS must be a link of `kind` inside `netns`, pass the kind's own check, have the
 * result's MAC, and carry the result's addresses and routes.
 */
export function checkContainerLink(
  netns: Netns,
  netnsPath: string,
  prevResult: Result100 | undefined,
  expected: ContainerLinkExpectation,
): void {
  using sock = openRouteSocket({ netns });
  const { intf, link } = findContainerLink(sock, netnsPath, prevResult);
  if (link.kind !== expected.kind || link.kindData?.kind !== expected.kind) {
    fail(`Container interface ${intf.name} not of type ${expected.kind}`);
  }
  expected.check?.(link, intf);
  assertResultMac(intf, link.mac);
  validateExpectedInterfaceIps(sock, intf.name, prevResult?.ips ?? []);
  validateExpectedRoute(sock, prevResult?.routes ?? []);
}
