import { expect, test } from 'bun:test';
import { thrown } from '../testing/thrown.ts';
import { isNetnsError } from './netns-error.ts';
import { openNetnsIfPresent } from './open-netns-if-present.ts';

test('no CNI_NETNS or a namespace that is gone: undefined; anything else that is no namespace: thrown', () => {
  expect(openNetnsIfPresent('')).toBeUndefined();
  expect(openNetnsIfPresent('/run/netns/cnits-no-such-namespace')).toBeUndefined();
  const error = thrown(() => openNetnsIfPresent('/etc/hostname'));
  expect(isNetnsError(error) && error.reason).toBe('not-a-namespace');
});

test('an existing namespace is opened', () => {
  using ns = openNetnsIfPresent('/proc/self/ns/net');
  expect(ns).toBeDefined();
});
