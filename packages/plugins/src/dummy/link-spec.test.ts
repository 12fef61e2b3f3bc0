import { describe, expect, test } from 'bun:test';
import { linkRequestHex } from '../../test/_link-request.ts';
import type { DummyConfig } from './config.ts';
import { dummyLinkSpec } from './link-spec.ts';

// Captured in a throwaway namespace with
//   ip netns exec NS strace -f -e trace=sendmsg -e write=all -xx -s 65535 COMMAND
// (iproute2-6.1.0; this kernel refuses the dummy kind, but ip sends the request first).
// Hex is the whole netlink message. ADD makes the link inside the container under a
// temporary name, so the request is the one of the same command with that name.
const CAPTURED = {
  'ip link add vethtmp00001 mtu 1400 type dummy':
    '4c00000010000506d2e3156b000000000000000000000000000000000000000008000400780500001100030076657468746d70303030303100000000100012000900010064756d6d79000000',
  'ip link add vethtmp00001 type dummy':
    '4400000010000506d2e3156b00000000000000000000000000000000000000001100030076657468746d70303030303100000000100012000900010064756d6d79000000',
} as const;

function sent(config: DummyConfig, captured: string): string {
  return linkRequestHex({ ...dummyLinkSpec(config), name: 'vethtmp00001' }, captured);
}

describe('dummy link request', () => {
  const base = { cniVersion: '1.0.0', name: 'd', type: 'dummy' } as DummyConfig;

  test('with mtu: the bytes ip sends', () => {
    const hex = CAPTURED['ip link add vethtmp00001 mtu 1400 type dummy'];
    expect(sent({ ...base, mtu: 1400 }, hex)).toBe(hex);
  });

  test('mtu 0 or absent: no IFLA_MTU, the bytes ip sends', () => {
    const hex = CAPTURED['ip link add vethtmp00001 type dummy'];
    expect(sent({ ...base, mtu: 0 }, hex)).toBe(hex);
    expect(sent(base, hex)).toBe(hex);
  });
});
