import { stringifyResult } from '@cni-ts/spec-types';
import { defineCommand } from 'citty';
import { attachmentArgs, openAttachment } from './_attachment.ts';

/** `cnitool add <network> <netns>`: ADD, then the result on stdout (4-space indent, as upstream). */
export const addCommand = defineCommand({
  meta: {
    name: 'add',
    description: 'Attach a network namespace to a network (ADD) and print the result',
  },
  args: attachmentArgs,
  async run({ args, data }) {
    const { io, cni, list, runtime } = await openAttachment(args, data);
    const result = await cni.addNetworkList(list, runtime);
    io.stdout(stringifyResult(result));
  },
});
