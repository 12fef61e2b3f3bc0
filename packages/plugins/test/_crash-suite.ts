// The crash tests of issue 21 for one interface plugin (bridge, ptp): a SIGKILL at any
// moment of ADD never loses an address, and DEL without a prevResult (as a runtime calls it
// after its time-out killed the ADD) succeeds and leaves nothing. The Go plugin is run
// beside ours in the deterministic case: its host-local is a process of its own, which
// finishes the reservation after the plugin is killed.
import { expect, test } from 'bun:test';
import { join } from 'node:path';
import {
  addKilledAfter,
  addKilledInReservation,
  type CrashPlugin,
  crashAttachment,
  leftovers,
  NOTHING_LEFT,
  timeAdd,
} from './_crash.ts';
import type { WorldsSetup } from './_use-worlds.ts';
import { GO_PLUGIN_DIR, type PluginWorld, runPlugin } from './_world.ts';

/** How many ADDs the random test kills. */
const RANDOM_KILLS = 20;

/** Registers the deterministic and the random-kill test; call inside a describe. */
export function crashTests(worlds: WorldsSetup, plugin: CrashPlugin): void {
  const attachment = (world: PluginWorld, binDir: string, containerId: string) =>
    crashAttachment(world, plugin, binDir, containerId);
  const run = (world: PluginWorld, binDir: string, command: 'ADD' | 'DEL', id: string) =>
    runPlugin({ ...attachment(world, binDir, id), command });
  const left = (world: PluginWorld) => leftovers(world.host, world.dataDir, plugin.network);
  const [address = ''] = plugin.firstAddress.split('/');

  test('killed inside the reservation: nothing is reserved without its owner, DEL leaves nothing', async () => {
    const ours = worlds.create();
    const go = worlds.create();
    const store = (world: PluginWorld) => join(world.dataDir, plugin.network);
    await addKilledInReservation(attachment(ours, worlds.bin, 'st1'), store(ours), address);
    await addKilledInReservation(attachment(go, GO_PLUGIN_DIR, 'st1'), store(go), address);
    // Ours was stopped before the link: the address was never visible without its owner.
    expect(left(ours).reservations).toEqual([]);
    expect(run(ours, worlds.bin, 'DEL', 'st1').exitCode).toBe(0);
    expect(run(go, GO_PLUGIN_DIR, 'DEL', 'st1').exitCode).toBe(0);
    expect(left(ours)).toEqual(NOTHING_LEFT);
    // The Go host-local completed the reservation after its plugin died; DEL found it.
    expect(left(go).reservations).toEqual([]);
    // The address is not lost: the next ADD gets it.
    expect(run(ours, worlds.bin, 'ADD', 'st2').json).toMatchObject({
      ips: [{ address: plugin.firstAddress }],
    });
    expect(run(ours, worlds.bin, 'DEL', 'st2').exitCode).toBe(0);
  });

  test(`${RANDOM_KILLS} ADDs killed at random moments: every DEL succeeds, nothing is left`, async () => {
    const world = worlds.create();
    const normal = await timeAdd(attachment(world, worlds.bin, 'timing'));
    const failedDels: string[] = [];
    let killed = 0;
    for (let i = 0; i < RANDOM_KILLS; i++) {
      const id = `rk${i}`;
      // From before the plugin starts to a little after the slowest normal ADD ended; every
      // fourth kill within the first quarter, so that some land however loaded the machine.
      const span = i % 4 === 0 ? normal * 0.25 : normal * 1.2;
      if (await addKilledAfter(attachment(world, worlds.bin, id), Math.random() * span)) {
        killed++;
      }
      const done = run(world, worlds.bin, 'DEL', id);
      if (done.exitCode !== 0) failedDels.push(`${id}: ${done.stdout}`);
    }
    expect(failedDels).toEqual([]);
    expect(left(world)).toEqual(NOTHING_LEFT);
    expect(killed).toBeGreaterThan(0);
  });
}
