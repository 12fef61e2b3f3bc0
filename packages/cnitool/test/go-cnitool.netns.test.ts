import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand, useTimeLimit } from '@cni-ts/plugin-kit/testing';
import {
  GO_PLUGIN_DIR,
  goPluginsSkipReason,
  inWorld,
  ipamReservations,
  veths,
  type World,
} from '../../libcni/test/_go-netns.ts';
import { containerIdForNetns } from '../src/index.ts';
import { cnitoolOk } from './_go-world.ts';

// Cache compatibility with upstream's cnitool, built offline against Debian's Go libcni
// 1.1.2 (golang-github-appc-cni-dev) into a temporary directory: attach with one tool and
// detach with the other, both ways. Debian ships libcni's source but not cnitool's, so
// the test needs GO_CNITOOL_SRC: a directory holding upstream cnitool's main package
// (cnitool/cnitool.go of containernetworking/cni, with the gc and status cases removed,
// which libcni 1.1.2 lacks). Nothing Go is kept in this repository. Upstream's cnitool always uses /var/lib/cni, so it
// runs in a private mount namespace where /var/lib is a temporary directory: the
// machine's /var/lib/cni is never touched.

useTimeLimit('slow');

const GO = '/usr/bin/go';
const GOPATH = '/usr/share/gocode';
const SOURCE = process.env.GO_CNITOOL_SRC ?? '';
const LIBCNI = join(GOPATH, 'src/github.com/containernetworking/cni/libcni');

function skipReason(): string | null {
  const plugins = goPluginsSkipReason();
  if (plugins !== null) return plugins;
  if (!existsSync(GO)) return `needs ${GO} (Debian package golang-go)`;
  if (!existsSync(LIBCNI))
    return `needs Go libcni at ${LIBCNI} (Debian package golang-github-appc-cni-dev)`;
  if (SOURCE === '' || !existsSync(SOURCE)) {
    return "needs GO_CNITOOL_SRC, a directory with upstream cnitool's Go source (Debian ships none)";
  }
  return null;
}

const reason = skipReason();
let buildDir = '';
let goCnitool = '';

beforeAll(() => {
  if (reason !== null) return;
  buildDir = mkdtempSync(join(tmpdir(), 'cnitool-go-'));
  goCnitool = join(buildDir, 'cnitool');
  runCommand([GO, 'build', '-o', goCnitool, '.'], {
    cwd: SOURCE,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: buildDir,
      GOPATH,
      GO111MODULE: 'off',
      GOCACHE: join(buildDir, 'gocache'),
      GOTMPDIR: buildDir,
      GOFLAGS: '',
    },
  });
});

afterAll(() => {
  if (buildDir) rmSync(buildDir, { recursive: true, force: true });
});

/** The /var/lib the Go cnitool sees; its cache is `<varLib>/cni`, which ours is pointed at. */
function varLib(world: World): string {
  const dir = join(world.dir, 'varlib');
  mkdirSync(join(dir, 'cni'), { recursive: true });
  return dir;
}

/** Runs upstream's cnitool in the world's host namespace with /var/lib replaced. */
function goTool(world: World, argv: readonly string[]): void {
  runCommand(
    [
      'unshare',
      '--mount',
      '--propagation',
      'private',
      'sh',
      '-c',
      'mount --bind "$1" /var/lib && shift && exec "$@"',
      'sh',
      varLib(world),
      'ip',
      'netns',
      'exec',
      world.host.name,
      goCnitool,
      ...argv,
    ],
    {
      env: {
        PATH: process.env.PATH ?? '/usr/sbin:/usr/bin',
        NETCONFPATH: world.confDir,
        CNI_PATH: GO_PLUGIN_DIR,
      },
    },
  );
}

describe.skipIf(reason !== null)(
  `cnitool and upstream's cnitool share attachments${reason ? ` (skipped: ${reason})` : ''}`,
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
      return { net, cache: { CNI_CACHE_DIR: join(varLib(world), 'cni') } };
    }

    function expectClean(world: World, net: string): void {
      expect(veths(world.host)).toEqual([]);
      expect(ipamReservations(world, net)).toEqual([]);
    }

    test(
      'ours adds, upstream checks and deletes',
      inWorld((world) => {
        const { net, cache } = setUp(world);
        cnitoolOk(world, ['add', net, world.a.path], cache);
        const file = join(
          varLib(world),
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
      'upstream adds, ours checks and deletes',
      inWorld((world) => {
        const { net, cache } = setUp(world);
        goTool(world, ['add', net, world.a.path]);
        const file = join(
          varLib(world),
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
