import { describe, expect, test } from 'bun:test';
import { type NetConf, NetConfSchema, parseNetConf, SUPPORTED_VERSIONS } from '@cni-ts/spec-types';
import { definePlugin } from '../skel/define-plugin.ts';
import { createLogger } from '../skel/logger.ts';
import { contextFor, gcContextFor } from './plugin-context.ts';

const CONFIG: NetConf = parseNetConf(
  '{"cniVersion":"1.0.0","name":"net1","type":"demo","ipMasq":true}',
  NetConfSchema,
);

const plugin = definePlugin({
  name: 'demo',
  versions: SUPPORTED_VERSIONS,
  config: NetConfSchema,
  args: { known: ['IP'] },
  add: (ctx) => {
    ctx.log.info(`${ctx.command} ${ctx.containerId} ${ctx.ifName}`);
    return {
      cniVersion: '1.1.0' as const,
      interfaces: [{ name: ctx.ifName, sandbox: ctx.netns }],
      ips: [{ interface: 0, address: ctx.cniArgs.IP ?? '10.0.0.2/24' }],
    };
  },
  gc: (ctx) => {
    ctx.log.info(ctx.validAttachments.map((a) => a.containerID).join(','));
  },
});

describe('contextFor', () => {
  test('fills in an ADD context around a config', () => {
    const ctx = contextFor({ config: CONFIG });
    expect(ctx).toMatchObject({
      command: 'ADD',
      containerId: 'test-container',
      netns: '/var/run/netns/test',
      ifName: 'eth0',
      args: '',
      cniArgs: {},
      path: ['/opt/cni/bin'],
      netnsOverride: false,
      config: CONFIG,
      cniVersion: '1.0.0',
      env: {
        CNI_COMMAND: 'ADD',
        CNI_CONTAINERID: 'test-container',
        CNI_NETNS: '/var/run/netns/test',
        CNI_IFNAME: 'eth0',
        CNI_ARGS: '',
        CNI_PATH: '/opt/cni/bin',
      },
    });
    expect(ctx.prevResult).toBeUndefined();
    expect(JSON.parse(new TextDecoder().decode(ctx.stdin))).toEqual(CONFIG);
  });

  test('lets a test call a handler in process', async () => {
    let logged = '';
    const log = createLogger('demo', (text) => {
      logged += text;
    });
    const result = await plugin.add(
      contextFor({ config: CONFIG, cniArgs: { IP: '10.9.0.4/24' }, containerId: 'c9', log }),
    );
    expect(result.ips).toEqual([{ interface: 0, address: '10.9.0.4/24' }]);
    expect(logged).toBe('demo: info: ADD c9 eth0\n');
  });

  test('takes a prevResult and a version of its own', () => {
    const prevResult = { cniVersion: '1.1.0' as const, ips: [{ address: '10.0.0.5/24' }] };
    const ctx = contextFor({ config: {}, prevResult, cniVersion: '0.4.0', command: 'CHECK' });
    expect(ctx.prevResult).toBe(prevResult);
    expect(ctx.cniVersion).toBe('0.4.0');
    expect(ctx.env.CNI_COMMAND).toBe('CHECK');
  });
});

describe('gcContextFor', () => {
  test('builds a GC context with the valid attachments and no attachment of its own', async () => {
    let logged = '';
    const ctx = gcContextFor({
      config: CONFIG,
      validAttachments: [{ containerID: 'c1', ifname: 'eth0' }],
      log: createLogger('demo', (text) => {
        logged += text;
      }),
    });
    expect(ctx.command).toBe('GC');
    expect(ctx.containerId).toBe('');
    expect(ctx.env.CNI_COMMAND).toBe('GC');
    await plugin.gc(ctx);
    expect(logged).toBe('demo: info: c1\n');
    expect(gcContextFor({ config: CONFIG }).validAttachments).toEqual([]);
  });
});
