// For the benchmarks' interruption tests: read a child's stderr until it shows `ready`,
// send `signal`, read the rest. Resolves to the whole stderr text.
import type { Subprocess } from 'bun';

export async function signalAfter(
  child: Subprocess<'ignore' | 'pipe' | 'inherit', 'pipe' | 'ignore' | 'inherit', 'pipe'>,
  ready: (stderr: string) => boolean,
  signal: 'SIGINT' | 'SIGTERM',
): Promise<string> {
  const reader = child.stderr.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let signalled = false;
  for (;;) {
    if (!signalled && ready(text)) {
      child.kill(signal);
      signalled = true;
    }
    const chunk = await reader.read();
    if (chunk.done) break;
    text += decoder.decode(chunk.value, { stream: true });
  }
  return text;
}
