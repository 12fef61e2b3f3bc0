import { afterEach, describe, expect, test } from 'bun:test';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestNetns,
  netnsSkipReason,
  type TestNetns,
  useTimeLimit,
} from '../../packages/plugin-kit/src/testing/index.ts';
import { pluginBinDir } from '../../packages/plugins/test/_binary.ts';

useTimeLimit('netns');

// The example runtime, run as a user would (`bun runtime.ts -- CMD`), inside a throwaway
// "host" namespace so that its bridge and veths never touch the machine's own one; its
// host-local store and result cache go to a scratch directory.

const RUNTIME = join(import.meta.dir, 'runtime.ts');
const skip = netnsSkipReason();
const made: { host?: TestNetns; dir?: string } = {};

afterEach(() => {
  made.host?.remove();
  if (made.dir !== undefined) rmSync(made.dir, { recursive: true, force: true });
});

describe.skipIf(skip !== null)(
  `examples/embedded-libcni${skip ? ` (skipped: ${skip})` : ''}`,
  () => {
    test('creates a netns, ADDs the conflist, runs a command in it, DELs and cleans up', () => {
      const dir = mkdtempSync(join(tmpdir(), 'cnits-embedded-'));
      made.dir = dir;
      const host = createTestNetns('cnits-eh');
      made.host = host;
      const conf = JSON.parse(readFileSync(join(import.meta.dir, '10-embedded.conflist'), 'utf8'));
      conf.plugins[0].ipam.dataDir = join(dir, 'ipam');
      const conflist = join(dir, '10-embedded.conflist');
      writeFileSync(conflist, JSON.stringify(conf));
      const out = host.exec([
        'env',
        `CNI_PATH=${pluginBinDir()}`,
        process.execPath,
        RUNTIME,
        '--conflist',
        conflist,
        '--cache-dir',
        join(dir, 'cache'),
        '--',
        'ip',
        '-o',
        '-4',
        'address',
        'show',
        'dev',
        'eth0',
      ]);
      const netns = /runtime: netns (\S+) created/.exec(out)?.[1] ?? '';
      expect(netns).toMatch(/^\/run\/netns\/embedded-[0-9a-f]{8}$/);
      expect(out).toContain('runtime: ADD embedded: ok');
      expect(out).toContain('had 10.89.0.2/24');
      expect(out).toMatch(/eth0\s+inet 10\.89\.0\.2\/24/);
      expect(out).toContain('runtime: DEL embedded: ok');
      expect(out).toContain(`runtime: netns ${netns} removed`);
      expect(existsSync(netns)).toBe(false);
      // DEL released the address and removed the host-side veth.
      expect(existsSync(join(dir, 'ipam', 'embedded', '10.89.0.2'))).toBe(false);
      expect(host.exec(['ip', '-o', 'link', 'show', 'type', 'veth'])).toBe('');
    });
  },
);
