import { describe, expect, test } from 'bun:test';
import { isCniError } from '@cni-ts/spec-types';
import { readStdin } from './stdin.ts';

describe('readStdin', () => {
  test('takes bytes, text or a reader', async () => {
    const bytes = new Uint8Array([123, 125]);
    expect(await readStdin(bytes)).toBe(bytes);
    expect(await readStdin('{}')).toEqual(bytes);
    expect(await readStdin(async () => bytes)).toBe(bytes);
  });

  test('a failing reader is code 5', async () => {
    const error = await readStdin(() => Promise.reject(new Error('EIO: i/o error'))).catch(
      (thrown: unknown) => thrown,
    );
    expect(isCniError(error) && error.toJSON()).toEqual({
      code: 5,
      msg: 'error reading from stdin: EIO: i/o error',
    });
  });
});
