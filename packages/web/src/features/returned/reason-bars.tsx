import { Badge, Group, Stack, Text } from '@mantine/core';
import type { ReasonBar } from './reason-labels.js';

const barHeight = 14;

/** Counts by reason as horizontal bars in plain SVG, one row per reason with its label and count. */
export function ReasonBars({ bars }: { bars: ReasonBar[] }) {
  if (bars.length === 0) return <Text c="dimmed">Nothing returned in this range.</Text>;
  return (
    <Stack gap={6} component="ul" p={0} m={0} aria-label="Counts by reason" style={{ listStyle: 'none' }}>
      {bars.map((bar) => (
        <Group key={bar.key} component="li" gap="sm" wrap="nowrap" data-testid="reason-bar">
          <Stack gap={0} w={320} style={{ flexShrink: 0 }}>
            <Text size="sm" truncate title={bar.label}>
              {bar.label}
            </Text>
            <Group gap={4}>
              <Text size="xs" c="dimmed" ff="monospace">
                {bar.code}
              </Text>
              <Badge size="xs" variant="light" color={bar.stage === 'disqualified' ? 'red' : 'yellow'}>
                {bar.stage}
              </Badge>
            </Group>
          </Stack>
          <svg
            width="100%"
            height={barHeight}
            role="img"
            aria-label={`${bar.label}: ${bar.count}`}
            style={{ flex: 1 }}
          >
            <rect width="100%" height={barHeight} rx={3} fill="var(--mantine-color-gray-1)" />
            <rect
              width={`${Math.max(1, bar.share * 100)}%`}
              height={barHeight}
              rx={3}
              fill={
                bar.stage === 'disqualified' ? 'var(--mantine-color-red-5)' : 'var(--mantine-color-yellow-5)'
              }
            />
          </svg>
          <Text size="sm" fw={600} w={40} ta="right" data-testid="reason-count">
            {bar.count}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
