// The interface checks of upstream's bridge CHECK (validateCniBrInterface,
// validateCniContainerInterface, validateCniVethInterface), with its texts.
import { getLink, IFF, type Link, type NetlinkRequester } from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode, type Interface100 } from '@cni-ts/spec-types';

/** What a check found of one interface: its index, its veth peer's index, its master. */
export interface FoundInterface {
  readonly name: string;
  readonly index: number;
  readonly peerIndex: number;
  readonly masterIndex: number;
}

function fail(message: string): never {
  throw new CniError(CniErrorCode.Internal, message);
}

/** The link named by a result interface, in the namespace of `sock`. */
function lookUp(sock: NetlinkRequester, intf: Interface100 | undefined, inSandbox: boolean): Link {
  const name = intf?.name ?? '';
  if (name === '') fail('Interface name missing ');
  let link: Link;
  try {
    link = getLink(sock, { name });
  } catch {
    fail(`Interface name ${name} not found`);
  }
  const sandbox = intf?.sandbox ?? '';
  if (inSandbox && sandbox === '') fail(`Interface ${name} is expected to be in a sandbox`);
  if (!inSandbox && sandbox !== '') fail(`Interface ${name} should not be in sandbox`);
  return link;
}

function found(link: Link): FoundInterface {
  return {
    name: link.name,
    index: link.index,
    peerIndex: link.link ?? 0,
    masterIndex: link.master ?? 0,
  };
}

function vethPeer(link: Link): void {
  if (link.link === undefined || link.link <= 0) {
    fail(`Unable to obtain veth peer index for veth ${link.name}`);
  }
}

/** The bridge: exists in the host, is a bridge, has the result's MAC and the configured promisc state. */
export function checkBridgeInterface(
  hostSock: NetlinkRequester,
  intf: Interface100 | undefined,
  promiscMode: boolean,
): FoundInterface {
  const link = lookUp(hostSock, intf, false);
  const name = intf?.name ?? '';
  if (link.kind !== 'bridge') fail(`Interface ${name} does not have link type of bridge`);
  if (intf?.mac !== undefined && intf.mac !== '' && intf.mac !== link.mac) {
    fail(`Bridge interface ${name} Mac doesn't match: ${intf.mac}`);
  }
  const promisc = (link.flags & IFF.PROMISC) !== 0;
  if (promisc !== promiscMode) {
    fail(
      `Bridge interface ${name} configured Promisc Mode ${promiscMode} doesn't match current state: ${promisc} `,
    );
  }
  return found(link);
}

/** The container interface: exists in the sandbox, is a veth with a peer, has the result's MAC. */
export function checkContainerInterface(
  containerSock: NetlinkRequester,
  intf: Interface100 | undefined,
): FoundInterface {
  const link = lookUp(containerSock, intf, true);
  if (link.kind !== 'veth') fail(`Error: Container interface ${link.name} not of type veth`);
  vethPeer(link);
  if (intf?.mac !== undefined && intf.mac !== '' && intf.mac !== link.mac) {
    fail(`Interface ${intf.name} Mac ${intf.mac} doesn't match container Mac: ${link.mac ?? ''}`);
  }
  return found(link);
}

/**
 * One other result interface: found when it is the host veth peered with the container
 * interface and enslaved to the bridge (then its MAC must match); undefined when it is
 * something else, which is skipped as upstream does.
 */
export function checkHostVeth(
  hostSock: NetlinkRequester,
  intf: Interface100,
  bridge: FoundInterface,
  container: FoundInterface,
): FoundInterface | undefined {
  const link = lookUp(hostSock, intf, false);
  if (link.kind !== 'veth') return undefined;
  vethPeer(link);
  const veth = found(link);
  if (veth.index !== container.peerIndex || container.index !== veth.peerIndex) return undefined;
  if (veth.masterIndex !== bridge.index) return undefined;
  if (intf.mac !== undefined && intf.mac !== '' && intf.mac !== link.mac) {
    fail(`Interface ${intf.name} Mac doesn't match: ${intf.mac} not found`);
  }
  return veth;
}
