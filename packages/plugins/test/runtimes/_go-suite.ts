// The hooks every Go libcni test file shares: the driver (built once per run), fresh worlds
// for each test, removed after it.
import { afterEach, beforeAll } from 'bun:test';
import { createPluginWorld, type PluginWorld } from '../_world.ts';
import {
  type DriverRun,
  type DriverRunOptions,
  type GoDriver,
  goDriver,
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
    if (skip === null) driver = goDriver();
  });
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
