import { Badge, Group, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { formatDateTime } from '../../lib/format.js';
import { type CountdownTone, clockLabel, countdown, type SlaClock } from './countdown.js';

/** The time now, refreshed every second while mounted. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

const toneColors: Record<CountdownTone, string> = {
  ok: 'green',
  warning: 'orange',
  overdue: 'red',
  stopped: 'gray',
};

/**
 * A live countdown to an SLA clock's deadline: green, orange after the warn share, red and
 * "overdue by …" after the breach. The deadline itself (business hours included) is the server's.
 */
export function SlaCountdown({ clock, withLabel = true }: { clock: SlaClock; withLabel?: boolean }) {
  const now = useNow();
  const view = countdown(clock, now);
  return (
    <Group gap={6} wrap="wrap" data-testid="sla-countdown" data-tone={view.tone} data-kind={clock.kind}>
      {withLabel ? (
        <Text size="xs" c="dimmed">
          {clockLabel(clock.kind)}
        </Text>
      ) : null}
      <Badge
        color={toneColors[view.tone]}
        variant={view.tone === 'overdue' ? 'filled' : 'light'}
        title={`Due ${formatDateTime(clock.dueAt)}`}
        style={{
          fontVariantNumeric: 'tabular-nums',
          textTransform: 'none',
          flexShrink: 0,
          overflow: 'visible',
        }}
      >
        {view.text}
      </Badge>
    </Group>
  );
}

/** Every running clock of a lead, soonest first; a dash when none runs. */
export function SlaCountdowns({ clocks }: { clocks: readonly SlaClock[] }) {
  const running = clocks
    .filter((c) => c.stoppedAt === null)
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  if (running.length === 0)
    return (
      <Text c="dimmed" span size="sm">
        —
      </Text>
    );
  return (
    <Stack gap={4}>
      {running.map((clock) => (
        <SlaCountdown key={clock.id} clock={clock} />
      ))}
    </Stack>
  );
}
