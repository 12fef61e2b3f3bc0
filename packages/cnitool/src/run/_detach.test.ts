import { afterEach, describe, expect, test } from 'bun:test';
import { passthrough } from '@cni-ts/libcni/testing';
import { CniError } from '@cni-ts/spec-types';
import { type FakeCni, fakeCni, listOf, RUNTIME } from '../../../libcni/test/_fake-cni.ts';
import { errorJson } from '../error-json.ts';
import { type Attachment, detach } from './_detach.ts';

let fake: FakeCni;

afterEach(() => {
  fake.remove();
});

function attachment(plugins: readonly object[], added: boolean): Attachment {
  return { list: listOf('1.0.0', plugins), runtime: RUNTIME, added };
}

async function run(of: Attachment): Promise<{ clean: boolean; reported: string[] }> {
  const reported: string[] = [];
  const clean = await detach(fake.cni, of, (error) =>
    reported.push(JSON.stringify(errorJson(error))),
  );
  return { clean, reported };
}

describe('detach', () => {
  test('after a failed ADD, a plugin that cannot be found is skipped and the others are DELed', async () => {
    fake = fakeCni({ a: passthrough(), c: passthrough() });
    const outcome = await run(attachment([{ type: 'a' }, { type: 'nope' }, { type: 'c' }], false));
    expect(outcome).toEqual({ clean: true, reported: [] });
    // c, after the missing plugin, is DELed again on the second pass: DEL is idempotent.
    expect(fake.exec.commands()).toEqual(['DEL c', 'DEL c', 'DEL a']);
  });

  test('after a successful ADD, a vanished plugin is reported and the others are still DELed', async () => {
    fake = fakeCni({ a: passthrough() });
    const outcome = await run(attachment([{ type: 'a' }, { type: 'gone' }], true));
    expect(outcome.clean).toBe(false);
    expect(outcome.reported).toEqual([
      '{"code":999,"msg":"plugin type=\\"gone\\" failed (delete): failed to find plugin \\"gone\\" in path [/opt/cni/bin /usr/libexec/cni]"}',
    ]);
    expect(fake.exec.commands()).toEqual(['DEL a']);
  });

  test("any other failure is reported with the plugin's code and ends the DEL", async () => {
    fake = fakeCni({
      a: passthrough(),
      b: (call) => {
        if (call.command === 'DEL') throw new CniError(11, 'try again');
        return undefined;
      },
    });
    const outcome = await run(attachment([{ type: 'a' }, { type: 'b' }], false));
    expect(outcome).toEqual({
      clean: false,
      reported: ['{"code":11,"msg":"plugin type=\\"b\\" failed (delete): try again"}'],
    });
    expect(fake.exec.commands()).toEqual(['DEL b']);
  });
});
