import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestNetns } from './test-netns.ts';

// A real firewalld for root-only tests, never the machine's: a private dbus-daemon (its
// config and socket in a temp dir) and `firewalld --nofork --nopid` with a copy of
// /etc/firewalld, both started inside a throwaway namespace; firewalld also gets a mount
// namespace with a tmpfs on /run so that it leaves nothing on the machine. stop() kills
// both by PID and removes the temp dir.

export interface PrivateFirewalld {
  /** `unix:path=…` of the private bus (DBUS_SYSTEM_BUS_ADDRESS for the plugin). */
  readonly address: string;
  stop(): Promise<void>;
}

/** Why a private firewalld cannot run here, or null. */
export function privateFirewalldSkipReason(): string | null {
  for (const tool of ['/usr/bin/dbus-daemon', '/usr/sbin/firewalld']) {
    if (!existsSync(tool)) return `${tool} is not installed (Debian packages dbus, firewalld)`;
  }
  return null;
}

function busConfig(socket: string): string {
  return `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=${socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_destination="*"/>
    <allow receive_sender="*"/>
  </policy>
</busconfig>
`;
}

async function waitFor(what: string, ready: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await ready()) return;
    await Bun.sleep(50);
  }
  throw new Error(`private firewalld: ${what} did not come up in 10 s`);
}

/** Starts the bus and firewalld in `ns`; resolves once firewalld owns its bus name. */
export async function startPrivateFirewalld(ns: TestNetns): Promise<PrivateFirewalld> {
  const dir = mkdtempSync(join(tmpdir(), 'cnits-firewalld-'));
  const socket = join(dir, 'bus');
  const address = `unix:path=${socket}`;
  writeFileSync(join(dir, 'bus.conf'), busConfig(socket));
  cpSync('/etc/firewalld', join(dir, 'etc'), { recursive: true });
  const children: Bun.Subprocess[] = [];
  const stop = async (): Promise<void> => {
    for (const child of children.reverse()) {
      child.kill();
      await child.exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const log = Bun.file(join(dir, 'bus.log'));
    children.push(
      Bun.spawn(
        [
          'ip',
          'netns',
          'exec',
          ns.name,
          'dbus-daemon',
          `--config-file=${join(dir, 'bus.conf')}`,
          '--nofork',
          '--nopidfile',
        ],
        { stdout: log, stderr: log },
      ),
    );
    await waitFor('dbus-daemon', () => existsSync(socket));
    const fwLog = Bun.file(join(dir, 'firewalld.log'));
    const firewalld = [
      'firewalld',
      '--nofork',
      '--nopid',
      '--system-config',
      join(dir, 'etc'),
      '--log-target',
      'console',
    ].join(' ');
    children.push(
      Bun.spawn(
        [
          'ip',
          'netns',
          'exec',
          ns.name,
          'unshare',
          '--mount',
          '--propagation',
          'private',
          'sh',
          '-c',
          `mount -t tmpfs cnits-firewalld /run && exec ${firewalld}`,
        ],
        { stdout: fwLog, stderr: fwLog, env: { ...process.env, DBUS_SYSTEM_BUS_ADDRESS: address } },
      ),
    );
    await waitFor('firewalld', () => {
      const probe = Bun.spawnSync(
        [
          'dbus-send',
          '--system',
          '--print-reply',
          '--dest=org.freedesktop.DBus',
          '/org/freedesktop/DBus',
          'org.freedesktop.DBus.GetNameOwner',
          'string:org.fedoraproject.FirewallD1',
        ],
        {
          env: { ...process.env, DBUS_SYSTEM_BUS_ADDRESS: address },
          stdout: 'ignore',
          stderr: 'ignore',
        },
      );
      return probe.exitCode === 0;
    });
    return { address, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
