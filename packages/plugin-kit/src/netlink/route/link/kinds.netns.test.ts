// Root-only: the link kinds this machine's kernel may lack (8021q, ipvlan, dummy, vrf, bridge
// VLAN filtering). Each is probed with `ip` in a throwaway namespace; a missing feature skips
// its test with the feature named, while fixtures/link-requests.ts still checks the codec
// byte for byte against ip's request.
import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { isNotSupported } from '../../../errors/predicates.ts';
import { canUseNetns } from '../../../testing/test-netns.ts';
import { useTimeLimit } from '../../../testing/time-limits.ts';
import { createNetnsPair, type NetnsPair, probeInNetns } from './fixtures/netns-pair.ts';
import { addLink, getLink } from './ops.ts';

useTimeLimit('netns');

const usable = canUseNetns();
const veth = ['ip', 'link', 'add', 'p0', 'type', 'veth', 'peer', 'name', 'p1'];
const has = {
  vlan:
    usable &&
    probeInNetns([
      veth,
      ['ip', 'link', 'add', 'link', 'p0', 'name', 'v5', 'type', 'vlan', 'id', '5'],
    ]),
  ipvlan:
    usable &&
    probeInNetns([veth, ['ip', 'link', 'add', 'i0', 'link', 'p0', 'type', 'ipvlan', 'mode', 'l2']]),
  dummy: usable && probeInNetns([['ip', 'link', 'add', 'd0', 'type', 'dummy']]),
  vrf: usable && probeInNetns([['ip', 'link', 'add', 'r0', 'type', 'vrf', 'table', '10']]),
  vlanFiltering:
    usable && probeInNetns([['ip', 'link', 'add', 'b0', 'type', 'bridge', 'vlan_filtering', '1']]),
};

describe.skipIf(!usable)('link kinds this kernel may lack', () => {
  let env: NetnsPair;
  beforeEach(() => {
    env = createNetnsPair();
  });
  afterEach(() => {
    env.remove();
  });

  const parent = (): number => {
    addLink(env.sockA, { name: 'veth0', kind: 'veth', peer: { name: 'veth1' } });
    return getLink(env.sockA, { name: 'veth0' }).index;
  };

  test.skipIf(!has.vlan)(
    `vlan: 802.1Q and 802.1ad read back${has.vlan ? '' : ' (kernel lacks 8021q)'}`,
    () => {
      const index = parent();
      addLink(env.sockA, { name: 'vlan10', parent: index, kind: 'vlan', id: 10 });
      expect(getLink(env.sockA, { name: 'vlan10' })).toMatchObject({
        link: index,
        kindData: { kind: 'vlan', id: 10, protocol: '802.1Q' },
      });
      addLink(env.sockA, {
        name: 'vlan20',
        parent: index,
        kind: 'vlan',
        protocol: '802.1ad',
        id: 20,
      });
      expect(getLink(env.sockA, { name: 'vlan20' }).kindData).toMatchObject({
        id: 20,
        protocol: '802.1ad',
      });
      expect(env.a.exec(['ip', '-d', 'link', 'show', 'vlan20'])).toContain(
        'vlan protocol 802.1ad id 20',
      );
    },
  );

  test.skipIf(!has.ipvlan)(
    `ipvlan: l2, l3 and l3s read back${has.ipvlan ? '' : ' (kernel lacks ipvlan)'}`,
    () => {
      const index = parent();
      for (const [i, mode] of (['l2', 'l3', 'l3s'] as const).entries()) {
        addLink(env.sockA, {
          name: `ipv${i}`,
          parent: index,
          kind: 'ipvlan',
          mode,
          flags: 'bridge',
        });
        expect(getLink(env.sockA, { name: `ipv${i}` }).kindData).toMatchObject({
          kind: 'ipvlan',
          mode,
        });
      }
    },
  );

  test.skipIf(!has.dummy)(
    `dummy: create and read back${has.dummy ? '' : ' (kernel lacks dummy)'}`,
    () => {
      addLink(env.sockA, { name: 'dummy0', kind: 'dummy' });
      expect(getLink(env.sockA, { name: 'dummy0' }).kind).toBe('dummy');
    },
  );

  test.skipIf(!has.vrf)(`vrf: table read back${has.vrf ? '' : ' (kernel lacks vrf)'}`, () => {
    addLink(env.sockA, { name: 'vrf0', kind: 'vrf', table: 100 });
    expect(getLink(env.sockA, { name: 'vrf0' }).kindData).toEqual({ kind: 'vrf', table: 100 });
  });

  test.skipIf(!has.vlanFiltering)(
    `bridge vlan_filtering, protocol and default pvid read back${has.vlanFiltering ? '' : ' (kernel lacks bridge VLAN filtering)'}`,
    () => {
      addLink(env.sockA, {
        name: 'br0',
        kind: 'bridge',
        vlanFiltering: true,
        vlanProtocol: '802.1ad',
        vlanDefaultPvid: 10,
      });
      expect(getLink(env.sockA, { name: 'br0' }).kindData).toMatchObject({
        vlanFiltering: true,
        vlanProtocol: '802.1ad',
        vlanDefaultPvid: 10,
      });
    },
  );

  // Where a kind is missing, our request is refused the way ip's is: EOPNOTSUPP, which
  // isNotSupported recognises (the golden tests show the two requests are the same bytes).
  test.skipIf(has.dummy)(
    'a missing kind is refused with an error isNotSupported recognises',
    () => {
      let error: unknown;
      try {
        addLink(env.sockA, { name: 'dummy0', kind: 'dummy' });
      } catch (caught) {
        error = caught;
      }
      expect(isNotSupported(error)).toBe(true);
    },
  );
});
