import { afterEach, describe, expect, test } from 'bun:test';
import { ifNameToIndex } from '../sys/libc.ts';
import { isSyscallError } from '../sys/syscall-error.ts';
import { canUseNetns, createTestNetns, type TestNetns } from '../testing/test-netns.ts';
import { useTimeLimit } from '../testing/time-limits.ts';
import { IFF_TUNTAP } from './constants.ts';
import { createTunTap, getTunTapInfo, setTunTapPersist } from './tuntap.ts';

useTimeLimit('netns');

interface TunInfo {
  type: string;
  pi: boolean;
  vnet_hdr: boolean;
  multi_queue: boolean;
  persist: boolean;
  user?: number;
  group?: number;
  numqueues?: number;
}

/** The tun details `ip -d -j link show` reports for a device, or null when it does not exist. */
function tunInfo(ns: TestNetns, name: string): TunInfo | null {
  const result = Bun.spawnSync(['ip', '-n', ns.name, '-d', '-j', 'link', 'show', 'dev', name], {
    stdout: 'pipe',
    stderr: 'pipe',
  });
  if (result.exitCode !== 0) return null;
  const [link] = JSON.parse(result.stdout.toString()) as {
    linkinfo?: { info_kind?: string; info_data?: TunInfo };
  }[];
  expect(link?.linkinfo?.info_kind).toBe('tun');
  return link?.linkinfo?.info_data ?? null;
}

const hasStrace = Bun.spawnSync(['sh', '-c', 'command -v strace']).exitCode === 0;

/** The TUN* ioctls a command makes, as strace prints them, without descriptors and pointers. */
function tunIoctls(ns: TestNetns, argv: readonly string[]): string[] {
  const result = Bun.spawnSync(
    ['ip', 'netns', 'exec', ns.name, 'strace', '-f', '-e', 'trace=ioctl', ...argv],
    { stdout: 'pipe', stderr: 'pipe' },
  );
  expect(result.exitCode).toBe(0);
  return result.stderr
    .toString()
    .split('\n')
    .map((line) => /ioctl\(\d+, (TUN[A-Z]+), (0x[0-9a-f]+|\d+)\)\s*= 0/.exec(line))
    .filter((match) => match !== null)
    .map(([, request, value]) => `${request} ${request === 'TUNSETIFF' ? '<ifreq>' : value}`);
}

function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

