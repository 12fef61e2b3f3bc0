import { definePlugin } from '@cni-ts/plugin-kit';
import { SUPPORTED_VERSIONS } from '@cni-ts/spec-types';
import { addHostLocal } from './add.ts';
import { checkHostLocal } from './check.ts';
import { HOST_LOCAL_ARGS, HostLocalConfigSchema } from './config.ts';
import { delHostLocal } from './del.ts';
import { gcHostLocal } from './gc.ts';
import { statusHostLocal } from './status.ts';

/**
 * host-local: hands out addresses from configured ranges, one per range set, keeping
 * reservations in a directory on the host (upstream's layout, shared with the Go plugin).
 */
export const hostLocal = definePlugin({
  name: 'host-local',
  about: 'CNI host-local plugin',
  versions: SUPPORTED_VERSIONS,
  config: HostLocalConfigSchema,
  args: { known: HOST_LOCAL_ARGS },
  add: addHostLocal,
  del: delHostLocal,
  check: checkHostLocal,
  gc: gcHostLocal,
  status: statusHostLocal,
});
