import { Group, Stack, Text } from '@mantine/core';
import type { BarChartData } from './chart-data.js';

const colors = ['var(--mantine-color-blue-6)', 'var(--mantine-color-gray-5)'];
const height = 160;
const axis = 28;

/**
 * A small grouped bar chart in plain SVG: a few dozen bars need no charting library, and the app
 * stays light. Every bar has a tooltip (title) and the figures are in a table for screen readers.
 */
export function BarChart({ title, data }: { title: string; data: BarChartData }) {
  const groups = Math.max(1, data.categories.length);
  const perGroup = data.series.length;
  const width = Math.max(320, groups * (perGroup * 10 + 8));
  const groupWidth = (width - axis) / groups;
  const barWidth = Math.max(2, (groupWidth - 4) / perGroup);
  // Label every n-th group so that labels (about 6 units per character) never overlap.
  const longest = Math.max(1, ...data.categories.map((c) => c.length));
  const labelEvery = Math.max(1, Math.ceil((longest * 6 + 6) / groupWidth));
  return (
    <Stack gap={4} component="figure" m={0} aria-label={title}>
      <Group justify="space-between">
        <Text size="sm" fw={600} component="figcaption">
          {title}
        </Text>
        {perGroup > 1 ? (
          <Group gap="sm">
            {data.series.map((s, i) => (
              <Group key={s.name} gap={4}>
                <svg width={10} height={10} aria-hidden="true">
                  <rect width={10} height={10} fill={colors[i % colors.length]} />
                </svg>
                <Text size="xs">{s.name}</Text>
              </Group>
            ))}
          </Group>
        ) : null}
      </Group>
      <svg viewBox={`0 0 ${width} ${height + 20}`} width="100%" role="img" aria-label={title}>
        <line x1={axis} x2={width} y1={height} y2={height} stroke="var(--mantine-color-gray-4)" />
        <text x={axis - 4} y={10} textAnchor="end" fontSize={10} fill="var(--mantine-color-dimmed)">
          {data.max}
        </text>
        <text x={axis - 4} y={height} textAnchor="end" fontSize={10} fill="var(--mantine-color-dimmed)">
          0
        </text>
        {data.categories.map((category, g) => (
          <g key={category + String(g)}>
            {data.series.map((s, i) => {
              const value = s.values[g] ?? 0;
              const h = (value / data.max) * (height - 4);
              return (
                <rect
                  key={s.name}
                  x={axis + g * groupWidth + 2 + i * barWidth}
                  y={height - h}
                  width={barWidth - 1}
                  height={h}
                  fill={colors[i % colors.length]}
                >
                  <title>{`${category} · ${s.name}: ${value}`}</title>
                </rect>
              );
            })}
            {g % labelEvery === 0 ? (
              <text
                x={axis + g * groupWidth + groupWidth / 2}
                y={height + 14}
                textAnchor="middle"
                fontSize={10}
                fill="var(--mantine-color-dimmed)"
              >
                {category}
              </text>
            ) : null}
          </g>
        ))}
      </svg>
      <table style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
        <caption>{title}</caption>
        <tbody>
          {data.categories.map((category, g) => (
            <tr key={category + String(g)}>
              <th scope="row">{category}</th>
              {data.series.map((s) => (
                <td key={s.name}>{`${s.name}: ${s.values[g] ?? 0}`}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Stack>
  );
}
