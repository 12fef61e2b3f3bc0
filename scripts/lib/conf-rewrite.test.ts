import { describe, expect, test } from 'bun:test';
import { pluginTypes, withHostLocalDataDir } from './conf-rewrite.ts';

const list = {
  cniVersion: '1.0.0',
  name: 'net',
  plugins: [
    {
      type: 'bridge',
      bridge: 'br0',
      ipam: { type: 'host-local', ranges: [[{ subnet: '10.1.0.0/24' }]] },
    },
    { type: 'ptp', ipam: { type: 'static', addresses: [] } },
    { type: 'portmap', capabilities: { portMappings: true } },
  ],
};

describe('withHostLocalDataDir', () => {
  test('sets dataDir on host-local IPAM only, keeping everything else', () => {
    const out = withHostLocalDataDir(list, '/tmp/x/ipam');
    expect(out).toEqual({
      ...list,
      plugins: [
        {
          type: 'bridge',
          bridge: 'br0',
          ipam: {
            type: 'host-local',
            ranges: [[{ subnet: '10.1.0.0/24' }]],
            dataDir: '/tmp/x/ipam',
          },
        },
        list.plugins[1],
        list.plugins[2],
      ],
    });
  });

  test('replaces a dataDir that is there and leaves the input alone', () => {
    const withDir = {
      name: 'n',
      plugins: [{ type: 'bridge', ipam: { type: 'host-local', dataDir: '/var/lib/cni/networks' } }],
    };
    const out = withHostLocalDataDir(withDir, '/scratch');
    expect(out.plugins).toEqual([
      { type: 'bridge', ipam: { type: 'host-local', dataDir: '/scratch' } },
    ]);
    expect(withDir.plugins[0]?.ipam.dataDir).toBe('/var/lib/cni/networks');
  });

  test('a list without plugins comes back with an empty list', () => {
    expect(withHostLocalDataDir({ name: 'n' }, '/d')).toEqual({ name: 'n', plugins: [] });
  });
});

describe('pluginTypes', () => {
  test('names every plugin and IPAM type once, sorted', () => {
    expect(pluginTypes(list)).toEqual(['bridge', 'host-local', 'portmap', 'ptp', 'static']);
    expect(
      pluginTypes({ plugins: [{ type: 'loopback' }, { type: 'loopback' }, 'junk', { ipam: 7 }] }),
    ).toEqual(['loopback']);
  });
});
