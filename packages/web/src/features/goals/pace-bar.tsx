import { Group, Stack, Text } from '@mantine/core';
import { formatCents } from '../../lib/money.js';
import { formatCount } from '../../lib/report-links.js';
import type { PaceRow } from './plan-data.js';

/**
 * One figure against what a goal requires: the bar is the actual as a share of the requirement,
 * the tick is where it should be by now (the requirement × the elapsed share of the period).
 */
export function PaceBar({ row, currency }: { row: PaceRow; currency: string }) {
  const show = (v: number | null) =>
    v === null ? '—' : row.money ? formatCents(v, currency, { whole: true }) : formatCount(v);
  // A fraction of a deal expected by now reads better as 0.2 than as a rounded 0.
  const showExpected = (v: number | null) =>
    v !== null && !row.money && v > 0 && v < 10 ? v.toFixed(1) : show(v);
  const color =
    row.onTrack === null
      ? 'var(--mantine-color-gray-5)'
      : row.onTrack
        ? 'var(--mantine-color-teal-6)'
        : 'var(--mantine-color-orange-6)';
  return (
    <Stack gap={2} data-pace={row.key}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm">{row.label}</Text>
        <Text size="sm" fw={600}>
          <span data-testid={`pace-${row.key}-actual`}>{show(row.actual)}</span>
          <Text span c="dimmed" size="sm" fw={400}>
            {' '}
            of <span data-testid={`pace-${row.key}-required`}>{show(row.required)}</span>
          </Text>
        </Text>
      </Group>
      <svg
        viewBox="0 0 200 10"
        width="100%"
        height={10}
        preserveAspectRatio="none"
        role="img"
        aria-label={`${row.label}: ${show(row.actual)} of ${show(row.required)}`}
      >
        <rect width={200} height={10} rx={3} fill="var(--mantine-color-gray-2)" />
        <rect width={200 * (row.progress ?? 0)} height={10} rx={3} fill={color} />
        {row.expected !== null ? (
          <rect
            x={Math.min(199, 200 * row.expected)}
            width={1.5}
            height={10}
            fill="var(--mantine-color-dark-4)"
          >
            <title>{`Expected by now: ${showExpected(row.expectedByNow)}`}</title>
          </rect>
        ) : null}
      </svg>
      <Text size="xs" c={row.onTrack === false ? 'orange.8' : 'dimmed'}>
        {row.onTrack === null
          ? 'Nothing required yet'
          : `${row.onTrack ? 'On pace' : 'Behind pace'}: ${showExpected(row.expectedByNow)} expected by now`}
      </Text>
    </Stack>
  );
}
