import { describe, expect, test } from 'bun:test';
import {
  CniError,
  NetConfSchema,
  type Result100,
  SUPPORTED_VERSIONS,
  stringifyVersionInfo,
} from '@cni-ts/spec-types';
import type { GcContext, PluginContext } from './context.ts';
import { definePlugin } from './define-plugin.ts';
import type { InvokeInput } from './definition.ts';
import type { EnvRecord } from './env.ts';

type Config = PluginContext<unknown>['config'];
type Seen = PluginContext<Config, string> | GcContext<Config, string>;

const RESULT: Result100 = {
  cniVersion: '1.1.0',
  interfaces: [{ name: 'eth0', sandbox: '/var/run/netns/c1' }],
  ips: [{ interface: 0, address: '10.1.0.5/16', gateway: '10.1.0.1' }],
};

/** A plugin whose handlers record their context and do what the test says. */
function recordingPlugin(
  options: { versions?: readonly (typeof SUPPORTED_VERSIONS)[number][]; about?: string } = {},
) {
  const seen: Seen[] = [];
  let failure: unknown;
  let result: unknown = RESULT;
  const run = (ctx: Seen) => {
    seen.push(ctx);
    if (failure !== undefined) throw failure;
  };
  const plugin = definePlugin({
    name: 'rec',
    ...(options.about ? { about: options.about } : {}),
    versions: options.versions ?? SUPPORTED_VERSIONS,
    config: NetConfSchema,
    args: { known: ['IP', 'MAC'] },
    add: async (ctx) => {
      run(ctx);
      ctx.log.info('adding');
      ctx.log.debug('debug detail');
      return result as Result100;
    },
    del: (ctx) => run(ctx),
    check: (ctx) => run(ctx),
    gc: (ctx) => run(ctx),
    status: (ctx) => run(ctx),
  });
  return {
    plugin,
    seen,
    failWith(error: unknown) {
      failure = error;
    },
    returns(value: unknown) {
      result = value;
    },
  };
}

const ENV: EnvRecord = {
  CNI_CONTAINERID: 'ctr-1',
  CNI_NETNS: '/nonexistent/netns/ctr-1',
  CNI_IFNAME: 'eth0',
  CNI_PATH: '/opt/cni/bin:/usr/lib/cni',
};

function conf(extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ cniVersion: '1.1.0', name: 'net1', type: 'rec', ...extra });
}

function input(command: string, stdin: string, env: EnvRecord = {}): InvokeInput {
  return { env: { ...ENV, CNI_COMMAND: command, ...env }, stdin };
}

function errorJson(text: string): { code: number; msg: string; details?: string } {
  return JSON.parse(text);
}

const unreadable = (): Promise<Uint8Array> => {
  throw new Error('stdin must not be read');
};

describe('invoke: environment', () => {
  test('without CNI_COMMAND and with an about text, prints it to stderr and exits 0', async () => {
    const { plugin } = recordingPlugin({ about: 'CNI rec plugin v1' });
    const output = await plugin.invoke({ env: {}, stdin: unreadable });
    expect(output).toEqual({
      exitCode: 0,
      stdout: '',
      stderr:
        'CNI rec plugin v1\nCNI protocol versions supported: 0.1.0, 0.2.0, 0.3.0, 0.3.1, 0.4.0, 1.0.0, 1.1.0\n',
    });
  });

  test('lists the versions the plugin declares in the about text', async () => {
    const { plugin } = recordingPlugin({ about: 'x', versions: ['1.0.0', '1.1.0'] });
    const output = await plugin.invoke({ env: { CNI_COMMAND: '' }, stdin: unreadable });
    expect(output.stderr).toBe('x\nCNI protocol versions supported: 1.0.0, 1.1.0\n');
  });

  test('without CNI_COMMAND and without an about text, fails with code 4', async () => {
    const { plugin } = recordingPlugin();
    const output = await plugin.invoke({ env: ENV, stdin: unreadable });
    expect(output.exitCode).toBe(1);
    expect(output.stdout).toBe(
      '{\n    "code": 4,\n    "msg": "required env variables [CNI_COMMAND] missing"\n}',
    );
  });

  test('reports missing variables before reading stdin', async () => {
    const { plugin } = recordingPlugin({ about: 'x' });
    const output = await plugin.invoke({ env: { CNI_COMMAND: 'ADD' }, stdin: unreadable });
    expect(output.exitCode).toBe(1);
    expect(errorJson(output.stdout)).toEqual({
      code: 4,
      msg: 'required env variables [CNI_CONTAINERID,CNI_NETNS,CNI_IFNAME,CNI_PATH] missing',
    });
  });

  test('a bad container ID is code 4 with the ID in details', async () => {
    const { plugin } = recordingPlugin();
    const output = await plugin.invoke(input('ADD', conf(), { CNI_CONTAINERID: 'bad id' }));
    expect(errorJson(output.stdout)).toEqual({
      code: 4,
      msg: 'invalid characters in containerID',
      details: 'bad id',
    });
  });
});

