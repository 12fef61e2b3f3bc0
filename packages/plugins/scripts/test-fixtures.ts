// Builds the test suite's expensive fixtures before the tests start, so that no test or
// hook spends its time limit compiling: the multicall plugin executable (dist/test-cache)
// and, where the Go libcni tests can run, their Go driver (dist/go-driver-cache). Both are
// kept per source state; the tests reuse them and build them only when run on their own.
// `bun packages/plugins/scripts/test-fixtures.ts` (scripts/test runs it).
import { pluginBinDir } from '../test/_binary.ts';
import { goDriver, goDriverSkipReason } from '../test/runtimes/_go-driver.ts';

function timed<T>(what: string, make: () => T, describe: (made: T) => string): void {
  const started = performance.now();
  const made = make();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`${what}: ${describe(made)} (${seconds} s)`);
}

timed('plugin executable', pluginBinDir, (dir) => dir);
const skip = goDriverSkipReason();
if (skip === null) timed('Go libcni driver', goDriver, (driver) => driver.path);
else console.log(`Go libcni driver: not built, the tests that use it skip (${skip})`);
