import { describe, expect, test } from 'bun:test';
import { basename, join } from 'node:path';
import {
  confFiles,
  type NetworkConfigList,
  networkConfFromFile,
} from '../packages/libcni/src/index.ts';
import { pluginNamed } from '../packages/plugins/src/registry.ts';
import {
  type Cidr,
  negotiateVersion,
  parseCidr,
  parseNetConf,
  parseNetConfList,
  SUPPORTED_VERSIONS,
} from '../packages/spec-types/src/index.ts';

// Every configuration under examples/net.d loads with our libcni and parses with
// spec-types; where the plugin (or IPAM plugin) it names is registered in the multicall
// executable, the plugin's own config schema accepts it too. No root needed.

const NET_D = join(import.meta.dir, 'net.d');
const files = await confFiles(NET_D, ['.conflist', '.conf', '.json']);
const lists = new Map<string, NetworkConfigList>();
for (const file of files) lists.set(basename(file), await networkConfFromFile(file));

type PluginSchema = NonNullable<
  NonNullable<Parameters<typeof parseNetConfList>[1]>['plugins']
>[string];

/**
 * The config schema of a registered plugin: a definePlugin result carries it, a
 * defineLazyPlugin result loads it.
 */
async function schemaOf(type: string): Promise<PluginSchema | undefined> {
  const plugin: unknown = pluginNamed(type);
  if (typeof plugin !== 'object' || plugin === null) return undefined;
  const body: unknown =
    'load' in plugin && typeof plugin.load === 'function' ? await plugin.load() : plugin;
  if (typeof body !== 'object' || body === null || !('config' in body)) return undefined;
  const schema = body.config;
  return typeof schema === 'object' && schema !== null && '~standard' in schema
    ? (schema as PluginSchema)
    : undefined;
}

/** A plugin object of a list as the plugin gets it on stdin (name and version injected). */
function pluginInput(list: NetworkConfigList, index: number): Record<string, unknown> {
  const bytes = list.plugins[index]?.bytes ?? new Uint8Array();
  const raw = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  return { ...raw, name: list.name, cniVersion: list.cniVersion };
}

function ipamOf(plugin: Record<string, unknown>): Record<string, unknown> {
  const ipam = plugin.ipam;
  return typeof ipam === 'object' && ipam !== null ? (ipam as Record<string, unknown>) : {};
}

/** Every CIDR an IPAM config hands out: host-local ranges and static addresses. */
function ipamCidrs(ipam: Record<string, unknown>): string[] {
  const ranges = (ipam.ranges ?? []) as { subnet: string }[][];
  const addresses = (ipam.addresses ?? []) as { address: string }[];
  return [...ranges.flat().map((r) => r.subnet), ...addresses.map((a) => a.address)];
}

function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  if (parsed === undefined) throw new Error(`not a CIDR: ${text}`);
  return parsed;
}

/** Whether the first `prefix` bits of a and b are equal (same family only). */
function samePrefix(a: Uint8Array, b: Uint8Array, prefix: number): boolean {
  if (a.length !== b.length) return false;
  for (let bit = 0; bit < prefix; bit++) {
    const mask = 0x80 >> (bit % 8);
    if (((a[bit >> 3] ?? 0) & mask) !== ((b[bit >> 3] ?? 0) & mask)) return false;
  }
  return true;
}

const PRIVATE = ['10.0.0.0/8', '192.168.0.0/16', 'fd00::/8'].map(cidr);

function isPrivate(text: string): boolean {
  const c = cidr(text);
  return PRIVATE.some((p) => c.prefix >= p.prefix && samePrefix(c.ip, p.ip, p.prefix));
}

function overlaps(a: string, b: string): boolean {
  const x = cidr(a);
  const y = cidr(b);
  return samePrefix(x.ip, y.ip, Math.min(x.prefix, y.prefix));
}

const NAMED = [...lists.entries()];
/** The plugin types the examples use, and the IPAM types. */
const USED_TYPES = [
  ...new Set(
    NAMED.flatMap(([, list]) =>
      list.plugins.flatMap((_, i) => {
        const input = pluginInput(list, i);
        const ipamType = ipamOf(input).type;
        return [String(input.type), ...(typeof ipamType === 'string' ? [ipamType] : [])];
      }),
    ),
  ),
].sort();
/** Each used type's config schema, where the multicall executable has the plugin. */
const SCHEMAS = new Map(
  await Promise.all(USED_TYPES.map(async (type) => [type, await schemaOf(type)] as const)),
);

