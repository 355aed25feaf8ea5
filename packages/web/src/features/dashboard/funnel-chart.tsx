import { Stack, Text } from '@mantine/core';
import { formatShare } from '../../lib/money.js';
import { formatCount } from '../../lib/report-links.js';
import type { FunnelBar } from './dashboard-data.js';

const rowHeight = 30;
const labelWidth = 110;
const rateWidth = 110;
const width = 640;

/**
 * The funnel as centred SVG bars, one per stage, widest at the top, with each step's conversion
 * to the right. Every bar has a tooltip, and the numbers are drawn as text beside it.
 */
export function FunnelChart({ bars, title = 'Funnel chart' }: { bars: FunnelBar[]; title?: string }) {
  const barSpace = width - labelWidth - rateWidth;
  const height = bars.length * rowHeight;
  return (
    <Stack gap={4} component="figure" m={0} aria-label={title} data-testid="funnel-chart">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={title}>
        {bars.map((bar, i) => {
          const y = i * rowHeight;
          const w = bar.count > 0 ? Math.max(2, bar.fraction * barSpace) : 0;
          const x = labelWidth + (barSpace - w) / 2;
          return (
            <g key={bar.stage} data-stage={bar.stage} data-count={bar.count}>
              <text
                x={labelWidth - 8}
                y={y + rowHeight / 2 + 4}
                textAnchor="end"
                fontSize={12}
                fill="var(--mantine-color-text)"
              >
                {bar.label}
              </text>
              <rect
                x={x}
                y={y + 3}
                width={w}
                height={rowHeight - 6}
                rx={3}
                fill={`var(--mantine-color-blue-${Math.max(3, 8 - i)})`}
              >
                <title>{`${bar.label}: ${formatCount(bar.count)}`}</title>
              </rect>
              <text
                x={labelWidth + barSpace / 2}
                y={y + rowHeight / 2 + 4}
                textAnchor="middle"
                fontSize={12}
                fontWeight={600}
                fill={bar.fraction > 0.15 ? 'white' : 'var(--mantine-color-text)'}
              >
                {formatCount(bar.count)}
              </text>
              {bar.toNext !== null ? (
                <text
                  x={labelWidth + barSpace + 8}
                  y={y + rowHeight + 4}
                  fontSize={11}
                  fill="var(--mantine-color-dimmed)"
                >
                  {`↓ ${formatShare(bar.toNext)}`}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <Text size="xs" c="dimmed" component="figcaption">
        Leads reaching each stage in the period; the percentages are the step conversion to the next stage.
      </Text>
    </Stack>
  );
}
