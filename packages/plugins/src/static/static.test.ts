import { describe, expect, test } from 'bun:test';
import { staticIpam } from './index.ts';

// The whole plugin in process, through the skel (static touches nothing, so no root).

interface Run {
  readonly exitCode: number;
  readonly json: unknown;
}

async function run(command: string, config: object | string, args = ''): Promise<Run> {
  const output = await staticIpam.invoke({
    env: {
      CNI_COMMAND: command,
      CNI_CONTAINERID: 'cid1',
      CNI_NETNS: '/run/netns/cnits-static-unused',
      CNI_IFNAME: 'eth0',
      CNI_PATH: '/nonexistent',
      CNI_ARGS: args,
    },
    stdin: new TextEncoder().encode(typeof config === 'string' ? config : JSON.stringify(config)),
  });
  return {
    exitCode: output.exitCode,
    json: output.stdout === '' ? undefined : JSON.parse(output.stdout),
  };
}

const dns = {
  nameservers: ['192.168.77.53'],
  domain: 'pur.example',
  search: ['pur.example'],
  options: ['ndots:2'],
};

// §6.6 of the reference.
const config = {
  cniVersion: '1.0.0',
  name: 'st-net',
  type: 'static',
  ipam: {
    type: 'static',
    addresses: [
      { address: '192.168.77.10/24', gateway: '192.168.77.1' },
      { address: 'fd00:77::10/64', gateway: 'fd00:77::1' },
    ],
    routes: [{ dst: '0.0.0.0/0' }, { dst: '192.168.78.0/24', gw: '192.168.77.254' }],
    dns,
  },
};

describe('static', () => {
  test('ADD with CNI_ARGS IP and GATEWAY: four addresses, the config routes and DNS', async () => {
    const added = await run(
      'ADD',
      config,
      'IP=192.168.77.20/24,fd00:77::20/64;GATEWAY=192.168.77.1',
    );
    expect(added).toEqual({
      exitCode: 0,
      json: {
        cniVersion: '1.0.0',
        ips: [
          { address: '192.168.77.10/24', gateway: '192.168.77.1' },
          { address: 'fd00:77::10/64', gateway: 'fd00:77::1' },
          { address: '192.168.77.20/24', gateway: '192.168.77.1' },
          { address: 'fd00:77::20/64' },
        ],
        routes: config.ipam.routes,
        dns,
      },
    });
  });

  test('ADD at 0.2.0 gives ip4/ip6 with the routes under ip4', async () => {
    const added = await run('ADD', { ...config, cniVersion: '0.2.0' });
    expect(added.json).toEqual({
      cniVersion: '0.2.0',
      ip4: { ip: '192.168.77.10/24', gateway: '192.168.77.1', routes: config.ipam.routes },
      ip6: { ip: 'fd00:77::10/64', gateway: 'fd00:77::1' },
      dns,
    });
  });

  test('CHECK compares the previous result with the config', async () => {
    const prevResult = (await run('ADD', config)).json;
    expect((await run('CHECK', { ...config, prevResult })).exitCode).toBe(0);
    expect(await run('CHECK', config)).toEqual({
      exitCode: 1,
      json: { code: 999, msg: 'Required prevResult missing' },
    });
    const otherGateway = {
      cniVersion: '1.0.0',
      ips: [
        { address: '192.168.77.10/24', gateway: '192.168.77.2' },
        { address: 'fd00:77::10/64', gateway: 'fd00:77::1' },
      ],
    };
    expect((await run('CHECK', { ...config, prevResult: otherGateway })).json).toEqual({
      code: 999,
      msg: 'static: Failed to match addr 192.168.77.10 on interface eth0',
    });
  });

  test('CHECK fails when a configured address is missing from the previous result', async () => {
    const missing = {
      cniVersion: '1.0.0',
      ips: [{ address: '192.168.77.10/24', gateway: '192.168.77.1' }],
    };
    expect((await run('CHECK', { ...config, prevResult: missing })).json).toEqual({
      code: 999,
      msg: 'static: Failed to find addr fd00:77::10 on interface eth0',
    });
  });

  test('DEL, GC and STATUS do nothing and succeed, whatever the CNI_ARGS', async () => {
    expect(await run('DEL', { ...config, ipam: { type: 'static' } }, 'FOO=1')).toEqual({
      exitCode: 0,
      json: undefined,
    });
    const v11 = { ...config, cniVersion: '1.1.0' };
    expect((await run('GC', v11)).exitCode).toBe(0);
    expect((await run('STATUS', v11)).exitCode).toBe(0);
  });

  test('ADD without an ipam section fails as upstream', async () => {
    expect((await run('ADD', { cniVersion: '1.0.0', name: 'n', type: 'static' })).json).toEqual({
      code: 999,
      msg: "IPAM config missing 'ipam' key",
    });
  });
});
