// The common setup of the plugins' root-only test files: the skip reason, one plugin
// directory for the file and worlds removed after each test (hooks registered here).
import { afterAll, afterEach, beforeAll } from 'bun:test';
import { netnsSkipReason } from '@cni-ts/plugin-kit/testing';
import { pluginBinDir } from './_binary.ts';
import { createPluginWorld, type PluginWorld } from './_world.ts';

/** A plugin directory for CNI_PATH and how to remove it (a no-op for the shared build). */
export interface BinDir {
  readonly dir: string;
  remove(): void;
}

/** The setup of a root-only test file, from {@link useWorlds}. */
export interface WorldsSetup {
  /** Why the file's tests cannot run here (put it in the describe title), or null. */
  readonly skip: string | null;
  /** The plugin directory (CNI_PATH); read it inside tests, after beforeAll. */
  readonly bin: string;
  /** A world removed after the current test, also when it failed. */
  create(containers?: number): PluginWorld;
  /** Removes the worlds made so far (afterEach does it too). */
  removeAll(): void;
}

/**
 * The common setup of a root-only test file: the skip reason, the plugin directory made in
 * beforeAll (default: {@link pluginBinDir}; removed in afterAll) and worlds removed in
 * afterEach. Call it once at the top of the file.
 */
export function useWorlds(
  binDir: () => BinDir = () => ({ dir: pluginBinDir(), remove() {} }),
): WorldsSetup {
  const skip = netnsSkipReason();
  const made: PluginWorld[] = [];
  let bin: BinDir | undefined;
  beforeAll(() => {
    if (skip === null) bin = binDir();
  });
  const removeAll = (): void => {
    for (const world of made.splice(0)) world.remove();
  };
  afterEach(removeAll);
  afterAll(() => bin?.remove());
  return {
    skip,
    get bin(): string {
      if (bin === undefined) throw new Error('the plugin directory is made in beforeAll');
      return bin.dir;
    },
    create(containers = 1): PluginWorld {
      const world = createPluginWorld(containers);
      made.push(world);
      return world;
    },
    removeAll,
  };
}
