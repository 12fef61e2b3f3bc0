import { defineCommand } from 'citty';
import { cacheDirArg, networkArg, openNetwork } from './_attachment.ts';

/**
 * `cnitool status <network> [netns]`: STATUS to every plugin (spec 1.1.0; a no-op below).
 * A plugin's code 50 or 51 is kept in the error printed. The netns argument is unused.
 */
export const statusCommand = defineCommand({
  meta: {
    name: 'status',
    description: 'Ask the plugins whether they are ready to serve ADD (STATUS, spec 1.1.0)',
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
    await cni.getStatusNetworkList(list);
  },
});