function hostHas(name: string): boolean {
  // Read-only look-up in the machine's own namespace.
  try {
    ifNameToIndex(name);
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!canUseNetns())('tun/tap in a namespace (root)', () => {
  let made: TestNetns[] = [];
  const testNetns = (): TestNetns => {
    const ns = createTestNetns();
    made.push(ns);
    return ns;
  };
  afterEach(() => {
    for (const ns of made) ns.remove();
    made = [];
  });

  test('a persistent tap matches what ip tuntap add makes with the same settings', () => {
    const target = testNetns();
    const tap = createTunTap({
      name: 'cntap0',
      mode: 'tap',
      persistent: true,
      owner: 1234,
      group: 4321,
      multiQueue: true,
      vnetHdr: true,
      netns: target.ns,
    });
    expect(tap.name).toBe('cntap0');
    expect(tap.fd).toBeNull();
    tap.close();
    target.exec(
      ['ip', 'tuntap', 'add', 'dev', 'iptap0', 'mode', 'tap', 'multi_queue', 'vnet_hdr'].concat([
        'user',
        '1234',
        'group',
        '4321',
      ]),
    );
    const ours = tunInfo(target, 'cntap0');
    expect(ours).toEqual({
      type: 'tap',
      pi: false,
      vnet_hdr: true,
      multi_queue: true,
      numqueues: 0,
      numdisabled: 0,
      persist: true,
      user: 1234,
      group: 4321,
    } as TunInfo);
    expect(ours).toEqual(tunInfo(target, 'iptap0'));
    expect(target.exec(['ip', 'link', 'show', 'cntap0'])).toContain('cntap0');
    expect(hostHas('cntap0')).toBe(false);
  });

  test('a persistent tun without owner or group, and a name pattern the kernel fills in', () => {
    const target = testNetns();
    const tun = createTunTap({ name: 'cntun%d', mode: 'tun', persistent: true, netns: target.ns });
    expect(tun.name).toBe('cntun0');
    const second = createTunTap({
      name: 'cntun%d',
      mode: 'tun',
      persistent: true,
      netns: target.ns,
    });
    expect(second.name).toBe('cntun1');
    expect(tunInfo(target, 'cntun0')).toEqual({
      type: 'tun',
      pi: false,
      vnet_hdr: false,
      multi_queue: false,
      persist: true,
    });
    expect(hostHas('cntun0')).toBe(false);
  });

  test('a non-persistent device lives while its descriptor is open', () => {
    const target = testNetns();
    const tap = createTunTap({ name: 'cnq0', mode: 'tap', persistent: false, netns: target.ns });
    try {
      expect(tap.fd).not.toBeNull();
      expect(tunInfo(target, 'cnq0')?.persist).toBe(false);
      const info = getTunTapInfo(tap.fd ?? -1);
      expect(info.name).toBe('cnq0');
      expect(info.flags & IFF_TUNTAP.IFF_TAP).toBe(IFF_TUNTAP.IFF_TAP);
      expect(info.flags & IFF_TUNTAP.IFF_NO_PI).toBe(IFF_TUNTAP.IFF_NO_PI);
      expect(info.flags & IFF_TUNTAP.IFF_PERSIST).toBe(0);
    } finally {
      tap.close();
    }
    tap.close();
    expect(tunInfo(target, 'cnq0')).toBeNull();
  });

  test('a name that exists already is EBUSY and the device is left alone', () => {
    const target = testNetns();
    createTunTap({ name: 'cnbusy', mode: 'tap', persistent: true, owner: 1234, netns: target.ns });
    const error = errorOf(() =>
      createTunTap({ name: 'cnbusy', mode: 'tap', persistent: true, netns: target.ns }),
    );
    expect(isSyscallError(error) && error.code).toBe('EBUSY');
    expect(tunInfo(target, 'cnbusy')?.user).toBe(1234);
    target.exec(['ip', 'link', 'add', 'cnveth', 'type', 'veth', 'peer', 'name', 'cnpeer']);
    const onVeth = errorOf(() =>
      createTunTap({ name: 'cnveth', mode: 'tun', persistent: true, netns: target.ns }),
    );
    expect(isSyscallError(onVeth) && onVeth.code).toBe('EBUSY');
  });

  test('a name too long for IFNAMSIZ is refused before anything is created', () => {
    const target = testNetns();
    const error = errorOf(() =>
      createTunTap({ name: 'x'.repeat(16), mode: 'tap', persistent: true, netns: target.ns }),
    );
    expect(error).toBeInstanceOf(RangeError);
    const links = JSON.parse(target.exec(['ip', '-j', 'link', 'show'])) as { ifname: string }[];
    expect(links.map((link) => link.ifname)).toEqual(['lo']);
  });

  test('setTunTapPersist(false) removes our devices and ones ip tuntap made, any mode', () => {
    const target = testNetns();
    createTunTap({
      name: 'cnmq',
      mode: 'tap',
      persistent: true,
      multiQueue: true,
      netns: target.ns,
    });
    createTunTap({ name: 'cntn', mode: 'tun', persistent: true, netns: target.ns });
    target.exec(['ip', 'tuntap', 'add', 'dev', 'iptun', 'mode', 'tun', 'multi_queue']);
    target.exec(['ip', 'tuntap', 'add', 'dev', 'iptap', 'mode', 'tap']);
    for (const name of ['cnmq', 'cntn', 'iptun', 'iptap']) {
      setTunTapPersist(name, false, { netns: target.ns });
      expect(tunInfo(target, name)).toBeNull();
    }
    const links = JSON.parse(target.exec(['ip', '-j', 'link', 'show'])) as { ifname: string }[];
    expect(links.map((link) => link.ifname)).toEqual(['lo']);
  });

  test('setTunTapPersist with the mode given, and ip tuntap del on our device', () => {
    const target = testNetns();
    createTunTap({ name: 'cnk', mode: 'tap', persistent: true, netns: target.ns });
    setTunTapPersist('cnk', false, { mode: 'tap', multiQueue: false, netns: target.ns });
    expect(tunInfo(target, 'cnk')).toBeNull();
    createTunTap({
      name: 'cnd',
      mode: 'tap',
      persistent: true,
      multiQueue: true,
      netns: target.ns,
    });
    target.exec(['ip', 'tuntap', 'del', 'dev', 'cnd', 'mode', 'tap', 'multi_queue']);
    expect(tunInfo(target, 'cnd')).toBeNull();
  });

  test('setTunTapPersist(false) on a missing device is success; (true) is ENODEV', () => {
    const target = testNetns();
    setTunTapPersist('cnmissing', false, { netns: target.ns });
    const error = errorOf(() => setTunTapPersist('cnmissing', true, { netns: target.ns }));
    expect(isSyscallError(error) && error.code).toBe('ENODEV');
    expect(tunInfo(target, 'cnmissing')).toBeNull();
  });

  test('setTunTapPersist on a device that is not tun/tap is EINVAL', () => {
    const target = testNetns();
    target.exec(['ip', 'link', 'add', 'cnveth', 'type', 'veth', 'peer', 'name', 'cnpeer']);
    const error = errorOf(() => setTunTapPersist('cnveth', false, { netns: target.ns }));
    expect(isSyscallError(error) && error.code).toBe('EINVAL');
    expect(target.exec(['ip', 'link', 'show', 'cnveth'])).toContain('cnveth');
  });

  test('setTunTapPersist(true) keeps a multi-queue device after its creator closes', () => {
    const target = testNetns();
    const tap = createTunTap({
      name: 'cnkeep',
      mode: 'tap',
      persistent: false,
      multiQueue: true,
      netns: target.ns,
    });
    setTunTapPersist('cnkeep', true, { netns: target.ns });
    tap.close();
    expect(tunInfo(target, 'cnkeep')?.persist).toBe(true);
  });

  test('a single-queue device held open elsewhere is EBUSY for setTunTapPersist', () => {
    const target = testNetns();
    using tap = createTunTap({ name: 'cnheld', mode: 'tun', persistent: false, netns: target.ns });
    const error = errorOf(() =>
      setTunTapPersist('cnheld', true, { mode: 'tun', netns: target.ns }),
    );
    expect(isSyscallError(error) && error.code).toBe('EBUSY');
    expect(tap.fd).not.toBeNull();
  });

  test.skipIf(!hasStrace)(
    'makes the same ioctls, in the same order, as ip tuntap add (strace)',
    () => {
      const target = testNetns();
      const module = new URL('./tuntap.ts', import.meta.url).pathname;
      const ours = tunIoctls(target, [
        process.execPath,
        '-e',
        `import { createTunTap } from ${JSON.stringify(module)};
       createTunTap({ name: 'cnst0', mode: 'tap', persistent: true, owner: 1234, group: 4321 });`,
      ]);
      const ip = tunIoctls(target, [
        'ip',
        'tuntap',
        'add',
        'dev',
        'ipst0',
        'mode',
        'tap',
        'user',
        '1234',
        'group',
        '4321',
      ]);
      expect(ours).toEqual([
        'TUNSETIFF <ifreq>',
        'TUNSETOWNER 0x4d2',
        'TUNSETGROUP 0x10e1',
        'TUNSETPERSIST 0x1',
      ]);
      expect(ours).toEqual(ip);
      expect(tunInfo(target, 'cnst0')).toEqual(tunInfo(target, 'ipst0'));
    },
  );
});
