/** A plugin's logger: lines go to stderr, which the runtime keeps apart from the result. */
export interface Logger {
  /** True when debug lines are written (CNI_TS_DEBUG=1). */
  readonly debugEnabled: boolean;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Where log text goes. */
export type LogSink = (text: string) => void;

/**
 * A logger writing `<plugin>: <level>: <message>` lines to `sink`. Debug lines are written
 * only when `debug` is set.
 */
export function createLogger(name: string, sink: LogSink, debug = false): Logger {
  const line = (level: string) => (message: string) => sink(`${name}: ${level}: ${message}\n`);
  const noop = () => {};
  return {
    debugEnabled: debug,
    debug: debug ? line('debug') : noop,
    info: line('info'),
    warn: line('warn'),
    error: line('error'),
  };
}

/** A logger that drops everything. */
export const silentLogger: Logger = {
  debugEnabled: false,
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};
