import { describe, expect, test } from 'bun:test';
import { isExists, isNotFound } from '../../../errors/predicates.ts';
import { errorReply } from '../../../testing/fake-transport.ts';
import { AF, NLM_F, RTM } from '../../codec/constants.ts';
import { isNetlinkError } from '../../socket/netlink-error.ts';
import { dumpOf, fakeSocket, sentHex, thrown, withoutSeqPid } from '../_golden.ts';
import { DUMPS, REQUESTS } from './fixtures.ts';
import { addAddress, deleteAddress, listAddresses } from './ops.ts';

const dump = DUMPS.dump;

describe('listAddresses', () => {
  test('sends the dump request of `ip addr show` and returns every address', () => {
    const { sock, transport } = fakeSocket((request) => dumpOf(request, dump.replies));
    const addresses = listAddresses(sock);
    expect(sentHex(transport)).toBe(withoutSeqPid(dump.request));
    expect(addresses.map((a) => a.address)).toEqual([
      '127.0.0.1/8',
      '127.0.0.5/8',
      '10.1.6.1/24',
      '10.1.2.3/24',
      '10.1.3.4/24',
      '10.1.4.5/24',
      '10.1.5.1/32',
      '::1/128',
      'fe80::ff:fe00:2/64',
      'fd00:2::2/64',
      'fd00:1::2/64',
      'fe80::ff:fe00:1/64',
    ]);
  });

  test('filters by family and link, and puts both in the request header', () => {
    const { sock, transport } = fakeSocket((request) => dumpOf(request, dump.replies));
    const lo = listAddresses(sock, { index: 1 });
    expect(lo.map((a) => a.address)).toEqual(['127.0.0.1/8', '::1/128']);
    const v6 = listAddresses(sock, { family: AF.INET6, index: 3 });
    expect(v6.map((a) => a.address)).toEqual([
      'fd00:2::2/64',
      'fd00:1::2/64',
      'fe80::ff:fe00:1/64',
    ]);
    const header = transport.requests[1]?.payload;
    expect(header && Array.from(header)).toEqual([AF.INET6, 0, 0, 0, 3, 0, 0, 0]);
    expect(transport.requests[1]?.flags).toBe(NLM_F.REQUEST | NLM_F.DUMP);
  });
});

describe('addAddress and deleteAddress over a socket', () => {
  test('go out as ip sends them, with NLM_F_REQUEST|NLM_F_ACK added by the socket', () => {
    const { sock, transport } = fakeSocket();
    addAddress(sock, { index: 3, address: '10.1.2.3/24', broadcast: false });
    deleteAddress(sock, { index: 3, address: '10.1.2.3/24' });
    expect(sentHex(transport, 0)).toBe(withoutSeqPid(REQUESTS['add.v4'].hex));
    expect(sentHex(transport, 1)).toBe(withoutSeqPid(REQUESTS['del.v4'].hex));
  });

  test('an address that is already there fails with a NetlinkError that isExists', () => {
    const { sock } = fakeSocket((request) => [errorReply(request, 'EEXIST')]);
    const error = thrown(() => addAddress(sock, { index: 3, address: '10.1.2.3/24' }));
    expect(isNetlinkError(error) && error.op).toBe('RTM_NEWADDR');
    expect(isExists(error)).toBe(true);
  });

  test('deleting a missing address fails with EADDRNOTAVAIL, which isNotFound', () => {
    const { sock, transport } = fakeSocket((request) => [errorReply(request, 'EADDRNOTAVAIL')]);
    const error = thrown(() => deleteAddress(sock, { index: 3, address: 'fd00::1/64' }));
    expect(transport.requests[0]?.type).toBe(RTM.DELADDR);
    expect(isNotFound(error)).toBe(true);
  });

  test('rejects malformed input before sending anything', () => {
    const { sock, transport } = fakeSocket();
    expect(() => addAddress(sock, { index: 3, address: '10.1.2.300/24' })).toThrow(TypeError);
    expect(() => addAddress(sock, { index: 3, address: '10.1.2.3/33' })).toThrow(TypeError);
    expect(() =>
      addAddress(sock, {
        index: 3,
        address: '10.1.2.3/24',
        validLifetime: 10,
        preferredLifetime: 20,
      }),
    ).toThrow(TypeError);
    expect(() => addAddress(sock, { index: 3, address: '10.1.2.3/24', peer: 'fd00::1' })).toThrow(
      TypeError,
    );
    expect(transport.requests).toHaveLength(0);
  });
});
