import { defineCommand } from 'citty';
import { cacheDirArg, networkArg, openNetwork } from './_attachment.ts';

/**
 * `cnitool gc <network> [netns]`: as upstream, GC with no valid attachments, so every
 * cached attachment of the network is deleted (DEL with its cached netns and arguments),
 * then, from spec 1.1.0 on, the plugins get GC. The netns argument is accepted and unused.
 */
export const gcCommand = defineCommand({
  meta: {
    name: 'gc',
    description: 'Delete every cached attachment of a network, then send GC (spec 1.1.0)',
  },
  args: {
    ...networkArg,
    netns: {
      type: 'positional',
      description: 'Accepted for compatibility; unused',
      required: false,
    },
    ...cacheDirArg,
  },
  async run({ args, data }) {
    const { cni, list } = await openNetwork(args, data);
    await cni.gcNetworkList(list);
  },
});
