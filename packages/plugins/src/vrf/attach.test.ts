import { describe, expect, test } from 'bun:test';
import { AF, RT_SCOPE, RT_TABLE, RTM, RTN, RTPROT, UndoStack } from '@cni-ts/plugin-kit';
import { CniError, isCniError } from '@cni-ts/spec-types';
import { vrfCaptures } from './_test-captures.ts';
import {
  createFakeKernel,
  type FakeKernel,
  type FakeLink,
  ipv6AddressPayload,
  ipv6Bytes,
  routePayload,
} from './_test-fake-kernel.ts';
import { attachToVrf } from './attach.ts';
import { checkInVrf, detachFromVrf } from './detach.ts';

/** The namespace of the captures: lo, the veth pair peer0/eth0 (eth0 is 3); blue will be 4. */
const NAMESPACE: FakeLink[] = [
  { index: 1, name: 'lo', kind: '', up: true },
  { index: 2, name: 'peer0', kind: 'veth', up: true },
  { index: 3, name: 'eth0', kind: 'veth', up: true },
];

const GETS = new Set<number>([RTM.GETLINK, RTM.GETADDR, RTM.GETROUTE]);

/** The requests that change something, as hex with seq and pid zeroed. */
function changes(kernel: FakeKernel, from = 0): string[] {
  return kernel.transport.sent
    .slice(from)
    .filter((bytes) => !GETS.has(new DataView(bytes.buffer, bytes.byteOffset).getUint16(4, true)))
    .map((bytes) => {
      const copy = bytes.slice();
      copy.fill(0, 8, 16);
      return Buffer.from(copy).toString('hex');
    });
}

function errorText(work: () => void): string {
  try {
    work();
  } catch (error) {
    if (isCniError(error)) return error.msg;
    throw error;
  }
  throw new Error('no error');
}

function attach(kernel: FakeKernel, vrfName = 'blue', table = 10): UndoStack {
  const undo = new UndoStack();
  attachToVrf(kernel.sock, { vrfName, table, ifName: 'eth0' }, undo);
  return undo;
}

describe('attachToVrf', () => {
  test('sends what `ip link add … type vrf table N`, `set up` and `set master` send', () => {
    const kernel = createFakeKernel(NAMESPACE, { vrf: true });
    attach(kernel);
    expect(changes(kernel)).toEqual([
      vrfCaptures['ip link add blue type vrf table 10'],
      vrfCaptures['ip link set dev blue up'],
      vrfCaptures['ip link set dev eth0 master blue'],
    ]);
    expect(kernel.links.get(4)).toMatchObject({ name: 'blue', kind: 'vrf', table: 10, up: true });
    expect(kernel.links.get(3)?.master).toBe(4);
  });

  test('reuses a VRF of that name, and refuses one with another table', () => {
    const blue: FakeLink = { index: 4, name: 'blue', kind: 'vrf', up: true, table: 10 };
    const kernel = createFakeKernel([...NAMESPACE, blue], { vrf: true });
    attach(kernel, 'blue', 0);
    expect(changes(kernel)).toEqual([vrfCaptures['ip link set dev eth0 master blue']]);

    const other = createFakeKernel([...NAMESPACE, blue], { vrf: true });
    expect(errorText(() => attach(other, 'blue', 20))).toBe(
      'VRF blue already exist with different routing table 10',
    );
    expect(changes(other)).toEqual([]);
  });

  test('table 0 picks the lowest id no VRF uses', () => {
    const kernel = createFakeKernel(
      [
        ...NAMESPACE,
        { index: 4, name: 'red', kind: 'vrf', up: true, table: 1 },
        { index: 5, name: 'green', kind: 'vrf', up: true, table: 3 },
      ],
      { vrf: true },
    );
    attach(kernel, 'blue', 0);
    expect(kernel.links.get(6)).toMatchObject({ name: 'blue', kind: 'vrf', table: 2 });
  });

  test("refuses a link of another kind by the VRF's name, and an interface with a master", () => {
    const bridge: FakeLink = { index: 4, name: 'blue', kind: 'bridge', up: true };
    expect(errorText(() => attach(createFakeKernel([...NAMESPACE, bridge], { vrf: true })))).toBe(
      'Netlink blue is not a VRF',
    );
    const enslaved = NAMESPACE.map((link) =>
      link.name === 'eth0' ? { ...link, master: 2 } : link,
    );
    const kernel = createFakeKernel(enslaved, { vrf: true });
    expect(errorText(() => attach(kernel))).toBe('interface eth0 has already a master set: peer0');
  });

  test("a kernel without VRF: upstream's error, and the undo leaves nothing", async () => {
    const kernel = createFakeKernel(NAMESPACE, { vrf: false });
    const undo = new UndoStack();
    let caught: unknown;
    try {
      attachToVrf(kernel.sock, { vrfName: 'blue', table: 10, ifName: 'eth0' }, undo);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CniError);
    expect((caught as CniError).msg).toBe('could not add VRF blue: operation not supported');
    expect(await undo.undo()).toEqual([]);
    expect([...kernel.links.keys()]).toEqual([1, 2, 3]);
  });

  test('undo after a later failure takes the interface out and deletes the new VRF', async () => {
    const kernel = createFakeKernel(NAMESPACE, { vrf: true });
    const undo = attach(kernel);
    const sent = kernel.transport.sent.length;
    expect(await undo.undo()).toEqual([]);
    expect(changes(kernel, sent)).toEqual([
      vrfCaptures['ip link set dev eth0 nomaster'],
      vrfCaptures['ip link del dev blue'],
    ]);
  });
});

