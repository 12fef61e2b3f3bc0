// The library's message module, which it ships without typings (no imports here: this
// file declares a module of its own).

/** The library's message (un)marshalling, used without its bus client (see dbus-wire.ts). */
declare module '@homebridge/dbus-native/lib/message' {
  /** A message as the library reads and writes it: header fields by name, body by signature. */
  export interface DbusWireMessage {
    type?: number;
    flags?: number;
    serial?: number;
    path?: string;
    interface?: string;
    member?: string;
    errorName?: string;
    replySerial?: number;
    destination?: string;
    sender?: string;
    signature?: string;
    body?: unknown[];
  }
  /** The bytes of one message (little-endian). */
  export function marshall(message: DbusWireMessage): Buffer;
  /** What unmarshalMessages reads from: a 'readable' event, then read(size) until null. */
  export interface DbusByteStream {
    on(event: 'readable', listener: () => void): void;
    read(size: number): Buffer | null;
  }
  /** Calls `onMessage` for each whole message the stream holds. */
  export function unmarshalMessages(
    stream: DbusByteStream,
    onMessage: (message: DbusWireMessage) => void,
  ): void;
}
