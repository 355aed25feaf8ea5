/** What to do with a batch after one attempt to send it. */
export type Outcome = 'ok' | 'retry' | 'drop';

/**
 * Classifies an HTTP answer (status 0: the request never got one). Overload and server
 * trouble are retried; any other refusal is final, because resending it would fail the same way.
 */
export function outcomeOf(status: number): Outcome {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 0 || status === 408 || status === 429 || status >= 500) return 'retry';
  return 'drop';
}

export const baseDelayMs = 1_000;
export const maxDelayMs = 60_000;

/**
 * Delay before retry number `attempt` (1 for the first retry): exponential growth capped at
 * `maxDelayMs`, with "equal jitter" (half fixed, half random) so that many clients failing at
 * once do not come back in step. `random` returns a number in [0, 1).
 */
export function backoffDelay(attempt: number, random: () => number): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
