const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A duration to the second, largest unit first, e.g. `2d 03h 04m 05s`, `4m 05s`, `9s`.
 * Negative durations read as their magnitude.
 */
export function formatDuration(ms: number): string {
  const total = Math.floor(Math.abs(ms) / second) * second;
  const d = Math.floor(total / day);
  const h = Math.floor((total % day) / hour);
  const m = Math.floor((total % hour) / minute);
  const s = Math.floor((total % minute) / second);
  if (d > 0) return `${d}d ${pad(h)}h ${pad(m)}m ${pad(s)}s`;
  if (h > 0) return `${h}h ${pad(m)}m ${pad(s)}s`;
  if (m > 0) return `${m}m ${pad(s)}s`;
  return `${s}s`;
}

export type ClockState = 'running' | 'warning' | 'overdue' | 'stopped';

/** Where a deadline stands at `now`: stopped, overdue, in its warning window, or running. */
export function clockState(
  clock: { dueAt: string; warnAt?: string | null; stoppedAt?: string | null },
  now: number,
): ClockState {
  if (clock.stoppedAt) return 'stopped';
  if (Date.parse(clock.dueAt) <= now) return 'overdue';
  if (clock.warnAt && Date.parse(clock.warnAt) <= now) return 'warning';
  return 'running';
}

/** `overdue by 2h 04m 05s` once past the deadline, `due in 3m 05s` before it. */
export function formatDeadline(dueAt: string, now: number): string {
  const left = Date.parse(dueAt) - now;
  return left <= 0 ? `overdue by ${formatDuration(left)}` : `due in ${formatDuration(left)}`;
}

const clockKinds: Record<string, string> = {
  first_touch: 'First touch',
  accept_reject: 'Accept or reject',
  marketing_request: 'Marketing request',
};

/** A clock kind as people say it (`first_touch` → `First touch`). */
export function clockKindLabel(kind: string): string {
  return clockKinds[kind] ?? kind.replaceAll('_', ' ').replace(/^./, (c) => c.toUpperCase());
}
