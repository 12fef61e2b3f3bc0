import { describe, expect, test } from 'bun:test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import recorded from '../src/result/fixtures/recorded-results.json';
import { SUPPORTED_VERSIONS } from '../src/version/versions.ts';
import { validateJson } from './_mini-validator.ts';
import { buildJsonSchemas, formatSchemaFile, SCHEMA_DIR } from './json-schemas.ts';

const STALE = 'schema files are stale: run `bun run schemas`';

function onDisk(): Record<string, string> {
  const files = readdirSync(SCHEMA_DIR).filter((file) => file.endsWith('.schema.json'));
  return Object.fromEntries(
    files.sort().map((file) => [file, readFileSync(join(SCHEMA_DIR, file), 'utf8')]),
  );
}

function schema(file: string): unknown {
  return JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8'));
}

function errors(file: string, doc: unknown): string[] {
  return validateJson(schema(file), doc);
}

const bridgeResult = {
  cniVersion: '1.0.0',
  interfaces: [
    { name: 'pur-br0', mac: 'ca:f4:56:98:57:41' },
    { name: 'eth0', mac: '6a:68:17:12:de:39', sandbox: '/var/run/netns/x' },
  ],
  ips: [{ interface: 1, address: '10.244.50.4/24', gateway: '10.244.50.1' }],
  routes: [{ dst: '0.0.0.0/0', gw: '10.244.50.1' }],
  dns: {},
};

const bridgeList = {
  cniVersion: '1.0.0',
  name: 'pur-net',
  disableCheck: 'True',
  plugins: [
    {
      type: 'bridge',
      bridge: 'pur-br0',
      isGateway: true,
      ipMasq: true,
      ipam: {
        type: 'host-local',
        ranges: [[{ subnet: '10.244.50.0/24', gateway: '10.244.50.1' }], [{ subnet: 'fd00::/64' }]],
        routes: [{ dst: '0.0.0.0/0' }],
      },
    },
    { type: 'portmap', capabilities: { portMappings: true }, snat: true },
  ],
};

describe('generated JSON Schemas', () => {
  test('files on disk match buildJsonSchemas()', () => {
    const built = Object.entries(buildJsonSchemas()).sort(([a], [b]) => a.localeCompare(b));
    const expected = Object.fromEntries(built.map(([file, s]) => [file, formatSchemaFile(s)]));
    expect(onDisk(), STALE).toEqual(expected);
  });

  test('every file is a draft 2020-12 schema with an $id', () => {
    const files = Object.entries(onDisk());
    expect(files).toHaveLength(11);
    for (const [file, text] of files) {
      const json: unknown = JSON.parse(text);
      expect(json).toMatchObject({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        $id: `https://cni-ts.dev/schema/${file}`,
      });
    }
  });

  test('a recorded bridge result is a 1.0.0 result, not a 0.4.0 one', () => {
    expect(errors('result-1.0.0.schema.json', bridgeResult)).toEqual([]);
    expect(errors('result-0.4.0.schema.json', bridgeResult)).toEqual([
      '$.cniVersion: expected "0.4.0"',
    ]);
  });

  test('a 0.2.0 host-local result passes result-0.2.0', () => {
    const result = {
      cniVersion: '0.2.0',
      ip4: { ip: '10.244.74.2/24', gateway: '10.244.74.1' },
      dns: {},
    };
    expect(errors('result-0.2.0.schema.json', result)).toEqual([]);
  });

  test('every recorded result with a supported version passes its file', () => {
    for (const { name, json } of recorded) {
      const doc: unknown = JSON.parse(json);
      const version = (doc as { cniVersion?: unknown }).cniVersion ?? '0.1.0';
      if (!(SUPPORTED_VERSIONS as readonly unknown[]).includes(version)) continue;
      expect(errors(`result-${String(version)}.schema.json`, doc), name).toEqual([]);
    }
  });

  test('a bridge conflist passes; bad lists fail', () => {
    const file = 'netconf-list.schema.json';
    expect(errors(file, bridgeList)).toEqual([]);
    expect(errors(file, { ...bridgeList, plugins: [] })).toEqual(['$.plugins: too few items']);
    expect(errors(file, { name: 'x', loadOnlyInlinedPlugins: 'TRUE' })).toEqual([
      '$: missing plugins',
    ]);
    expect(errors(file, { ...bridgeList, name: '-bad name' })).toHaveLength(1);
    expect(errors(file, { ...bridgeList, disableGC: 'yes' })).toHaveLength(1);
    expect(errors(file, { ...bridgeList, plugins: [{ type: '' }] })).toHaveLength(1);
  });

  test('plugin configs and addresses', () => {
    const conf = { cniVersion: '1.1.0', name: 'n', type: 'ptp', ipam: { type: 'static' } };
    expect(errors('netconf.schema.json', conf)).toEqual([]);
    expect(errors('netconf.schema.json', { ...conf, type: '/bin/ptp' })).toHaveLength(1);
    const route = { dst: '10.0.0.0', gw: 'gateway' };
    expect(errors('netconf.schema.json', { ...conf, ipam: { routes: [route] } })).toHaveLength(2);
  });

  test('error and version objects', () => {
    const error = { cniVersion: '1.1.0', code: 7, msg: 'invalid', details: 'x' };
    expect(errors('error.schema.json', error)).toEqual([]);
    expect(errors('error.schema.json', { code: -1 })).toHaveLength(2);
    const info = { cniVersion: '1.1.0', supportedVersions: ['0.4.0', '1.0.0', '1.1.0'] };
    expect(errors('version-info.schema.json', info)).toEqual([]);
  });
});
