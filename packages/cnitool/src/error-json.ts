import { isCheckNotSupported, isMultiError, isNotFound, isPluginError } from '@cni-ts/libcni';
import { CniErrorCode, type CniErrorJson, isCniError } from '@cni-ts/spec-types';

/**
 * The spec's error object (`{"code", "msg", "details"?}`) for any failure of a command.
 * - A plugin failure that was not the plugin's own error object (the binary missing or not
 *   startable, garbage on stdout: libcni's PluginError with code 0) is code 999, like any
 *   other untyped failure.
 * - A CniError keeps its code and details. Its `msg` is the full message without the
 *   details, so what libcni adds in front of a plugin's own text (`plugin type="bridge"
 *   failed (add): ...`) is kept.
 * - A network that is not in the configuration directory is code 7 (invalid network
 *   configuration).
 * - CHECK of a list older than 0.4.0 is code 1 (incompatible CNI version).
 * - Several failures at once (GC, validation) carry the code of the first CNI error
 *   among them and all the messages.
 * - Anything else is code 999 (internal error), as upstream's skel reports untyped errors.
 */
export function errorJson(error: unknown): CniErrorJson {
  if (isPluginError(error) && !isCniError(error.cause)) {
    return { code: CniErrorCode.Internal, msg: error.message };
  }
  if (isCniError(error)) {
    const suffix = error.details ? `; ${error.details}` : '';
    const msg =
      suffix && error.message.endsWith(suffix)
        ? error.message.slice(0, -suffix.length)
        : error.message;
    return { code: error.code, msg, ...(error.details ? { details: error.details } : {}) };
  }
  const msg = error instanceof Error ? error.message : String(error);
  if (isNotFound(error)) return { code: CniErrorCode.InvalidNetworkConfig, msg };
  if (isCheckNotSupported(error)) return { code: CniErrorCode.IncompatibleCniVersion, msg };
  if (isMultiError(error)) {
    const first = error.errors.find(isCniError);
    if (first) return { code: errorJson(first).code, msg };
  }
  return { code: CniErrorCode.Internal, msg };
}
