import {
  CNI_ENV,
  type CniCommand,
  type CniEnvName,
  CniError,
  CniErrorCode,
  isCniCommand,
  validateContainerId,
  validateInterfaceName,
} from '@cni-ts/spec-types';

/** The environment a plugin runs with (`process.env`, or a record a test builds). */
export type EnvRecord = Readonly<Record<string, string | undefined>>;

/** The protocol variables as read from the environment; an unset variable is "". */
export interface CniEnv {
  /** CNI_COMMAND as given: one of the spec's verbs, or anything else (an unknown command). */
  readonly command: string;
  readonly containerId: string;
  readonly netns: string;
  readonly ifName: string;
  readonly args: string;
  readonly path: string;
  readonly netnsOverride: string;
}

/**
 * The variables each command requires, as upstream's skel requires them (stricter than the
 * spec about CNI_PATH). A command outside this table requires CNI_COMMAND only.
 */
export const REQUIRED_ENV: Readonly<Record<CniCommand, readonly CniEnvName[]>> = {
  ADD: ['CNI_COMMAND', 'CNI_CONTAINERID', 'CNI_NETNS', 'CNI_IFNAME', 'CNI_PATH'],
  CHECK: ['CNI_COMMAND', 'CNI_CONTAINERID', 'CNI_NETNS', 'CNI_IFNAME', 'CNI_PATH'],
  DEL: ['CNI_COMMAND', 'CNI_CONTAINERID', 'CNI_IFNAME', 'CNI_PATH'],
  GC: ['CNI_COMMAND', 'CNI_PATH'],
  STATUS: ['CNI_COMMAND', 'CNI_PATH'],
  VERSION: ['CNI_COMMAND'],
};

const VALIDATORS: Partial<Record<CniEnvName, (value: string) => void>> = {
  CNI_CONTAINERID: validateContainerId,
  CNI_IFNAME: validateInterfaceName,
};

/**
 * Reads the protocol variables in upstream's order. A required variable that is set is
 * validated at once (container ID: code 3/4, interface name: code 4), so the first bad
 * value wins over any missing one; the missing ones are then reported together (code 4,
 * `required env variables [CNI_CONTAINERID,CNI_PATH] missing`).
 */
export function readCniEnv(env: EnvRecord): CniEnv {
  const command = env.CNI_COMMAND ?? '';
  const required: readonly CniEnvName[] = isCniCommand(command)
    ? REQUIRED_ENV[command]
    : ['CNI_COMMAND'];
  const missing: CniEnvName[] = [];
  for (const name of CNI_ENV) {
    const value = env[name] ?? '';
    if (!required.includes(name)) continue;
    if (value === '') missing.push(name);
    else VALIDATORS[name]?.(value);
  }
  if (missing.length > 0) {
    throw new CniError(
      CniErrorCode.InvalidEnvironmentVariables,
      `required env variables [${missing.join(',')}] missing`,
    );
  }
  return {
    command,
    containerId: env.CNI_CONTAINERID ?? '',
    netns: env.CNI_NETNS ?? '',
    ifName: env.CNI_IFNAME ?? '',
    args: env.CNI_ARGS ?? '',
    path: env.CNI_PATH ?? '',
    netnsOverride: env.CNI_NETNS_OVERRIDE ?? '',
  };
}

function isTrueFlag(value: string): boolean {
  // "true" in any case, compared by code: toLowerCase's first call costs an exec ~60 µs.
  if (value === '1') return true;
  if (value.length !== 4) return false;
  const word = 'true';
  for (let i = 0; i < 4; i++) {
    if ((value.charCodeAt(i) | 0x20) !== word.charCodeAt(i)) return false;
  }
  return true;
}

/** True when CNI_NETNS_OVERRIDE lifts the netns check: "1" or "true" in any case. */
export function isNetnsOverride(value: string): boolean {
  return isTrueFlag(value);
}

/** CNI_PATH as a list of directories (split on ':', empty entries dropped). */
export function splitCniPath(path: string): string[] {
  const dirs: string[] = [];
  for (const dir of path.split(':')) if (dir !== '') dirs.push(dir);
  return dirs;
}

/** True when the environment asks for debug logging (CNI_TS_DEBUG=1 or true). */
export function isDebugEnv(env: EnvRecord): boolean {
  return isTrueFlag(env.CNI_TS_DEBUG ?? '');
}
