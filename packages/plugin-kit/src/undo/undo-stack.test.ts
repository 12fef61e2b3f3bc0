import { describe, expect, test } from 'bun:test';
import { CniError } from '@cni-ts/spec-types';
import { type UndoFailure, UndoStack, withUndo } from './undo-stack.ts';

describe('withUndo', () => {
  test('runs the steps last first and rethrows the original error when work fails', async () => {
    const order: string[] = [];
    const failures: UndoFailure[] = [];
    const original = new CniError(7, 'bad config');
    const outcome = withUndo(
      async (undo) => {
        undo.defer('first', () => {
          order.push('first');
        });
        undo.defer('second', async () => {
          order.push('second');
          throw new Error('link already gone');
        });
        undo.defer('third', () => {
          order.push('third');
        });
        throw original;
      },
      (failure) => failures.push(failure),
    );
    await expect(outcome).rejects.toBe(original);
    expect(order).toEqual(['third', 'second', 'first']);
    expect(failures.map((f) => f.label)).toEqual(['second']);
  });

  test('drops the steps when work succeeds', async () => {
    const ran: string[] = [];
    const value = await withUndo(async (undo) => {
      undo.defer('never', () => {
        ran.push('never');
      });
      return 42;
    });
    expect(value).toBe(42);
    expect(ran).toEqual([]);
  });
});

describe('UndoStack', () => {
  test('refuses new steps after commit', () => {
    const undo = new UndoStack();
    undo.defer('a', () => {});
    undo.commit();
    expect(undo.size).toBe(0);
    expect(() => undo.defer('b', () => {})).toThrow('already committed');
  });

  test('undo runs each step once', async () => {
    const undo = new UndoStack();
    let count = 0;
    undo.defer('count', () => {
      count++;
    });
    expect(await undo.undo()).toEqual([]);
    expect(count).toBe(1);
  });
});
