import { busMayBeReachable } from './bus-socket.ts';
import { type DbusMethodCall, dbusCall } from './dbus-call.ts';
import { isDbusError, isDbusErrorCode } from './dbus-error.ts';

// firewalld over D-Bus (reference-plugins.md §2.3): a container's address is bound to a zone
// as a source (`addSource`), unbound at DEL (`removeSource`) and looked up at CHECK
// (`querySource`). firewalld writes the rules; the plugin only talks to it.

export const FIREWALLD = {
  BUS_NAME: 'org.fedoraproject.FirewallD1',
  PATH: '/org/fedoraproject/FirewallD1',
  ZONE_INTERFACE: 'org.fedoraproject.FirewallD1.zone',
  DEFAULT_ZONE: 'trusted',
  /** The error a source already bound to the zone gets; upstream tolerates it. */
  ZONE_ALREADY_SET: 'ZONE_ALREADY_SET',
} as const;

function zoneCall(member: string, zone: string, source: string): DbusMethodCall {
  return {
    destination: FIREWALLD.BUS_NAME,
    path: FIREWALLD.PATH,
    interface: FIREWALLD.ZONE_INTERFACE,
    member,
    signature: 'ss',
    body: [zone, source],
  };
}

/** True when firewalld's bus name has an owner on the bus (upstream's isFirewalldRunning). */
export async function firewalldRunning(address: string): Promise<boolean> {
  if (!busMayBeReachable(address)) return false;
  try {
    const owner = await dbusCall(address, {
      destination: 'org.freedesktop.DBus',
      path: '/org/freedesktop/DBus',
      interface: 'org.freedesktop.DBus',
      member: 'NameHasOwner',
      signature: 's',
      body: [FIREWALLD.BUS_NAME],
    });
    return owner === true;
  } catch (error) {
    if (isDbusError(error)) return false;
    throw error;
  }
}

/** Binds `source` (`10.1.0.5/32`) to `zone`; already bound there is success. */
export async function addFirewalldSource(
  address: string,
  zone: string,
  source: string,
): Promise<void> {
  try {
    await dbusCall(address, zoneCall('addSource', zone, source));
  } catch (error) {
    if (!isDbusErrorCode(error, FIREWALLD.ZONE_ALREADY_SET)) throw error;
  }
}

/** Unbinds `source` from `zone`; resolves false when firewalld refused (not bound, …). */
export async function removeFirewalldSource(
  address: string,
  zone: string,
  source: string,
): Promise<boolean> {
  try {
    await dbusCall(address, zoneCall('removeSource', zone, source));
    return true;
  } catch (error) {
    if (isDbusError(error) && error.errorName !== '') return false;
    throw error;
  }
}

/** True when `source` is bound to `zone`. */
export async function queryFirewalldSource(
  address: string,
  zone: string,
  source: string,
): Promise<boolean> {
  return (await dbusCall(address, zoneCall('querySource', zone, source))) === true;
}