describe('invoke: VERSION', () => {
  test('prints the version info with a newline and never reads stdin', async () => {
    const { plugin } = recordingPlugin({ versions: ['0.4.0', '1.0.0', '1.1.0'] });
    const output = await plugin.invoke({ env: { CNI_COMMAND: 'VERSION' }, stdin: unreadable });
    expect(output).toEqual({
      exitCode: 0,
      stdout: '{"cniVersion":"1.1.0","supportedVersions":["0.4.0","1.0.0","1.1.0"]}\n',
      stderr: '',
    });
    expect(output.stdout).toBe(stringifyVersionInfo(['0.4.0', '1.0.0', '1.1.0']));
  });

  test('ignores a garbage config', async () => {
    const { plugin } = recordingPlugin();
    const output = await plugin.invoke({ env: { CNI_COMMAND: 'VERSION' }, stdin: '{x' });
    expect(output.exitCode).toBe(0);
  });
});

describe('invoke: stdin and config', () => {
  test('a stdin read failure is code 5', async () => {
    const { plugin } = recordingPlugin();
    const output = await plugin.invoke({
      env: { ...ENV, CNI_COMMAND: 'ADD' },
      stdin: () => Promise.reject(new Error('read /dev/stdin: input/output error')),
    });
    expect(output.exitCode).toBe(1);
    expect(errorJson(output.stdout)).toEqual({
      code: 5,
      msg: 'error reading from stdin: read /dev/stdin: input/output error',
    });
  });

  test('undecodable JSON is code 6, for every command but VERSION', async () => {
    const { plugin } = recordingPlugin();
    for (const command of ['ADD', 'DEL', 'CHECK', 'GC', 'STATUS', 'FOO']) {
      const output = await plugin.invoke(input(command, '{"name":'));
      expect(errorJson(output.stdout)).toEqual({
        code: 6,
        msg: 'error unmarshall network config: unexpected end of JSON input',
      });
    }
  });

  test('a missing or bad name is code 7', async () => {
    const { plugin, seen } = recordingPlugin();
    expect(errorJson((await plugin.invoke(input('GC', '{"cniVersion":"1.1.0"}'))).stdout)).toEqual({
      code: 7,
      msg: 'missing network name',
    });
    expect(errorJson((await plugin.invoke(input('ADD', conf({ name: 'a b' })))).stdout)).toEqual({
      code: 7,
      msg: 'invalid characters found in network name',
      details: 'a b',
    });
    expect(seen).toHaveLength(0);
  });

  test("a config the plugin's schema refuses is code 7 with the key path", async () => {
    const { plugin, seen } = recordingPlugin();
    const output = await plugin.invoke(input('ADD', conf({ ipMasq: 'yes' })));
    expect(output.exitCode).toBe(1);
    const error = errorJson(output.stdout);
    expect(error.code).toBe(7);
    expect(error.msg).toStartWith('ipMasq: ');
    expect(seen).toHaveLength(0);
  });

  test('an unknown command is code 4, after the config checks', async () => {
    const { plugin } = recordingPlugin();
    expect(errorJson((await plugin.invoke(input('add', conf()))).stdout)).toEqual({
      code: 4,
      msg: 'unknown CNI_COMMAND: add',
    });
    expect(errorJson((await plugin.invoke(input('FOO', '{}'))).stdout).msg).toBe(
      'missing network name',
    );
  });
});

