// Golden tests for u32 filters and mirred actions against tc's own messages (iproute2 6.1,
// kernel 6.18; see _captures.ts).
import { describe, expect, test } from 'bun:test';
import { messageTypeName, NLM_F, RTM } from '../../codec/constants.ts';
import { encodeMessage, type NetlinkMessage } from '../../codec/header.ts';
import { tcCaptures } from './_captures.ts';
import { captured, zeroSeqPid } from './_test-support.ts';
import { ETH_P, TC_ACT, TC_U32, TCA_CLS_FLAGS, TCA_EGRESS_REDIR } from './constants.ts';
import { decodeFilterMessage, toFilter } from './decode.ts';
import {
  encodeFilterMessage,
  filterQueryToMessage,
  filterSpecToMessage,
  filterTargetToMessage,
} from './encode.ts';
import { formatU32Handle } from './filter/u32.ts';
import { tcHandle } from './handle.ts';
import type { FilterMessage } from './types.ts';

const INGRESS = tcHandle(0xffff, 0);

function decode(message: NetlinkMessage): FilterMessage {
  return decodeFilterMessage(message.payload, [messageTypeName(message.type)]);
}

function encodeAs(message: NetlinkMessage, filter: FilterMessage): Uint8Array {
  return encodeMessage({ ...message, seq: 0, pid: 0, payload: encodeFilterMessage(filter) });
}

function golden(
  name: keyof typeof tcCaptures,
  type: number,
  flags: number,
  expected: FilterMessage,
) {
  const raw = captured(tcCaptures[name].request);
  expect(raw.type).toBe(type);
  expect(raw.flags).toBe(flags);
  expect(decode(raw)).toEqual(expected);
  expect(encodeAs(raw, expected)).toEqual(zeroSeqPid(raw));
}

describe('filter requests, byte for byte as tc sends them', () => {
  test('`tc filter add dev veth0 parent ffff: protocol all u32 match u32 0 0 action mirred egress redirect dev ifb0`', () => {
    const expected = filterSpecToMessage({
      kind: 'u32',
      index: 3,
      parent: INGRESS,
      protocol: ETH_P.ALL,
      actions: [{ kind: 'mirred', eaction: TCA_EGRESS_REDIR, ifindex: 4 }],
    });
    golden(
      'filterAddU32Mirred',
      RTM.NEWTFILTER,
      NLM_F.REQUEST | NLM_F.ACK | NLM_F.CREATE | NLM_F.EXCL,
      expected,
    );
    // what that spec means on the wire
    expect(expected).toEqual({
      family: 0,
      index: 3,
      handle: 0,
      parent: INGRESS,
      info: 0x0300, // priority 0 (the kernel picks), htons(ETH_P_ALL)
      attributes: [
        { kind: 'TCA_KIND', value: 'u32' },
        {
          kind: 'TCA_OPTIONS',
          value: {
            kind: 'u32',
            attributes: [
              {
                kind: 'TCA_U32_ACT',
                value: [
                  {
                    order: 1,
                    attributes: [
                      { kind: 'TCA_ACT_KIND', value: 'mirred' },
                      {
                        kind: 'TCA_ACT_OPTIONS',
                        value: {
                          kind: 'mirred',
                          attributes: [
                            {
                              kind: 'TCA_MIRRED_PARMS',
                              value: {
                                index: 0,
                                capab: 0,
                                action: TC_ACT.STOLEN,
                                refcnt: 0,
                                bindcnt: 0,
                                eaction: TCA_EGRESS_REDIR,
                                ifindex: 4,
                              },
                            },
                          ],
                        },
                      },
                    ],
                  },
                ],
              },
              {
                kind: 'TCA_U32_SEL',
                value: {
                  flags: TC_U32.TERMINAL,
                  offshift: 0,
                  offmask: 0,
                  off: 0,
                  offoff: 0,
                  hoff: 0,
                  hmask: 0,
                  keys: [{ mask: 0, value: 0, off: 0, offmask: 0 }],
                },
              },
            ],
          },
        },
      ],
    });
  });

  test('`tc filter del dev veth0 parent ffff: protocol all pref 49152 u32`', () => {
    golden(
      'filterDelU32',
      RTM.DELTFILTER,
      NLM_F.REQUEST | NLM_F.ACK,
      filterTargetToMessage({
        index: 3,
        parent: INGRESS,
        priority: 49152,
        protocol: ETH_P.ALL,
        kind: 'u32',
      }),
    );
  });

  test('`tc filter show dev veth0 parent ffff:`', () => {
    golden(
      'filterShow',
      RTM.GETTFILTER,
      NLM_F.REQUEST | NLM_F.DUMP,
      filterQueryToMessage({ index: 3, parent: INGRESS }),
    );
    golden(
      'goFilterShow',
      RTM.GETTFILTER,
      NLM_F.REQUEST | NLM_F.DUMP,
      filterQueryToMessage({ index: 7, parent: INGRESS }),
    );
  });
});

