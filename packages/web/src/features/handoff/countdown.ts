/** An SLA clock as the hand-off API answers it. */
export interface SlaClock {
  id: string;
  kind: string;
  assigneeId: string | null;
  startedAt: string;
  warnAt: string;
  dueAt: string;
  reassignAt: string | null;
  stoppedAt: string | null;
  stopCause: string | null;
  outcome: string | null;
  /** 0 none, 1 warned, 2 breached (escalated), 3 reassigned. */
  escalationLevel: number;
}

export type CountdownTone = 'ok' | 'warning' | 'overdue' | 'stopped';

export interface CountdownView {
  tone: CountdownTone;
  /** e.g. "42m 07s left", "overdue by 1h 05m 30s", "met". */
  text: string;
}

const clockLabels: Record<string, string> = {
  accept_reject: 'Accept or reject',
  first_touch: 'First touch',
  marketing_request: 'Marketing request',
};

export function clockLabel(kind: string): string {
  return clockLabels[kind] ?? kind.replaceAll('_', ' ');
}

/** A duration to the second, so a countdown visibly ticks: "2d 03h 04m 05s", "1h 05m 00s", "4m 09s", "12s". */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  if (d > 0) return `${d}d ${two(h)}h ${two(m)}m ${two(s)}s`;
  if (h > 0) return `${h}h ${two(m)}m ${two(s)}s`;
  if (m > 0) return `${m}m ${two(s)}s`;
  return `${s}s`;
}

/**
 * Where a clock stands at `nowMs`. The server computes the deadlines on business hours; the page
 * only counts down to them: warning from `warnAt` (the contract's warn share), overdue from `dueAt`.
 */
export function countdown(
  clock: Pick<SlaClock, 'warnAt' | 'dueAt' | 'stoppedAt' | 'outcome'>,
  nowMs: number,
): CountdownView {
  if (clock.stoppedAt) {
    return {
      tone: 'stopped',
      text: clock.outcome === 'breached' ? 'breached' : (clock.outcome ?? 'stopped'),
    };
  }
  const due = Date.parse(clock.dueAt);
  if (nowMs >= due) return { tone: 'overdue', text: `overdue by ${formatDuration(nowMs - due)}` };
  const tone = nowMs >= Date.parse(clock.warnAt) ? 'warning' : 'ok';
  return { tone, text: `${formatDuration(due - nowMs)} left` };
}
