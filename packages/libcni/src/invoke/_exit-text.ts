// The texts Go's os/exec gives for how a process ended or why it could not start.

import { errnoText } from '../go/_errno.ts';

/** strsignal texts, as Go's syscall.Signal.String() prints them. */
const SIGNAL_TEXTS: Readonly<Record<string, string>> = {
  SIGABRT: 'aborted',
  SIGALRM: 'alarm clock',
  SIGBUS: 'bus error',
  SIGFPE: 'floating point exception',
  SIGHUP: 'hangup',
  SIGILL: 'illegal instruction',
  SIGINT: 'interrupt',
  SIGKILL: 'killed',
  SIGPIPE: 'broken pipe',
  SIGQUIT: 'quit',
  SIGSEGV: 'segmentation fault',
  SIGSYS: 'bad system call',
  SIGTERM: 'terminated',
  SIGTRAP: 'trace/breakpoint trap',
  SIGUSR1: 'user defined signal 1',
  SIGUSR2: 'user defined signal 2',
  SIGXCPU: 'CPU time limit exceeded',
  SIGXFSZ: 'file size limit exceeded',
};

/** Go's `*exec.ExitError` text: `exit status N` or `signal: killed`. */
export function exitText(exitCode: number | null, signal: string | null): string {
  if (signal) return `signal: ${SIGNAL_TEXTS[signal] ?? signal}`;
  return `exit status ${exitCode ?? -1}`;
}

/** Go's text for a process that could not be started: `fork/exec <path>: <strerror>`. */
export function startErrorText(pluginPath: string, error: unknown): string {
  return `fork/exec ${pluginPath}: ${errnoText(error)}`;
}

/** Go's context errors, for a run cancelled before the plugin started. */
export function abortText(reason: unknown): string {
  const name = reason instanceof Error ? reason.name : '';
  return name === 'TimeoutError' ? 'context deadline exceeded' : 'context canceled';
}
