// Our ptp (with host-local) and loopback driven by Go libcni 1.1.2 through the driver of
// ours: ADD parsed by Go, CHECK with the cached prevResult, DEL. Every case also runs
// against Debian's Go plugins, as the control.
import { describe, expect, test } from 'bun:test';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import type { PluginWorld } from '../_world.ts';
import type { DriverVerb } from './_go-driver.ts';
import { goLibcniSuite } from './_go-suite.ts';
import { implementations, titled } from './_implementations.ts';
import { ipv4Addresses, linkFlags, linkMac, linkNames, natRules } from './_inspect.ts';

useTimeLimit('slow');

const suite = goLibcniSuite();

const SUBNET_PREFIX = '10.215.0';
const ADDRESS = `${SUBNET_PREFIX}.2`;

function ptpList(w: PluginWorld) {
  return {
    cniVersion: '1.0.0',
    name: 'golibcni-ptp',
    plugins: [
      {
        type: 'ptp',
        ipMasq: true,
        ipam: {
          type: 'host-local',
          dataDir: w.dataDir,
          ranges: [[{ subnet: `${SUBNET_PREFIX}.0/24` }]],
          routes: [{ dst: '0.0.0.0/0' }],
        },
      },
    ],
  };
}

for (const impl of implementations) {
  const ptpSkip = suite.skip ?? impl.missing(['ptp', 'host-local']);
  describe.skipIf(ptpSkip !== null)(
    titled(`Go libcni 1.1.2 runs ptp + host-local: ${impl.label}`, ptpSkip),
    () => {
      test('ADD is parsed by Go and matches the kernel; CHECK passes; DEL removes it all', () => {
        const w = suite.world();
        const container = w.containers[0];
        if (container === undefined) throw new Error('no container namespace');
        const run = (verb: DriverVerb) =>
          suite.run({ world: w, verb, conflist: ptpList(w), pluginDir: impl.dir() });

        const added = run('add');
        expect(added.output.message).toBeUndefined();
        expect(added.exitCode).toBe(0);
        const [hostVeth, eth0] = added.output.result?.interfaces ?? [];
        expect(eth0).toEqual({
          name: 'eth0',
          mac: linkMac(container, 'eth0'),
          sandbox: container.path,
        });
        expect(hostVeth?.mac).toBe(linkMac(w.host, hostVeth?.name ?? '-'));
        expect(added.output.result?.ips?.[0]?.address).toBe(`${ADDRESS}/24`);
        expect(ipv4Addresses(container, 'eth0')).toEqual([`${ADDRESS}/24`]);
        expect(natRules(w.host)).toContain(ADDRESS);

        const checked = run('check');
        expect(checked.output.message).toBeUndefined();
        expect(checked.exitCode).toBe(0);

        const deleted = run('del');
        expect(deleted.output.message).toBeUndefined();
        expect(deleted.exitCode).toBe(0);
        expect(linkNames(w.host)).not.toContain(hostVeth?.name);
        expect(natRules(w.host)).not.toContain(ADDRESS);
        expect(readdirSync(join(w.dataDir, 'golibcni-ptp'))).not.toContain(ADDRESS);
      });
    },
  );

  const loopbackSkip = suite.skip ?? impl.missing(['loopback']);
  describe.skipIf(loopbackSkip !== null)(
    titled(`Go libcni 1.1.2 runs loopback: ${impl.label}`, loopbackSkip),
    () => {
      test('ADD brings lo up and Go parses the result; CHECK passes; DEL sets it down', () => {
        const w = suite.world();
        const container = w.containers[0];
        if (container === undefined) throw new Error('no container namespace');
        container.exec(['ip', 'link', 'set', 'lo', 'down']);
        const run = (verb: DriverVerb) =>
          suite.run({
            world: w,
            verb,
            conflist: { cniVersion: '1.0.0', name: 'golibcni-lo', plugins: [{ type: 'loopback' }] },
            pluginDir: impl.dir(),
            ifName: 'lo',
          });

        const added = run('add');
        expect(added.output.message).toBeUndefined();
        expect(added.exitCode).toBe(0);
        expect(added.output.result?.interfaces).toEqual([
          { name: 'lo', mac: '00:00:00:00:00:00', sandbox: container.path },
        ]);
        expect(added.output.result?.ips?.map((ip) => ip.address)).toEqual([
          '127.0.0.1/8',
          '::1/128',
        ]);
        expect(linkFlags(container, 'lo')).toContain('UP');
        expect(run('check').exitCode).toBe(0);
        expect(run('del').exitCode).toBe(0);
        expect(linkFlags(container, 'lo')).not.toContain('UP');
      });
    },
  );
}
