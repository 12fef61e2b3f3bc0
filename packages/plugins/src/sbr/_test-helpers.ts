// Shared by the sbr namespace tests: a dual-stack ptp + host-local attachment to route
// (sbr needs the previous result), sbr runs, and the policy-routing state of the container.
import type { TestNetns } from '@cni-ts/plugin-kit/testing';
import { chainedRunner, ptpAttachment } from '../../test/_chained-attachment.ts';
import { ip } from '../../test/_kernel-state.ts';
import type { PluginWorld } from '../../test/_world.ts';

export const CONTAINER_ID = 'cid-sbr';

const runner = chainedRunner(CONTAINER_ID);

/** The attachment: ptp with host-local, dual stack, default routes from IPAM. */
export function ptpConfig(world: PluginWorld, cniVersion = '1.0.0', v6 = true) {
  return ptpAttachment(world, 'sbr-net', cniVersion, {
    ranges: [[{ subnet: '10.244.54.0/24' }], ...(v6 ? [[{ subnet: 'fd00:54::/64' }]] : [])],
    routes: [{ dst: '0.0.0.0/0' }, ...(v6 ? [{ dst: '::/0' }] : [])],
  });
}

/** Runs a plugin of `binDir` in the world's host against its first container. */
export const run = runner.run;

/** ptp ADD in the world; returns its result, the prevResult for sbr. */
export function attach(
  world: PluginWorld,
  binDir: string,
  options: { cniVersion?: string; v6?: boolean; ifName?: string } = {},
): unknown {
  const config = ptpConfig(world, options.cniVersion, options.v6);
  return runner.attach(world, binDir, config, {
    ...(options.ifName === undefined ? {} : { ifName: options.ifName }),
  });
}

/** An sbr config with the given keys and prevResult. */
export function sbrConfig(
  keys: Record<string, unknown>,
  prevResult?: unknown,
  cniVersion = '1.0.0',
): Record<string, unknown> {
  return {
    cniVersion,
    name: 'sbr-net',
    type: 'sbr',
    ...keys,
    ...(prevResult === undefined ? {} : { prevResult }),
  };
}

/** The rules of both families (`ip rule`, `ip -6 rule`). */
export function rules(ns: TestNetns): string[] {
  return [...ip(ns, 'rule'), ...ip(ns, '-6', 'rule')];
}

/**
 * Every route of every table but the kernel's local/broadcast/multicast ones, both
 * families, with expiry and the `linkdown` flag taken out.
 */
export function routes(ns: TestNetns): string[] {
  return [
    ...ip(ns, '-4', 'route', 'show', 'table', 'all'),
    ...ip(ns, '-6', 'route', 'show', 'table', 'all'),
  ]
    .filter((line) => !/^(local|broadcast|multicast|anycast) /.test(line))
    .filter((line) => !line.startsWith('ff00::/8'))
    .map((line) => line.replace(/ expires \d+sec/, '').trim());
}
