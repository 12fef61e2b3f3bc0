// Run by Bun from the packed @cni-ts/spec-types (its "bun" export: the TypeScript source).
import { parseNetConfList } from '@cni-ts/spec-types';

const list = parseNetConfList(
  '{"cniVersion":"1.1.0","name":"bun-consumer","plugins":[{"type":"loopback"}]}',
);
console.log(JSON.stringify({ name: list.name, type: list.plugins[0]?.type }));