describe('invoke: version gates', () => {
  test('ADD and DEL need a supported version exactly', async () => {
    const { plugin, seen } = recordingPlugin({ versions: ['0.3.1', '0.4.0'] });
    for (const command of ['ADD', 'DEL']) {
      const output = await plugin.invoke(input(command, conf({ cniVersion: '1.0.0' })));
      expect(output.exitCode).toBe(1);
      expect(output.stdout).toBe(
        '{\n    "code": 1,\n    "msg": "incompatible CNI versions",\n    "details": "config is \\"1.0.0\\", plugin supports [\\"0.3.1\\" \\"0.4.0\\"]"\n}',
      );
    }
    expect(seen).toHaveLength(0);
  });

  test('a config without cniVersion is 0.1.0', async () => {
    const { plugin } = recordingPlugin({ versions: ['0.4.0'] });
    const output = await plugin.invoke(input('ADD', '{"name":"n","type":"rec"}'));
    expect(errorJson(output.stdout).details).toBe('config is "0.1.0", plugin supports ["0.4.0"]');
  });

  test('CHECK needs 0.4.0', async () => {
    const { plugin } = recordingPlugin();
    const output = await plugin.invoke(input('CHECK', conf({ cniVersion: '0.3.1' })));
    expect(errorJson(output.stdout)).toEqual({
      code: 1,
      msg: 'config version does not allow CHECK',
    });
  });

  test('GC and STATUS need 1.1.0, from the config and from the plugin', async () => {
    const old = recordingPlugin({ versions: ['0.4.0', '1.0.0'] });
    const current = recordingPlugin();
    for (const command of ['GC', 'STATUS']) {
      const low = await current.plugin.invoke(input(command, conf({ cniVersion: '1.0.0' })));
      expect(errorJson(low.stdout)).toEqual({
        code: 1,
        msg: `config version does not allow ${command}`,
      });
      const high = await old.plugin.invoke(input(command, conf()));
      expect(errorJson(high.stdout)).toEqual({
        code: 1,
        msg: `plugin version does not allow ${command}`,
      });
    }
    expect([...old.seen, ...current.seen]).toHaveLength(0);
  });

  test('an unparsable version is code 6 where versions are compared', async () => {
    const { plugin } = recordingPlugin();
    const output = await plugin.invoke(input('CHECK', conf({ cniVersion: 'x.1' })));
    expect(errorJson(output.stdout).code).toBe(6);
  });

  test('a cniVersion that is not a string is code 6', async () => {
    const { plugin } = recordingPlugin();
    const output = await plugin.invoke(input('DEL', conf({ cniVersion: 1 })));
    expect(errorJson(output.stdout)).toEqual({
      code: 6,
      msg: 'decoding version from network config: json: cannot unmarshal number into Go struct field .cniVersion of type string',
    });
  });
});

describe('invoke: missing handlers', () => {
  const bare = definePlugin({ name: 'bare', versions: SUPPORTED_VERSIONS, config: NetConfSchema });

  test('succeed with no output once the gates pass', async () => {
    for (const command of ['ADD', 'DEL', 'CHECK', 'GC', 'STATUS']) {
      expect(await bare.invoke(input(command, conf()))).toEqual({
        exitCode: 0,
        stdout: '',
        stderr: '',
      });
    }
  });

  test('still fail the gates', async () => {
    const output = await bare.invoke(input('GC', conf({ cniVersion: '1.0.0' })));
    expect(errorJson(output.stdout).msg).toBe('config version does not allow GC');
  });

  test('do not parse the config with the schema', async () => {
    const output = await bare.invoke(input('STATUS', conf({ ipMasq: 'yes' })));
    expect(output.exitCode).toBe(0);
  });
});

