import { describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type TestNetns, useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { useWorlds } from '../../test/_use-worlds.ts';
import { type PluginWorld, withPrev } from '../../test/_world.ts';
import { attach, portmapConfig, run } from './_test-world.ts';

useTimeLimit('netns');

const worlds = useWorlds();
const { skip } = worlds;

const HOST_PORT = 18053;
const MAPPING = [{ hostPort: HOST_PORT, containerPort: 53, protocol: 'udp' }];

/** A UDP server on port 53 in `ns` that appends each datagram to `file`. */
function udpServer(ns: TestNetns, file: string) {
  const code = `
const fs = require('node:fs');
const s = require('node:dgram').createSocket('udp4');
s.on('message', (m) => fs.appendFileSync(${JSON.stringify(file)}, m + '\\n'));
s.bind(53, '0.0.0.0', () => console.log('ready'));
setTimeout(() => process.exit(3), 30000);
`;
  return Bun.spawn(['ip', 'netns', 'exec', ns.name, process.execPath, '-e', code], {
    stdout: 'pipe',
    stderr: 'pipe',
  });
}

async function ready(child: ReturnType<typeof udpServer>): Promise<void> {
  const reader = child.stdout.getReader();
  await reader.read();
  reader.releaseLock();
}

/** One datagram from `ns`, always from source port 40053 (the same UDP flow each time). */
function sendFrom(ns: TestNetns, text: string): void {
  const code = `
const s = require('node:dgram').createSocket('udp4');
s.bind(40053, () => s.send(${JSON.stringify(text)}, ${HOST_PORT}, '192.168.77.1', () => s.close()));
`;
  ns.exec([process.execPath, '-e', code]);
}

function read(file: string): string[] {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line !== '');
  } catch {
    return [];
  }
}

function container(world: PluginWorld, n: number): TestNetns {
  const ns = world.containers[n];
  if (ns === undefined) throw new Error(`no container ${n}`);
  return ns;
}

async function waitFor(file: string, count: number): Promise<string[]> {
  for (let i = 0; i < 20 && read(file).length < count; i++) await Bun.sleep(50);
  return read(file);
}

describe.skipIf(skip !== null)(
  `portmap UDP host port re-use${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    for (const backend of ['iptables', 'nftables']) {
      test(`${backend}: a second container re-using the port gets the flow after ADD`, async () => {
        const world = worlds.create(3);
        const outside = container(world, 2);
        const host = (args: string) => world.host.exec(['ip', ...args.split(' ')]);
        host(`link add pm-r0 type veth peer name pm-r1 netns ${outside.name}`);
        host('addr add 192.168.77.1/24 dev pm-r0');
        host('link set pm-r0 up');
        outside.exec(['ip', 'addr', 'add', '192.168.77.2/24', 'dev', 'pm-r1']);
        outside.exec(['ip', 'link', 'set', 'pm-r1', 'up']);
        outside.exec(['ip', 'route', 'add', 'default', 'via', '192.168.77.1']);
        const extra = { backend };
        const first = join(world.dir, 'first');
        const second = join(world.dir, 'second');
        const prevA = attach(world, worlds.bin, 0, true);
        const prevB = attach(world, worlds.bin, 1, true);
        const serverA = udpServer(container(world, 0), first);
        const serverB = udpServer(container(world, 1), second);
        try {
          await Promise.all([ready(serverA), ready(serverB)]);
          const addA = run(
            world,
            worlds.bin,
            'portmap',
            'ADD',
            withPrev(portmapConfig(extra, MAPPING), prevA),
          );
          expect(addA.exitCode).toBe(0);
          sendFrom(outside, 'one');
          expect(await waitFor(first, 1)).toEqual(['one']);
          // The first container's mapping goes (its namespace stays, still listening).
          expect(
            run(world, worlds.bin, 'portmap', 'DEL', portmapConfig(extra, MAPPING)).exitCode,
          ).toBe(0);
          const addB = run(
            world,
            worlds.bin,
            'portmap',
            'ADD',
            withPrev(portmapConfig(extra, MAPPING), prevB),
            { container: 1 },
          );
          expect(addB.exitCode).toBe(0);
          sendFrom(outside, 'two');
          expect(await waitFor(second, 1)).toEqual(['two']);
          expect(read(first)).toEqual(['one']);
        } finally {
          serverA.kill();
          serverB.kill();
          await Promise.all([serverA.exited, serverB.exited]);
        }
      });
    }
  },
);
