// Our bridge + host-local driven by Go libcni 1.1.2 (Debian's sources, built into a small
// driver of ours): Go finds the plugins in CNI_PATH, reads their VERSION, parses their
// results at every result version it knows, caches them, runs CHECK with the cached
// prevResult and DEL. Every case also runs against Debian's Go plugins, as the control.
import { describe, expect, test } from 'bun:test';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import type { PluginWorld } from '../_world.ts';
import type { DriverVerb } from './_go-driver.ts';
import { goLibcniSuite } from './_go-suite.ts';
import { implementations, titled } from './_implementations.ts';
import { ipv4Addresses, linkLine, linkMac, linkNames, natRules } from './_inspect.ts';
import { readCacheFile } from './_shapes.ts';

useTimeLimit('slow');

const suite = goLibcniSuite();

const NETWORK = 'golibcni-net';
const BRIDGE = 'cnits-go0';
const SUBNET_PREFIX = '10.213.0';
const ADDRESS = `${SUBNET_PREFIX}.2`;
const GATEWAY = `${SUBNET_PREFIX}.1`;

function bridgeList(w: PluginWorld, cniVersion: string) {
  return {
    cniVersion,
    name: NETWORK,
    plugins: [
      {
        type: 'bridge',
        bridge: BRIDGE,
        isGateway: true,
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

function reservations(w: PluginWorld): string[] {
  return readdirSync(join(w.dataDir, NETWORK)).filter((name) => name.startsWith(SUBNET_PREFIX));
}

for (const impl of implementations) {
  const skip = suite.skip ?? impl.missing(['bridge', 'host-local']);
  describe.skipIf(skip !== null)(
    titled(`Go libcni 1.1.2 runs bridge + host-local: ${impl.label}`, skip),
    () => {
      const run = (w: PluginWorld, verb: DriverVerb, cniVersion = '1.0.0') =>
        suite.run({ world: w, verb, conflist: bridgeList(w, cniVersion), pluginDir: impl.dir() });

      test('validate: libcni finds the plugin and reads its VERSION', () => {
        const validated = run(suite.world(), 'validate');
        expect(validated.output.message).toBeUndefined();
        expect(validated.exitCode).toBe(0);
        expect(validated.output.versions).toEqual({
          bridge: expect.arrayContaining(['0.3.1', '0.4.0', '1.0.0']),
        });
      });

      for (const cniVersion of ['0.3.1', '0.4.0', '1.0.0']) {
        test(`ADD, cached result, CHECK and DEL at ${cniVersion}`, () => {
          const w = suite.world();
          const container = w.containers[0];
          if (container === undefined) throw new Error('no container namespace');

          const added = run(w, 'add', cniVersion);
          expect(added.output.message).toBeUndefined();
          expect(added.exitCode).toBe(0);
          expect(added.output.resultVersion).toBe(cniVersion);
          const result = added.output.result;
          if (result === undefined) throw new Error('ADD printed no result');
          expect(result.ips?.[0]?.address).toBe(`${ADDRESS}/24`);
          expect(result.ips?.[0]?.gateway).toBe(GATEWAY);
          const [bridge, hostVeth, eth0] = result.interfaces ?? [];
          expect(bridge?.name).toBe(BRIDGE);
          expect(eth0?.name).toBe('eth0');
          expect(eth0?.sandbox).toBe(container.path);
          expect(eth0?.mac).toBe(linkMac(container, 'eth0'));
          expect(hostVeth?.mac).toBe(linkMac(w.host, hostVeth?.name ?? '-'));
          expect(linkLine(w.host, hostVeth?.name ?? '-')).toContain(`master ${BRIDGE}`);
          expect(ipv4Addresses(container, 'eth0')).toEqual([`${ADDRESS}/24`]);
          expect(container.exec(['ip', '-4', 'route', 'show', 'default'])).toContain(
            `via ${GATEWAY} dev eth0`,
          );
          expect(natRules(w.host)).toContain(ADDRESS);
          expect(reservations(w)).toEqual([ADDRESS]);

          // libcni's cache file holds what Go parsed, and reads back the same.
          const cacheFile = added.output.cacheFile ?? '';
          const cached = readCacheFile(cacheFile);
          expect(cached).toMatchObject({
            kind: 'cniCacheV1',
            containerId: 'cid-golibcni',
            ifName: 'eth0',
            networkName: NETWORK,
          });
          expect(cached.result).toEqual(result);
          const reread = run(w, 'cached', cniVersion);
          expect(reread.exitCode).toBe(0);
          expect(reread.output.result).toEqual(result);

          const checked = run(w, 'check', cniVersion);
          if (cniVersion === '0.3.1') {
            // libcni itself refuses CHECK below 0.4.0; no plugin runs.
            expect(checked.output.message).toContain('does not support the CHECK command');
          } else {
            expect(checked.output.message).toBeUndefined();
            expect(checked.exitCode).toBe(0);
          }

          const deleted = run(w, 'del', cniVersion);
          expect(deleted.output.message).toBeUndefined();
          expect(deleted.exitCode).toBe(0);
          expect(linkNames(w.host)).not.toContain(hostVeth?.name);
          expect(linkNames(container)).not.toContain('eth0');
          expect(natRules(w.host)).not.toContain(ADDRESS);
          expect(reservations(w)).toEqual([]);
          expect(existsSync(cacheFile)).toBe(false);

          // A second DEL (no cached result any more) succeeds too.
          const again = run(w, 'del', cniVersion);
          expect(again.output.message).toBeUndefined();
          expect(again.exitCode).toBe(0);
        });
      }

      test('CHECK reports a missing container address as a CNI error Go can parse', () => {
        const w = suite.world();
        expect(run(w, 'add').exitCode).toBe(0);
        w.containers[0]?.exec(['ip', 'address', 'flush', 'dev', 'eth0']);
        const checked = run(w, 'check');
        expect(checked.exitCode).toBe(1);
        expect(checked.output.error?.code).toBe(999);
        expect(checked.output.error?.msg).toContain(ADDRESS);
        expect(run(w, 'del').exitCode).toBe(0);
      });
    },
  );
}
