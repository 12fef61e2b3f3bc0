import { afterEach, describe, expect, test } from 'bun:test';
import { isExists } from '../errors/predicates.ts';
import { getLink, listLinks } from '../netlink/route/link/ops.ts';
import { openRouteSocket } from '../netlink/socket/open-route-socket.ts';
import { canUseNetns, createTestNetns, type TestNetns } from '../testing/test-netns.ts';
import { useTimeLimit } from '../testing/time-limits.ts';
import { createContainerLink } from './create-container-link.ts';
import { defaultRouteLink } from './default-route-link.ts';
import { isNetSetupError } from './net-setup-error.ts';

useTimeLimit('netns');

// A throwaway "host" (with a veth m0 as the parent) and "container" namespace per test.
describe.skipIf(!canUseNetns())('createContainerLink and defaultRouteLink (netns)', () => {
  const made: TestNetns[] = [];
  afterEach(() => {
    for (const ns of made.splice(0)) ns.remove();
  });

  function world(): { host: TestNetns; container: TestNetns } {
    const host = createTestNetns();
    made.push(host);
    const container = createTestNetns();
    made.push(container);
    host.exec(['ip', 'link', 'add', 'm0', 'type', 'veth', 'peer', 'name', 'm1']);
    return { host, container };
  }

  test('makes a macvlan of a host parent straight into the container, renamed', () => {
    const { host, container } = world();
    using hostSock = openRouteSocket({ netns: host.ns });
    using containerSock = openRouteSocket({ netns: container.ns });
    const parent = getLink(hostSock, { name: 'm0' });
    const link = createContainerLink({
      parentSock: hostSock,
      containerNetns: container.ns,
      containerSock,
      ifName: 'eth0',
      what: 'macvlan',
      spec: { kind: 'macvlan', parent: parent.index, mode: 'private', mtu: 1400 },
      randomName: () => 'vethtmp00001',
    });
    expect(link).toMatchObject({ name: 'eth0', mtu: 1400, kind: 'macvlan' });
    expect(link.kindData).toMatchObject({ kind: 'macvlan', mode: 'private' });
    expect(
      listLinks(hostSock)
        .map((l) => l.name)
        .sort(),
    ).toEqual(['lo', 'm0', 'm1']);
  });

  test('a taken name fails with upstream text and leaves no temporary link', () => {
    const { host, container } = world();
    container.exec(['ip', 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'x1']);
    using hostSock = openRouteSocket({ netns: host.ns });
    using containerSock = openRouteSocket({ netns: container.ns });
    let caught: unknown;
    try {
      createContainerLink({
        parentSock: hostSock,
        containerNetns: container.ns,
        containerSock,
        ifName: 'eth0',
        what: 'macvlan',
        spec: { kind: 'macvlan', parent: getLink(hostSock, { name: 'm0' }).index },
      });
    } catch (error) {
      caught = error;
    }
    expect(isNetSetupError(caught)).toBe(true);
    expect(isExists(caught)).toBe(true);
    expect((caught as Error).message).toBe('failed to rename macvlan to "eth0": file exists');
    expect(
      listLinks(containerSock)
        .map((l) => l.name)
        .sort(),
    ).toEqual(['eth0', 'lo', 'x1']);
  });

  test('defaultRouteLink: none without a default route, else the route link', () => {
    const { host } = world();
    using sock = openRouteSocket({ netns: host.ns });
    expect(defaultRouteLink(sock)).toBeUndefined();
    host.exec(['ip', 'link', 'set', 'm0', 'up']);
    host.exec(['ip', 'addr', 'add', '192.168.90.2/24', 'dev', 'm0']);
    host.exec(['ip', 'route', 'add', 'default', 'via', '192.168.90.1']);
    expect(defaultRouteLink(sock)?.name).toBe('m0');
  });
});
