import { describe, expect, test } from 'bun:test';
import * as api from '../src/index.ts';
import * as testing from '../src/testing/index.ts';

// The public surface: any change shows up here and must be deliberate. Importing it must
// not open libc or touch the kernel (nothing runs at import).
describe('index.ts', () => {
  test('exports exactly the documented names', () => {
    expect(Object.keys(api).sort()).toMatchSnapshot();
  });

  test('./testing exports exactly the documented names', () => {
    expect(Object.keys(testing).sort()).toMatchSnapshot();
  });
});
