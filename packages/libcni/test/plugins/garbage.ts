#!/usr/bin/env bun
// A test plugin that prints something that is not JSON on stdout, and exits with the
// config's `exitCode` (default 0). VERSION prints garbage too.

import { readInvocation } from './_cni.ts';

const invocation = await readInvocation();
process.stdout.write('garbage <not json>\n');
const exitCode = invocation.config?.exitCode;
process.exit(typeof exitCode === 'number' ? exitCode : 0);
