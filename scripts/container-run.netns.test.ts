import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useTimeLimit } from '../packages/plugin-kit/src/testing/index.ts';
import { pluginBinDir } from '../packages/plugins/test/_binary.ts';
import { createPluginWorld, type PluginWorld } from '../packages/plugins/test/_world.ts';
import {
  createPodmanSandbox,
  type PodmanSandbox,
  podmanSkipReason,
} from '../packages/plugins/test/runtimes/_podman.ts';
import { type ConfListJson, withHostLocalDataDir } from './lib/conf-rewrite.ts';

useTimeLimit('slow');

// scripts/container-run with podman, confined as the podman runtime tests are: the script
// runs in a throwaway network namespace (it makes its own "host" namespace inside that)
// and in a private mount namespace, podman keeps its state in a scratch directory, the
// demo network's host-local store is a scratch directory too. A real container (busybox
// rootfs) prints its interfaces; then nothing may be left: no namespace of the run, no
// reservation, no container. Docker is not tested (no docker engine on these machines).

const SCRIPT = join(import.meta.dir, 'container-run');
const NET_D = join(import.meta.dir, '..', 'examples', 'net.d');
const CNITOOL_MAIN = join(import.meta.dir, '..', 'packages', 'cnitool', 'src', 'main.ts');
const skip = podmanSkipReason();
let world: PluginWorld | undefined;
let sandbox: PodmanSandbox | undefined;
let confDir = '';
let cnitool = '';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The command line and environment of a run of the script in the sandbox. */
function invocation(args: readonly string[]): { argv: string[]; env: Record<string, string> } {
  if (world === undefined || sandbox === undefined) throw new Error('not set up');
  const argv = ['nsenter', `--mount=${sandbox.mountNsFile}`, `--net=${world.host.path}`];
  argv.push('bash', SCRIPT, '--no-setup', '--plugin-dir', pluginBinDir(), '--cnitool', cnitool);
  argv.push('--conf-dir', confDir, ...args);
  const env = {
    ...sandbox.env,
    PODMAN: ['podman', ...sandbox.globalFlags].join(' '),
    PODMAN_RUN_FLAGS: sandbox.runFlags.join(' '),
  };
  return { argv, env };
}

function containerRun(args: readonly string[]): Run {
  const { argv, env } = invocation(args);
  const run = Bun.spawnSync(argv, { env, stdout: 'pipe', stderr: 'pipe' });
  return { code: run.exitCode ?? -1, stdout: run.stdout.toString(), stderr: run.stderr.toString() };
}

/** What a run may leave: reservations, containers, its namespaces. */
function leftovers(): string[] {
  if (world === undefined || sandbox === undefined) return ['not set up'];
  const reserved = readdirSync(join(world.dataDir, 'cni-ts-demo')).filter((f) =>
    /^[0-9a-f.:]+$/.test(f),
  );
  const containers = sandbox.podman(['ps', '--all', '--quiet']).stdout.trim();
  const namespaces = readdirSync('/run/netns').filter((name) => name.startsWith('cnits-run-'));
  return [...reserved, ...(containers === '' ? [] : [containers]), ...namespaces];
}

describe.skipIf(skip !== null)(`scripts/container-run${skip ? ` (skipped: ${skip})` : ''}`, () => {
  beforeAll(() => {
    world = createPluginWorld(0);
    sandbox = createPodmanSandbox(world, pluginBinDir());
    confDir = join(world.dir, 'net.d');
    mkdirSync(confDir);
    for (const file of ['10-cni-ts-demo.conflist', '99-loopback.conflist']) {
      const conf = JSON.parse(readFileSync(join(NET_D, file), 'utf8')) as ConfListJson;
      writeFileSync(join(confDir, file), JSON.stringify(withHostLocalDataDir(conf, world.dataDir)));
    }
    cnitool = join(world.dir, 'cnitool');
    writeFileSync(cnitool, `#!/bin/sh\nexec ${process.execPath} ${CNITOOL_MAIN} "$@"\n`, {
      mode: 0o755,
    });
  });

  afterAll(() => {
    sandbox?.remove();
    world?.remove();
  });

  test('a podman container prints the interfaces our plugins gave it; all is removed after', () => {
    const run = containerRun(['--', 'ip', 'addr']);
    expect(run.stderr).not.toContain('FAILED');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('cnitool add cni-ts-demo: "ips":[');
    expect(run.stdout).toContain('cnitool add cni-loopback: ok');
    expect(run.stdout).toMatch(/eth0@if\d+: <BROADCAST,MULTICAST,UP,LOWER_UP/);
    expect(run.stdout).toMatch(/inet 10\.88\.0\.\d+\/16/);
    expect(run.stdout).toMatch(/inet6 fd00:88::[0-9a-f]+\/64/);
    expect(run.stdout).toMatch(/lo: <LOOPBACK,UP,LOWER_UP>/);
    expect(run.stdout).toContain('cnitool del cni-ts-demo: ok');
    expect(run.stdout).toMatch(/removed namespace cnits-run-[0-9a-f]+-host/);
    expect(leftovers()).toEqual([]);
  });

  test("a failing container's status is the script's, and it still cleans up", () => {
    const run = containerRun(['--', 'sh', '-c', 'exit 7']);
    expect(run.code).toBe(7);
    expect(run.stdout).toContain('cnitool del cni-ts-demo: ok');
    expect(leftovers()).toEqual([]);
  });

  test('Ctrl-C while the container runs stops it and cleans up', async () => {
    const { argv, env } = invocation(['--', 'sleep', '60']);
    // Its own process group, as a terminal's foreground job: Ctrl-C signals all of it.
    const child = Bun.spawn(['setsid', ...argv], { env, stdout: 'pipe', stderr: 'pipe' });
    const decoder = new TextDecoder();
    let stdout = '';
    const reader = child.stdout.getReader();
    while (!stdout.includes('running sleep 60')) {
      const chunk = await reader.read();
      if (chunk.done) break;
      stdout += decoder.decode(chunk.value);
    }
    await Bun.sleep(1_000); // let podman start the container
    const interrupted = performance.now();
    process.kill(-child.pid, 'SIGINT');
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      stdout += decoder.decode(chunk.value);
    }
    const code = await child.exited;
    expect(code).toBe(130);
    expect(performance.now() - interrupted).toBeLessThan(20_000); // not the container's 60 s
    expect(stdout).toContain('cnitool del cni-ts-demo: ok');
    expect(stdout).toMatch(/removed namespace cnits-run-[0-9a-f]+-host/);
    expect(leftovers()).toEqual([]);
  });

  test('a network that is not there fails before a container starts, and cleans up', () => {
    const run = containerRun(['--network', 'no-such-network']);
    expect(run.code).not.toBe(0);
    expect(run.stdout).not.toContain('running');
    expect(leftovers()).toEqual([]);
  });
});
