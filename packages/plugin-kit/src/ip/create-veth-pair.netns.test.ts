import { afterEach, describe, expect, test } from 'bun:test';
import { readSysctl } from '../sysctl/sysctl.ts';
import { canUseNetns, createTestNetns, type TestNetns } from '../testing/test-netns.ts';
import { useTimeLimit } from '../testing/time-limits.ts';
import { createVethPair } from './create-veth-pair.ts';
import { isNetSetupError } from './net-setup-error.ts';

useTimeLimit('netns');

// A throwaway "host" and "container" namespace per test; nothing in the machine's own.
describe.skipIf(!canUseNetns())('createVethPair (netns)', () => {
  const made: TestNetns[] = [];
  afterEach(() => {
    for (const ns of made.splice(0)) ns.remove();
  });

  function pair(): { host: TestNetns; container: TestNetns } {
    const host = createTestNetns();
    made.push(host);
    const container = createTestNetns();
    made.push(container);
    return { host, container };
  }

  function failure(fn: () => unknown): unknown {
    try {
      fn();
    } catch (error) {
      return error;
    }
    return undefined;
  }

  test('creates the container end inside and the host end straight in the host namespace', () => {
    const { host, container } = pair();
    const veth = createVethPair({
      containerNetns: container.ns,
      hostNetns: host.ns,
      containerIfName: 'eth0',
      mtu: 1400,
      containerMac: '02:aa:bb:cc:dd:01',
    });
    expect(veth.host.name).toMatch(/^veth[0-9a-f]{8}$/);
    expect(veth.container).toMatchObject({
      name: 'eth0',
      mtu: 1400,
      mac: '02:aa:bb:cc:dd:01',
      kind: 'veth',
    });
    expect(veth.host).toMatchObject({ mtu: 1400, kind: 'veth' });
    // The host index is the host namespace's, and each end points at the other.
    const hostIndex = Number(host.exec(['cat', `/sys/class/net/${veth.host.name}/ifindex`]).trim());
    expect(veth.host.index).toBe(hostIndex);
    expect(veth.host.link).toBe(veth.container.index);
    expect(veth.container.link).toBe(veth.host.index);
    expect(host.exec(['ip', 'link', 'show', veth.host.name])).toContain(',UP');
    expect(container.exec(['ip', 'link', 'show', 'eth0'])).not.toContain(',UP');
    expect(container.exec(['ip', 'link', 'show'])).not.toContain(veth.host.name);
    expect(readSysctl(`net.ipv6.conf.${veth.host.name}.accept_ra`, { netns: host.ns })).toBe('0');
    // Both ends have txqueuelen 0, as the Go plugins' veths (no "qlen" in `ip link`).
    expect(host.exec(['cat', `/sys/class/net/${veth.host.name}/tx_queue_len`]).trim()).toBe('0');
    expect(container.exec(['cat', '/sys/class/net/eth0/tx_queue_len']).trim()).toBe('0');
  });

  test('uses a given host name', () => {
    const { host, container } = pair();
    const veth = createVethPair({
      containerNetns: container.ns,
      hostNetns: host.ns,
      containerIfName: 'net1',
      hostIfName: 'cnihost0',
    });
    expect(veth.host.name).toBe('cnihost0');
    expect(host.exec(['ip', 'link', 'show', 'cnihost0'])).toContain('cnihost0@');
  });

  test('fails with upstream text when the container name is taken', () => {
    const { host, container } = pair();
    container.exec(['ip', 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'other0']);
    const error = failure(() =>
      createVethPair({ containerNetns: container.ns, hostNetns: host.ns, containerIfName: 'eth0' }),
    );
    expect(isNetSetupError(error, 'veth-name-taken')).toBe(true);
    expect((error as Error).message).toBe('container veth name provided (eth0) already exists');
    expect(host.exec(['ip', '-o', 'link', 'show']).trim().split('\n')).toHaveLength(1);
  });

  test('tries another random host name when one is taken in the host namespace', () => {
    const { host, container } = pair();
    host.exec(['ip', 'link', 'add', 'vethtaken0', 'type', 'veth', 'peer', 'name', 'vethtaken1']);
    const names = ['vethtaken0', 'vethtaken1', 'vethfree00'];
    const veth = createVethPair({
      containerNetns: container.ns,
      hostNetns: host.ns,
      containerIfName: 'eth0',
      randomName: () => names.shift() ?? 'vethnever0',
    });
    expect(veth.host.name).toBe('vethfree00');
    expect(names).toEqual([]);
  });

  test('fails when a given host name is taken, and after ten random clashes', () => {
    const { host, container } = pair();
    host.exec(['ip', 'link', 'add', 'vethtaken0', 'type', 'veth', 'peer', 'name', 'vethtaken1']);
    const given = failure(() =>
      createVethPair({
        containerNetns: container.ns,
        hostNetns: host.ns,
        containerIfName: 'eth0',
        hostIfName: 'vethtaken0',
      }),
    );
    expect((given as Error).message).toBe(
      'container veth name ("eth0") peer provided ("vethtaken0") already exists',
    );
    let tries = 0;
    const exhausted = failure(() =>
      createVethPair({
        containerNetns: container.ns,
        hostNetns: host.ns,
        containerIfName: 'eth0',
        randomName: () => {
          tries++;
          return 'vethtaken0';
        },
      }),
    );
    expect(isNetSetupError(exhausted, 'veth-name-exhausted')).toBe(true);
    expect(tries).toBe(10);
    expect(container.exec(['ip', '-o', 'link', 'show']).trim().split('\n')).toHaveLength(1);
  });
});
