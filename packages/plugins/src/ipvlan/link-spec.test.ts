import { describe, expect, test } from 'bun:test';
import type { Link } from '@cni-ts/plugin-kit';
import { linkRequestHex } from '../../test/_link-request.ts';
import type { IpvlanModeName } from './config.ts';
import { ipvlanLinkSpec } from './link-spec.ts';

// Captured in a throwaway namespace (after `ip link add m0 type veth peer name m1`, so m0
// is index 3) with
//   ip netns exec NS strace -f -e trace=sendmsg -e write=all -xx -s 65535 COMMAND
// (iproute2-6.1.0; this kernel refuses ipvlan, but ip sends the request first). ADD makes
// the link under a temporary name and moves it at creation (IFLA_NET_NS_FD, tested in
// plugin-kit); the rest is the request of the same command.
const CAPTURED = {
  'ip link add vethtmp00001 link m0 mtu 1400 txqueuelen 0 type ipvlan mode l3 bridge':
    '700000001000050631e6156b0000000000000000000000000000000000000000080004007805000008000d000000000008000500030000001100030076657468746d70303030303100000000240012000a0001006970766c616e00001400020006000100010000000600020000000000',
  'ip link add vethtmp00001 link m0 txqueuelen 0 type ipvlan mode l2 bridge':
    '680000001000050631e6156b000000000000000000000000000000000000000008000d000000000008000500030000001100030076657468746d70303030303100000000240012000a0001006970766c616e00001400020006000100000000000600020000000000',
  'ip link add vethtmp00001 link m0 txqueuelen 0 type ipvlan mode l3s bridge':
    '680000001000050631e6156b000000000000000000000000000000000000000008000d000000000008000500030000001100030076657468746d70303030303100000000240012000a0001006970766c616e00001400020006000100020000000600020000000000',
} as const;

const master = { index: 3, name: 'm0', mtu: 1500 } as Link;

function sent(mode: IpvlanModeName, mtu: number, captured: string): string {
  return linkRequestHex(
    { ...ipvlanLinkSpec({ master, mode, mtu }), name: 'vethtmp00001' },
    captured,
  );
}

describe('ipvlan link request: the bytes ip sends', () => {
  test('l3 with mtu 1400', () => {
    const hex =
      CAPTURED['ip link add vethtmp00001 link m0 mtu 1400 txqueuelen 0 type ipvlan mode l3 bridge'];
    expect(sent('l3', 1400, hex)).toBe(hex);
  });

  test('l2 and l3s, mtu 0 (no IFLA_MTU)', () => {
    const l2 = CAPTURED['ip link add vethtmp00001 link m0 txqueuelen 0 type ipvlan mode l2 bridge'];
    const l3s =
      CAPTURED['ip link add vethtmp00001 link m0 txqueuelen 0 type ipvlan mode l3s bridge'];
    expect(sent('l2', 0, l2)).toBe(l2);
    expect(sent('l3s', 0, l3s)).toBe(l3s);
  });
});
