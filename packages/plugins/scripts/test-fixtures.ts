// Builds the test suite's expensive fixtures before the tests start, so that no test or
// hook spends its time limit compiling: the multicall plugin executable (dist/test-cache)
// and, where the Go libcni tests can run, their Go driver (dist/go-driver-cache). Both are
// kept per source state; the tests reuse them and build them only when run on their own.
// `bun packages/plugins/scripts/test-fixtures.ts` (scripts/test runs it).
import { pluginBinDir } from '../test/_binary.ts';
import { goDriver, goDriverSkipReason } from '../test/runtimes/_go-driver.ts';

/** Makes one fixture and prints where it is and how long that took. */
function timed(what: string, make: () => string): void {
  const started = performance.now();
  const path = make();
  console.log(`${what}: ${path} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

timed('plugin executable', pluginBinDir);
const skip = goDriverSkipReason();
if (skip === null) timed('Go libcni driver', () => goDriver().path);
else console.log(`Go libcni driver: not built, the tests that use it skip (${skip})`);
