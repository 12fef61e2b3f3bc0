import { describe, expect, test } from 'bun:test';
import { CniError, isCniError } from '@cni-ts/spec-types';
import { CheckNotSupportedError, isCheckNotSupported } from './check-not-supported-error.ts';
import { isAborted } from './is-aborted.ts';
import { isMultiError, MultiError } from './multi-error.ts';
import {
  isNoConfigsFound,
  isNotFound,
  NoConfigsFoundError,
  NotFoundError,
} from './not-found-error.ts';
import { describePlugin, isPluginError, PluginError } from './plugin-error.ts';
import { isPluginNotFound, PluginLookupError } from './plugin-lookup-error.ts';

describe('PluginError', () => {
  test("carries the plugin's error and says which plugin and verb failed", () => {
    const inner = new CniError(7, 'bad config', { details: 'bridge: expected a string' });
    const error = new PluginError('add', { type: 'bridge', name: 'br' }, inner);
    expect(error.message).toBe(
      'plugin type="bridge" name="br" failed (add): bad config; bridge: expected a string',
    );
    expect([
      error.code,
      error.msg,
      error.details,
      error.pluginType,
      error.pluginName,
      error.verb,
    ]).toEqual([7, 'bad config', 'bridge: expected a string', 'bridge', 'br', 'add']);
    expect(error.cause).toBe(inner);
    expect(isCniError(error) && isPluginError(error)).toBe(true);
  });

  test('wraps other failures with code 0; GC uses upstream wording', () => {
    const lookup = new PluginLookupError('not-found', 'x', ['/a']);
    const error = new PluginError('delete', { type: 'x' }, lookup);
    expect([error.code, error.msg]).toEqual([0, 'failed to find plugin "x" in path [/a]']);
    expect(error.message).toBe(
      'plugin type="x" failed (delete): failed to find plugin "x" in path [/a]',
    );
    expect(isPluginNotFound(error)).toBe(true);
    expect(new PluginError('gc', { type: 'x' }, new Error('boom')).message).toBe(
      'failed to GC plugin x: boom',
    );
  });

  test('describePlugin quotes as Go %q', () => {
    expect(describePlugin({ type: 'a"b', name: '' })).toBe('type="a\\"b"');
  });
});

describe('predicates', () => {
  test('each matches its own error only', () => {
    const notFound = new NotFoundError('/etc/cni/net.d', 'n');
    const none = new NoConfigsFoundError('/etc/cni/net.d');
    expect([
      isNotFound(notFound),
      isNotFound(none),
      isNoConfigsFound(notFound),
      isNoConfigsFound(none),
    ]).toEqual([true, true, false, true]);
    expect(isCheckNotSupported(new CheckNotSupportedError('0.3.1'))).toBe(true);
    expect(isCheckNotSupported(new Error('does not support the CHECK command'))).toBe(false);
    expect(isMultiError(MultiError.joined([new Error('a'), new Error('b')]))).toBe(true);
    expect(MultiError.joined([new Error('a'), new Error('b')]).message).toBe('a\nb');
    expect(MultiError.bracketed([new Error('a'), new Error('b')]).message).toBe('[a b]');
  });

  test('isAborted follows the cause chain to an AbortError or TimeoutError', () => {
    const reason = new DOMException('timed out', 'TimeoutError');
    const exec = new CniError(0, 'netplugin failed with no error message: signal: killed', {
      cause: reason,
    });
    expect(isAborted(new PluginError('add', { type: 'x' }, exec))).toBe(true);
    expect(isAborted(new PluginError('add', { type: 'x' }, new CniError(0, 'x')))).toBe(false);
  });
});
