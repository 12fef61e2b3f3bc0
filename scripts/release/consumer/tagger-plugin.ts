// A chained plugin built with the packed @cni-ts/plugin-kit and compiled with
// `bun build --compile`: passes the previous result on, with the tag as a DNS search domain.
import { definePlugin } from '@cni-ts/plugin-kit';
import { NetConfEntries, SUPPORTED_VERSIONS } from '@cni-ts/spec-types';
import * as v from 'valibot';

const plugin = definePlugin({
  name: 'tagger',
  versions: SUPPORTED_VERSIONS,
  config: v.object({ ...NetConfEntries, tag: v.optional(v.string(), 'none') }),
  add(ctx) {
    const prev = ctx.prevResult ?? { cniVersion: ctx.cniVersion, interfaces: [], ips: [] };
    return { ...prev, dns: { search: [ctx.config.tag] } };
  },
  del() {},
  check() {},
});

await plugin.main();