describe('invoke: ADD result', () => {
  test('prints the result at the config version, four-space indent, no newline', async () => {
    const { plugin } = recordingPlugin();
    const output = await plugin.invoke(input('ADD', conf({ cniVersion: '0.4.0' })));
    expect(output.exitCode).toBe(0);
    expect(output.stdout).toBe(
      [
        '{',
        '    "cniVersion": "0.4.0",',
        '    "interfaces": [',
        '        {',
        '            "name": "eth0",',
        '            "sandbox": "/var/run/netns/c1"',
        '        }',
        '    ],',
        '    "ips": [',
        '        {',
        '            "version": "4",',
        '            "interface": 0,',
        '            "address": "10.1.0.5/16",',
        '            "gateway": "10.1.0.1"',
        '        }',
        '    ],',
        '    "dns": {}',
        '}',
      ].join('\n'),
    );
  });

  test('prints a result of any version at the config version', async () => {
    const { plugin, returns } = recordingPlugin();
    returns({ cniVersion: '0.2.0', ip4: { ip: '10.1.0.5/16' } });
    const output = await plugin.invoke(input('ADD', conf({ cniVersion: '1.0.0' })));
    expect(output.stdout).toBe(
      '{\n    "cniVersion": "1.0.0",\n    "ips": [\n        {\n            "address": "10.1.0.5/16"\n        }\n    ],\n    "dns": {}\n}',
    );
  });

  test('prints at 0.1.0 when the config names no version', async () => {
    const { plugin } = recordingPlugin();
    const output = await plugin.invoke(input('ADD', '{"name":"n","type":"rec"}'));
    expect(JSON.parse(output.stdout)).toEqual({
      cniVersion: '0.1.0',
      ip4: { ip: '10.1.0.5/16', gateway: '10.1.0.1' },
      dns: {},
    });
  });

  test('a result that cannot go down to 0.2.0 fails as upstream does', async () => {
    const { plugin, returns } = recordingPlugin();
    returns({ cniVersion: '1.1.0', interfaces: [{ name: 'lo' }] });
    const output = await plugin.invoke(input('ADD', conf({ cniVersion: '0.2.0' })));
    expect(output.exitCode).toBe(1);
    expect(errorJson(output.stdout)).toEqual({
      code: 1,
      msg: 'cannot convert: no valid IP addresses',
    });
  });

  test('a handler that returns nothing is an internal error', async () => {
    const { plugin, returns } = recordingPlugin();
    returns(undefined);
    const output = await plugin.invoke(input('ADD', conf()));
    expect(errorJson(output.stdout)).toEqual({ code: 999, msg: 'ADD handler returned no result' });
  });

  test('DEL, CHECK, GC and STATUS print nothing on success', async () => {
    const { plugin, seen } = recordingPlugin();
    for (const command of ['DEL', 'CHECK', 'GC', 'STATUS']) {
      expect(await plugin.invoke(input(command, conf()))).toEqual({
        exitCode: 0,
        stdout: '',
        stderr: '',
      });
    }
    expect(seen.map((ctx) => ctx.command)).toEqual(['DEL', 'CHECK', 'GC', 'STATUS']);
  });
});

