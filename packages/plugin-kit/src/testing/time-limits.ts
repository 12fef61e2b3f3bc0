// Time limits for tests, sized for a loaded machine. Bun's own default is 5 s per test and
// per hook, and Bun 1.4.5 ignores bunfig's `[test] timeout`: scripts/test passes
// `--timeout` on the command line (the limit of every test without one of its own), and a
// file whose tests make namespaces, build executables or start runtimes sets its own limit
// with useTimeLimit() at the top, so that it holds however the file is run.
import { setDefaultTimeout } from 'bun:test';

/**
 * Milliseconds per test and per hook. `netns`: root-only tests that make namespaces and run
 * plugins (a few seconds quiet, ten times that on a 2-core machine at load average 8).
 * `slow`: the demo, podman, Go builds, 50-process fan-outs.
 */
export const TIME_LIMITS = { netns: 120_000, slow: 300_000 } as const;

/** A kind of test file, by how long its tests may take. */
export type TimeLimitKind = keyof typeof TIME_LIMITS;

/**
 * Sets the limit of every test and hook of the calling test file (Bun scopes
 * setDefaultTimeout to the file being loaded). Call once, at the top of the file.
 */
export function useTimeLimit(kind: TimeLimitKind): void {
  setDefaultTimeout(TIME_LIMITS[kind]);
}
