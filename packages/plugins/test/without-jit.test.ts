// Where JavaScriptCore runs without its JIT (BUN_JSC_useJIT=0, or a policy that forbids
// executable memory), bun:ffi refuses to open libc. A plugin still answers as CNI asks: an
// error object on stdout and exit status 1, no stack trace. It used to die in writing its
// result with libc, leaving stdout empty.
import { describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import { pluginBinDir } from './_binary.ts';

const dir = pluginBinDir();

describe('a plugin without the JIT', () => {
  test('answers ADD with an error object naming the C library', () => {
    const done = Bun.spawnSync([join(dir, 'loopback')], {
      env: {
        PATH: '/usr/sbin:/usr/bin:/sbin:/bin',
        BUN_JSC_useJIT: '0',
        CNI_COMMAND: 'ADD',
        CNI_CONTAINERID: 'nojit-1',
        CNI_NETNS: '/run/netns/cnits-nojit-absent',
        CNI_IFNAME: 'lo',
        CNI_PATH: dir,
      },
      stdin: new TextEncoder().encode('{"cniVersion":"1.0.0","name":"nojit","type":"loopback"}'),
      stdout: 'pipe',
      stderr: 'pipe',
    });
    expect(done.exitCode).toBe(1);
    const error = JSON.parse(done.stdout.toString()) as { code: number; msg: string };
    expect(error.code).toBe(999);
    expect(error.msg).toContain('cannot find the C library');
    expect(done.stderr.toString()).not.toContain('    at ');
  });

  test('still answers VERSION, which needs no libc', () => {
    const done = Bun.spawnSync([join(dir, 'loopback')], {
      env: { BUN_JSC_useJIT: '0', CNI_COMMAND: 'VERSION' },
      stdin: 'ignore',
      stdout: 'pipe',
    });
    expect(done.exitCode).toBe(0);
    expect(done.stdout.toString()).toContain('"supportedVersions"');
  });
});
