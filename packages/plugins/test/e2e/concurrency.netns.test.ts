// 50 containers attached to one bridge network at once, through our libcni (as a runtime
// would), then detached at once: distinct addresses, no error, and nothing left behind.
import { describe, expect, test } from 'bun:test';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand, useTimeLimit } from '@cni-ts/plugin-kit/testing';
import type { DriverOp, DriverOutcome } from '../_libcni-driver.ts';
import { useWorlds } from '../_use-worlds.ts';
import type { PluginWorld } from '../_world.ts';

useTimeLimit('slow');

const worlds = useWorlds();
const { skip } = worlds;
const COUNT = 50;
const NETWORK = 'cnits-cc';
const DRIVER = join(import.meta.dir, '..', '_libcni-driver.ts');

function drive(w: PluginWorld, ops: DriverOp[]): DriverOutcome[] {
  const confDir = join(w.dir, 'net.d');
  mkdirSync(confDir, { recursive: true });
  writeFileSync(
    join(confDir, '10-cc.conflist'),
    JSON.stringify({
      cniVersion: '1.0.0',
      name: NETWORK,
      plugins: [
        {
          type: 'bridge',
          bridge: 'cnits-cc0',
          isGateway: true,
          ipMasq: true,
          ipam: { type: 'host-local', subnet: '10.77.0.0/24', dataDir: w.dataDir },
        },
      ],
    }),
  );
  const request = {
    confDir,
    network: NETWORK,
    cacheDir: join(w.dir, 'cache'),
    cniPath: [worlds.bin],
    parallel: true,
    ops,
  };
  const { stdout } = runCommand([
    'ip',
    'netns',
    'exec',
    w.host.name,
    process.execPath,
    DRIVER,
    JSON.stringify(request),
  ]);
  return JSON.parse(stdout) as DriverOutcome[];
}

/** The files in a directory; none when it does not exist. */
function filesIn(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function hostOutput(w: PluginWorld, argv: string[]): string {
  return w.host.exec(argv);
}

describe.skipIf(skip !== null)(
  `${COUNT} parallel ADDs and DELs on one bridge network${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('ADD: distinct addresses, no error; DEL: no link, rule, reservation or cache file left', () => {
      const w = worlds.create(COUNT);
      const containers = w.containers;
      const adds = drive(
        w,
        containers.map((ns, i) => ({ op: 'add', containerId: `cc-${i}`, netns: ns.path })),
      );
      const failures = adds.filter((outcome) => !outcome.ok);
      expect(failures).toEqual([]);
      const addresses = adds.map((outcome) => {
        const result = (outcome as { result: { ips: { address: string }[] } }).result;
        return result.ips[0]?.address;
      });
      expect(new Set(addresses).size).toBe(COUNT);
      for (const address of addresses) expect(address).toMatch(/^10\.77\.0\.\d+\/24$/);

      const veths = hostOutput(w, ['ip', '-o', 'link', 'show', 'master', 'cnits-cc0']);
      expect(veths.trim().split('\n')).toHaveLength(COUNT);
      const reservations = filesIn(join(w.dataDir, NETWORK)).filter((f) => /^10\.77\./.test(f));
      expect(reservations).toHaveLength(COUNT);
      expect(filesIn(join(w.dir, 'cache', 'results'))).toHaveLength(COUNT);
      const chains = hostOutput(w, ['iptables', '-w', '-t', 'nat', '-S']).match(/^-N CNI-/gm);
      expect(chains).toHaveLength(COUNT);

      const dels = drive(
        w,
        containers.map((ns, i) => ({ op: 'del', containerId: `cc-${i}`, netns: ns.path })),
      );
      expect(dels.filter((outcome) => !outcome.ok)).toEqual([]);
      expect(hostOutput(w, ['ip', '-o', 'link', 'show', 'master', 'cnits-cc0']).trim()).toBe('');
      expect(hostOutput(w, ['ip', '-o', 'link', 'show', 'type', 'veth']).trim()).toBe('');
      for (const ns of containers) {
        expect(ns.exec(['ip', '-o', 'link', 'show', 'type', 'veth']).trim()).toBe('');
      }
      expect(filesIn(join(w.dataDir, NETWORK)).filter((f) => /^10\.77\./.test(f))).toEqual([]);
      expect(filesIn(join(w.dir, 'cache', 'results'))).toEqual([]);
      expect(hostOutput(w, ['iptables', '-w', '-t', 'nat', '-S'])).not.toContain('CNI-');
    });
  },
);
