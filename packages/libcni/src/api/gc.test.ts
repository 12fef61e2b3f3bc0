import { afterEach, describe, expect, test } from 'bun:test';
import { CniError } from '@cni-ts/spec-types';
import { type FakeCni, fakeCni, listOf, result100, stdinOf } from '../../test/_fake-cni.ts';
import { isMultiError } from '../errors/multi-error.ts';

let fake: FakeCni;

afterEach(() => {
  fake.remove();
});

const attachment = (containerId: string, ifName = 'eth0') => ({
  containerId,
  netns: `/var/run/netns/${containerId}`,
  ifName,
  args: [['K8S_POD_NAME', containerId]] as [string, string][],
  capabilityArgs: { mac: `mac-${containerId}` },
});

const decode = (text: string | undefined): string => text ?? '';

describe('CniConfig.gcNetworkList', () => {
  test('does nothing with disableGC', async () => {
    fake = fakeCni({ a: result100() });
    const list = listOf('1.1.0', [{ type: 'a' }], { disableGC: true });
    await fake.cni.addNetworkList(list, attachment('stale'));
    await fake.cni.gcNetworkList(list, { validAttachments: [] });
    expect(fake.exec.commands()).toEqual(['ADD a']);
  });

  test('deletes stale attachments with their cached parameters, keeps valid ones, then sends GC', async () => {
    fake = fakeCni({ a: result100(), b: result100() });
    const list = listOf('1.1.0', [{ type: 'a', capabilities: { mac: true } }, { type: 'b' }]);
    const other = listOf('1.1.0', [{ type: 'a' }], { name: 'othernet' });
    await fake.cni.addNetworkList(list, attachment('keep'));
    await fake.cni.addNetworkList(list, attachment('stale'));
    await fake.cni.addNetworkList(other, attachment('foreign'));
    fake.exec.calls.length = 0;

    await fake.cni.gcNetworkList(list, {
      validAttachments: [{ containerID: 'keep', ifname: 'eth0' }],
    });

    expect(fake.exec.commands()).toEqual(['DEL b', 'DEL a', 'GC a', 'GC b']);
    const [delB, delA, gcA, gcB] = fake.exec.calls;
    expect(delA?.env).toMatchObject({
      CNI_COMMAND: 'DEL',
      CNI_CONTAINERID: 'stale',
      CNI_NETNS: '/var/run/netns/stale',
      CNI_IFNAME: 'eth0',
      CNI_ARGS: 'K8S_POD_NAME=stale',
    });
    expect(stdinOf(delA).runtimeConfig).toEqual({ mac: 'mac-stale' });
    expect(stdinOf(delB).prevResult).toEqual({ ...result100(), cniVersion: '1.1.0', dns: {} });
    expect(decode(gcA?.stdin)).toBe(
      '{"capabilities":{"mac":true},"cni.dev/attachments":[{"containerID":"keep","ifname":"eth0"}],"cni.dev/valid-attachments":[{"containerID":"keep","ifname":"eth0"}],"cniVersion":"1.1.0","name":"testnet","type":"a"}',
    );
    expect(decode(gcB?.stdin)).toBe(
      '{"cni.dev/attachments":[{"containerID":"keep","ifname":"eth0"}],"cni.dev/valid-attachments":[{"containerID":"keep","ifname":"eth0"}],"cniVersion":"1.1.0","name":"testnet","type":"b"}',
    );
    expect(gcA?.env).toMatchObject({
      CNI_COMMAND: 'GC',
      CNI_CONTAINERID: '',
      CNI_NETNS: '',
      CNI_IFNAME: '',
      CNI_ARGS: '',
      CNI_PATH: '/opt/cni/bin:/usr/libexec/cni',
    });
    const left = await fake.cni.getCachedAttachments();
    expect(left.map((a) => `${a.network}/${a.containerId}`)).toEqual([
      'othernet/foreign',
      'testnet/keep',
    ]);
  });

  test('without args every cached attachment of the network is stale and GC gets no attachment keys', async () => {
    fake = fakeCni({ a: result100() });
    const list = listOf('1.1.0', [{ type: 'a' }]);
    await fake.cni.addNetworkList(list, attachment('one'));
    await fake.cni.addNetworkList(list, attachment('two'));
    fake.exec.calls.length = 0;
    await fake.cni.gcNetworkList(list);
    expect(fake.exec.commands()).toEqual(['DEL a', 'DEL a', 'GC a']);
    expect(decode(fake.exec.calls[2]?.stdin)).toBe(
      '{"cniVersion":"1.1.0","name":"testnet","type":"a"}',
    );
  });

  test('args without a list send null under both keys, as upstream does for a nil slice', async () => {
    fake = fakeCni({ a: result100() });
    await fake.cni.gcNetworkList(listOf('1.1.0', [{ type: 'a' }]), {});
    expect(stdinOf(fake.exec.calls[0])).toMatchObject({
      'cni.dev/valid-attachments': null,
      'cni.dev/attachments': null,
    });
  });

  test('before 1.1.0 only the stale DELs happen', async () => {
    fake = fakeCni({ a: result100() });
    const list = listOf('1.0.0', [{ type: 'a' }]);
    await fake.cni.addNetworkList(list, attachment('stale'));
    fake.exec.calls.length = 0;
    await fake.cni.gcNetworkList(list, { validAttachments: [] });
    expect(fake.exec.commands()).toEqual(['DEL a']);
  });

  test('goes on past failures and reports them all', async () => {
    fake = fakeCni({
      a: (call) => {
        if (call.command === 'DEL') throw new CniError(11, 'cannot delete');
        if (call.command === 'GC') throw new CniError(100, 'gc failed');
        return result100();
      },
      b: result100(),
    });
    const list = listOf('1.1.0', [{ type: 'a' }, { type: 'b' }]);
    await fake.cni.addNetworkList(list, attachment('s1'));
    await fake.cni.addNetworkList(list, attachment('s2'));
    fake.exec.calls.length = 0;
    const error = await fake.cni
      .gcNetworkList(list, { validAttachments: [] })
      .catch((e: unknown) => e);
    expect(isMultiError(error)).toBe(true);
    expect(String((error as Error).message)).toBe(
      [
        'failed to delete stale attachment s1 eth0: plugin type="a" failed (delete): cannot delete',
        'failed to delete stale attachment s2 eth0: plugin type="a" failed (delete): cannot delete',
        'failed to GC plugin a: gc failed',
      ].join('\n'),
    );
    expect(fake.exec.commands()).toEqual(['DEL b', 'DEL a', 'DEL b', 'DEL a', 'GC a', 'GC b']);
    // Failed DELs keep their cache entries.
    expect((await fake.cni.getCachedAttachments()).length).toBe(2);
  });
});
