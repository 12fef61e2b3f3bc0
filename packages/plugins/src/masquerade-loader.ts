// How bridge and ptp load masquerade.ts: dynamically, so that the module and what it
// imports are part of a plugin's run only when `ipMasq` is set. This file imports nothing
// of it but its type.

/** What masquerade.ts gives. */
export type Masquerade = typeof import('./masquerade.ts');

/** Loads masquerade.ts (one dynamic import, about 0.05 ms). */
export function loadMasquerade(): Promise<Masquerade> {
  return import('./masquerade.ts');
}
