// One process of the result cache's concurrency test: `bun _cache-worker.ts <cache dir>
// <worker id> <rounds>` writes, reads back and now and then removes one attachment's
// record. Prints `{"records","none","slowestMs"}`; a torn or unreadable record throws.

import { parseResult } from '@cni-ts/spec-types';
import { ResultCache } from '../src/cache/result-cache.ts';

const [dir = '', id = '0', rounds = '0'] = process.argv.slice(2);
const cache = new ResultCache(dir);
const runtime = { containerId: 'c1', netns: '/run/netns/x', ifName: 'eth0' };
const config = new TextEncoder().encode('{"name":"net"}');
let records = 0;
let none = 0;
let slowestMs = 0;
for (let round = 0; round < Number(rounds); round++) {
  const started = performance.now();
  const address = `10.${id}.${round >> 8}.${round & 255}/8`;
  const result = parseResult(`{"cniVersion":"1.0.0","ips":[{"address":"${address}"}]}`);
  await cache.write({ network: 'net', runtime, config, result });
  const read = await cache.readResult('net', '1.0.0', runtime);
  if (read === undefined) none++;
  else if (!('ips' in read) || read.ips?.length !== 1) throw new Error('not a record written');
  else records++;
  if (round % 3 === 2) await cache.remove('net', runtime);
  slowestMs = Math.max(slowestMs, performance.now() - started);
}
console.log(JSON.stringify({ records, none, slowestMs: Math.round(slowestMs) }));