describe('invoke: context', () => {
  test('carries the environment, stdin and the parsed config', async () => {
    const { plugin, seen } = recordingPlugin();
    const stdin = conf({ ipMasq: true, bridge: 'cni0' });
    const env = { ...ENV, CNI_COMMAND: 'ADD', CNI_ARGS: 'IP=10.1.0.9;MAC=0a:00:00:00:00:01' };
    await plugin.invoke({ env, stdin });
    const [ctx] = seen;
    expect(ctx?.command).toBe('ADD');
    expect(ctx?.containerId).toBe('ctr-1');
    expect(ctx?.netns).toBe('/nonexistent/netns/ctr-1');
    expect(ctx?.ifName).toBe('eth0');
    expect(ctx?.args).toBe('IP=10.1.0.9;MAC=0a:00:00:00:00:01');
    expect(ctx?.cniArgs).toEqual({ IP: '10.1.0.9', MAC: '0a:00:00:00:00:01' });
    expect(ctx?.path).toEqual(['/opt/cni/bin', '/usr/lib/cni']);
    expect(ctx?.netnsOverride).toBe(false);
    expect(new TextDecoder().decode(ctx?.stdin)).toBe(stdin);
    expect(ctx?.config).toEqual({
      cniVersion: '1.1.0',
      name: 'net1',
      type: 'rec',
      ipMasq: true,
      bridge: 'cni0',
    });
    expect(ctx?.cniVersion).toBe('1.1.0');
    expect(ctx?.prevResult).toBeUndefined();
    expect(ctx?.env).toBe(env);
  });

  test('gives the prevResult of every family in 1.1.0 shape', async () => {
    const cases = [
      { cniVersion: '0.2.0', prevResult: { ip4: { ip: '10.1.0.5/16', gateway: '10.1.0.1' } } },
      {
        cniVersion: '0.3.1',
        prevResult: {
          cniVersion: '0.3.1',
          interfaces: [{ name: 'eth0' }],
          ips: [{ version: '4', interface: 0, address: '10.1.0.5/16', gateway: '10.1.0.1' }],
        },
      },
      {
        cniVersion: '1.0.0',
        prevResult: {
          cniVersion: '1.0.0',
          interfaces: [{ name: 'eth0' }],
          ips: [{ interface: 0, address: '10.1.0.5/16', gateway: '10.1.0.1' }],
        },
      },
    ];
    for (const { cniVersion, prevResult } of cases) {
      const { plugin, seen } = recordingPlugin();
      const output = await plugin.invoke(input('DEL', conf({ cniVersion, prevResult })));
      expect(output.exitCode).toBe(0);
      expect(seen[0]?.prevResult?.cniVersion).toBe('1.1.0');
      expect(seen[0]?.prevResult?.ips).toEqual([
        {
          ...(cniVersion === '0.2.0' ? {} : { interface: 0 }),
          address: '10.1.0.5/16',
          gateway: '10.1.0.1',
        },
      ]);
      expect(seen[0]?.cniVersion).toBe(cniVersion);
    }
  });

  test('a prevResult of another family is refused before the handler runs', async () => {
    const { plugin, seen } = recordingPlugin();
    const stdin = conf({ cniVersion: '1.0.0', prevResult: { cniVersion: '0.4.0' } });
    const output = await plugin.invoke(input('CHECK', stdin));
    expect(errorJson(output.stdout)).toEqual({
      code: 6,
      msg: 'could not parse prevResult: result type supports [1.0.0 1.1.0] but unmarshalled CNIVersion is "0.4.0"',
    });
    expect(seen).toHaveLength(0);
  });

  // The kit's rule for every plugin: a runtime retries DEL until it succeeds, so a prevResult
  // that does not parse must not make the attachment undeletable.
  test('DEL goes on without a prevResult that does not parse; ADD and CHECK refuse it', async () => {
    for (const corrupt of [
      { ips: [{ address: 'not-an-ip', gateway: 7 }], interfaces: 'zz' },
      'zz',
      { cniVersion: '0.4.0' },
    ]) {
      const { plugin, seen } = recordingPlugin();
      const stdin = conf({ cniVersion: '1.0.0', mtu: 1400, prevResult: corrupt });
      const del = await plugin.invoke(input('DEL', stdin));
      expect(del).toMatchObject({ exitCode: 0, stdout: '' });
      expect(del.stderr).toStartWith('rec: warn: DEL goes on without the prevResult: ');
      expect(seen).toHaveLength(1);
      expect(seen[0]?.prevResult).toBeUndefined();
      expect(seen[0]?.config).toMatchObject({ name: 'net1', mtu: 1400 });
      expect(seen[0]?.config).not.toHaveProperty('prevResult');
      for (const command of ['ADD', 'CHECK']) {
        const refused = await plugin.invoke(input(command, stdin));
        expect(refused.exitCode).toBe(1);
        expect([6, 7]).toContain(errorJson(refused.stdout).code);
      }
      expect(seen).toHaveLength(1);
    }
  });

  // Upstream plugins call LoadArgs and return its error as a plain error: skel prints 999.
  test('CNI_ARGS with an undeclared key is code 999 (as the Go plugins) unless IgnoreUnknown is set', async () => {
    const { plugin, seen } = recordingPlugin();
    const refused = await plugin.invoke(input('ADD', conf(), { CNI_ARGS: 'IP=1.2.3.4;FOO=bar' }));
    expect(errorJson(refused.stdout)).toEqual({ code: 999, msg: 'ARGS: unknown args ["FOO=bar"]' });
    const bad = await plugin.invoke(input('ADD', conf(), { CNI_ARGS: 'IP' }));
    expect(errorJson(bad.stdout)).toEqual({ code: 999, msg: 'ARGS: invalid pair "IP"' });
    expect(seen).toHaveLength(0);
    await plugin.invoke(input('ADD', conf(), { CNI_ARGS: 'FOO=bar;IgnoreUnknown=1;IP=1.2.3.4' }));
    expect(seen[0]?.cniArgs).toEqual({ IP: '1.2.3.4' });
  });

  test('a plugin that declares no CNI_ARGS keys does not parse them', async () => {
    const seen: PluginContext<Config, never>[] = [];
    const plugin = definePlugin({
      name: 'noargs',
      versions: SUPPORTED_VERSIONS,
      config: NetConfSchema,
      del: (ctx) => {
        seen.push(ctx);
      },
    });
    const output = await plugin.invoke(input('DEL', conf(), { CNI_ARGS: 'garbage;;=' }));
    expect(output.exitCode).toBe(0);
    expect(seen[0]?.cniArgs).toEqual({});
    expect(seen[0]?.args).toBe('garbage;;=');
  });

  test('GC gets the valid attachments, also under the 1.1.0 tag key', async () => {
    const attachments = [{ containerID: 'ctr-1', ifname: 'eth0' }];
    for (const key of ['cni.dev/valid-attachments', 'cni.dev/attachments']) {
      const { plugin, seen } = recordingPlugin();
      const env = { CNI_COMMAND: 'GC', CNI_PATH: '/opt/cni/bin' };
      await plugin.invoke({ env, stdin: conf({ [key]: attachments }) });
      const [ctx] = seen;
      expect(ctx && 'validAttachments' in ctx ? ctx.validAttachments : undefined).toEqual(
        attachments,
      );
      expect(ctx?.containerId).toBe('');
    }
    const { plugin, seen } = recordingPlugin();
    await plugin.invoke({ env: { CNI_COMMAND: 'GC', CNI_PATH: '/x' }, stdin: conf() });
    expect(seen[0] && 'validAttachments' in seen[0] ? seen[0].validAttachments : null).toEqual([]);
  });
});

