import { isNotFound } from '../errors/predicates.ts';
import { getLink } from '../netlink/route/link/ops.ts';
import type { Link } from '../netlink/route/link/types.ts';
import type { NetlinkRequester } from '../netlink/socket/requester.ts';
import { goErrorText } from './_go-format.ts';
import { defaultRouteLink } from './default-route-link.ts';
import { NetSetupError } from './net-setup-error.ts';

const OP = 'findMasterLink';

/**
 * The parent ("master") of a macvlan or ipvlan, looked up through `sock` (the host's, or the
 * container's with `linkInContainer`): the named link or, with no name, the link of the
 * default route. Fails with upstream's texts: `failed to lookup master "eth9": Link not
 * found` ('kernel', the NetlinkError in `cause`) and `no default route interface found`
 * ('no-default-route').
 */
export function findMasterLink(sock: NetlinkRequester, name: string | undefined): Link {
  if (name === undefined || name === '') {
    const link = defaultRouteLink(sock);
    if (link === undefined) {
      throw new NetSetupError(OP, 'no-default-route', 'no default route interface found');
    }
    return link;
  }
  try {
    return getLink(sock, { name });
  } catch (error) {
    const why = isNotFound(error) ? 'Link not found' : goErrorText(error);
    throw new NetSetupError(
      OP,
      'kernel',
      `failed to lookup master ${JSON.stringify(name)}: ${why}`,
      error,
    );
  }
}
