#!/usr/bin/env bun
// The cnitool executable: the only module that does something when loaded.
import { runCli } from './cli.ts';

process.exitCode = await runCli(process.argv.slice(2));
