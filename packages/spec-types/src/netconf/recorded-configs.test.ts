import { describe, expect, test } from 'bun:test';
import * as v from 'valibot';
import {
  type CniError,
  CniErrorCode,
  IpamSchema,
  isCniError,
  NetConfEntries,
  parseNetConf,
  parseNetConfList,
} from '../index.ts';
import recorded from './fixtures/recorded-configs.json';

// Configs run against the Go reference plugins (Debian containernetworking-plugins 1.1.1),
// reconstructed from section 6 of the reference notes. `json` is the exact config text, so
// key case, duplicate keys and key order survive. Upstream got past decoding and skel's
// checks for every config except those with `expectError` (`routes:"nope"` failed to
// decode; a missing or bad network name failed skel's check); the other failures recorded
// in `upstream` happened later, in the plugin, and are not the parser's business.
const RecordedConfigSchema = v.strictObject({
  name: v.string(),
  section: v.pipe(v.string(), v.regex(/^6\.\d$/)),
  kind: v.picklist(['conf', 'conflist']),
  upstream: v.string(),
  json: v.string(),
  expectError: v.optional(v.string()),
});

type RecordedConfig = v.InferOutput<typeof RecordedConfigSchema>;

const configs = v.parse(v.array(RecordedConfigSchema), recorded);
const accepted = configs.filter((c) => c.expectError === undefined);
const rejected = configs.filter((c) => c.expectError !== undefined);

/** Configs whose parsed form differs from `JSON.parse` of the text; checked one by one. */
const REWRITTEN = new Set([
  '6.8-host-local-case-insensitive-keys',
  '6.2-conflist-1.1.0-cniversions-disablecheck-string',
]);

const CONF_KEYS = new Set(Object.keys(NetConfEntries).map((key) => key.toLowerCase()));
const IPAM_KEYS = new Set(Object.keys(IpamSchema.entries).map((key) => key.toLowerCase()));

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asRecord(value: unknown): Record<string, unknown> {
  if (!isRecord(value)) throw new Error(`expected an object, got ${JSON.stringify(value)}`);
  return value;
}

function recordedConfig(name: string): RecordedConfig {
  const found = configs.find((c) => c.name === name);
  if (!found) throw new Error(`no recorded config named ${name}`);
  return found;
}

function parseRecorded(c: RecordedConfig): unknown {
  return c.kind === 'conf' ? parseNetConf(c.json) : parseNetConfList(c.json);
}

function caught(run: () => unknown): CniError {
  try {
    run();
  } catch (error) {
    if (isCniError(error)) return error;
    throw error;
  }
  throw new Error('expected a CniError');
}

/** Pairs of (plugin object as written, plugin object as parsed). */
function pluginPairs(c: RecordedConfig, parsed: unknown): [Record<string, unknown>, unknown][] {
  const raw = asRecord(JSON.parse(c.json));
  if (c.kind === 'conf') return [[raw, parsed]];
  const rawPlugins = raw.plugins;
  const parsedPlugins = asRecord(parsed).plugins;
  if (!Array.isArray(rawPlugins) || !Array.isArray(parsedPlugins)) return [];
  return rawPlugins.map((plugin, index) => [asRecord(plugin), parsedPlugins[index]]);
}

function unknownEntries(
  object: Record<string, unknown>,
  known: ReadonlySet<string>,
): [string, unknown][] {
  return Object.entries(object).filter(([key]) => !known.has(key.toLowerCase()));
}

describe('recorded configs fixture', () => {
  test('holds uniquely named configs of every section 6 run when loaded', () => {
    expect(configs.length).toBeGreaterThanOrEqual(30);
    expect(new Set(configs.map((c) => c.name)).size).toBe(configs.length);
    for (const c of configs) expect(c.name.startsWith(`${c.section}-`)).toBe(true);
    expect(new Set(configs.map((c) => c.section))).toEqual(
      new Set(['6.2', '6.3', '6.4', '6.5', '6.6', '6.7', '6.8']),
    );
  });
});

