import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { CniError, isCniError } from '@cni-ts/spec-types';
import { makePluginDir, type PluginDir } from '../../test/_plugins.ts';
import { FakeExec } from '../testing/fake-exec.ts';
import { delegateAdd, delegateCheck, delegateDel, delegateGc, delegateStatus } from './delegate.ts';

const callerEnv = {
  CNI_COMMAND: 'ADD',
  CNI_CONTAINERID: 'c1',
  CNI_NETNS: '/var/run/netns/c1',
  CNI_IFNAME: 'eth0',
  CNI_ARGS: 'IgnoreUnknown=1',
  CNI_PATH: '/nonexistent:/opt/cni/bin',
  HOME: '/root',
};

describe('delegate helpers (fake exec)', () => {
  test('run the delegate found on CNI_PATH with the caller env, only CNI_COMMAND replaced', async () => {
    const exec = new FakeExec({ plugins: { 'host-local': { ips: [{ address: '10.0.0.9/24' }] } } });
    const netconf =
      '{"cniVersion":"1.0.0","name":"n","type":"bridge","ipam":{"type":"host-local"}}';
    const result = await delegateAdd('host-local', netconf, { exec, env: callerEnv });
    expect(result).toEqual({ cniVersion: '1.0.0', ips: [{ address: '10.0.0.9/24' }], dns: {} });
    await delegateCheck('host-local', netconf, { exec, env: callerEnv });
    await delegateDel('host-local', netconf, { exec, env: callerEnv });
    await delegateStatus('host-local', netconf, { exec, env: callerEnv });
    await delegateGc('host-local', netconf, { exec, env: callerEnv });
    expect(exec.commands()).toEqual([
      'ADD host-local',
      'CHECK host-local',
      'DEL host-local',
      'STATUS host-local',
      'GC host-local',
    ]);
    for (const call of exec.calls) {
      expect(call.pluginPath).toBe('/nonexistent/host-local');
      expect(call.stdin).toBe(netconf);
      expect(call.env).toEqual({ ...callerEnv, CNI_COMMAND: call.command });
    }
  });

  test("a delegate's error comes back as it is (to be passed on by the caller)", async () => {
    const exec = new FakeExec({
      plugins: {
        ipam: () => {
          throw new CniError(11, 'no addresses left');
        },
      },
    });
    const error = await delegateAdd('ipam', '{}', { exec, env: callerEnv }).catch(
      (e: unknown) => e,
    );
    expect(isCniError(error) && error.toJSON()).toEqual({ code: 11, msg: 'no addresses left' });
  });

  test('without CNI_PATH the lookup fails', async () => {
    const exec = new FakeExec({ plugins: { ipam: undefined } });
    await expect(delegateDel('ipam', '{}', { exec, env: { CNI_PATH: '' } })).rejects.toThrow(
      'no paths provided',
    );
  });
});

describe('delegate helpers (real plugin)', () => {
  let plugins: PluginDir;

  beforeAll(() => {
    plugins = makePluginDir({ ipam: 'noop' });
  });

  afterAll(() => {
    plugins.remove();
  });

  test('delegateAdd runs the binary and parses its result', async () => {
    plugins.debug('ipam', {
      result: { ips: [{ version: '4', address: '10.22.0.7/16', gateway: '10.22.0.1' }] },
    });
    const env = { ...plugins.env, ...callerEnv, CNI_PATH: plugins.dir };
    const result = await delegateAdd('ipam', '{"cniVersion":"0.4.0","name":"n","type":"ipam"}', {
      env,
    });
    expect(result).toEqual({
      cniVersion: '0.4.0',
      ips: [{ version: '4', address: '10.22.0.7/16', gateway: '10.22.0.1' }],
      dns: {},
    });
    const [call] = plugins.calls('ipam');
    expect(call?.env).toMatchObject({
      CNI_COMMAND: 'ADD',
      CNI_CONTAINERID: 'c1',
      CNI_PATH: plugins.dir,
    });
  });
});
