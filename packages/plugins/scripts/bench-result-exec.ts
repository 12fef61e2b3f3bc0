// One plugin exec timed twice: when its result arrives (the first byte on stdout) and
// when the process has exited. A runtime waits for both; the difference is what the
// process does after answering (its exit, and whatever the kernel makes that exit wait for).

/** What one exec took, in milliseconds from spawn. */
export interface ResultTiming {
  readonly resultMs: number;
  readonly exitMs: number;
  readonly exitCode: number;
  readonly output: string;
}

export async function timeToResultAndExit(
  argv: readonly string[],
  env: Readonly<Record<string, string>>,
  stdin: string,
): Promise<ResultTiming> {
  const started = performance.now();
  const child = Bun.spawn([...argv], {
    env: { ...env },
    stdin: new TextEncoder().encode(stdin),
    stdout: 'pipe',
    stderr: 'pipe',
  });
  let resultMs = Number.NaN;
  let output = '';
  const decoder = new TextDecoder();
  for await (const chunk of child.stdout) {
    if (Number.isNaN(resultMs)) resultMs = performance.now() - started;
    output += decoder.decode(chunk, { stream: true });
  }
  const exitCode = await child.exited;
  const exitMs = performance.now() - started;
  const stderr = await new Response(child.stderr).text();
  return {
    resultMs: Number.isNaN(resultMs) ? exitMs : resultMs,
    exitMs,
    exitCode,
    output: `${output}${stderr}`,
  };
}