describe('parseNetConf and parseNetConfList on recorded configs', () => {
  test.each(accepted.map((c) => [c.name, c] as const))(
    'accepts %s when Go decoded it',
    (_name, c) => {
      expect(() => parseRecorded(c)).not.toThrow();
    },
  );

  test.each(rejected.map((c) => [c.name, c] as const))(
    'rejects %s with code 7 when Go refused it before the plugin ran',
    (_name, c) => {
      const error = caught(() => parseRecorded(c));
      expect(error.code).toBe(CniErrorCode.InvalidNetworkConfig);
      expect(error.msg).toContain(c.expectError ?? '');
    },
  );

  test.each(accepted.filter((c) => !REWRITTEN.has(c.name)).map((c) => [c.name, c] as const))(
    'returns every value as written when %s uses canonical keys',
    (_name, c) => {
      expect(parseRecorded(c)).toEqual(JSON.parse(c.json));
    },
  );

  test.each(accepted.map((c) => [c.name, c] as const))(
    'keeps plugin-specific keys unchanged when parsing %s',
    (_name, c) => {
      for (const [raw, parsed] of pluginPairs(c, parseRecorded(c))) {
        const out = asRecord(parsed);
        for (const [key, value] of unknownEntries(raw, CONF_KEYS)) expect(out[key]).toEqual(value);
        const rawIpam = raw.ipam;
        if (!isRecord(rawIpam)) continue;
        const outIpam = asRecord(out.ipam);
        for (const [key, value] of unknownEntries(rawIpam, IPAM_KEYS)) {
          expect(outIpam[key]).toEqual(value);
        }
      }
    },
  );
});

describe('parseNetConf on recorded configs', () => {
  test('returns canonical keys when the config spells them in upper or mixed case', () => {
    const conf = parseNetConf(recordedConfig('6.8-host-local-case-insensitive-keys').json);
    expect(conf.type).toBe('host-local');
    expect(conf.ipam?.type).toBe('host-local');
    const range = conf.ipam?.ranges?.[0]?.[0];
    expect(range).toEqual({
      subnet: '10.244.76.0/24',
      rangeStart: '10.244.76.10',
      rangeEnd: '10.244.76.20',
      gateway: '10.244.76.1',
    });
    expect(Object.keys(conf)).not.toContain('TYPE');
    expect(Object.keys(conf)).not.toContain('IPAM');
    expect(Object.keys(conf.ipam ?? {})).not.toContain('Ranges');
    expect(conf.ipam?.dataDir).toBe('/tmp/pur-scratch/ipam');
  });

  test('keeps the last value when a key is duplicated', () => {
    const conf = parseNetConf(recordedConfig('6.8-host-local-duplicate-subnet').json);
    expect(conf.ipam?.ranges).toEqual([[{ subnet: '10.244.77.0/24' }]]);
  });

  test('keeps the last value when duplicated keys differ only in case', () => {
    const conf = parseNetConf(
      '{"name":"n","type":"host-local","ipam":{"ranges":[[{"SUBNET":"10.0.1.0/24","subnet":"10.0.2.0/24"}]]}}',
    );
    expect(conf.ipam?.ranges?.[0]?.[0]?.subnet).toBe('10.0.2.0/24');
  });

  test('keeps bridge keys unchanged when the schema does not know them', () => {
    const conf = parseNetConf(recordedConfig('6.4-bridge-dualstack').json);
    expect(conf.bridge).toBe('pur-br0');
    expect(conf.isGateway).toBe(true);
    expect(conf.isDefaultGateway).toBe(true);
    expect(conf.hairpinMode).toBe(true);
    expect(conf.ipMasq).toBe(true);
    expect(conf.ipam?.ranges?.[1]?.[0]?.subnet).toBe('fd00:50::/64');
  });

  test('keeps semantically invalid values when only the plugin rejects them', () => {
    const slash31 = parseNetConf(recordedConfig('6.8-host-local-slash-31').json);
    expect(slash31.ipam?.ranges?.[0]?.[0]?.subnet).toBe('10.244.73.0/31');
    const hostBits = parseNetConf(recordedConfig('6.8-host-local-host-bits-set').json);
    expect(hostBits.ipam?.ranges?.[0]?.[0]?.subnet).toBe('10.244.73.5/24');
    const hairpin = parseNetConf(recordedConfig('6.4-bridge-hairpin-promisc').json);
    expect([hairpin.hairpinMode, hairpin.promiscMode]).toEqual([true, true]);
  });

  test('returns typed runtimeConfig when the runtime injected capability arguments', () => {
    const bandwidth = parseNetConf(recordedConfig('6.7-chain-bandwidth-as-invoked').json);
    expect(bandwidth.runtimeConfig?.bandwidth).toEqual({
      ingressRate: 8000000,
      ingressBurst: 1000000,
      egressRate: 4000000,
      egressBurst: 500000,
    });
    const portmap = parseNetConf(recordedConfig('6.7-chain-portmap-as-invoked').json);
    expect(portmap.runtimeConfig?.portMappings?.[1]).toEqual({
      hostPort: 18053,
      containerPort: 53,
      protocol: 'udp',
      hostIP: '0.0.0.0',
    });
    expect(portmap.prevResult?.cniVersion).toBe('1.0.0');
  });
});