describe('examples/net.d', () => {
  test('holds the demo network first (the default a runtime picks), ptp, static and loopback', () => {
    expect(files.map((file) => basename(file))).toEqual([
      '10-cni-ts-demo.conflist',
      '20-cni-ts-ptp.conflist',
      '30-cni-ts-static.conflist',
      '99-loopback.conflist',
    ]);
    expect(NAMED.map(([, list]) => list.name)).toEqual([
      'cni-ts-demo',
      'cni-ts-ptp',
      'cni-ts-static',
      'cni-loopback',
    ]);
  });

  test.each(NAMED)(
    '%s parses with spec-types and negotiates 1.1.0 with ours, 1.0.0 with Go 1.1.1',
    (_, list) => {
      const parsed = parseNetConfList(list.bytes);
      expect(parsed.name).toBe(list.name);
      expect(list.declaredVersion).toBe('1.0.0');
      const versions = list.cniVersions ?? [];
      expect(
        negotiateVersion(list.declaredVersion, versions, { supported: SUPPORTED_VERSIONS }),
      ).toBe('1.1.0');
      const goPlugins = ['0.1.0', '0.2.0', '0.3.0', '0.3.1', '0.4.0', '1.0.0'];
      expect(negotiateVersion(list.declaredVersion, versions, { supported: goPlugins })).toBe(
        '1.0.0',
      );
    },
  );

  test('the demo network: a gateway bridge with masquerade and dual-stack host-local', () => {
    const demo = lists.get('10-cni-ts-demo.conflist');
    if (demo === undefined) throw new Error('no demo network');
    expect(demo.plugins).toHaveLength(1);
    const bridge = pluginInput(demo, 0);
    expect(bridge).toMatchObject({
      type: 'bridge',
      bridge: 'cnits-demo0',
      isGateway: true,
      isDefaultGateway: true,
      ipMasq: true,
    });
    const ipam = ipamOf(bridge);
    expect(ipam.type).toBe('host-local');
    // dataDir is left to the default; the demo points it into its scratch directory.
    expect(ipam.dataDir).toBeUndefined();
    expect(ipamCidrs(ipam)).toEqual(['10.88.0.0/16', 'fd00:88::/64']);
  });

  test('loopback is a network of its own, never the default', () => {
    const loopback = lists.get('99-loopback.conflist');
    expect(loopback?.plugins.map((p) => p.network.type)).toEqual(['loopback']);
    expect(basename(files.at(-1) ?? '')).toBe('99-loopback.conflist');
  });

  test('every address is private, no two networks overlap, bridge names fit IFNAMSIZ', () => {
    const byNetwork = NAMED.map(([, list]) => ({
      name: list.name,
      cidrs: list.plugins.flatMap((_, i) => ipamCidrs(ipamOf(pluginInput(list, i)))),
    }));
    const all = byNetwork.flatMap((n) => n.cidrs);
    expect(all.length).toBeGreaterThan(0);
    expect(all.filter((c) => !isPrivate(c))).toEqual([]);
    for (const [i, a] of byNetwork.entries()) {
      for (const b of byNetwork.slice(i + 1)) {
        const clashes = a.cidrs.flatMap((x) => b.cidrs.filter((y) => overlaps(x, y)));
        expect({ pair: [a.name, b.name], clashes }).toEqual({
          pair: [a.name, b.name],
          clashes: [],
        });
      }
    }
    const bridges = NAMED.flatMap(([, list]) =>
      list.plugins.map((_, i) => pluginInput(list, i).bridge).filter((b) => typeof b === 'string'),
    );
    expect(bridges).toEqual(['cnits-demo0', 'cnits-static0']);
    for (const name of bridges) expect(name.length).toBeLessThanOrEqual(15);
  });

  for (const type of USED_TYPES) {
    const schema = SCHEMAS.get(type);
    const title = `${type}'s config schema accepts every example using it`;
    test.skipIf(schema === undefined)(
      schema === undefined ? `${title} (skipped: ${type} is not registered yet)` : title,
      () => {
        let checked = 0;
        for (const [, list] of NAMED) {
          for (const [i] of list.plugins.entries()) {
            const input = pluginInput(list, i);
            if (input.type !== type && ipamOf(input).type !== type) continue;
            expect(() => parseNetConf(JSON.stringify(input), schema)).not.toThrow();
            checked++;
          }
        }
        expect(checked).toBeGreaterThan(0);
      },
    );
  }
});
