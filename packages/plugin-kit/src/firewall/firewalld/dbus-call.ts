import { unixBusSocketPath } from './bus-socket.ts';

// One D-Bus method call on its own connection: connect, authenticate, call, disconnect. A
// plugin makes one or two calls per run, so a connection per call costs little and leaves
// nothing open when the process ends. Over a socket of our own for the system bus's
// `unix:path=` (dbus-call-socket.ts), the messages are coded by dbus-wire.ts, as
// @homebridge/dbus-native (pure JS, maintained by the Homebridge project) codes them and
// with its message module for what that coder does not take; through its bus client otherwise.

/** The system bus as libdbus finds it: DBUS_SYSTEM_BUS_ADDRESS, else the standard socket. */
export function systemBusAddress(
  env: Readonly<Record<string, string | undefined>> = process.env,
): string {
  return env.DBUS_SYSTEM_BUS_ADDRESS ?? 'unix:path=/var/run/dbus/system_bus_socket';
}

/** One method call. */
export interface DbusMethodCall {
  readonly destination: string;
  readonly path: string;
  readonly interface: string;
  readonly member: string;
  /** D-Bus signature of `body` ('ss' for two strings), '' for none. */
  readonly signature: string;
  readonly body: readonly (string | number | boolean)[];
}

/** How long a call may take (connect, auth, reply) before it is given up. */
export const CALL_TIMEOUT_MS = 10_000;

/** An error reply's text: its body's strings joined. */
export function messageText(message: unknown): string {
  if (Array.isArray(message)) return message.map(String).join(' ');
  return String(message);
}

/**
 * Calls `call` on the bus at `address` and resolves with the reply's first value; a
 * DbusError when the bus cannot be reached or the service replies an error. A lone
 * `unix:path=` address (the system bus) is spoken to over a socket of its own; any other
 * goes through the library's bus client.
 */
export async function dbusCall(address: string, call: DbusMethodCall): Promise<unknown> {
  const path = unixBusSocketPath(address);
  if (path !== undefined) {
    const { dbusCallOverSocket } = await import('./dbus-call-socket.ts');
    return dbusCallOverSocket(address, path, call);
  }
  const { dbusCallThroughClient } = await import('./dbus-call-client.ts');
  return dbusCallThroughClient(address, call);
}
