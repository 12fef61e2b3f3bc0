import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostLocal } from './index.ts';

// The whole plugin in process, through the skel. CNI_NETNS names a path that does not
// exist: host-local never enters it, and the skel's own-netns check lets it pass.

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cnits-hl-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const store = () => join(dir, 'data', 'hl-net');

function conf(ipam: object, extra: object = {}, cniVersion = '1.1.0'): object {
  return {
    cniVersion,
    name: 'hl-net',
    type: 'host-local',
    ipam: { type: 'host-local', dataDir: join(dir, 'data'), ...ipam },
    ...extra,
  };
}

const small = {
  ranges: [
    [{ subnet: '10.244.70.0/29', gateway: '10.244.70.6' }, { subnet: '10.244.71.0/30' }],
    [{ subnet: 'fd00:70::/126' }],
  ],
};

interface Run {
  readonly exitCode: number;
  readonly json: unknown;
}

async function run(
  command: string,
  config: object,
  options: { containerId?: string; ifName?: string; args?: string } = {},
): Promise<Run> {
  const output = await hostLocal.invoke({
    env: {
      CNI_COMMAND: command,
      CNI_CONTAINERID: options.containerId ?? 'cid1',
      CNI_NETNS: '/run/netns/cnits-hl-unused',
      CNI_IFNAME: options.ifName ?? 'eth0',
      CNI_PATH: '/nonexistent',
      CNI_ARGS: options.args ?? '',
    },
    stdin: new TextEncoder().encode(JSON.stringify(config)),
  });
  return {
    exitCode: output.exitCode,
    json: output.stdout === '' ? undefined : JSON.parse(output.stdout),
  };
}

const files = () => readdirSync(store()).sort();

describe('host-local ADD', () => {
  test('gives one address per range set, with routes and resolvConf DNS', async () => {
    const resolv = join(dir, 'resolv.conf');
    writeFileSync(resolv, 'nameserver 10.0.0.53\nsearch a.example\n');
    const added = await run(
      'ADD',
      conf({ ...small, routes: [{ dst: '0.0.0.0/0' }], resolvConf: resolv }),
    );
    expect(added).toEqual({
      exitCode: 0,
      json: {
        cniVersion: '1.1.0',
        ips: [
          { address: '10.244.70.1/29', gateway: '10.244.70.6' },
          { address: 'fd00:70::2/126', gateway: 'fd00:70::1' },
        ],
        routes: [{ dst: '0.0.0.0/0' }],
        dns: { nameservers: ['10.0.0.53'], search: ['a.example'] },
      },
    });
    expect(files()).toEqual([
      '10.244.70.1',
      'fd00:70::2',
      'last_reserved_ip.0',
      'last_reserved_ip.1',
      'lock',
    ]);
  });

  test('prints older versions in their shape (0.2.0: ip4/ip6)', async () => {
    const added = await run('ADD', conf({ subnet: '10.244.74.0/24' }, {}, '0.2.0'));
    expect(added.json).toEqual({
      cniVersion: '0.2.0',
      ip4: { ip: '10.244.74.2/24', gateway: '10.244.74.1' },
      dns: {},
    });
  });

  test('a failing range set releases what this ADD reserved, but last_reserved_ip has moved', async () => {
    await run('ADD', conf(small), { containerId: 'a' });
    await run('ADD', conf(small), { containerId: 'b' });
    const third = await run('ADD', conf(small), { containerId: 'c' });
    expect(third).toEqual({
      exitCode: 1,
      json: {
        code: 999,
        msg: 'failed to allocate for range 1: no IP addresses available in range set: fd00:70::1-fd00:70::3',
      },
    });
    expect(files().filter((name) => name.startsWith('10.'))).toEqual([
      '10.244.70.1',
      '10.244.70.2',
    ]);
    expect(readFileSync(join(store(), 'last_reserved_ip.0'), 'utf8')).toBe('10.244.70.3');
  });

  test('requested addresses: CNI_ARGS IP, and one no range set takes', async () => {
    const taken = await run('ADD', conf(small), { args: 'IP=10.244.70.4' });
    expect(taken.json).toMatchObject({ ips: [{ address: '10.244.70.4/29' }, {}] });
    const stray = await run('ADD', conf(small, { runtimeConfig: { ips: ['10.244.99.1'] } }), {
      containerId: 'other',
    });
    expect(stray.json).toEqual({
      code: 999,
      msg: 'failed to allocate all requested IPs: 10.244.99.1',
    });
    expect(files().filter((name) => name.startsWith('10.'))).toEqual(['10.244.70.4']);
  });

  test('an unknown CNI_ARGS key fails unless IgnoreUnknown is set (code 999, as Go)', async () => {
    const refused = await run('ADD', conf(small), { args: 'FOO=bar' });
    expect(refused.json).toEqual({ code: 999, msg: 'ARGS: unknown args ["FOO=bar"]' });
    const accepted = await run('ADD', conf(small), { args: 'IgnoreUnknown=1;FOO=bar' });
    expect(accepted.exitCode).toBe(0);
  });
});