describe('filter dumps from the kernel', () => {
  test('every reply decodes and encodes back to the same bytes', () => {
    for (const capture of Object.values(tcCaptures)) {
      for (const reply of capture.replies.map(captured)) {
        if (reply.type !== RTM.NEWTFILTER) continue;
        expect(encodeAs(reply, decode(reply))).toEqual(zeroSeqPid(reply));
      }
    }
  });

  test('a u32 filter dumps as head, hash table 800: and node 800::800', () => {
    const filters = tcCaptures.filterShow.replies
      .map(captured)
      .filter((reply) => reply.type === RTM.NEWTFILTER)
      .map((reply) => toFilter(decode(reply)));
    expect(
      filters.map((f) => [formatU32Handle(f.handle), f.priority, f.protocol, f.kind, f.chain]),
    ).toEqual([
      [':', 49152, ETH_P.ALL, 'u32', 0],
      ['800:', 49152, ETH_P.ALL, 'u32', 0],
      ['800::800', 49152, ETH_P.ALL, 'u32', 0],
    ]);
    const [head, table, node] = filters;
    expect(head?.u32).toBeUndefined();
    expect(table?.u32).toEqual({ divisor: 1, actions: [] });
    // "terminal flowid not_in_hw / match 00000000/00000000 at 0 /
    //  action order 1: mirred (Egress Redirect to device ifb0) stolen"
    expect(node?.u32).toEqual({
      hash: tcHandle(0x8000, 0),
      flags: TCA_CLS_FLAGS.NOT_IN_HW,
      selector: {
        flags: TC_U32.TERMINAL,
        offshift: 0,
        offmask: 0,
        off: 0,
        offoff: 0,
        hoff: 0,
        hmask: 0,
        keys: [{ mask: 0, value: 0, off: 0, offmask: 0 }],
      },
      actions: [
        {
          order: 1,
          kind: 'mirred',
          index: 1,
          mirred: {
            index: 1,
            capab: 0,
            action: TC_ACT.STOLEN,
            refcnt: 1,
            bindcnt: 1,
            eaction: TCA_EGRESS_REDIR,
            ifindex: 4,
          },
        },
      ],
    });
  });

  test('the kernel dumps an action with statistics and TCA_ACT_OPTIONS without NLA_F_NESTED', () => {
    const node = decode(captured(tcCaptures.filterShow.replies[2] ?? ''));
    const options = node.attributes.find((a) => a.kind === 'TCA_OPTIONS')?.value;
    if (options?.kind !== 'u32') throw new Error('not u32');
    const actions = options.attributes.find((a) => a.kind === 'TCA_U32_ACT')?.value;
    expect(actions?.[0]?.attributes.map((a) => a.kind)).toEqual([
      'TCA_ACT_KIND',
      'TCA_ACT_STATS',
      'TCA_ACT_IN_HW_COUNT',
      'TCA_ACT_OPTIONS',
    ]);
    expect(actions?.[0]?.attributes[3]).toEqual({
      kind: 'TCA_ACT_OPTIONS',
      flags: 0,
      value: {
        kind: 'mirred',
        attributes: [
          {
            kind: 'TCA_MIRRED_PARMS',
            value: {
              index: 1,
              capab: 0,
              action: TC_ACT.STOLEN,
              refcnt: 1,
              bindcnt: 1,
              eaction: TCA_EGRESS_REDIR,
              ifindex: 4,
            },
          },
          {
            kind: 'TCA_MIRRED_TM',
            value: {
              install: expect.any(BigInt),
              lastuse: expect.any(BigInt),
              expires: 0n,
              firstuse: expect.any(BigInt),
            },
          },
        ],
      },
    });
  });
});
