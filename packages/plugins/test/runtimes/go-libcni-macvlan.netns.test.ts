// Our macvlan (with host-local) driven by Go libcni 1.1.2 through the driver of ours: ADD
// parsed by Go, CHECK with the cached prevResult, DEL; two containers on one master reach
// each other. Every case also runs against Debian's Go plugins, as the control.
import { describe, expect, test } from 'bun:test';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import type { PluginWorld } from '../_world.ts';
import type { DriverVerb } from './_go-driver.ts';
import { goLibcniSuite } from './_go-suite.ts';
import { implementations, titled } from './_implementations.ts';
import { ipv4Addresses, linkMac, linkNames } from './_inspect.ts';

useTimeLimit('slow');

const suite = goLibcniSuite();

const SUBNET_PREFIX = '10.216.0';
const ADDRESS = `${SUBNET_PREFIX}.2`;

function macvlanList(w: PluginWorld) {
  return {
    cniVersion: '1.0.0',
    name: 'golibcni-macvlan',
    plugins: [
      {
        type: 'macvlan',
        master: 'mvm0',
        mode: 'bridge',
        ipam: {
          type: 'host-local',
          dataDir: w.dataDir,
          ranges: [[{ subnet: `${SUBNET_PREFIX}.0/24` }]],
        },
      },
    ],
  };
}

for (const impl of implementations) {
  const skip = suite.skip ?? impl.missing(['macvlan', 'host-local']);
  describe.skipIf(skip !== null)(
    titled(`Go libcni 1.1.2 runs macvlan + host-local: ${impl.label}`, skip),
    () => {
      test('ADD is parsed by Go and matches the kernel; CHECK passes; DEL removes it all', () => {
        const w = suite.world();
        w.host.exec(['ip', 'link', 'add', 'mvm0', 'type', 'veth', 'peer', 'name', 'mvm1']);
        w.host.exec(['ip', 'link', 'set', 'mvm0', 'up']);
        w.host.exec(['ip', 'link', 'set', 'mvm1', 'up']);
        const container = w.containers[0];
        if (container === undefined) throw new Error('no container namespace');
        const run = (verb: DriverVerb) =>
          suite.run({ world: w, verb, conflist: macvlanList(w), pluginDir: impl.dir() });

        const added = run('add');
        expect(added.output.message).toBeUndefined();
        expect(added.exitCode).toBe(0);
        expect(added.output.result?.interfaces).toEqual([
          { name: 'eth0', mac: linkMac(container, 'eth0'), sandbox: container.path },
        ]);
        expect(added.output.result?.ips?.[0]?.address).toBe(`${ADDRESS}/24`);
        expect(ipv4Addresses(container, 'eth0')).toEqual([`${ADDRESS}/24`]);

        const checked = run('check');
        expect(checked.output.message).toBeUndefined();
        expect(checked.exitCode).toBe(0);

        const deleted = run('del');
        expect(deleted.output.message).toBeUndefined();
        expect(deleted.exitCode).toBe(0);
        expect(linkNames(container)).toEqual(['lo']);
        expect(readdirSync(join(w.dataDir, 'golibcni-macvlan'))).not.toContain(ADDRESS);
      });
    },
  );
}
