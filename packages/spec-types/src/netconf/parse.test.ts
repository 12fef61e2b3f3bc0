import { describe, expect, test } from 'bun:test';
import * as v from 'valibot';
import { errorOf } from '../_testing.ts';
import { CniErrorCode } from '../errors/codes.ts';
import { IpSchema } from '../schema/primitives.ts';
import { NetConfEntries } from './netconf.ts';
import { parseNetConf, parseNetConfList } from './parse.ts';

const bridge = {
  cniVersion: '1.0.0',
  name: 'net1',
  type: 'bridge',
  bridge: 'cni0',
  ipam: { type: 'host-local', ranges: [[{ subnet: '10.0.0.0/24' }]] },
};

describe('parseNetConf', () => {
  test('keeps plugin keys it does not know', () => {
    expect(parseNetConf(JSON.stringify(bridge))).toEqual(bridge);
  });

  test('matches keys case-insensitively and lets the last duplicate win, as Go', () => {
    const conf = parseNetConf(
      '{"NAME":"a","Type":"bridge","IPAM":{"TYPE":"host-local","ranges":[[{"SUBNET":"10.0.0.0/24","subnet":"10.1.0.0/24"}]]},"ipam":{"type":"static"},"Ipam":{"type":"dhcp"}}',
    );
    expect(conf.name).toBe('a');
    expect(conf.type).toBe('bridge');
    expect(conf.ipam).toEqual({ type: 'dhcp' });
  });

  test('folds the non-ASCII runes Go folds onto ASCII letters', () => {
    // U+212A KELVIN SIGN folds to k, U+017F LONG S folds to s.
    expect(parseNetConf('{"name":"a","type":"t","\u212aey":1,"ipMa\u017fq":true}').ipMasq).toBe(
      true,
    );
  });

  test('treats null as unset for known keys, as Go', () => {
    expect(parseNetConf('{"name":"a","type":"t","ipMasq":null,"dns":null}')).toEqual({
      name: 'a',
      type: 't',
    });
  });

  test('keeps __proto__ as plain data', () => {
    const conf = parseNetConf('{"name":"a","type":"t","__proto__":{"polluted":true}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(conf)).toBe(Object.prototype);
  });

  test('gives code 6 with the position for undecodable JSON', () => {
    expect(errorOf(() => parseNetConf('{"name":"a",}'))).toEqual({
      code: CniErrorCode.DecodingFailure,
      msg: "error decoding network config: invalid character '}' looking for beginning of object key string",
      details: 'at line 1, column 13',
    });
  });

  test('gives code 7 naming the key path and the bad value', () => {
    expect(
      errorOf(() => parseNetConf({ ...bridge, ipam: { ranges: [[{ subnet: '10.0.0.0/33' }]] } })),
    ).toEqual({ code: 7, msg: 'ipam.ranges[0][0].subnet: invalid CIDR "10.0.0.0/33"' });
    expect(errorOf(() => parseNetConf({ ...bridge, ipMasq: 'true' }))).toEqual({
      code: 7,
      msg: 'ipMasq: expected a boolean, got "true"',
    });
    expect(
      errorOf(() => parseNetConf({ ...bridge, capabilities: { portMappings: 'yes' } })).msg,
    ).toBe('capabilities.portMappings: expected a boolean, got "yes"');
    expect(
      errorOf(() => parseNetConf({ ...bridge, runtimeConfig: { ips: ['10.0.0.1/99'] } })).msg,
    ).toBe('runtimeConfig.ips[0]: invalid IP address or CIDR "10.0.0.1/99"');
  });

  test('lists every problem in details when there are several', () => {
    const error = errorOf(() => parseNetConf({ type: 5, dns: { nameservers: 'x' } }));
    expect(error.msg).toBe('name: missing network name');
    expect(error.details).toBe(
      'name: missing network name; type: expected a string, got number 5; dns.nameservers: expected an array, got "x"',
    );
  });

  test('applies the upstream name rules', () => {
    expect(errorOf(() => parseNetConf({ name: '', type: 't' })).msg).toBe(
      'name: missing network name',
    );
    expect(errorOf(() => parseNetConf({ name: 'bad/name', type: 't' })).msg).toBe(
      'name: invalid characters found in network name "bad/name"',
    );
    expect(errorOf(() => parseNetConf({ name: 'n', type: '../bin/x' })).msg).toBe(
      'type: invalid plugin type "../bin/x": must not contain / or \\',
    );
  });

  test('accepts the empty string as an unset gateway, as Go net.IP does', () => {
    const conf = parseNetConf({
      ...bridge,
      ipam: { ranges: [[{ subnet: '10.0.0.0/24', gateway: '' }]] },
    });
    expect(conf.ipam?.ranges?.[0]?.[0]?.gateway).toBe('');
  });

  test('validates and types a plugin schema built from NetConfEntries', () => {
    const BridgeSchema = v.looseObject({
      ...NetConfEntries,
      bridge: v.optional(v.string()),
      isGateway: v.optional(v.boolean()),
      gateway: v.optional(IpSchema),
    });
    const conf = parseNetConf({ ...bridge, ISGATEWAY: true }, BridgeSchema);
    expect(conf.isGateway).toBe(true);
    expect(conf.bridge).toBe('cni0');
    expect(
      errorOf(() => parseNetConf({ ...bridge, gateway: '10.0.0.256' }, BridgeSchema)).msg,
    ).toBe('gateway: invalid IP address "10.0.0.256"');
  });

  test('reads the GC keys libcni adds', () => {
    const conf = parseNetConf({
      ...bridge,
      'cni.dev/valid-attachments': [{ containerID: 'c1', ifname: 'eth0' }],
      'cni.dev/attachments': null,
    });
    expect(conf['cni.dev/valid-attachments']).toEqual([{ containerID: 'c1', ifname: 'eth0' }]);
    expect(conf['cni.dev/attachments']).toBeUndefined();
  });
});

describe('parseNetConfList', () => {
  const list = {
    cniVersion: '1.1.0',
    cniVersions: ['1.0.0', '1.1.0'],
    name: 'net1',
    plugins: [
      { type: 'bridge', bridge: 'cni0' },
      { type: 'portmap', capabilities: { portMappings: true } },
    ],
  };

  test('parses a list and keeps the plugins unknown keys', () => {
    expect(parseNetConfList(list)).toEqual(list);
  });

  test('accepts the string forms of the list flags libcni accepts', () => {
    const parsed = parseNetConfList({
      ...list,
      disableCheck: 'TRUE',
      disableGC: 'false',
      loadOnlyInlinedPlugins: true,
    });
    expect(parsed).toMatchObject({
      disableCheck: true,
      disableGC: false,
      loadOnlyInlinedPlugins: true,
    });
    expect(errorOf(() => parseNetConfList({ ...list, disableCheck: 'yes' }))).toEqual({
      code: 7,
      msg: 'disableCheck: expected a boolean or "true"/"false", got "yes"',
    });
    expect(errorOf(() => parseNetConfList({ ...list, disableCheck: 1 })).msg).toBe(
      'disableCheck: expected a boolean or a string, got number 1',
    );
  });

  test('allows a list without plugins, but not an empty one', () => {
    expect(parseNetConfList({ name: 'n', cniVersion: '1.1.0' }).plugins).toBeUndefined();
    expect(errorOf(() => parseNetConfList({ ...list, plugins: [] })).msg).toBe(
      'plugins: no plugins in list',
    );
    expect(errorOf(() => parseNetConfList({ name: 'n', loadOnlyInlinedPlugins: 'true' })).msg).toBe(
      'plugins: required when loadOnlyInlinedPlugins is true',
    );
  });

  test('requires a type on every plugin and checks cniVersions', () => {
    expect(
      errorOf(() => parseNetConfList({ ...list, plugins: [{ type: 'a' }, { bridge: 'x' }] })).msg,
    ).toBe("plugins[1].type: missing 'type'");
    expect(errorOf(() => parseNetConfList({ ...list, cniVersions: ['1.0.0', 'one'] })).msg).toBe(
      'cniVersions[1]: invalid version "one"',
    );
  });

  test('names the full key path of a nested bad value', () => {
    const bad = {
      ...list,
      plugins: [
        { type: 'a' },
        { type: 'bridge', ipam: { type: 'host-local', ranges: [[{ subnet: '10.0.0.0/33' }]] } },
      ],
    };
    expect(errorOf(() => parseNetConfList(JSON.stringify(bad)))).toEqual({
      code: 7,
      msg: 'plugins[1].ipam.ranges[0][0].subnet: invalid CIDR "10.0.0.0/33"',
    });
  });

  test('validates plugins with their own schemas when given, with the full key path', () => {
    const PortmapSchema = v.looseObject({ ...NetConfEntries, snat: v.optional(v.boolean()) });
    const plugins = { portmap: PortmapSchema };
    const ok = parseNetConfList(
      { ...list, plugins: [{ type: 'portmap', SNAT: false }] },
      { plugins },
    );
    expect(ok.plugins?.[0]).toMatchObject({ type: 'portmap', snat: false });
    expect(
      errorOf(() =>
        parseNetConfList(
          { ...list, plugins: [{ type: 'x' }, { type: 'portmap', snat: 'no' }] },
          { plugins },
        ),
      ).msg,
    ).toBe('plugins[1].snat: expected a boolean, got "no"');
  });
});
