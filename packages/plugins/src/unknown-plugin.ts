import { CniError, CniErrorCode, stringifyError } from '@cni-ts/spec-types';

/** Prints the error object for a plugin name the executable does not have, and exits 1. */
export async function failUnknownPlugin(name: string, names: readonly string[]): Promise<never> {
  const error = new CniError(
    CniErrorCode.Internal,
    `no plugin named ${JSON.stringify(name)} in this executable`,
    { details: `plugins: ${names.join(', ')}` },
  );
  await Bun.write(Bun.stdout, `${stringifyError(error)}\n`);
  process.exit(1);
}
