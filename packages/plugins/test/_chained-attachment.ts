// The common part of the chained plugins' namespace tests (sbr, tuning): runs against a
// world's first container under one container id, and the ptp + host-local attachment
// whose result the chained plugin gets as prevResult.
import {
  containerOf,
  type PluginRun,
  type PluginWorld,
  type RunPluginOptions,
  runPlugin,
} from './_world.ts';

/** A ptp attachment with host-local IPAM in the world's dataDir (`ipam` adds its keys). */
export function ptpAttachment(
  world: PluginWorld,
  name: string,
  cniVersion: string,
  ipam: Record<string, unknown>,
) {
  return {
    cniVersion,
    name,
    type: 'ptp',
    ipam: { type: 'host-local', dataDir: world.dataDir, ...ipam },
  };
}

/** Runs of any plugin against a world's first container, from {@link chainedRunner}. */
export interface ChainedRunner {
  /** Runs a plugin of `binDir` in the world's host against its first container. */
  run(
    world: PluginWorld,
    binDir: string,
    type: string,
    command: RunPluginOptions['command'],
    config: object | string,
    more?: Partial<RunPluginOptions>,
  ): PluginRun;
  /** ADD of the attachment `config`; returns its result (the prevResult), throws on failure. */
  attach(
    world: PluginWorld,
    binDir: string,
    config: { readonly type: string },
    more?: Partial<RunPluginOptions>,
  ): unknown;
}

/** Runs under CNI_CONTAINERID `containerId`. */
export function chainedRunner(containerId: string): ChainedRunner {
  const run: ChainedRunner['run'] = (world, binDir, type, command, config, more = {}) =>
    runPlugin({
      binDir,
      type,
      command,
      config,
      host: world.host,
      netns: containerOf(world).path,
      containerId,
      ...more,
    });
  return {
    run,
    attach(world, binDir, config, more = {}) {
      const added = run(world, binDir, config.type, 'ADD', config, more);
      if (added.exitCode !== 0) {
        throw new Error(`${config.type} ADD failed: ${added.stdout}${added.stderr}`);
      }
      return added.json;
    },
  };
}
