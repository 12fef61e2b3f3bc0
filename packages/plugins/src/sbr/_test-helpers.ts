// Shared by the sbr namespace tests: a dual-stack ptp + host-local attachment to route
// (sbr needs the previous result), sbr runs, and the policy-routing state of the container.
import type { TestNetns } from '@cni-ts/plugin-kit/testing';
import { chainedRunner, ptpAttachment } from '../../test/_chained-attachment.ts';
import { ip } from '../../test/_kernel-state.ts';
import { containerOf, type PluginWorld } from '../../test/_world.ts';

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

/**
 * Waits (up to 3 s) until the kernel has routed the link-local prefix on `ifName`. It adds
 * fe80::/64 once the interface has its carrier, which it learns asynchronously (linkwatch)
 * after both veth ends are up; sbr moves the routes the interface has when it runs, so a
 * twin whose ptp returned sooner would otherwise leave that route in main.
 */
export function linkLocalRouted(world: PluginWorld, ifName: string): void {
  const container = containerOf(world);
  for (const deadline = Date.now() + 3000; Date.now() < deadline; Bun.sleepSync(10)) {
    if (
      ip(container, '-6', 'route', 'show', 'dev', ifName).some((line) =>
        line.startsWith('fe80::/64'),
      )
    ) {
      return;
    }
  }
  throw new Error(`fe80::/64 was not routed on ${ifName} within 3 s`);
}

/** ptp ADD in the world, its link-local route in place; returns the prevResult for sbr. */
export function attach(
  world: PluginWorld,
  binDir: string,
  options: { cniVersion?: string; v6?: boolean; ifName?: string } = {},
): unknown {
  const config = ptpConfig(world, options.cniVersion, options.v6);
  const result = runner.attach(world, binDir, config, {
    ...(options.ifName === undefined ? {} : { ifName: options.ifName }),
  });
  linkLocalRouted(world, options.ifName ?? 'eth0');
  return result;
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