describe('invoke: netns check', () => {
  const SAME = {
    code: 8,
    msg: "plugin's netns and netns from CNI_NETNS should not be the same",
  };

  test("refuses the plugin's own netns for ADD, CHECK and DEL before the handler runs", async () => {
    const { plugin, seen } = recordingPlugin();
    for (const command of ['ADD', 'CHECK', 'DEL']) {
      const output = await plugin.invoke(
        input(command, conf(), { CNI_NETNS: '/proc/self/ns/net' }),
      );
      expect(output.exitCode).toBe(1);
      expect(errorJson(output.stdout)).toEqual(SAME);
    }
    expect(seen).toHaveLength(0);
  });

  test('CNI_NETNS_OVERRIDE=1 or true (any case) lifts the check', async () => {
    const { plugin, seen } = recordingPlugin();
    for (const override of ['1', 'true', 'TRUE']) {
      const env = { CNI_NETNS: '/proc/self/ns/net', CNI_NETNS_OVERRIDE: override };
      expect((await plugin.invoke(input('ADD', conf(), env))).exitCode).toBe(0);
    }
    const env = { CNI_NETNS: '/proc/self/ns/net', CNI_NETNS_OVERRIDE: 'yes' };
    expect(errorJson((await plugin.invoke(input('ADD', conf(), env))).stdout)).toEqual(SAME);
    expect(seen.map((ctx) => ctx.netnsOverride)).toEqual([true, true, true]);
  });

  test('DEL without CNI_NETNS or with a missing one runs', async () => {
    const { plugin, seen } = recordingPlugin();
    expect((await plugin.invoke(input('DEL', conf(), { CNI_NETNS: '' }))).exitCode).toBe(0);
    expect((await plugin.invoke(input('DEL', conf()))).exitCode).toBe(0);
    expect(seen).toHaveLength(2);
  });

  test('GC and STATUS do not look at CNI_NETNS', async () => {
    const { plugin } = recordingPlugin();
    for (const command of ['GC', 'STATUS']) {
      const output = await plugin.invoke(
        input(command, conf(), { CNI_NETNS: '/proc/self/ns/net' }),
      );
      expect(output.exitCode).toBe(0);
    }
  });
});

