/**
 * What a plugin prints to stderr when run by hand (no CNI_COMMAND) and it has an about
 * text: the text, then the spec versions it speaks, as upstream's skel prints them.
 */
export function aboutText(about: string, versions: readonly string[]): string {
  return `${about}\nCNI protocol versions supported: ${versions.join(', ')}\n`;
}
