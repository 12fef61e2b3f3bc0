import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { pathJoin } from '@cni-ts/spec-types';
import * as v from 'valibot';

/** Where host-device keeps what it must give back at DEL (config `dataDir` overrides it). */
export const DEFAULT_STATE_DIR = '/var/lib/cni/host-device';

const StateSchema = v.object({
  name: v.string(),
  mtu: v.number(),
  addresses: v.array(v.string()),
});

/** A device as it was in the host before ADD moved it: its name, MTU and addresses. */
export type HostDeviceState = v.InferOutput<typeof StateSchema>;

/** The state file of one attachment: `<dir>/<containerId>-<ifName>.json`. */
export function statePath(dir: string, containerId: string, ifName: string): string {
  return pathJoin(dir, `${containerId}-${ifName}.json`);
}

/** Writes the state atomically (a temporary file renamed into place). */
export function saveState(path: string, state: HostDeviceState): void {
  mkdirSync(pathJoin(path, '..'), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(state)}\n`);
  renameSync(temp, path);
}

/** The saved state, or undefined when there is none or it cannot be read. */
export function loadState(path: string): HostDeviceState | undefined {
  try {
    const parsed = v.safeParse(StateSchema, JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.output : undefined;
  } catch {
    return undefined;
  }
}

/** Removes the state file; a missing one is fine. */
export function removeState(path: string): void {
  rmSync(path, { force: true });
}