describe('attachToVrf keeps the addressing', () => {
  /** eth0 with fd00:9::2/64, its connected IPv6 route and an IPAM default route via 10.244.9.1. */
  const addressed = (localRoutes = true) =>
    createFakeKernel(NAMESPACE, {
      vrf: true,
      localRoutes,
      addresses: [ipv6AddressPayload(3, 'fd00:9::2', 64)],
      routes: [
        routePayload({
          family: AF.INET6,
          dstLen: 64,
          table: RT_TABLE.MAIN,
          protocol: RTPROT.KERNEL,
          scope: RT_SCOPE.UNIVERSE,
          type: RTN.UNICAST,
          dst: ipv6Bytes('fd00:9::'),
          oif: 3,
        }),
        routePayload({
          family: AF.INET,
          dstLen: 0,
          table: RT_TABLE.MAIN,
          protocol: RTPROT.BOOT,
          scope: RT_SCOPE.UNIVERSE,
          type: RTN.UNICAST,
          gateway: Uint8Array.from([10, 244, 9, 1]),
          oif: 3,
        }),
      ],
    });

  test('adds back the IPv6 address the kernel dropped and carries the default route', () => {
    const kernel = addressed();
    attach(kernel);
    expect(changes(kernel)).toEqual([
      vrfCaptures['ip link add blue type vrf table 10'],
      vrfCaptures['ip link set dev blue up'],
      vrfCaptures['ip link set dev eth0 master blue'],
      vrfCaptures['ip -6 addr add fd00:9::2/64 dev eth0'],
      vrfCaptures['ip route replace default via 10.244.9.1 dev eth0 table 10'],
    ]);
  });

  test("gives up with upstream's words when the address's route never shows in the table", () => {
    const started = performance.now();
    expect(errorText(() => attach(addressed(false)))).toBe(
      'failed getting local/host addresses for eth0 in table 10 with dst fd00:9::2/64',
    );
    // 10 ms doubling, 8 retries: about 2.5 s.
    expect(performance.now() - started).toBeGreaterThan(2000);
  });
});

describe('detachFromVrf and checkInVrf', () => {
  test('CHECK finds the interface in the VRF; DEL takes it out and deletes the empty VRF', () => {
    const kernel = createFakeKernel(NAMESPACE, { vrf: true });
    attach(kernel);
    checkInVrf(kernel.sock, 'blue', 'eth0');
    const sent = kernel.transport.sent.length;
    detachFromVrf(kernel.sock, 'blue', 'eth0');
    expect(changes(kernel, sent)).toEqual([
      vrfCaptures['ip link set dev eth0 nomaster'],
      vrfCaptures['ip link del dev blue'],
    ]);
    expect(errorText(() => checkInVrf(kernel.sock, 'blue', 'eth0'))).toBe('Link not found');
    // Again: nothing left to do.
    const again = kernel.transport.sent.length;
    detachFromVrf(kernel.sock, 'blue', 'eth0');
    expect(changes(kernel, again)).toEqual([]);
  });

  test('keeps a VRF that still has members, and tolerates a missing interface', () => {
    const kernel = createFakeKernel(
      [
        ...NAMESPACE,
        { index: 4, name: 'blue', kind: 'vrf', up: true, table: 10 },
        { index: 5, name: 'net1', kind: 'veth', up: true, master: 4 },
      ],
      { vrf: true },
    );
    expect(errorText(() => checkInVrf(kernel.sock, 'blue', 'eth0'))).toBe(
      'Failed to find eth0 associated to vrf blue',
    );
    detachFromVrf(kernel.sock, 'blue', 'eth9');
    expect(changes(kernel)).toEqual([]);
    expect(kernel.links.has(4)).toBe(true);
  });
});
