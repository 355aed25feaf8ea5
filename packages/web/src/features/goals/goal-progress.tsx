import { Badge, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { formatCents, formatShare } from '../../lib/money.js';
import type { GoalPlan } from './goals-api.js';
import { PaceBar } from './pace-bar.js';
import { paceSides } from './plan-data.js';

/** Revenue against the goal, then marketing's and sales' numbers side by side against the plan. */
export function GoalProgress({ plan }: { plan: GoalPlan }) {
  const money = (cents: number) => formatCents(cents, plan.goal.currency, { whole: true });
  const sides = paceSides(plan);
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="xs">
        <div>
          <Text size="sm" c="dimmed">
            Won of {money(plan.revenue.targetCents)}
          </Text>
          <Text fz={26} fw={700} lh={1.1} data-testid="goal-won">
            {money(plan.revenue.wonCents)}
          </Text>
        </div>
        <Stack gap={2} align="flex-end">
          <Badge color={plan.onTrack ? 'teal' : 'orange'} variant="light" data-testid="goal-on-track">
            {plan.onTrack ? 'On track' : 'Behind'}
          </Badge>
          <Text size="xs" c="dimmed">
            {formatShare(plan.elapsedShare)} of the period gone · projected{' '}
            {money(plan.revenue.projectedCents)}
          </Text>
        </Stack>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
        <Stack gap="xs" aria-label="Marketing’s side" component="section">
          <Text size="xs" tt="uppercase" fw={700} c="dimmed">
            Marketing
          </Text>
          {sides.marketing.map((row) => (
            <PaceBar key={row.key} row={row} currency={plan.goal.currency} />
          ))}
        </Stack>
        <Stack gap="xs" aria-label="Sales’ side" component="section">
          <Text size="xs" tt="uppercase" fw={700} c="dimmed">
            Sales
          </Text>
          {sides.sales.map((row) => (
            <PaceBar key={row.key} row={row} currency={plan.goal.currency} />
          ))}
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}
