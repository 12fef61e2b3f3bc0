// The hooks every Go libcni test file shares: build the driver once, give each test fresh
// worlds, remove them after it.
import { afterAll, afterEach, beforeAll } from 'bun:test';
import { createPluginWorld, type PluginWorld } from '../_world.ts';
import {
  buildGoDriver,
  type DriverRun,
  type DriverRunOptions,
  type GoDriver,
  goDriverSkipReason,
  runGoDriver,
} from './_go-driver.ts';

export interface GoLibcniSuite {
  /** Why the file's tests cannot run here, or null. */
  readonly skip: string | null;
  /** A world with one container namespace, removed after the test. */
  world(): PluginWorld;
  /** Runs the driver built for this file. */
  run(options: Omit<DriverRunOptions, 'driver'>): DriverRun;
}

/** Registers the hooks; call once at the top of a test file. */
export function goLibcniSuite(): GoLibcniSuite {
  const skip = goDriverSkipReason();
  const worlds: PluginWorld[] = [];
  let driver: GoDriver | undefined;
  beforeAll(() => {
    if (skip === null) driver = buildGoDriver();
  });
  afterAll(() => driver?.remove());
  afterEach(() => {
    for (const world of worlds.splice(0)) world.remove();
  });
  return {
    skip,
    world() {
      const made = createPluginWorld(1);
      worlds.push(made);
      return made;
    },
    run(options) {
      if (driver === undefined) throw new Error('the Go driver was not built');
      return runGoDriver({ ...options, driver });
    },
  };
}
