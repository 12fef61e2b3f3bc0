import { describe, expect, test } from 'bun:test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { netnsSkipReason, useTimeLimit } from '../packages/plugin-kit/src/testing/index.ts';
import { pluginNames } from '../packages/plugins/src/registry.ts';

useTimeLimit('slow');

// The README's demo command, end to end, as root: everything it creates lives in its own
// namespaces and scratch directory. Setup is skipped (--no-setup): scripts/test has just
// done it, and a test must not run apt-get. With our bridge and host-local not registered
// yet, the demo runs Debian's Go plugins (CNI_TS_DEMO_PLUGINS=go) and says so in the title.

const DEMO = join(import.meta.dir, 'demo');
const NEEDED = ['bridge', 'host-local', 'loopback'];
const ours = NEEDED.every((name) => pluginNames.includes(name));
const mode = ours ? 'ours' : 'go';

function skipReason(): string | null {
  const netns = netnsSkipReason();
  if (netns !== null) return netns;
  if (!ours && !existsSync('/usr/lib/cni/bridge')) {
    return 'bridge/host-local not registered and no Go plugins in /usr/lib/cni';
  }
  const ping = Bun.spawnSync(['sh', '-c', 'command -v ping']);
  return ping.exitCode === 0 ? null : 'needs ping (Debian package iputils-ping)';
}

const skip = skipReason();

/** What the demo printed about the things it made. */
function madeBy(stdout: string): { namespaces: string[]; scratch: string } {
  const host = /^host namespace: +(\S+)/m.exec(stdout)?.[1];
  const containers = /^container namespaces: (\S+) \(a\), (\S+) \(b\)/m.exec(stdout);
  const scratch = /^scratch directory: (\S+)/m.exec(stdout)?.[1] ?? '';
  const namespaces = [host, containers?.[1], containers?.[2]].filter(
    (name): name is string => name !== undefined,
  );
  return { namespaces, scratch };
}

function expectGone(stdout: string): void {
  const { namespaces, scratch } = madeBy(stdout);
  expect(namespaces).toHaveLength(3);
  for (const name of namespaces) expect(existsSync(`/run/netns/${name}`)).toBe(false);
  expect(scratch).toStartWith('/');
  expect(existsSync(scratch)).toBe(false);
}

function spawnDemo(): Bun.Subprocess<'ignore', 'pipe', 'pipe'> {
  return Bun.spawn(['bash', DEMO, '--no-setup'], {
    env: { ...process.env, CNI_TS_DEMO_PLUGINS: mode },
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
  });
}

describe.skipIf(skip !== null)(
  `bash scripts/demo with ${mode === 'ours' ? 'our plugins' : "Debian's Go plugins"}${
    skip === null ? '' : ` (skipped: ${skip})`
  }`,
  () => {
    test('attaches, pings, checks, detaches and leaves nothing behind', async () => {
      const demo = spawnDemo();
      const [stdout, stderr, code] = await Promise.all([
        new Response(demo.stdout).text(),
        new Response(demo.stderr).text(),
        demo.exited,
      ]);
      if (code !== 0) console.error(stdout, stderr);
      expect(code).toBe(0);
      for (const section of ['Build', 'ping', 'cnitool check', 'cnitool del', 'Nothing left']) {
        expect(stdout).toContain(`\n== ${section} ==\n`);
      }
      expect(stdout).toContain('"address": "10.88.0.');
      expect(stdout).toContain('"address": "fd00:88::');
      expect(stdout).toContain(`"cniVersion": "${mode === 'ours' ? '1.1.0' : '1.0.0'}"`);
      expect(stdout).toMatch(/default via 10\.88\.0\.1 dev eth0/);
      expect(stdout).toMatch(/-A POSTROUTING -s 10\.88\.0\.\d+\/32 -j CNI-[0-9a-f]{24}/);
      const pings = stdout.split('\n').filter((line) => / -> (gateway|a|b) /.test(line));
      expect(pings).toHaveLength(8);
      for (const line of pings) expect(line).toContain(' ok (');
      for (const what of [
        'veths (host namespace)',
        'veths (containers)',
        'masquerade rules',
        'host-local reservations',
        'result cache files',
      ]) {
        const line = stdout.split('\n').find((l) => l.startsWith(`  ${what}:`));
        expect(line?.trimEnd()).toEndWith(' none');
      }
      expect(stdout).toEndWith('demo passed: every step succeeded and nothing is left behind\n');
      expectGone(stdout);
      // The README's sample shows the same sections in the same order.
      const sections = (text: string): string[] => [...(text.match(/^== .+ ==$/gm) ?? [])];
      const readme = readFileSync(join(import.meta.dir, '..', 'README.md'), 'utf8');
      const sample = /## Demo\n[\s\S]*?```text\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
      const shown = sections(sample);
      expect(shown.length).toBeGreaterThan(4);
      expect(sections(stdout).filter((line) => shown.includes(line))).toEqual(shown);
    });

    test('Ctrl-C in the middle removes the namespaces and the scratch directory', async () => {
      const demo = spawnDemo();
      const reader = demo.stdout.getReader();
      const decoder = new TextDecoder();
      let stdout = '';
      let interrupted = false;
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) break;
        stdout += decoder.decode(chunk.value, { stream: true });
        if (!interrupted && stdout.includes('== cnitool add: container b ==')) {
          demo.kill('SIGINT');
          interrupted = true;
        }
      }
      const [stderr, code] = await Promise.all([new Response(demo.stderr).text(), demo.exited]);
      expect(interrupted).toBe(true);
      expect(code).toBe(130);
      expect(stdout).toContain('== Clean up after failure ==');
      expect(stdout).not.toContain('demo passed');
      expect(stderr).toContain('demo FAILED in step "cnitool add: container b" (exit status 130)');
      expectGone(stdout);
    });
  },
);
