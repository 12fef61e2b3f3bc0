import { describe, expect, test } from 'bun:test';
import { isCniCommand } from './commands.ts';

describe('isCniCommand', () => {
  test('accepts the six verbs in exact case only', () => {
    for (const verb of ['ADD', 'DEL', 'CHECK', 'GC', 'STATUS', 'VERSION'])
      expect(isCniCommand(verb)).toBe(true);
    for (const other of ['add', 'Status', 'DELETE', '']) expect(isCniCommand(other)).toBe(false);
  });
});
