// What a container runtime can leave outside its scratch directory, and its removal:
// processes that outlive a failed test (conmon of a running container) and the cgroup
// directories of its containers (runc removes a container's own, not the parent).
import { existsSync, readdirSync, readFileSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';

export const CGROUP_ROOT = '/sys/fs/cgroup';

/** Kills, by PID, the processes whose command line mentions `dir` (all started by the test). */
export function killProcessesUsing(dir: string): void {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue; // Gone meanwhile.
    }
    if (!cmdline.includes(dir)) continue;
    try {
      process.kill(Number(entry), 'SIGKILL');
    } catch {
      // Already exited.
    }
  }
}

function removeCgroupTree(path: string): void {
  if (!existsSync(path)) return;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.isDirectory()) removeCgroupTree(join(path, entry.name));
  }
  try {
    rmdirSync(path);
  } catch {
    // Still holds a process; nothing more to do without killing what we did not start.
  }
}

/** Removes the cgroup directory `name` (a container parent) from every hierarchy. */
export function removeCgroupParent(name: string): void {
  for (const hierarchy of readdirSync(CGROUP_ROOT)) {
    removeCgroupTree(join(CGROUP_ROOT, hierarchy, name));
  }
}
