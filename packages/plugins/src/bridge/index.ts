import { definePlugin } from '@cni-ts/plugin-kit';
import { SUPPORTED_VERSIONS } from '@cni-ts/spec-types';
import { addBridge } from './add.ts';
import { checkBridge } from './check.ts';
import { BRIDGE_CNI_ARGS, BridgeConfigSchema } from './config.ts';
import { delBridge } from './del.ts';
import { gcBridge } from './gc.ts';
import { statusBridge } from './status.ts';

/**
 * bridge: connects the container to a Linux bridge in the host namespace through a veth
 * pair, optionally with the bridge as gateway, masquerade, VLANs and a MAC spoof check.
 */
export const bridge = definePlugin({
  name: 'bridge',
  about: 'CNI bridge plugin',
  versions: SUPPORTED_VERSIONS,
  config: BridgeConfigSchema,
  args: { known: BRIDGE_CNI_ARGS },
  add: addBridge,
  del: delBridge,
  check: checkBridge,
  status: statusBridge,
  gc: gcBridge,
});
