// Traffic over the bridge between namespaces the test made (private addresses only):
// container ↔ gateway and container ↔ container, IPv4 and IPv6.
import { describe, expect, test } from 'bun:test';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { useWorlds } from '../../test/_use-worlds.ts';
import { containerOf } from '../../test/_world.ts';
import { bridgeBinDir, dualStackConfig, run } from './_test-world.ts';

useTimeLimit('netns');

const worlds = useWorlds(bridgeBinDir);
const { skip } = worlds;

describe.skipIf(skip !== null)(
  `bridge traffic${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    test('ping: containers reach the gateway and each other over v4 and v6', () => {
      const world = worlds.create(2);
      const config = dualStackConfig(world.dataDir);
      for (const [container, containerId] of [
        [0, 'cid-a'],
        [1, 'cid-b'],
      ] as const) {
        const add = run(world, worlds.bin, 'ADD', config, { container, containerId });
        expect(add.exitCode).toBe(0);
      }
      const a = containerOf(world, 0);
      const b = containerOf(world, 1);
      const ping = (from: typeof a, target: string) =>
        from.exec(['ping', '-c', '1', '-W', '5', target]);
      expect(ping(a, '10.244.50.1')).toContain('1 received');
      expect(ping(a, 'fd00:50::1')).toContain('1 received');
      expect(ping(a, '10.244.50.3')).toContain('1 received');
      expect(ping(b, '10.244.50.2')).toContain('1 received');
      expect(ping(a, 'fd00:50::3')).toContain('1 received');
      expect(ping(b, 'fd00:50::2')).toContain('1 received');
    });
  },
);
