import { describe, expect, test } from 'bun:test';
import { pluginFailure } from './_plugin-failure.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const none = new Uint8Array();

describe('pluginFailure', () => {
  test('nothing printed', () => {
    const error = pluginFailure(none, none, 'exit status 1');
    expect([error.code, error.message]).toEqual([
      0,
      'netplugin failed with no error message: exit status 1',
    ]);
  });

  test('only stderr: quoted as Go %q, then the exit status', () => {
    const error = pluginFailure(none, bytes('panic: boom\n\tat "x"'), 'signal: killed');
    expect(error.message).toBe('netplugin failed: "panic: boom\\n\\tat \\"x\\"": signal: killed');
  });

  test("the plugin's error object: code, msg and details kept, keys in any case", () => {
    const error = pluginFailure(
      bytes('{"CODE": 11, "msg": "try later", "Details": "busy", "cniVersion": "1.0.0"}'),
      bytes('ignored'),
      'exit status 1',
    );
    expect([error.code, error.msg, error.details, error.message]).toEqual([
      11,
      'try later',
      'busy',
      'try later; busy',
    ]);
  });

  test('stdout that is not an error object', () => {
    expect(pluginFailure(bytes('garbage <x>\n'), none, 'exit status 1').message).toBe(
      'netplugin failed but error parsing its diagnostic message "garbage <x>\\n": invalid character \'g\' looking for beginning of value',
    );
    expect(pluginFailure(bytes('[1]'), none, 'exit status 1').message).toBe(
      'netplugin failed but error parsing its diagnostic message "[1]": json: cannot unmarshal array into Go value of type types.Error',
    );
    expect(pluginFailure(bytes('{"code":"7","msg":"x"}'), none, 'exit status 1').message).toBe(
      'netplugin failed but error parsing its diagnostic message "{\\"code\\":\\"7\\",\\"msg\\":\\"x\\"}": json: cannot unmarshal string into Go struct field Error.code of type uint',
    );
  });
});
