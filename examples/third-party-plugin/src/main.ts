#!/usr/bin/env bun
// The link-alias plugin: definePlugin wires the handlers to the CNI wire protocol (env,
// stdin, stdout, exit codes); main() runs it as a program.
import { definePlugin } from '@cni-ts/plugin-kit';
import { SUPPORTED_VERSIONS } from '@cni-ts/spec-types';
import { addLinkAlias } from './add.ts';
import { checkLinkAlias } from './check.ts';
import { LinkAliasConfigSchema } from './config.ts';
import { delLinkAlias } from './del.ts';

export const linkAlias = definePlugin({
  name: 'link-alias',
  versions: SUPPORTED_VERSIONS,
  config: LinkAliasConfigSchema,
  add: addLinkAlias,
  del: delLinkAlias,
  check: checkLinkAlias,
});

await linkAlias.main();
