import { definePlugin } from '@cni-ts/plugin-kit';
import { SUPPORTED_VERSIONS } from '@cni-ts/spec-types';
import { addPtp } from './add.ts';
import { checkPtp } from './check.ts';
import { PtpConfigSchema } from './config.ts';
import { delPtp } from './del.ts';
import { gcPtp } from './gc.ts';
import { statusPtp } from './status.ts';

/**
 * ptp: a veth pair per container with every container route through a gateway address on
 * the host end, so the host routes between containers (no bridge). Addresses come from
 * the IPAM plugin; `ipMasq` masquerades traffic leaving the subnet.
 */
export const ptp = definePlugin({
  name: 'ptp',
  versions: SUPPORTED_VERSIONS,
  config: PtpConfigSchema,
  add: addPtp,
  del: delPtp,
  check: checkPtp,
  status: statusPtp,
  gc: gcPtp,
});
