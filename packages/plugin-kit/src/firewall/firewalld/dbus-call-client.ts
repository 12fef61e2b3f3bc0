/// <reference path="./dbus-native.d.ts" />
// (The reference brings in the typings the library leaves out wherever this file is compiled,
// also from the packed package in another project.)
import type { MessageBus } from '@homebridge/dbus-native';
import { CALL_TIMEOUT_MS, type DbusMethodCall, messageText } from './dbus-call.ts';
import { DbusError } from './dbus-error.ts';

// A method call through @homebridge/dbus-native's bus client, for the bus addresses the
// direct socket path does not take (tcp:, unix:abstract=, lists of addresses).

/**
 * Calls `call` on the bus at `address` and resolves with the reply's first value. The
 * library is loaded on the first call: its modules (xml2js among them) cost start-up time
 * that no other backend and no other plugin should pay.
 */
export async function dbusCallThroughClient(
  address: string,
  call: DbusMethodCall,
): Promise<unknown> {
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
