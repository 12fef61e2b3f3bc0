import { afterEach, describe, expect, test } from 'bun:test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  createTestNetns,
  netnsSkipReason,
  type PrivateFirewalld,
  privateFirewalldSkipReason,
  startPrivateFirewalld,
  type TestNetns,
  useTimeLimit,
} from '../../testing/index.ts';
import {
  addFirewalldSource,
  firewalldRunning,
  queryFirewalldSource,
  removeFirewalldSource,
} from './firewalld.ts';

useTimeLimit('netns');

const skip = netnsSkipReason() ?? privateFirewalldSkipReason();
const made: { ns?: TestNetns | undefined; fw?: PrivateFirewalld | undefined } = {};

afterEach(async () => {
  await made.fw?.stop();
  made.ns?.remove();
  made.fw = undefined;
  made.ns = undefined;
});

/** The zone's sources as firewall-cmd would print them, through dbus-send. */
function sources(address: string, zone: string): string[] {
  const out = Bun.spawnSync(
    [
      'dbus-send',
      '--system',
      '--print-reply',
      '--dest=org.fedoraproject.FirewallD1',
      '/org/fedoraproject/FirewallD1',
      'org.fedoraproject.FirewallD1.zone.getSources',
      `string:${zone}`,
    ],
    { env: { ...process.env, DBUS_SYSTEM_BUS_ADDRESS: address } },
  ).stdout.toString();
  return [...out.matchAll(/string "([^"]*)"/g)].map((match) => match[1] ?? '');
}

describe.skipIf(skip !== null)(
  `firewalld over D-Bus, a private bus and firewalld${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('addSource (twice), querySource, removeSource (twice) on a real firewalld', async () => {
      const runDirBefore = existsSync('/run/firewalld');
      made.ns = createTestNetns('cnits-fwd');
      made.fw = await startPrivateFirewalld(made.ns);
      const { address } = made.fw;
      expect(await firewalldRunning(address)).toBe(true);
      // In a process of its own: the calls a plugin makes do not load the D-Bus library.
      const probe = Bun.spawnSync(
        [process.execPath, join(import.meta.dir, '_test-bus-probe.ts'), address],
        { stdout: 'pipe', stderr: 'pipe' },
      );
      expect(JSON.parse(probe.stdout.toString())).toEqual({ running: true, loaded: false });
      expect(sources(address, 'trusted')).toEqual([]);
      await addFirewalldSource(address, 'trusted', '10.244.80.2/32');
      await addFirewalldSource(address, 'trusted', '10.244.80.2/32'); // ZONE_ALREADY_SET
      await addFirewalldSource(address, 'trusted', 'fd00:80::2/128');
      expect(sources(address, 'trusted')).toEqual(['10.244.80.2/32', 'fd00:80::2/128']);
      expect(await queryFirewalldSource(address, 'trusted', '10.244.80.2/32')).toBe(true);
      expect(await removeFirewalldSource(address, 'trusted', '10.244.80.2/32')).toBe(true);
      expect(await removeFirewalldSource(address, 'trusted', '10.244.80.2/32')).toBe(false);
      expect(await queryFirewalldSource(address, 'trusted', '10.244.80.2/32')).toBe(false);
      expect(sources(address, 'trusted')).toEqual(['fd00:80::2/128']);
      expect(existsSync('/run/firewalld')).toBe(runDirBefore);
    });

    test('no bus at the address: not running, and a call fails with a DbusError', async () => {
      const nowhere = 'unix:path=/nonexistent/cnits-bus';
      const started = performance.now();
      expect(await firewalldRunning(nowhere)).toBe(false);
      expect(performance.now() - started).toBeLessThan(2000);
      await expect(addFirewalldSource(nowhere, 'trusted', '10.1.0.1/32')).rejects.toThrow(
        /nonexistent/,
      );
    });
  },
);
