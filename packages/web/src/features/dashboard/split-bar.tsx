import { Group, Stack, Text } from '@mantine/core';
import { formatShare } from '../../lib/money.js';
import type { ShareSplit } from './dashboard-data.js';

const colors: Record<ShareSplit['parts'][number]['key'], string> = {
  sourced: 'var(--mantine-color-teal-6)',
  influenced: 'var(--mantine-color-teal-2)',
  other: 'var(--mantine-color-gray-3)',
};

/** One bar cut into parts of a whole (sourced, influenced only, other), with a legend below. */
export function SplitBar({ split, money }: { split: ShareSplit; money: (cents: number) => string }) {
  let x = 0;
  return (
    <Stack gap={6}>
      <svg
        viewBox="0 0 200 12"
        width="100%"
        height={12}
        preserveAspectRatio="none"
        role="img"
        aria-label="Pipeline sourced, influenced and other"
      >
        {split.parts.map((part) => {
          const w = 200 * part.share;
          const rect = (
            <rect key={part.key} x={x} width={w} height={12} fill={colors[part.key]}>
              <title>{`${part.label}: ${money(part.cents)} (${formatShare(part.share)})`}</title>
            </rect>
          );
          x += w;
          return rect;
        })}
      </svg>
      <Group gap="md">
        {split.parts.map((part) => (
          <Group key={part.key} gap={4} wrap="nowrap" data-part={part.key}>
            <svg width={10} height={10} aria-hidden="true">
              <rect width={10} height={10} rx={2} fill={colors[part.key]} />
            </svg>
            <Text size="xs">
              {part.label} {formatShare(part.share)} · {money(part.cents)}
            </Text>
          </Group>
        ))}
      </Group>
    </Stack>
  );
}