// What a writer killed mid-reservation leaves: an empty address file (a writer that
// creates, then writes, as the Go host-local and this one before #21) or a temporary file.
describe('host-local with files a killed writer left', () => {
  const one = { ranges: [[{ subnet: '10.244.77.0/29' }]] };

  test('ADD takes over an empty address file and removes temporary files', async () => {
    mkdirSync(store(), { recursive: true });
    writeFileSync(join(store(), '10.244.77.2'), '');
    writeFileSync(join(store(), '.reserving.4242'), 'dead\r\neth0');
    const added = await run('ADD', conf(one));
    expect(added.json).toMatchObject({ ips: [{ address: '10.244.77.2/29' }] });
    expect(readFileSync(join(store(), '10.244.77.2'), 'utf8')).toBe('cid1\r\neth0');
    expect(files()).toEqual(['10.244.77.2', 'last_reserved_ip.0', 'lock']);
  });

  test('a requested address held by an empty file is given', async () => {
    mkdirSync(store(), { recursive: true });
    writeFileSync(join(store(), '10.244.77.4'), '');
    const added = await run('ADD', conf(one), { args: 'IP=10.244.77.4' });
    expect(added.json).toMatchObject({ ips: [{ address: '10.244.77.4/29' }] });
  });

  test("CHECK is not confused: an empty file is nobody's", async () => {
    mkdirSync(store(), { recursive: true });
    writeFileSync(join(store(), '10.244.77.3'), '');
    expect((await run('CHECK', conf(one))).json).toEqual({
      code: 999,
      msg: 'host-local: Failed to find address added by container cid1',
    });
    expect((await run('ADD', conf(one))).exitCode).toBe(0);
    expect((await run('CHECK', conf(one))).exitCode).toBe(0);
  });

  test('DEL succeeds, releases the attachment and removes the leftovers', async () => {
    expect((await run('ADD', conf(one))).exitCode).toBe(0);
    writeFileSync(join(store(), '10.244.77.5'), '');
    writeFileSync(join(store(), '.reserving.4242'), 'cid1\r\neth0');
    expect((await run('DEL', conf(one))).exitCode).toBe(0);
    expect(files()).toEqual(['last_reserved_ip.0', 'lock']);
  });

  test('GC collects empty files and temporary files, keeping valid reservations', async () => {
    expect((await run('ADD', conf(one), { containerId: 'keep' })).exitCode).toBe(0);
    writeFileSync(join(store(), '10.244.77.5'), '');
    writeFileSync(join(store(), '.reserving.4242'), 'keep\r\neth0');
    const valid = { 'cni.dev/valid-attachments': [{ containerID: 'keep', ifname: 'eth0' }] };
    const gc = await run('GC', conf(one, valid), { containerId: '', ifName: '' });
    expect(gc.exitCode).toBe(0);
    expect(files()).toEqual(['10.244.77.2', 'last_reserved_ip.0', 'lock']);
  });

  test('STATUS counts an empty file as free', async () => {
    const two = { ranges: [[{ subnet: '10.244.78.0/30', rangeEnd: '10.244.78.2' }]] };
    expect((await run('ADD', conf(two))).exitCode).toBe(0);
    writeFileSync(join(store(), '10.244.78.2'), '');
    expect((await run('STATUS', conf(two), { containerId: '' })).exitCode).toBe(0);
  });
});

