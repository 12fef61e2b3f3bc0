import { afterEach, describe, expect, test } from 'bun:test';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isSyscallError } from '../sys/syscall-error.ts';
import { canUseNetns } from '../testing/test-netns.ts';
import { useTimeLimit } from '../testing/time-limits.ts';
import { createAnonymousNetns } from './anonymous-netns.ts';
import { createNamedNetns, deleteNamedNetns, listNamedNetns } from './named-netns.ts';
import { isNetnsError } from './netns-error.ts';

useTimeLimit('netns');

function run(argv: readonly string[]): { ok: boolean; stdout: string; stderr: string } {
  const result = Bun.spawnSync([...argv], { stdout: 'pipe', stderr: 'pipe' });
  return {
    ok: result.exitCode === 0,
    stdout: result.stdout.toString(),
    stderr: result.stderr.toString(),
  };
}

function randomName(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(4));
  return `cnits-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

function threadNetnsLink(): string {
  return readlinkSync('/proc/thread-self/ns/net');
}

function ipNetnsList(): string[] {
  return run(['ip', 'netns', 'list'])
    .stdout.split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter((name) => name !== '');
}

describe.skipIf(!canUseNetns())('named network namespaces (root)', () => {
  let names: string[] = [];
  const fresh = (): string => {
    const name = randomName();
    names.push(name);
    return name;
  };
  afterEach(() => {
    // Whatever a test left behind, made by us or by ip.
    for (const name of names) {
      if (existsSync(`/run/netns/${name}`)) run(['ip', 'netns', 'del', name]);
    }
    names = [];
  });

  test('createNamedNetns makes a namespace that ip netns lists and can exec in', () => {
    const name = fresh();
    const home = threadNetnsLink();
    using ns = createNamedNetns(name);
    expect(threadNetnsLink()).toBe(home);
    expect(ns.path).toBe(`/run/netns/${name}`);
    expect(statSync(`/proc/self/fd/${ns.fd}`).ino).toBe(statSync(ns.path).ino);
    expect(`net:[${statSync(ns.path).ino}]`).not.toBe(home);
    expect(listNamedNetns()).toContain(name);
    expect(ipNetnsList()).toContain(name);

    const inside = run(['ip', 'netns', 'exec', name, 'readlink', '/proc/self/ns/net']);
    expect(inside.stdout.trim()).toBe(`net:[${statSync(ns.path).ino}]`);
    const links = JSON.parse(run(['ip', '-n', name, '-j', 'link', 'show']).stdout) as {
      ifname: string;
    }[];
    expect(links.map((link) => link.ifname)).toEqual(['lo']);
    expect(run(['ip', '-n', name, 'link', 'set', 'lo', 'up']).ok).toBe(true);
  });

  test('the run directory is a shared mount point, as iproute2 makes it', () => {
    using _ns = createNamedNetns(fresh());
    const line = readFileSync('/proc/self/mountinfo', 'utf8')
      .split('\n')
      .find((entry) => entry.split(' ')[4] === '/run/netns');
    expect(line).toBeDefined();
    expect(line).toMatch(/ shared:\d+/);
  });

  test('deleteNamedNetns removes a namespace that ip netns add made', () => {
    const name = fresh();
    expect(run(['ip', 'netns', 'add', name]).ok).toBe(true);
    expect(ipNetnsList()).toContain(name);
    deleteNamedNetns(name);
    expect(existsSync(`/run/netns/${name}`)).toBe(false);
    expect(ipNetnsList()).not.toContain(name);
    expect(run(['ip', 'netns', 'exec', name, 'true']).ok).toBe(false);
  });

  test('deleteNamedNetns removes our own namespace, and a second delete is success', () => {
    const name = fresh();
    createNamedNetns(name).close();
    deleteNamedNetns(name);
    expect(listNamedNetns()).not.toContain(name);
    expect(ipNetnsList()).not.toContain(name);
    deleteNamedNetns(name);
  });

  test('ip netns del removes a namespace we made', () => {
    const name = fresh();
    createNamedNetns(name).close();
    expect(run(['ip', 'netns', 'del', name]).ok).toBe(true);
    expect(listNamedNetns()).not.toContain(name);
  });

  test('an existing name is EEXIST, and the existing namespace is left alone', () => {
    const name = fresh();
    using first = createNamedNetns(name);
    const inode = statSync(first.path).ino;
    const home = threadNetnsLink();
    let caught: unknown;
    try {
      createNamedNetns(name);
    } catch (error) {
      caught = error;
    }
    expect(isSyscallError(caught) && caught.code).toBe('EEXIST');
    expect(threadNetnsLink()).toBe(home);
    expect(statSync(first.path).ino).toBe(inode);
    expect(run(['ip', 'netns', 'exec', name, 'true']).ok).toBe(true);
  });

  test('an invalid name creates nothing', () => {
    const before = listNamedNetns();
    for (const name of ['', '..', 'a/b']) {
      let caught: unknown;
      try {
        createNamedNetns(name);
      } catch (error) {
        caught = error;
      }
      expect(isNetnsError(caught) && caught.reason).toBe('invalid-name');
    }
    expect(listNamedNetns()).toEqual(before);
  });

  test('deleteNamedNetns removes a stale file that nothing is mounted on', () => {
    const runDir = mkdtempSync(join(tmpdir(), 'cnits-stale-'));
    try {
      writeFileSync(join(runDir, 'stale'), '');
      deleteNamedNetns('stale', { runDir });
      expect(existsSync(join(runDir, 'stale'))).toBe(false);
    } finally {
      rmSync(runDir, { recursive: true, force: true });
    }
  });

  test('a run directory that is not a mount point yet is bind-mounted and made shared', () => {
    // In a private mount namespace of a child process, so the machine's mount table never
    // sees the new mount point, even when the test fails half way.
    const runDir = mkdtempSync(join(tmpdir(), 'cnits-rundir-'));
    const module = new URL('./named-netns.ts', import.meta.url).pathname;
    const script = `
      import { readFileSync, readlinkSync, statSync } from 'node:fs';
      import { spawnSync } from 'node:child_process';
      import { createNamedNetns, deleteNamedNetns, listNamedNetns } from ${JSON.stringify(module)};
      const runDir = ${JSON.stringify(runDir)};
      const mountinfo = () => readFileSync('/proc/self/mountinfo', 'utf8').split('\\n')
        .find((line) => line.split(' ')[4] === runDir) ?? null;
      const before = mountinfo();
      const home = readlinkSync('/proc/thread-self/ns/net');
      const ns = createNamedNetns('one', { runDir });
      const after = mountinfo();
      const inode = 'net:[' + statSync(ns.path).ino + ']';
      const inside = spawnSync('nsenter', ['--net=' + ns.path, 'readlink', '/proc/self/ns/net'])
        .stdout.toString().trim();
      const listed = listNamedNetns({ runDir });
      ns.close();
      deleteNamedNetns('one', { runDir });
      console.log(JSON.stringify({ before, after, home, back: readlinkSync('/proc/thread-self/ns/net'),
        inode, inside, listed, left: listNamedNetns({ runDir }) }));
    `;
    try {
      const child = run([
        'unshare',
        '--mount',
        '--propagation',
        'private',
        process.execPath,
        '-e',
        script,
      ]);
      expect(child.stderr).toBe('');
      const report = JSON.parse(child.stdout) as Record<string, unknown>;
      expect(report.before).toBeNull();
      expect(report.after).toMatch(/ shared:\d+/);
      expect(report.back).toBe(report.home);
      expect(report.inode).not.toBe(report.home);
      expect(report.inside).toBe(report.inode);
      expect(report.listed).toEqual(['one']);
      expect(report.left).toEqual([]);
    } finally {
      rmSync(runDir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!canUseNetns())('createAnonymousNetns (root)', () => {
  test('makes a new namespace that lives while the handle is open', () => {
    const home = threadNetnsLink();
    const ns = createAnonymousNetns();
    let link: string;
    try {
      expect(threadNetnsLink()).toBe(home);
      link = readlinkSync(ns.path);
      expect(link).toMatch(/^net:\[\d+\]$/);
      expect(link).not.toBe(home);
      // A child can enter it through the path, e.g. as CNI_NETNS.
      const inside = run(['nsenter', `--net=${ns.path}`, 'readlink', '/proc/self/ns/net']);
      expect(inside.stdout.trim()).toBe(link);
      const links = JSON.parse(run(['nsenter', `--net=${ns.path}`, 'ip', '-j', 'link']).stdout) as {
        ifname: string;
      }[];
      expect(links.map((entry) => entry.ifname)).toEqual(['lo']);
    } finally {
      ns.close();
    }
    expect(existsSync(ns.path) && readlinkSync(ns.path) === link).toBe(false);
  });
});
