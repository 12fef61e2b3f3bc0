/// <reference path="./dbus-native.d.ts" />
// (The reference brings in the typings the library leaves out wherever this file is compiled,
// also from the packed package in another project.)
import type { MessageBus } from '@homebridge/dbus-native';
import { DbusError } from './dbus-error.ts';

// One D-Bus method call on its own connection, through @homebridge/dbus-native (pure JS,
// maintained by the Homebridge project): connect, authenticate, call, disconnect. A plugin
// makes one or two calls per run, so a connection per call costs little and leaves nothing
// open when the process ends.

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
const CALL_TIMEOUT_MS = 10_000;

function messageText(message: unknown): string {
  if (Array.isArray(message)) return message.map(String).join(' ');
  return String(message);
}

/**
 * Calls `call` on the bus at `address` and resolves with the reply's first value. The
 * library is loaded on the first call: its modules (xml2js among them) cost start-up time
 * that no other backend and no other plugin should pay.
 */
export async function dbusCall(address: string, call: DbusMethodCall): Promise<unknown> {
  const { createClient } = await import('@homebridge/dbus-native');
  return await new Promise((resolve, reject) => {
    let bus: MessageBus;
    try {
      bus = createClient({ busAddress: address });
    } catch (error) {
      reject(new DbusError('', `dial ${address}: ${String(error)}`, { cause: error }));
      return;
    }
    let done = false;
    const finish = (settle: () => void): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      bus.connection.stream.destroy();
      settle();
    };
    const timer = setTimeout(
      () => finish(() => reject(new DbusError('', `${call.member}: no reply from the bus`))),
      CALL_TIMEOUT_MS,
    );
    const unreachable = (error: unknown): void =>
      finish(() =>
        reject(new DbusError('', `dial ${address}: ${String(error)}`, { cause: error })),
      );
    bus.connection.on('error', unreachable);
    bus.connection.stream.on('error', unreachable);
    bus.connection.on('end', () => unreachable('connection closed'));
    bus.invoke({ ...call, body: [...call.body], interface: call.interface }, (error, value) => {
      if (error === undefined || error === null) finish(() => resolve(value));
      else {
        const name = typeof error.name === 'string' ? error.name : '';
        finish(() => reject(new DbusError(name, messageText(error.message))));
      }
    });
  });
}
