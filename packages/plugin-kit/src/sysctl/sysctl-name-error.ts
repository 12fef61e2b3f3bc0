/** A sysctl name that does not name a file under /proc/sys (empty, or escaping it with '..'). */
export class SysctlNameError extends Error {
  override readonly name = 'SysctlNameError';
  readonly sysctl: string;

  constructor(sysctl: string) {
    super(`invalid sysctl name "${sysctl}": it must name a file under /proc/sys`);
    this.sysctl = sysctl;
  }
}

export function isSysctlNameError(error: unknown): error is SysctlNameError {
  return error instanceof SysctlNameError;
}