describe('parseNetConfList on recorded configs', () => {
  test('returns true when disableCheck is the string "true"', () => {
    const list = parseNetConfList(
      recordedConfig('6.2-conflist-1.1.0-cniversions-disablecheck-string').json,
    );
    expect(list.disableCheck).toBe(true);
    expect(list.cniVersion).toBe('1.1.0');
    expect(list.cniVersions).toEqual(['1.0.0', '1.1.0']);
  });

  test('keeps the plugins in order with their own keys when parsing the 5-plugin chain', () => {
    const list = parseNetConfList(
      recordedConfig('6.7-chain-bridge-tuning-portmap-firewall-bandwidth').json,
    );
    expect(list.name).toBe('pur-chain');
    expect(list.cniVersion).toBe('1.0.0');
    const plugins = list.plugins ?? [];
    expect(plugins.map((plugin) => plugin.type)).toEqual([
      'bridge',
      'tuning',
      'portmap',
      'firewall',
      'bandwidth',
    ]);
    expect(plugins[0]?.bridge).toBe('pur-br1');
    expect(plugins[0]?.ipam?.routes).toEqual([{ dst: '0.0.0.0/0' }]);
    expect(plugins[1]?.sysctl).toEqual({
      'net.ipv4.conf.IFNAME.arp_filter': '1',
      'net.core.somaxconn': '512',
    });
    expect(plugins[1]?.capabilities).toEqual({ mac: true });
    expect(plugins[2]?.capabilities).toEqual({ portMappings: true });
    expect(plugins[3]?.ingressPolicy).toBe('same-bridge');
    expect(plugins[4]?.capabilities).toEqual({ bandwidth: true });
  });
});

describe('parseNetConf and parseNetConfList errors', () => {
  test('throws code 7 naming the key path when a plugin subnet is not a CIDR', () => {
    const text = JSON.stringify({
      cniVersion: '1.0.0',
      name: 'pur-chain',
      plugins: [
        { type: 'loopback' },
        { type: 'bridge', ipam: { type: 'host-local', ranges: [[{ subnet: '10.0.0.0/33' }]] } },
      ],
    });
    const error = caught(() => parseNetConfList(text));
    expect(error.code).toBe(CniErrorCode.InvalidNetworkConfig);
    expect(error.msg).toBe('plugins[1].ipam.ranges[0][0].subnet: invalid CIDR "10.0.0.0/33"');
  });

  test('throws code 6 when the text is not JSON', () => {
    expect(caught(() => parseNetConf('{"name":"n","type":"bridge",}')).code).toBe(
      CniErrorCode.DecodingFailure,
    );
    expect(caught(() => parseNetConfList('{"name":"n","plugins":[')).code).toBe(
      CniErrorCode.DecodingFailure,
    );
  });

  test('throws code 7 naming plugins[0].capabilities when a capability is a string', () => {
    const text =
      '{"name":"n","plugins":[{"type":"portmap","capabilities":{"portMappings":"yes"}}]}';
    const error = caught(() => parseNetConfList(text));
    expect(error.code).toBe(CniErrorCode.InvalidNetworkConfig);
    expect(error.msg.startsWith('plugins[0].capabilities.')).toBe(true);
  });

  test('throws code 7 naming capabilities when a conf capability is a string', () => {
    const text = '{"name":"n","type":"portmap","capabilities":{"portMappings":"yes"}}';
    const error = caught(() => parseNetConf(text));
    expect(error.code).toBe(CniErrorCode.InvalidNetworkConfig);
    expect(error.msg.startsWith('capabilities.')).toBe(true);
  });
});
