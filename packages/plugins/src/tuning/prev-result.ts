import { CniError, CniErrorCode, type Result100 } from '@cni-ts/spec-types';

/** The previous result, which tuning passes on (it is a chained plugin). */
export function requirePrevResult(prev: Result100 | undefined): Result100 {
  if (prev === undefined) throw new CniError(CniErrorCode.Internal, 'Required prevResult missing');
  return prev;
}
