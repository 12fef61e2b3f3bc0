#!/usr/bin/env bun
// A test plugin that never finishes a command on its own. It writes "started <pid>" to the
// config's `markerFile`, then waits. On SIGTERM it appends "SIGTERM" to the marker and,
// unless the config says `"ignoreSigterm": true`, prints an error object and exits 1; with
// ignoreSigterm it keeps running until SIGKILL. VERSION answers at once.

import { appendFileSync, writeFileSync } from 'node:fs';
import { printJson, printVersions, readInvocation } from './_cni.ts';

const invocation = await readInvocation();
if (invocation.command === 'VERSION') {
  printVersions(['1.0.0', '1.1.0']);
  process.exit(0);
}
const marker = String(invocation.config?.markerFile ?? '/dev/null');
const ignoreSigterm = invocation.config?.ignoreSigterm === true;
process.on('SIGTERM', () => {
  appendFileSync(marker, 'SIGTERM\n');
  if (ignoreSigterm) return;
  printJson({ code: 11, msg: 'interrupted by SIGTERM' });
  process.exit(1);
});
writeFileSync(marker, `started ${process.pid}\n`);
setInterval(() => undefined, 60_000);
