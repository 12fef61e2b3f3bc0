/**
 * The verbs a runtime passes in CNI_COMMAND (case-sensitive). STATUS and GC are 1.1.0
 * additions: STATUS succeeds with exit 0 and no output, and fails with an error object
 * whose code is 50 (plugin not available) or 51 (limited connectivity); GC gets the
 * config with `cni.dev/valid-attachments` and prints nothing on success.
 */
export const CNI_COMMANDS = ['ADD', 'DEL', 'CHECK', 'GC', 'STATUS', 'VERSION'] as const;

/** A CNI_COMMAND value. */
export type CniCommand = (typeof CNI_COMMANDS)[number];

/** True when `value` is a CNI_COMMAND the spec defines (exact case). */
export function isCniCommand(value: string): value is CniCommand {
  return (CNI_COMMANDS as readonly string[]).includes(value);
}

/** The environment variables of the protocol, in the order upstream's skel reads them. */
export const CNI_ENV = [
  'CNI_COMMAND',
  'CNI_CONTAINERID',
  'CNI_NETNS',
  'CNI_IFNAME',
  'CNI_ARGS',
  'CNI_PATH',
  'CNI_NETNS_OVERRIDE',
] as const;

/** A protocol environment variable name. */
export type CniEnvName = (typeof CNI_ENV)[number];
