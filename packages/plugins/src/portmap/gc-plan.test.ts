import { describe, expect, test } from 'bun:test';
import type { AttachmentMarker } from './attachment-markers.ts';
import { gcPlan } from './gc-plan.ts';

const marker = (containerId: string, ifName = 'eth0'): AttachmentMarker => ({
  containerId,
  ifName,
  file: `/d/net-a/${containerId}_${ifName}`,
});

describe('portmap nftables GC plan', () => {
  test('stale markers go with their rules; valid ones stay', () => {
    const plan = gcPlan(
      [marker('a1'), marker('a2')],
      [{ containerId: 'a1', ifName: 'eth0' }],
      new Set(),
    );
    expect(plan).toEqual({ containerIds: ['a2'], markers: [marker('a2')] });
  });

  test('nothing recorded: nothing to do, whatever is valid', () => {
    expect(gcPlan([], [{ containerId: 'x', ifName: 'eth0' }], new Set(['y']))).toEqual({
      containerIds: [],
      markers: [],
    });
  });

  test('an id another network recorded keeps its rules; the marker still goes', () => {
    const plan = gcPlan([marker('c1')], [], new Set(['c1']));
    expect(plan).toEqual({ containerIds: [], markers: [marker('c1')] });
  });

  test('an id with a valid attachment on another interface keeps its shared rules', () => {
    const plan = gcPlan(
      [marker('c1', 'eth0'), marker('c1', 'net1')],
      [{ containerId: 'c1', ifName: 'eth0' }],
      new Set(),
    );
    expect(plan).toEqual({ containerIds: [], markers: [marker('c1', 'net1')] });
  });

  test('two stale attachments of one container: its id once', () => {
    const plan = gcPlan([marker('c1', 'eth0'), marker('c1', 'net1')], [], new Set());
    expect(plan.containerIds).toEqual(['c1']);
    expect(plan.markers).toHaveLength(2);
  });
});