describe('host-local DEL and CHECK', () => {
  test('CHECK finds the attachment until DEL releases it; DEL is idempotent', async () => {
    await run('ADD', conf(small));
    expect((await run('CHECK', conf(small))).exitCode).toBe(0);
    expect((await run('DEL', conf(small))).exitCode).toBe(0);
    expect(files()).toEqual(['last_reserved_ip.0', 'last_reserved_ip.1', 'lock']);
    expect((await run('DEL', conf(small))).exitCode).toBe(0);
    expect(await run('CHECK', conf(small))).toEqual({
      exitCode: 1,
      json: { code: 999, msg: 'host-local: Failed to find address added by container cid1' },
    });
  });

  test('DEL of another interface releases nothing; a legacy file is released', async () => {
    await run('ADD', conf(small));
    await run('DEL', conf(small), { ifName: 'eth1' });
    expect(files()).toContain('10.244.70.1');
    writeFileSync(join(store(), '10.244.71.2'), 'legacy');
    await run('DEL', conf(small), { containerId: 'legacy', ifName: 'eth7' });
    expect(files()).not.toContain('10.244.71.2');
  });

  test('DEL and CHECK with no store directory: DEL succeeds, neither creates it', async () => {
    expect((await run('DEL', conf(small))).exitCode).toBe(0);
    expect((await run('CHECK', conf(small))).exitCode).toBe(1);
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });

  test('DEL still checks the config, as upstream', async () => {
    expect((await run('DEL', conf({}))).json).toEqual({ code: 999, msg: 'no IP ranges specified' });
  });
});

describe('host-local GC', () => {
  test('releases reservations of attachments that are not valid, keeps the rest', async () => {
    for (const [containerId, ifName] of [
      ['keep', 'eth0'],
      ['keep', 'eth1'],
      ['gone', 'eth0'],
    ] as const) {
      expect(
        (await run('ADD', conf({ subnet: '10.244.75.0/24' }), { containerId, ifName })).exitCode,
      ).toBe(0);
    }
    writeFileSync(join(store(), '10.244.75.100'), 'keep');
    writeFileSync(join(store(), '10.244.75.101'), 'stale');
    const gc = await run(
      'GC',
      conf(
        { subnet: '10.244.75.0/24' },
        { 'cni.dev/valid-attachments': [{ containerID: 'keep', ifname: 'eth0' }] },
      ),
      { containerId: '', ifName: '' },
    );
    expect(gc.exitCode).toBe(0);
    expect(files()).toEqual(['10.244.75.100', '10.244.75.2', 'last_reserved_ip.0', 'lock']);
  });

  test('with no valid attachments everything is released; no store is fine', async () => {
    expect((await run('GC', conf(small), { containerId: '' })).exitCode).toBe(0);
    await run('ADD', conf(small));
    expect((await run('GC', conf(small), { containerId: '' })).exitCode).toBe(0);
    expect(files()).toEqual(['last_reserved_ip.0', 'last_reserved_ip.1', 'lock']);
  });
});

describe('host-local STATUS', () => {
  test('succeeds while every range set has a free address, then fails with code 50', async () => {
    const one = { ranges: [[{ subnet: '10.244.76.0/30', rangeEnd: '10.244.76.2' }]] };
    expect((await run('STATUS', conf(one), { containerId: '' })).exitCode).toBe(0);
    expect(existsSync(join(dir, 'data'))).toBe(false);
    expect((await run('ADD', conf(one))).exitCode).toBe(0);
    expect(await run('STATUS', conf(one), { containerId: '' })).toEqual({
      exitCode: 1,
      json: {
        code: 50,
        msg: 'host-local: no IP addresses available in range set 0: 10.244.76.1-10.244.76.2',
      },
    });
  });

  test('fails with code 50 when the store cannot be created', async () => {
    writeFileSync(join(dir, 'data'), 'a file where the store should be');
    const status = await run('STATUS', conf(small), { containerId: '' });
    expect(status.json).toEqual({
      code: 50,
      msg: `host-local: store ${store()} cannot be created: ${join(dir, 'data')} is not a directory`,
    });
  });
});
