// Run by Node 20 from the packed @cni-ts/spec-types (after tsc checks and emits it): parses
// a conflist and a 0.4.0 result, converts the result to 1.1.0, prints what it got.
import {
  convertResult,
  parseNetConfList,
  parseResult,
  SUPPORTED_VERSIONS,
} from '@cni-ts/spec-types';

const list = parseNetConfList({
  cniVersion: '1.0.0',
  name: 'consumer',
  plugins: [{ type: 'bridge', bridge: 'cni0' }, { type: 'tagger' }],
});
const old = parseResult(
  { cniVersion: '0.4.0', ips: [{ version: '4', address: '10.1.0.2/24', gateway: '10.1.0.1' }] },
  '0.4.0',
);
const converted = convertResult(old, '1.1.0');
const versions: readonly string[] = SUPPORTED_VERSIONS;
console.log(
  JSON.stringify({
    name: list.name,
    plugins: list.plugins?.length ?? 0,
    converted,
    versions: versions.length,
  }),
);
