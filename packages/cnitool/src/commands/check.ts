import { defineCommand } from 'citty';
import { attachmentArgs, openAttachment, withCachedArgs } from './_attachment.ts';

/**
 * `cnitool check <network> <netns>`: CHECK against the cached result. Without CNI_ARGS
 * and CAP_ARGS in the environment, the cached ones are used.
 */
export const checkCommand = defineCommand({
  meta: {
    name: 'check',
    description: 'Check that an attachment is still as ADD left it (CHECK, spec 0.4.0 and later)',
  },
  args: attachmentArgs,
  async run({ args, data }) {
    const { cni, list, runtime } = await withCachedArgs(await openAttachment(args, data));
    await cni.checkNetworkList(list, runtime);
  },
});
