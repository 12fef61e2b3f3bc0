import { SUPPORTED_VERSIONS } from '@cni-ts/spec-types';
import { type ArgsDef, type CommandDef, runCommand, type SubCommandsDef } from 'citty';
import { plain, usageText } from './_usage.ts';
import { errorJson } from './error-json.ts';
import { type CliIo, processIo } from './io.ts';
import { isSubCommandName, mainCommand, type SubCommandName, subCommands } from './main-command.ts';
import { isUsageError } from './usage-error.ts';
import { CNITOOL_VERSION } from './version.ts';

const HELP_FLAGS = new Set(['--help', '-h']);
const VERSION_FLAGS = new Set(['--version', '-v']);
const table: SubCommandsDef = subCommands;

/** A subcommand's definition (citty allows lazy ones; ours are plain objects). */
async function subCommand(name: SubCommandName): Promise<CommandDef<ArgsDef>> {
  const entry = table[name];
  const command = typeof entry === 'function' ? await entry() : await entry;
  if (command === undefined) throw new Error(`cnitool: no definition for ${name}`);
  return command;
}

/** The words before a `--` (options after it belong to the command `run` starts). */
function ownWords(argv: readonly string[]): readonly string[] {
  const index = argv.indexOf('--');
  return index < 0 ? argv : argv.slice(0, index);
}

function versionText(): string {
  return `cnitool ${CNITOOL_VERSION}\nCNI spec versions: ${SUPPORTED_VERSIONS.join(' ')}\n`;
}

/**
 * Runs cnitool with the words `argv` (without the program name) and resolves to the exit
 * status; nothing here calls process.exit.
 * - `--help`/`-h` (before any `--`) prints the usage of the command named, `--version` the
 *   version; both exit 0.
 * - A wrong command line prints a short message and a pointer to `--help` on stderr: 1.
 * - A failing operation prints the spec's error object on stderr as one line of JSON
 *   (`{"code":...,"msg":...,"details":...}`) and nothing more on stdout: 1.
 * - `run` exits with its command's status.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const words = ownWords(argv);
  if (argv.length === 1 && VERSION_FLAGS.has(argv[0] ?? '')) {
    io.stdout(versionText());
    return 0;
  }
  const index = words.findIndex((word) => !word.startsWith('-'));
  const name = index < 0 ? undefined : words[index];
  if (name === undefined || name === 'help') {
    const topic = name === 'help' ? words[index + 1] : undefined;
    if (topic !== undefined && isSubCommandName(topic)) {
      io.stdout(await usageText(await subCommand(topic), mainCommand, io.isTty));
      return 0;
    }
    const asked = name === 'help' || words.some((word) => HELP_FLAGS.has(word));
    (asked ? io.stdout : io.stderr)(await usageText(mainCommand, undefined, io.isTty));
    return asked ? 0 : 1;
  }
  if (!isSubCommandName(name)) {
    io.stderr(`cnitool: unknown command "${name}"; see cnitool --help\n`);
    return 1;
  }
  const command = await subCommand(name);
  const rest = argv.slice(index + 1);
  if (ownWords(rest).some((word) => HELP_FLAGS.has(word))) {
    io.stdout(await usageText(command, mainCommand, io.isTty));
    return 0;
  }
  try {
    const { result } = await runCommand(command, { rawArgs: [...rest], data: io });
    return typeof result === 'number' ? result : 0;
  } catch (error) {
    if (isUsageError(error)) {
      io.stderr(`cnitool ${name}: ${plain(error.message)}; see cnitool ${name} --help\n`);
    } else {
      io.stderr(`${JSON.stringify(errorJson(error))}\n`);
    }
    return 1;
  }
}
