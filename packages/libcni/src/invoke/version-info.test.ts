import { describe, expect, test } from 'bun:test';
import { CniError } from '@cni-ts/spec-types';
import { FakeExec } from '../testing/fake-exec.ts';
import { getVersionInfo } from './version-info.ts';

describe('getVersionInfo', () => {
  test('sends VERSION with the dummy variables and {"cniVersion":"1.1.0"}', async () => {
    const exec = new FakeExec({ plugins: { p: undefined }, supportedVersions: ['0.4.0', '1.0.0'] });
    const info = await getVersionInfo(exec, '/bin/p', { env: { CNI_ARGS: 'stale' } });
    expect(info.supportedVersions).toEqual(['0.4.0', '1.0.0']);
    const [call] = exec.calls;
    expect(call?.stdin).toBe('{"cniVersion":"1.1.0"}');
    expect(call?.env).toEqual({
      CNI_COMMAND: 'VERSION',
      CNI_CONTAINERID: '',
      CNI_NETNS: 'dummy',
      CNI_ARGS: '',
      CNI_IFNAME: 'dummy',
      CNI_PATH: 'dummy',
    });
  });

  test('legacy answers: 0.2.0 without a list, and "unknown CNI_COMMAND: VERSION"', async () => {
    const old = new FakeExec({ plugins: { p: () => '{"cniVersion":"0.2.0"}' } });
    expect((await getVersionInfo(old, '/bin/p', { env: {} })).supportedVersions).toEqual([
      '0.1.0',
      '0.2.0',
    ]);
    const older = new FakeExec({
      plugins: {
        p: () => {
          throw new CniError(4, 'unknown CNI_COMMAND: VERSION');
        },
      },
    });
    expect((await getVersionInfo(older, '/bin/p', { env: {} })).supportedVersions).toEqual([
      '0.1.0',
    ]);
  });

  test('other failures and undecodable answers are errors', async () => {
    const broken = new FakeExec({ plugins: { p: () => '{"cniVersion":"1.0.0"}' } });
    await expect(getVersionInfo(broken, '/bin/p', { env: {} })).rejects.toThrow(
      'missing field cniVersion or supportedVersions',
    );
  });
});
