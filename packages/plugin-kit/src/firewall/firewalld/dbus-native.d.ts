// What @homebridge/dbus-native exports but its own typings leave out.
import type { MessageBus } from '@homebridge/dbus-native';

declare module '@homebridge/dbus-native' {
  /** A bus connection to `busAddress` (`unix:path=…`), opened at once. */
  export function createClient(options: { readonly busAddress: string }): MessageBus;
}
