import { describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import { NetConfSchema, type Result100, SUPPORTED_VERSIONS } from '@cni-ts/spec-types';
import { definePlugin } from './define-plugin.ts';

const FIXTURE = join(import.meta.dir, 'fixtures', 'echo-plugin.ts');

async function runFixture(
  env: Record<string, string>,
  stdin: string,
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const child = Bun.spawn([process.execPath, FIXTURE], {
    env,
    stdin: new TextEncoder().encode(stdin),
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const [stdout, stderr, exitCode] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  return { exitCode, stdout, stderr };
}

describe('definePlugin', () => {
  test('keeps the definition and exposes the handlers it was given', async () => {
    const plugin = definePlugin({
      name: 'mini',
      about: 'mini plugin',
      versions: ['1.0.0', '1.1.0'],
      config: NetConfSchema,
      args: { known: ['IP'] },
      add: (ctx): Result100 => ({ cniVersion: '1.1.0', ips: [{ address: ctx.cniArgs.IP ?? '' }] }),
    });
    expect(plugin.name).toBe('mini');
    expect(plugin.about).toBe('mini plugin');
    expect(plugin.versions).toEqual(['1.0.0', '1.1.0']);
    expect(plugin.config).toBe(NetConfSchema);
    expect(typeof plugin.add).toBe('function');
    expect('del' in plugin).toBe(false);
    // @ts-expect-error a plugin without a DEL handler has no `del`
    expect(plugin.del).toBeUndefined();
    expect(typeof plugin.invoke).toBe('function');
    expect(typeof plugin.main).toBe('function');
  });

  test('types the context from the schema and the declared CNI_ARGS keys', () => {
    definePlugin({
      name: 'typed',
      versions: SUPPORTED_VERSIONS,
      config: NetConfSchema,
      args: { known: ['MAC'] },
      del: (ctx) => {
        const ipMasq: boolean | undefined = ctx.config.ipMasq;
        const mac: string | undefined = ctx.cniArgs.MAC;
        // @ts-expect-error only declared keys are typed
        void ctx.cniArgs.IP;
        // @ts-expect-error the config is typed by the schema
        const name: number = ctx.config.name;
        void [ipMasq, mac, name];
      },
      gc: (ctx) => {
        const first: string | undefined = ctx.validAttachments[0]?.containerID;
        void first;
      },
    });
  });

  test('refuses versions that are not spec versions', () => {
    expect(() =>
      definePlugin({
        name: 'bad',
        // @ts-expect-error not a spec version
        versions: ['2.0.0'],
        config: NetConfSchema,
      }),
    ).toThrow('plugin bad: versions must be spec versions, got [2.0.0]');
    expect(() => definePlugin({ name: 'none', versions: [], config: NetConfSchema })).toThrow(
      'versions must be spec versions',
    );
  });
});

describe('main (a plugin process)', () => {
  const env = {
    CNI_COMMAND: 'ADD',
    CNI_CONTAINERID: 'ctr-1',
    CNI_NETNS: '/nonexistent/netns/ctr-1',
    CNI_IFNAME: 'eth0',
    CNI_PATH: '/opt/cni/bin',
    CNI_ARGS: 'IP=10.88.0.7/16',
  };

  test('ADD prints the result at the config version and exits 0', async () => {
    const run = await runFixture(env, '{"cniVersion":"0.3.1","name":"n1","type":"echo"}');
    expect(run).toEqual({
      exitCode: 0,
      stdout: [
        '{',
        '    "cniVersion": "0.3.1",',
        '    "interfaces": [',
        '        {',
        '            "name": "eth0",',
        '            "sandbox": "/nonexistent/netns/ctr-1"',
        '        }',
        '    ],',
        '    "ips": [',
        '        {',
        '            "version": "4",',
        '            "interface": 0,',
        '            "address": "10.88.0.7/16"',
        '        }',
        '    ],',
        '    "dns": {}',
        '}',
      ].join('\n'),
      stderr: 'echo: info: ADD ctr-1\n',
    });
  });

  test('a failing handler prints the error object and exits 1', async () => {
    const run = await runFixture(
      { CNI_COMMAND: 'DEL', CNI_CONTAINERID: 'fail', CNI_IFNAME: 'eth0', CNI_PATH: '/x' },
      '{"cniVersion":"1.1.0","name":"n1","type":"echo"}',
    );
    expect(run).toEqual({
      exitCode: 1,
      stdout: '{\n    "code": 11,\n    "msg": "try again",\n    "details": "busy"\n}',
      stderr: '',
    });
  });

  test('VERSION prints the version info', async () => {
    const run = await runFixture({ CNI_COMMAND: 'VERSION' }, '');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe(
      '{"cniVersion":"1.1.0","supportedVersions":["0.1.0","0.2.0","0.3.0","0.3.1","0.4.0","1.0.0","1.1.0"]}\n',
    );
  });

  test('run by hand without CNI_COMMAND, prints the about text and exits 0', async () => {
    const run = await runFixture({}, '');
    expect(run).toEqual({
      exitCode: 0,
      stdout: '',
      stderr:
        'CNI echo test plugin\nCNI protocol versions supported: 0.1.0, 0.2.0, 0.3.0, 0.3.1, 0.4.0, 1.0.0, 1.1.0\n',
    });
  });
});
