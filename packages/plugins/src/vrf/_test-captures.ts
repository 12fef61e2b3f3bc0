// What `ip` sends for the VRF plugin's link requests, captured byte for byte (whole netlink
// message, seq zeroed, pid 0) with
//   ip netns exec <throwaway ns> strace -f -e trace=sendmsg -e write=all -xx -s 65535 <command>
// in a namespace holding eth0/peer0 (a veth pair: eth0 has ifindex 3) and a stand-in link
// `blue` at ifindex 4, with iproute2-6.1.0 ("ip utility, iproute2-6.1.0, libbpf 1.1.2"),
// strace 6.1, kernel 6.18.44-fc-v1300. This kernel has no VRF: `ip link add blue type vrf
// table 10` answered "Unknown device type." (EOPNOTSUPP), but the request went out as shown.
// For the other commands ip looked the name up first (RTM_GETLINK, left out) and then sent
// the message below. The address and route commands ran the same way (the kernel refused
// the route for want of a reachable gateway, after the request was sent).
export const vrfCaptures = {
  'ip link add blue type vrf table 10':
    '440000001000050600000000000000000000000000000000000000000000000009000300626c7565' +
    '000000001800120007000100767266000c000200080001000a000000',
  'ip link set dev blue up': '2000000010000500000000000000000000000000040000000100000001000000',
  'ip link set dev eth0 master blue':
    '280000001000050000000000000000000000000003000000000000000000000008000a0004000000',
  'ip link set dev eth0 nomaster':
    '280000001000050000000000000000000000000003000000000000000000000008000a0000000000',
  'ip link del dev blue': '2000000011000500000000000000000000000000040000000000000000000000',
  'ip -6 addr add fd00:9::2/64 dev eth0':
    '400000001400050600000000000000000a4000000300000014000200fd000009000000000000000000000002' +
    '14000100fd000009000000000000000000000002',
  'ip route replace default via 10.244.9.1 dev eth0 table 10':
    '2c000000180005050000000000000000020000000a0300010000000008000500' +
    '0af4090108000400' +
    '03000000',
} as const;

export type VrfCaptureCommand = keyof typeof vrfCaptures;
