import { afterEach, describe, expect, test } from 'bun:test';
import { CniError, isCniError } from '@cni-ts/spec-types';
import { type FakeCni, fakeCni, listOf } from '../../test/_fake-cni.ts';
import { isPluginError } from '../errors/plugin-error.ts';

let fake: FakeCni;

afterEach(() => {
  fake.remove();
});

describe('CniConfig.getStatusNetworkList', () => {
  test('does nothing before 1.1.0', async () => {
    fake = fakeCni({ a: undefined });
    await fake.cni.getStatusNetworkList(listOf('1.0.0', [{ type: 'a' }]));
    expect(fake.exec.calls).toEqual([]);
  });

  test('sends STATUS to every plugin with its config, name and version', async () => {
    fake = fakeCni({ a: undefined, b: undefined });
    await fake.cni.getStatusNetworkList(listOf('1.1.0', [{ type: 'a', x: 1 }, { type: 'b' }]));
    expect(fake.exec.commands()).toEqual(['STATUS a', 'STATUS b']);
    expect(fake.exec.calls[0]?.stdin).toBe(
      '{"cniVersion":"1.1.0","name":"testnet","type":"a","x":1}',
    );
    expect(fake.exec.calls[0]?.env).toMatchObject({
      CNI_COMMAND: 'STATUS',
      CNI_CONTAINERID: '',
      CNI_IFNAME: '',
    });
  });

  test("the first failure stops it and keeps the plugin's code (50, 51)", async () => {
    fake = fakeCni({
      a: () => {
        throw new CniError(50, 'plugin not available', { details: 'no uplink' });
      },
      b: undefined,
    });
    const error = await fake.cni
      .getStatusNetworkList(listOf('1.1.0', [{ type: 'a' }, { type: 'b' }]))
      .catch((e: unknown) => e);
    expect(isCniError(error) && [error.code, error.msg, error.details]).toEqual([
      50,
      'plugin not available',
      'no uplink',
    ]);
    expect(isPluginError(error) && [error.verb, error.pluginType]).toEqual(['status', 'a']);
    expect(fake.exec.commands()).toEqual(['STATUS a']);
  });
});
