// A CniConfig over a FakeExec and a temporary cache directory, for the operation tests.

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CniConfig, type NetworkConfigList, networkConfFromBytes } from '../src/index.ts';
import { type FakeCall, FakeExec, type FakeExecOptions } from '../src/testing/index.ts';

/** A CniConfig wired to fakes. */
export interface FakeCni {
  readonly cni: CniConfig;
  readonly exec: FakeExec;
  readonly cacheDir: string;
  readonly warnings: string[];
  /** The cache file of an attachment, if present. */
  cacheFile(network: string, containerId: string, ifName: string): string | undefined;
  remove(): void;
}

/** Creates a {@link FakeCni}; plugins are looked up in `/opt/cni/bin` and `/usr/libexec/cni`. */
export function fakeCni(
  plugins: FakeExecOptions['plugins'],
  supportedVersions?: string[],
): FakeCni {
  const cacheDir = mkdtempSync(join(tmpdir(), 'libcni-api-'));
  const exec = new FakeExec({ plugins, supportedVersions });
  const warnings: string[] = [];
  const cni = new CniConfig({
    path: ['/opt/cni/bin', '/usr/libexec/cni'],
    cacheDir,
    exec,
    env: { HOME: '/root' },
    onWarning: (message) => warnings.push(message),
  });
  return {
    cni,
    exec,
    cacheDir,
    warnings,
    cacheFile(network, containerId, ifName) {
      const path = join(cacheDir, 'results', `${network}-${containerId}-${ifName}`);
      return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    },
    remove() {
      rmSync(cacheDir, { recursive: true, force: true });
    },
  };
}

/** A network list of the given plugin objects. */
export function listOf(
  cniVersion: string,
  plugins: readonly object[],
  extra: object = {},
): NetworkConfigList {
  return networkConfFromBytes(JSON.stringify({ cniVersion, name: 'testnet', plugins, ...extra }));
}

/** A runtime configuration for container `c1`. */
export const RUNTIME = {
  containerId: 'c1',
  netns: '/var/run/netns/c1',
  ifName: 'eth0',
  args: [
    ['IgnoreUnknown', '1'],
    ['K8S_POD_NAME', 'web'],
  ] as [string, string][],
};

/** The decoded stdin of a fake call. */
export function stdinOf(call: FakeCall | undefined): Record<string, unknown> {
  return (call?.config ?? {}) as Record<string, unknown>;
}

/** A 1.0.0 result with one address. */
export function result100(address = '10.88.0.5/16'): object {
  return {
    cniVersion: '1.0.0',
    interfaces: [{ name: 'eth0', sandbox: '/var/run/netns/c1' }],
    ips: [{ interface: 0, address, gateway: '10.88.0.1' }],
  };
}
