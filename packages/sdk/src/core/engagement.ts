/** Visitors who do nothing for this long have stopped engaging, even with the page in view. */
export const idleAfterMs = 30_000;

/** Engaged time on a page: time it was visible while the visitor was active. */
export interface Engagement {
  /** The visitor moved, scrolled, typed or touched. */
  activity(now: number): void;
  /** The page became visible or hidden. */
  visibility(visible: boolean, now: number): void;
  /** Engaged milliseconds since the start or the last `take`, and starts counting afresh. */
  take(now: number): number;
}

/**
 * Counts time as engaged while the page is visible and the last activity is less than
 * `idleMs` old. Time is always passed in, so this is exact and testable without a browser.
 */
export function createEngagement(start: number, visible: boolean, idleMs = idleAfterMs): Engagement {
  let total = 0;
  let mark = start;
  let lastActive = start;
  const advance = (now: number) => {
    if (visible) total += Math.max(0, Math.min(now, lastActive + idleMs) - Math.max(mark, lastActive));
    mark = Math.max(mark, now);
  };
  return {
    activity(now) {
      advance(now);
      lastActive = Math.max(lastActive, now);
    },
    visibility(on, now) {
      advance(now);
      visible = on;
      // Coming back to the page is itself a sign of attention.
      if (on) lastActive = Math.max(lastActive, now);
    },
    take(now) {
      advance(now);
      const engaged = total;
      total = 0;
      return engaged;
    },
  };
}
