import {
  Badge,
  Button,
  Card,
  Center,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { formatCents, formatShare } from '../../lib/money.js';
import { formatCount } from '../../lib/report-links.js';
import { ErrorAlert } from '../../ui/error-alert.js';
import { ExportLinks } from '../../ui/export-links.js';
import { PageHeader } from '../../ui/page-header.js';
import { useCurrentSession } from '../auth/use-session.js';
import { canEditGoals } from '../shell/nav-items.js';
import { NoAccess } from '../shell/no-access.js';
import { GoalFormModal } from './goal-form-modal.js';
import { GoalProgress } from './goal-progress.js';
import { type Goal, type GoalPlan, useDeleteGoal, useGoalPlan, useGoals } from './goals-api.js';
import { currentGoal, reverseSteps } from './plan-data.js';

const route = getRouteApi('/_app/goals');

export function GoalsPage() {
  const { user } = useCurrentSession();
  if (user.role === 'partner') return <NoAccess what="goals" />;
  return <Goals canEdit={canEditGoals(user.role)} />;
}

function Goals({ canEdit }: { canEdit: boolean }) {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const goals = useGoals();
  const [editing, setEditing] = useState<Goal | 'new' | null>(null);
  const today = new Date().toISOString().slice(0, 10);
  const selected =
    goals.data?.find((g) => g.id === search.goal) ?? (goals.data ? currentGoal(goals.data, today) : null);
  const select = (id: string) => void navigate({ search: { goal: id }, replace: true });

  return (
    <Stack gap="lg">
      <PageHeader
        title="Goals"
        description="A revenue goal, worked back through the funnel: the deals, opportunities, SQLs, MQLs and leads it takes at the rates you have measured, and how marketing and sales are pacing against it."
        actions={
          canEdit ? (
            <Button onClick={() => setEditing('new')} disabled={!goals.data}>
              New goal
            </Button>
          ) : null
        }
      />
      {goals.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading goals" />
        </Center>
      ) : goals.isError ? (
        <ErrorAlert
          error={goals.error}
          title="The goals could not be loaded"
          onRetry={() => void goals.refetch()}
        />
      ) : goals.data.length === 0 ? (
        <Text c="dimmed">
          No goal yet.{' '}
          {canEdit
            ? 'Create one to see what it takes.'
            : 'Marketing, sales managers and administrators set them.'}
        </Text>
      ) : (
        <>
          <GoalTable goals={goals.data} selectedId={selected?.id ?? null} onSelect={select} />
          {selected ? (
            <Planner goal={selected} canEdit={canEdit} onEdit={() => setEditing(selected)} />
          ) : null}
        </>
      )}
      <GoalFormModal
        opened={editing !== null}
        goal={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={(saved) => select(saved.id)}
      />
    </Stack>
  );
}

function GoalTable({
  goals,
  selectedId,
  onSelect,
}: {
  goals: Goal[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  return (
    <Table highlightOnHover verticalSpacing="xs" aria-label="Goals">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Goal</Table.Th>
          <Table.Th>Period</Table.Th>
          <Table.Th ta="right">Target</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {goals.map((g) => (
          <Table.Tr
            key={g.id}
            data-goal={g.id}
            bg={g.id === selectedId ? 'var(--mantine-color-blue-light)' : undefined}
          >
            <Table.Td>
              <Button
                variant="subtle"
                size="compact-sm"
                onClick={() => onSelect(g.id)}
                aria-current={g.id === selectedId}
              >
                {g.name}
              </Button>
            </Table.Td>
            <Table.Td>
              {g.periodStart} – {g.periodEnd}
            </Table.Td>
            <Table.Td ta="right">{formatCents(g.targetCents, g.currency, { whole: true })}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Planner({ goal, canEdit, onEdit }: { goal: Goal; canEdit: boolean; onEdit: () => void }) {
  const plan = useGoalPlan(goal.id);
  const remove = useDeleteGoal();
  const navigate = route.useNavigate();
  return (
    <Stack gap="md" component="section" aria-label="Goal planner">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={3}>{goal.name}</Title>
          <Text size="sm" c="dimmed">
            {formatCents(goal.targetCents, goal.currency, { whole: true })} won from {goal.periodStart} to{' '}
            {goal.periodEnd}
          </Text>
        </div>
        <Group gap="md">
          <ExportLinks path={`/api/v1/goals/${goal.id}/plan`} query={{}} name="the goal plan" />
          {canEdit ? (
            <>
              <Button variant="default" size="xs" onClick={onEdit}>
                Edit
              </Button>
              <Button
                variant="subtle"
                color="red"
                size="xs"
                loading={remove.isPending}
                onClick={() => {
                  if (!window.confirm(`Delete the goal “${goal.name}”?`)) return;
                  remove.mutate(goal.id, { onSuccess: () => void navigate({ search: {}, replace: true }) });
                }}
              >
                Delete
              </Button>
            </>
          ) : null}
        </Group>
      </Group>
      {remove.isError ? <ErrorAlert error={remove.error} title="The goal could not be deleted" /> : null}
      {plan.isPending ? (
        <Center py="lg">
          <Loader aria-label="Working out the plan" />
        </Center>
      ) : plan.isError ? (
        <ErrorAlert
          error={plan.error}
          title="The plan could not be worked out"
          onRetry={() => void plan.refetch()}
        />
      ) : (
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <Card withBorder>
            <ReverseFunnel plan={plan.data} />
          </Card>
          <Card withBorder component="section" aria-label="Progress">
            <Title order={4} mb="xs">
              Progress and pacing
            </Title>
            <GoalProgress plan={plan.data} />
          </Card>
        </SimpleGrid>
      )}
    </Stack>
  );
}

function ReverseFunnel({ plan }: { plan: GoalPlan }) {
  const money = (cents: number) => formatCents(cents, plan.goal.currency, { whole: true });
  const steps = reverseSteps(plan);
  return (
    <Stack gap="xs">
      <Title order={4}>What it takes</Title>
      <Table verticalSpacing={6} aria-label="Reverse funnel">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Stage</Table.Th>
            <Table.Th ta="right">Required</Table.Th>
            <Table.Th ta="right">Converts onwards at</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <Table.Tr>
            <Table.Td>Revenue</Table.Td>
            <Table.Td ta="right" fw={600}>
              {money(plan.revenue.targetCents)}
            </Table.Td>
            <Table.Td ta="right" c="dimmed">
              {plan.averageDealCents === null
                ? 'no deal won yet'
                : `÷ ${money(plan.averageDealCents)} a deal`}
            </Table.Td>
          </Table.Tr>
          {steps.map((step) => (
            <Table.Tr key={step.stage} data-stage={step.stage}>
              <Table.Td>
                {step.label}
                {step.blocked ? (
                  <Badge ml="xs" size="xs" color="orange" variant="light">
                    not measured
                  </Badge>
                ) : null}
              </Table.Td>
              <Table.Td ta="right" fw={600} data-testid={`required-${step.stage}`}>
                {formatCount(step.required)}
              </Table.Td>
              <Table.Td ta="right" c="dimmed">
                {step.rateToNext === null ? '' : formatShare(step.rateToNext)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed">
        Rates and the average deal ({formatCount(plan.wonDealsMeasured)} deals won) measured from{' '}
        {plan.measuredFrom.slice(0, 10)} to {plan.measuredTo.slice(0, 10)}, the year before the period. Each
        stage is rounded up.
        {plan.reverseFunnel.blockedAt
          ? ' Where a rate or the deal size is not measured yet, the stages above it cannot be worked out.'
          : ''}
      </Text>
    </Stack>
  );
}
