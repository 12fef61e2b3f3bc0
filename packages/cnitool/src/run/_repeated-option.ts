/**
 * Every value of a repeatable option in `rawArgs` (citty keeps only the last one): both
 * `--net a` and `--net=a` forms, for each of `names`, up to a `--`. Each value may also hold
 * several comma-separated items (`--net a,b`).
 */
export function repeatedOption(rawArgs: readonly string[], names: readonly string[]): string[] {
  const values: string[] = [];
  for (let i = 0; i < rawArgs.length; i++) {
    const arg = rawArgs[i] ?? '';
    if (arg === '--') break;
    const name = names.find((n) => arg === n || arg.startsWith(`${n}=`));
    if (name === undefined) continue;
    const value = arg === name ? rawArgs[++i] : arg.slice(name.length + 1);
    if (value !== undefined) values.push(...value.split(',').filter((item) => item !== ''));
  }
  return values;
}

/** The words after the first `--` (the command to run), or undefined when there is none. */
export function afterDoubleDash(rawArgs: readonly string[]): string[] | undefined {
  const index = rawArgs.indexOf('--');
  return index < 0 ? undefined : rawArgs.slice(index + 1);
}
