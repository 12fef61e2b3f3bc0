import { goField, isCniError, type Result100 } from '@cni-ts/spec-types';
import type { Logger } from './logger.ts';
import { parsePrevResult } from './prev-result.ts';

/** The raw config a DEL handler's config is parsed from, and its prevResult. */
export interface DelPrevResult {
  /** The config as read, or without its prevResult when that did not parse. */
  readonly raw: Readonly<Record<string, unknown>>;
  readonly prevResult: Result100 | undefined;
}

/** True for a key Go's encoding/json would decode into the `prevResult` field. */
function isPrevResultKey(key: string): boolean {
  return goField({ [key]: true }, 'prevResult') !== undefined;
}

/**
 * DEL never fails because of its prevResult (a kit rule for every plugin): runtimes retry DEL
 * until it succeeds, so a prevResult that does not parse would leak the attachment for good.
 * It is dropped with a warning, and the handler works from the config, the netns and its
 * own state, as it does when the runtime passes none. ADD and CHECK keep refusing it
 * (parsePrevResult, code 6).
 */
export function prevResultForDel(
  raw: Readonly<Record<string, unknown>>,
  configVersion: string,
  log: Logger,
): DelPrevResult {
  try {
    return { raw, prevResult: parsePrevResult(goField(raw, 'prevResult'), configVersion) };
  } catch (error) {
    const reason = isCniError(error) ? error.msg : String(error);
    log.warn(`DEL goes on without the prevResult: ${reason}`);
    const kept = Object.entries(raw).filter(([key]) => !isPrevResultKey(key));
    return { raw: Object.fromEntries(kept), prevResult: undefined };
  }
}
