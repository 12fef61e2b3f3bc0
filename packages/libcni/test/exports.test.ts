import { describe, expect, test } from 'bun:test';
import * as api from '../src/index.ts';
import * as testing from '../src/testing/index.ts';

// The public surface: any change to it shows up here and must be deliberate.
describe('index.ts', () => {
  test('exports exactly the documented names', () => {
    expect(Object.keys(api).sort()).toMatchSnapshot();
  });
});

describe('testing/index.ts', () => {
  test('exports exactly the documented names', () => {
    expect(Object.keys(testing).sort()).toMatchSnapshot();
  });
});
