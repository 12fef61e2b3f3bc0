import { defineCommand } from 'citty';
import { attachmentArgs, openAttachment, withCachedArgs } from './_attachment.ts';

/**
 * `cnitool del <network> <netns>`: DEL in reverse plugin order; the cache entry goes on
 * success. Without CNI_ARGS and CAP_ARGS in the environment, the cached ones are used.
 */
export const delCommand = defineCommand({
  meta: {
    name: 'del',
    description: 'Detach a network namespace from a network (DEL)',
  },
  args: attachmentArgs,
  async run({ args, data }) {
    const { cni, list, runtime } = await withCachedArgs(await openAttachment(args, data));
    await cni.delNetworkList(list, runtime);
  },
});
