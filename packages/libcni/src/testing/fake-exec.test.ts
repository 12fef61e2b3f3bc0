import { describe, expect, test } from 'bun:test';
import { CniError, isCniError } from '@cni-ts/spec-types';
import { FakeExec, passthrough } from './fake-exec.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (data: Uint8Array): string => new TextDecoder().decode(data);

describe('FakeExec', () => {
  test('records runs, prints fixed ADD outputs and answers VERSION', async () => {
    const exec = new FakeExec({
      plugins: { a: { cniVersion: '1.0.0' } },
      supportedVersions: ['1.0.0'],
    });
    const path = await exec.findInPath('a', ['/opt/cni/bin']);
    expect(path).toBe('/opt/cni/bin/a');
    expect(text(await exec.execPlugin(path, bytes('{"x":1}'), { CNI_COMMAND: 'ADD' }))).toBe(
      '{"cniVersion":"1.0.0"}',
    );
    expect(text(await exec.execPlugin(path, bytes('{}'), { CNI_COMMAND: 'DEL' }))).toBe('');
    const version = await exec.execPlugin(path, bytes('{}'), { CNI_COMMAND: 'VERSION' });
    expect(exec.decode(version).supportedVersions).toEqual(['1.0.0']);
    expect(exec.commands()).toEqual(['ADD a', 'DEL a', 'VERSION a']);
    expect(exec.calls[0]?.config).toEqual({ x: 1 });
  });

  test('plugin functions can fail like a plugin printing an error', async () => {
    const exec = new FakeExec({
      plugins: {
        bad: () => {
          throw new CniError(7, 'invalid');
        },
      },
    });
    const error = await exec.execPlugin('/x/bad', bytes('{}'), {}).catch((e: unknown) => e);
    expect(isCniError(error) && error.code).toBe(7);
  });

  test('looks up only the plugins it has, with the real errors', async () => {
    const exec = new FakeExec({ plugins: { a: undefined } });
    await expect(exec.findInPath('b', ['/p'])).rejects.toThrow(
      'failed to find plugin "b" in path [/p]',
    );
    await expect(exec.findInPath('a', [])).rejects.toThrow('no paths provided');
  });

  test('passthrough answers ADD with the prevResult', async () => {
    const exec = new FakeExec({ plugins: { p: passthrough({ cniVersion: '1.0.0' }) } });
    const withPrev = await exec.execPlugin('/p', bytes('{"prevResult":{"cniVersion":"0.4.0"}}'), {
      CNI_COMMAND: 'ADD',
    });
    expect(text(withPrev)).toBe('{"cniVersion":"0.4.0"}');
    expect(text(await exec.execPlugin('/p', bytes('{}'), { CNI_COMMAND: 'ADD' }))).toBe(
      '{"cniVersion":"1.0.0"}',
    );
  });
});

describe('FakeExec.fileIdentity', () => {
  test('stays the same until the plugin is replaced', async () => {
    const exec = new FakeExec({ plugins: { a: undefined, b: undefined } });
    const a = await exec.fileIdentity('/opt/cni/bin/a');
    const b = await exec.fileIdentity('/opt/cni/bin/b');
    expect(await exec.fileIdentity('/opt/cni/bin/a')).toBe(a);
    exec.replace('a');
    expect(await exec.fileIdentity('/opt/cni/bin/a')).not.toBe(a);
    expect(await exec.fileIdentity('/opt/cni/bin/b')).toBe(b);
  });
});
