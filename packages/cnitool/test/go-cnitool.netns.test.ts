import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { inWorld, ipamReservations, veths, type World } from '../../libcni/test/_go-netns.ts';
import { containerIdForNetns } from '../src/index.ts';
import { buildGoPeer, type GoPeer, goPeerSkipReason, goVarLib, runGoPeer } from './_go-peer.ts';
import { cnitoolOk } from './_go-world.ts';

// Cache compatibility with a Go runtime: our cnitool and the cnitool command line over
// Debian's Go libcni 1.1.2 (see _go-peer.ts). Attach with one tool and detach with the
// other, both ways.

useTimeLimit('slow');

const reason = goPeerSkipReason();
let peer: GoPeer | undefined;

beforeAll(() => {
  if (reason === null) peer = buildGoPeer();
});

afterAll(() => peer?.dispose());

function goTool(world: World, argv: readonly string[]): void {
  if (peer === undefined) throw new Error('the Go cnitool was not built');
  runGoPeer(world, peer, argv);
}

describe.skipIf(reason !== null)(
  `our cnitool and Go's libcni share attachments${reason ? ` (skipped: ${reason})` : ''}`,
  () => {
    function setUp(world: World): { net: string; cache: Record<string, string> } {
      const net = `gocompat-${world.id}`;
      world.write('10-br.conflist', {
        cniVersion: '1.0.0',
        name: net,
        plugins: [
          {
            type: 'bridge',
            bridge: `gc${world.id}`,
            isGateway: true,
            ipMasq: true,
            ipam: {
              type: 'host-local',
              dataDir: world.ipamDir,
              ranges: [[{ subnet: '10.88.190.0/24' }]],
            },
          },
        ],
      });
      return { net, cache: { CNI_CACHE_DIR: join(goVarLib(world), 'cni') } };
    }

    function expectClean(world: World, net: string): void {
      expect(veths(world.host)).toEqual([]);
      expect(ipamReservations(world, net)).toEqual([]);
    }

    test(
      'ours adds, Go checks and deletes',
      inWorld((world) => {
        const { net, cache } = setUp(world);
        cnitoolOk(world, ['add', net, world.a.path], cache);
        const file = join(
          goVarLib(world),
          'cni',
          'results',
          `${net}-${containerIdForNetns(world.a.path)}-eth0`,
        );
        expect(existsSync(file)).toBe(true);
        goTool(world, ['check', net, world.a.path]);
        goTool(world, ['del', net, world.a.path]);
        expect(existsSync(file)).toBe(false);
        expectClean(world, net);
      }),
    );

    test(
      'Go adds, ours checks and deletes',
      inWorld((world) => {
        const { net, cache } = setUp(world);
        goTool(world, ['add', net, world.a.path]);
        const file = join(
          goVarLib(world),
          'cni',
          'results',
          `${net}-${containerIdForNetns(world.a.path)}-eth0`,
        );
        expect(existsSync(file)).toBe(true);
        cnitoolOk(world, ['check', net, world.a.path], cache);
        cnitoolOk(world, ['del', net, world.a.path], cache);
        expect(existsSync(file)).toBe(false);
        expectClean(world, net);
      }),
    );
  },
);
