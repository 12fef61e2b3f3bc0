import type { IpMasqBackend } from './ipmasq-types.ts';

/** `ipMasqBackend` named something other than "iptables" or "nftables". */
export class UnknownIpMasqBackendError extends Error {
  override readonly name = 'UnknownIpMasqBackendError';
  readonly backend: string;

  constructor(backend: string) {
    // upstream: fmt.Errorf("unknown ipmasq backend %q", backend)
    super(`unknown ipmasq backend ${JSON.stringify(backend)}`);
    this.backend = backend;
  }
}

export function isUnknownIpMasqBackendError(error: unknown): error is UnknownIpMasqBackendError {
  return error instanceof UnknownIpMasqBackendError;
}

/** CHECK found masquerade rules missing. */
export class IpMasqCheckError extends Error {
  override readonly name = 'IpMasqCheckError';
  readonly backend: IpMasqBackend;
  /** One line per missing rule. */
  readonly missing: readonly string[];

  constructor(backend: IpMasqBackend, missing: readonly string[]) {
    super(`ipmasq (${backend}): missing ${missing.join('; ')}`);
    this.backend = backend;
    this.missing = [...missing];
  }
}

export function isIpMasqCheckError(error: unknown): error is IpMasqCheckError {
  return error instanceof IpMasqCheckError;
}
