// A busybox rootfs for `podman run --rootfs`: Debian's static busybox (package
// busybox-static) and a link per applet in /bin. No image, no registry.
import { chmodSync, copyFileSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

/** Debian's static busybox, copied into the rootfs. */
export const BUSYBOX = '/bin/busybox';

/** True when BUSYBOX exists and is statically linked (ldd refuses a static binary). */
export function haveStaticBusybox(): boolean {
  if (!existsSync(BUSYBOX)) return false;
  return Bun.spawnSync(['ldd', BUSYBOX], { stdout: 'pipe', stderr: 'pipe' }).exitCode !== 0;
}

/** Makes a rootfs holding busybox and a link per applet in /bin. */
export function makeBusyboxRootfs(dir: string): void {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  copyFileSync(BUSYBOX, join(bin, 'busybox'));
  chmodSync(join(bin, 'busybox'), 0o755);
  const listed = Bun.spawnSync([BUSYBOX, '--list'], { stdout: 'pipe' }).stdout.toString();
  for (const applet of listed.split('\n')) {
    if (applet !== '' && applet !== 'busybox') symlinkSync('busybox', join(bin, applet));
  }
}
