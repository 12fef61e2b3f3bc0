import { defineCommand } from 'citty';
import { addCommand } from './commands/add.ts';
import { checkCommand } from './commands/check.ts';
import { delCommand } from './commands/del.ts';
import { gcCommand } from './commands/gc.ts';
import { lsCommand } from './commands/ls.ts';
import { runInNetnsCommand } from './commands/run.ts';
import { statusCommand } from './commands/status.ts';
import { validateCommand } from './commands/validate.ts';
import { CNITOOL_VERSION } from './version.ts';

/** The subcommands, by name. */
export const subCommands = {
  add: addCommand,
  check: checkCommand,
  del: delCommand,
  gc: gcCommand,
  status: statusCommand,
  run: runInNetnsCommand,
  ls: lsCommand,
  validate: validateCommand,
} as const;

/** The name of a subcommand. */
export type SubCommandName = keyof typeof subCommands;

/** True when `name` is a subcommand. */
export function isSubCommandName(name: string): name is SubCommandName {
  return Object.hasOwn(subCommands, name);
}

/**
 * The citty definition of cnitool. Run it with {@link runCli}, which adds the CNI error
 * output and exit statuses; citty's own `runMain` works too, with citty's error printing.
 */
export const mainCommand = defineCommand({
  meta: {
    name: 'cnitool',
    version: CNITOOL_VERSION,
    description: 'Run CNI network configurations by hand',
  },
  subCommands,
});
