import {
  addAddress,
  addRoute,
  goErrorText,
  IFA_F,
  isExists,
  type NetlinkRequester,
  RT_SCOPE,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode, type IpConfig100 } from '@cni-ts/spec-types';
import { addressOf, familyOf, hostPrefix } from './_prefix.ts';

export interface HostSideOptions {
  /** A route socket in the host namespace. */
  readonly sock: NetlinkRequester;
  readonly index: number;
  readonly name: string;
  readonly ips: readonly IpConfig100[];
  /** Skip DAD on the IPv6 gateway addresses (see configureContainerSide). */
  readonly noDad: boolean;
}

function fail(message: string, error: unknown): never {
  throw new CniError(CniErrorCode.Internal, message, { cause: error });
}

/**
 * The host half of a ptp ADD, on the host veth: every gateway as a single address (all
 * ptp host veths carry the same ones) and a host-scoped route to every container address
 * (`ip addr add GW/32 dev VETH; ip route add IP/32 dev VETH scope host`). Both may exist
 * already (two addresses sharing a gateway).
 */
export function configureHostSide(options: HostSideOptions): void {
  const { sock, index, name } = options;
  for (const ipc of options.ips) {
    const gateway = hostPrefix(ipc.gateway ?? '');
    const v6NoDad = options.noDad && familyOf(gateway) === 6 ? { flags: IFA_F.NODAD } : {};
    try {
      addAddress(sock, { index, address: gateway, ...v6NoDad });
    } catch (error) {
      if (!isExists(error)) {
        fail(
          `failed to add IP addr ${gateway} to ${JSON.stringify(name)}: ${goErrorText(error)}`,
          error,
        );
      }
    }
    const dst = hostPrefix(addressOf(ipc.address));
    try {
      addRoute(sock, { dst, oif: index, scope: RT_SCOPE.HOST });
    } catch (error) {
      if (!isExists(error)) {
        fail(`failed to add route on host: ${dst} dev ${name}: ${goErrorText(error)}`, error);
      }
    }
  }
}