describe('invoke: errors', () => {
  test('a CniError from a handler is printed unchanged', async () => {
    const { plugin, failWith } = recordingPlugin();
    failWith(new CniError(3, 'container unknown', { details: 'ctr-1' }));
    const output = await plugin.invoke(input('CHECK', conf()));
    expect(output).toEqual({
      exitCode: 1,
      stdout: '{\n    "code": 3,\n    "msg": "container unknown",\n    "details": "ctr-1"\n}',
      stderr: '',
    });
  });

  test('a CniError keeps its plugin-specific code and its cniVersion', async () => {
    const { plugin, failWith } = recordingPlugin();
    failWith(new CniError(50, 'plugin not available', { cniVersion: '1.1.0' }));
    const output = await plugin.invoke(input('STATUS', conf()));
    expect(JSON.parse(output.stdout)).toEqual({
      cniVersion: '1.1.0',
      code: 50,
      msg: 'plugin not available',
    });
  });

  test('any other error is 999 with its message and kind', async () => {
    const { plugin, failWith } = recordingPlugin();
    failWith(new RangeError('no free address in 10.1.0.0/16'));
    const output = await plugin.invoke(input('ADD', conf()));
    expect(output.exitCode).toBe(1);
    expect(output.stdout).toBe(
      '{\n    "code": 999,\n    "msg": "no free address in 10.1.0.0/16",\n    "details": "RangeError"\n}',
    );
    expect(output.stderr).toBe('');
  });

  test('prints the stack to stderr only in debug mode', async () => {
    const { plugin, failWith } = recordingPlugin();
    failWith(new Error('boom'));
    const output = await plugin.invoke(input('DEL', conf(), { CNI_TS_DEBUG: '1' }));
    expect(errorJson(output.stdout)).toEqual({ code: 999, msg: 'boom', details: 'Error' });
    expect(output.stderr).toContain('Error: boom\n    at ');
  });
});

describe('invoke: logging', () => {
  test('log lines go to stderr, never stdout; debug lines only in debug mode', async () => {
    const { plugin } = recordingPlugin();
    const quiet = await plugin.invoke(input('ADD', conf()));
    expect(quiet.stderr).toBe('rec: info: adding\n');
    expect(JSON.parse(quiet.stdout).cniVersion).toBe('1.1.0');
    const loud = await plugin.invoke(input('ADD', conf(), { CNI_TS_DEBUG: 'true' }));
    expect(loud.stderr).toBe('rec: info: adding\nrec: debug: debug detail\n');
  });

  test('streams stderr to the sink it is given', async () => {
    const { plugin } = recordingPlugin();
    const chunks: string[] = [];
    await plugin.invoke({ ...input('ADD', conf()), stderr: (text) => chunks.push(text) });
    expect(chunks).toEqual(['rec: info: adding\n']);
  });
});
