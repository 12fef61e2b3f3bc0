import { expect, test } from 'bun:test';
import { thrown } from '@cni-ts/plugin-kit/testing';
import { isRoundsArgsError, parseRoundsArgs } from './bench-rounds-args.ts';

const DEFAULTS = { rounds: 20, warmup: 2, binDir: undefined };

test('flags over the defaults; anything else is a usage error', () => {
  expect(parseRoundsArgs([], DEFAULTS)).toEqual(DEFAULTS);
  expect(parseRoundsArgs(['--rounds', '5', '--warmup', '0', '--bin-dir', '/x'], DEFAULTS)).toEqual({
    rounds: 5,
    warmup: 0,
    binDir: '/x',
  });
  for (const argv of [['--rounds', '0'], ['--warmup', '-1'], ['--bin-dir'], ['--fast', '1']]) {
    expect(isRoundsArgsError(thrown(() => parseRoundsArgs(argv, DEFAULTS)))).toBe(true);
  }
});
