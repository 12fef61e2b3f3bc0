// bridge -> portmap through our libcni (as a runtime would): libcni hands bridge's result
// to portmap, CHECK and DEL get the cached result, GC keeps the valid attachment. The
// mappings sit in portmap's own runtimeConfig (the driver passes no capability arguments;
// libcni leaves the key as it is).
import { describe, expect, test } from 'bun:test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand, useTimeLimit } from '@cni-ts/plugin-kit/testing';
import type { DriverOp, DriverOutcome } from '../_libcni-driver.ts';
import { useWorlds } from '../_use-worlds.ts';
import type { PluginWorld } from '../_world.ts';

useTimeLimit('slow');

const worlds = useWorlds();
const { skip } = worlds;
const NETWORK = 'cnits-pmchain';
const DRIVER = join(import.meta.dir, '..', '_libcni-driver.ts');

function drive(w: PluginWorld, backend: string, ops: DriverOp[]): DriverOutcome[] {
  const confDir = join(w.dir, 'net.d');
  mkdirSync(confDir, { recursive: true });
  writeFileSync(
    join(confDir, '10-pm.conflist'),
    JSON.stringify({
      cniVersion: '1.1.0',
      name: NETWORK,
      plugins: [
        {
          type: 'bridge',
          bridge: 'cnits-pm0',
          isGateway: true,
          ipam: { type: 'host-local', subnet: '10.78.0.0/24', dataDir: w.dataDir },
        },
        {
          type: 'portmap',
          backend,
          dataDir: join(w.dir, 'portmap'),
          runtimeConfig: {
            portMappings: [{ hostPort: 18080, containerPort: 80, protocol: 'tcp' }],
          },
        },
      ],
    }),
  );
  const request = {
    confDir,
    network: NETWORK,
    cacheDir: join(w.dir, 'cache'),
    cniPath: [worlds.bin],
    parallel: false,
    ops,
  };
  const argv = ['ip', 'netns', 'exec', w.host.name, process.execPath, DRIVER];
  const { stdout } = runCommand([...argv, JSON.stringify(request)]);
  return JSON.parse(stdout) as DriverOutcome[];
}

function nat(w: PluginWorld): string {
  return [
    w.host.exec(['iptables-save', '-t', 'nat']),
    w.host.exec(['nft', 'list', 'ruleset']),
  ].join('\n');
}

describe.skipIf(skip !== null)(
  `bridge -> portmap through our libcni${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    for (const backend of ['iptables', 'nftables']) {
      test(`${backend}: ADD, CHECK, GC keeping it, DEL twice`, () => {
        const w = worlds.create(2);
        const [a, b] = w.containers;
        if (a === undefined || b === undefined) throw new Error('no containers');
        const added = drive(w, backend, [
          { op: 'add', containerId: 'cid-pm1', netns: a.path },
          { op: 'add', containerId: 'cid-pm2', netns: b.path },
          { op: 'check', containerId: 'cid-pm1', netns: a.path },
        ]);
        expect(added).toEqual([
          { ok: true, result: expect.anything() },
          { ok: true, result: expect.anything() },
          { ok: true },
        ]);
        expect(nat(w)).toContain('10.78.0.2:80');
        expect(nat(w)).toContain('10.78.0.3:80');
        // GC with cid-pm1 the only valid attachment: the mappings of cid-pm2 go.
        expect(drive(w, backend, [{ op: 'gc', containerId: 'cid-pm1' }])).toEqual([{ ok: true }]);
        expect(nat(w)).toContain('10.78.0.2:80');
        expect(nat(w)).not.toContain('10.78.0.3:80');
        const deleted = drive(w, backend, [
          { op: 'del', containerId: 'cid-pm1', netns: a.path },
          { op: 'del', containerId: 'cid-pm1', netns: a.path },
          { op: 'del', containerId: 'cid-pm2', netns: b.path },
        ]);
        expect(deleted).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
        expect(nat(w)).not.toContain(':80');
      });
    }
  },
);
