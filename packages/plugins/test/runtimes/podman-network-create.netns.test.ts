// A network made by `podman network create` (podman 4.3, CNI backend): podman writes its
// default chain itself (bridge with host-local, portmap, firewall, tuning) and runs it from
// the plugin directory it is given: ours alone, and Debian's Go plugins as the control.
import { afterEach, describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { createPluginWorld } from '../_world.ts';
import { implementations, titled } from './_implementations.ts';
import { filterRules, linkNames, natRules } from './_inspect.ts';
import { createPodmanSandbox, podmanSkipReason } from './_podman.ts';

useTimeLimit('slow');

const skip = podmanSkipReason();
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

const NETWORK = 'cnitscreated';
const SUBNET_PREFIX = '10.216.0';
const TYPES = ['bridge', 'host-local', 'portmap', 'firewall', 'tuning'];

for (const impl of implementations) {
  const reason = skip ?? impl.missing(TYPES);
  describe.skipIf(reason !== null)(
    titled(`podman network create (podman's default chain): ${impl.label}`, reason),
    () => {
      test('podman writes the chain; a container gets its address and pings the gateway; nothing is left', () => {
        const world = createPluginWorld(0);
        cleanups.push(() => world.remove());
        const sandbox = createPodmanSandbox(world, impl.dir());
        cleanups.push(() => sandbox.remove());

        const created = sandbox.podman([
          'network',
          'create',
          '--subnet',
          `${SUBNET_PREFIX}.0/24`,
          NETWORK,
        ]);
        expect(created.stderr).toBe('');
        expect(created.exitCode).toBe(0);
        const conflist = JSON.parse(
          readFileSync(join(sandbox.netConfDir, `${NETWORK}.conflist`), 'utf8'),
        ) as { plugins: { type: string; bridge?: string }[] };
        expect(conflist.plugins.map((plugin) => plugin.type)).toEqual([
          'bridge',
          'portmap',
          'firewall',
          'tuning',
        ]);
        const bridge = conflist.plugins[0]?.bridge ?? '-';

        const ran = sandbox.podman([
          'run',
          '--rm',
          ...sandbox.runFlags,
          '--network',
          NETWORK,
          '--rootfs',
          sandbox.rootfs,
          'sh',
          '-c',
          `ip -4 addr show eth0 && ping -c 1 -W 5 ${SUBNET_PREFIX}.1`,
        ]);
        expect(ran.stderr).toBe('');
        expect(ran.exitCode).toBe(0);
        expect(ran.stdout).toContain(`inet ${SUBNET_PREFIX}.2/24`);
        expect(ran.stdout).toContain('1 packets received');

        // podman's teardown ran every plugin's DEL: only the bridge stays, no rule names the address.
        expect(linkNames(world.host).sort()).toEqual([bridge, 'lo'].sort());
        expect(natRules(world.host)).not.toContain(`${SUBNET_PREFIX}.2`);
        expect(filterRules(world.host)).not.toContain(`${SUBNET_PREFIX}.2`);
      });
    },
  );
}
