// Writing and reading the `sysctl` entries inside the container's namespace, with Go's
// error texts (`open /proc/sys/net/core/nope: no such file or directory`).
import {
  errnoDescription,
  isSyscallError,
  type Netns,
  readSysctl,
  setSysctl,
  type UndoStack,
} from '@cni-ts/plugin-kit';
import { CniError, CniErrorCode } from '@cni-ts/spec-types';
import type { SysctlSetting } from './settings.ts';
import { sysctlName } from './sysctl-key.ts';

/** A failed open/read/write of a sysctl file, as Go's os package words it (code 999). */
function fileError(file: string, error: unknown): CniError {
  if (!isSyscallError(error)) {
    return new CniError(CniErrorCode.Internal, `${file}: ${String(error)}`, { cause: error });
  }
  return new CniError(
    CniErrorCode.Internal,
    `${error.syscall} ${file}: ${errnoDescription(error.errno)}`,
    { cause: error },
  );
}

/** The value of a sysctl file without its trailing newline; code 999 when it cannot be read. */
export function readSysctlFile(netns: Netns, file: string): string {
  try {
    return readSysctl(sysctlName(file), { netns });
  } catch (error) {
    throw fileError(file, error);
  }
}

function previousValue(netns: Netns, file: string): string | undefined {
  try {
    return readSysctl(sysctlName(file), { netns });
  } catch {
    return undefined; // write-only (or missing: the write fails next)
  }
}

/**
 * Writes each entry in the namespace, in the config's order. Each value that could be read
 * first is written back if ADD fails later (upstream leaves them changed).
 */
export function writeSysctls(
  netns: Netns,
  sysctls: readonly SysctlSetting[],
  undo: UndoStack,
): void {
  for (const { file, value } of sysctls) {
    const previous = previousValue(netns, file);
    try {
      setSysctl(sysctlName(file), value, { netns });
    } catch (error) {
      throw fileError(file, error);
    }
    if (previous !== undefined) {
      undo.defer(`restore ${file}`, () => setSysctl(sysctlName(file), previous, { netns }));
    }
  }
}
