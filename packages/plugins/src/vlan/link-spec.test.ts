import { describe, expect, test } from 'bun:test';
import type { Link } from '@cni-ts/plugin-kit';
import { linkRequestHex } from '../../test/_link-request.ts';
import { vlanLinkSpec } from './link-spec.ts';

// Captured in a throwaway namespace (after `ip link add m0 type veth peer name m1`, so m0
// is index 3) with
//   ip netns exec NS strace -f -e trace=sendmsg -e write=all -xx -s 65535 COMMAND
// (iproute2-6.1.0; this kernel has no 8021q, but ip sends the request first). ADD makes
// the link under a temporary name and moves it at creation (IFLA_NET_NS_FD, tested in
// plugin-kit); the rest is the request of the same command.
const CAPTURED = {
  'ip link add vethtmp00001 link m0 mtu 1400 txqueuelen 0 type vlan id 5':
    '640000001000050649e7156b0000000000000000000000000000000000000000080004007805000008000d000000000008000500030000001100030076657468746d703030303031000000001800120008000100766c616e0c0002000600010005000000',
  'ip link add vethtmp00001 link m0 txqueuelen 0 type vlan id 4094':
    '5c0000001000050649e7156b000000000000000000000000000000000000000008000d000000000008000500030000001100030076657468746d703030303031000000001800120008000100766c616e0c00020006000100fe0f0000',
} as const;

const master = { index: 3, name: 'm0', mtu: 1500 } as Link;

function sent(vlanId: number, mtu: number, captured: string): string {
  const spec = vlanLinkSpec({ master, vlanId, mtu, ipamType: 'static' });
  return linkRequestHex({ ...spec, name: 'vethtmp00001' }, captured);
}

describe('vlan link request: the bytes ip sends', () => {
  test('id 5 with mtu 1400', () => {
    const hex = CAPTURED['ip link add vethtmp00001 link m0 mtu 1400 txqueuelen 0 type vlan id 5'];
    expect(sent(5, 1400, hex)).toBe(hex);
  });

  test('id 4094, mtu 0 (no IFLA_MTU)', () => {
    const hex = CAPTURED['ip link add vethtmp00001 link m0 txqueuelen 0 type vlan id 4094'];
    expect(sent(4094, 0, hex)).toBe(hex);
  });
});
