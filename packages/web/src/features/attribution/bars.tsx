import { Stack, Text } from '@mantine/core';
import type { HorizontalBar } from './report-data.js';

const rowHeight = 22;
const labelWidth = 190;
const valueWidth = 96;
const width = 640;

/**
 * Horizontal bars in plain SVG, one per campaign or channel, longest first. Each bar has a
 * tooltip (title) and the figures are also in the table beside the chart.
 */
export function HorizontalBars({
  title,
  bars,
  format,
  color = 'var(--mantine-color-blue-6)',
}: {
  title: string;
  bars: HorizontalBar[];
  format: (value: number) => string;
  color?: string;
}) {
  const barSpace = width - labelWidth - valueWidth;
  const height = Math.max(1, bars.length) * rowHeight;
  const clip = (label: string) => (label.length > 30 ? `${label.slice(0, 29)}…` : label);
  return (
    <Stack gap={4} component="figure" m={0} aria-label={title}>
      <Text size="sm" fw={600} component="figcaption">
        {title}
      </Text>
      {bars.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing credited in this window.
        </Text>
      ) : (
        <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={title}>
          {bars.map((bar, i) => {
            const y = i * rowHeight;
            const w = Math.max(1, bar.fraction * barSpace);
            return (
              <g key={bar.key}>
                <text
                  x={labelWidth - 8}
                  y={y + rowHeight / 2 + 4}
                  textAnchor="end"
                  fontSize={11}
                  fill="var(--mantine-color-text)"
                >
                  {clip(bar.label)}
                </text>
                <rect x={labelWidth} y={y + 3} width={w} height={rowHeight - 6} rx={2} fill={color}>
                  <title>{`${bar.label}: ${format(bar.value)}`}</title>
                </rect>
                <text
                  x={labelWidth + w + 6}
                  y={y + rowHeight / 2 + 4}
                  fontSize={11}
                  fill="var(--mantine-color-dimmed)"
                >
                  {format(bar.value)}
                </text>
              </g>
            );
          })}
        </svg>
      )}
    </Stack>
  );
}

/** A single proportion bar: a part of a whole, e.g. marketing-sourced pipeline of all pipeline. */
export function ShareBar({ label, share }: { label: string; share: number | null }) {
  const fraction = share === null ? 0 : Math.min(1, Math.max(0, share));
  return (
    <svg viewBox="0 0 200 8" width="100%" height={8} role="img" aria-label={label} preserveAspectRatio="none">
      <rect width={200} height={8} rx={4} fill="var(--mantine-color-gray-2)" />
      <rect width={200 * fraction} height={8} rx={4} fill="var(--mantine-color-teal-6)" />
    </svg>
  );
}
