import { Anchor, Group, Loader, NativeSelect, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import type { Role } from '@tandem/contracts';
import { type ReactNode, useState } from 'react';
import { formatCents, formatShare } from '../../lib/money.js';
import { formatCount } from '../../lib/report-links.js';
import { ErrorAlert } from '../../ui/error-alert.js';
import { ExportLinks } from '../../ui/export-links.js';
import { RouterAnchor } from '../../ui/router-links.js';
import { GoalProgress } from '../goals/goal-progress.js';
import { useGoalPlan, useGoals } from '../goals/goals-api.js';
import { currentGoal } from '../goals/plan-data.js';
import { DashboardCard, EmptyText } from '../home/dashboard-card.js';
import { canSeeReports } from '../shell/nav-items.js';
import { type FunnelHealth, useFunnelHealth, useMarketingShare, type Window } from './dashboard-api.js';
import {
  formatMinutes,
  funnelBars,
  shareSplit,
  slaSides,
  speedSummary,
  topReasons,
} from './dashboard-data.js';
import { FunnelChart } from './funnel-chart.js';
import { isPeriod, type Period, periodLabels, periods, periodWindow } from './period.js';
import { SplitBar } from './split-bar.js';

/**
 * The dashboard both teams share: the funnel, marketing's share of pipeline, the goal, service
 * levels both ways and why leads come back, over one period. Reps see what the server lets them:
 * the share of their own deals and the goal's plan on their records.
 */
export function SharedDashboard({ role, leadsCard }: { role: Role; leadsCard: ReactNode }) {
  const [now] = useState(() => new Date());
  const [period, setPeriod] = useState<Period>('90d');
  const window = periodWindow(period, now);
  const reports = canSeeReports(role);
  const funnel = useFunnelHealth(window, reports);
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <NativeSelect
          label="Period"
          w={200}
          value={period}
          onChange={(e) => isPeriod(e.currentTarget.value) && setPeriod(e.currentTarget.value)}
          data={periods.map((p) => ({ value: p, label: periodLabels[p] }))}
        />
        {reports ? (
          <Group gap="lg">
            <ExportLinks path="/api/v1/reports/funnel" query={window} name="the funnel report" />
            <Anchor size="sm" href="/api/v1/reports/joint?format=html" target="_blank" rel="noopener">
              Weekly joint report
            </Anchor>
          </Group>
        ) : null}
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <SourcedCard window={window} />
        {reports ? <FunnelCard funnel={funnel} /> : null}
        <GoalsCard />
        {reports ? <SlaCard funnel={funnel} /> : null}
        {reports ? <ReasonsCard funnel={funnel} /> : null}
        {leadsCard}
      </SimpleGrid>
    </Stack>
  );
}

function SourcedCard({ window }: { window: Window }) {
  const share = useMarketingShare(window);
  const money = (cents: number) => formatCents(cents, share.data?.currency ?? 'USD', { whole: true });
  const pipeline = share.data?.marketing.pipeline;
  const split = pipeline ? shareSplit(pipeline) : null;
  return (
    <DashboardCard title="Sourced pipeline">
      {share.isPending ? (
        <Loader size="sm" aria-label="Loading the sourced share" />
      ) : share.isError ? (
        <ErrorAlert
          error={share.error}
          title="The sourced share could not be loaded"
          onRetry={() => void share.refetch()}
        />
      ) : pipeline && split ? (
        <Stack gap="xs">
          <Group align="baseline" gap="xs">
            <Text fz={40} fw={700} lh={1} data-testid="dashboard-sourced-share">
              {formatShare(pipeline.sourcedShare)}
            </Text>
            <Text size="sm" c="dimmed">
              of {money(pipeline.totalCents)} pipeline created was sourced by marketing
            </Text>
          </Group>
          <SplitBar split={split} money={money} />
          <Text size="xs" c="dimmed">
            Aligned teams see about 47 % of their pipeline sourced by marketing. Influenced: a marketing touch
            before the deal was created.
          </Text>
          <RouterAnchor to="/attribution" size="sm">
            Open attribution by campaign
          </RouterAnchor>
        </Stack>
      ) : (
        <EmptyText>No pipeline was created in this period, so there is no share to show.</EmptyText>
      )}
    </DashboardCard>
  );
}

function GoalsCard() {
  const goals = useGoals();
  const today = new Date().toISOString().slice(0, 10);
  const goal = goals.data ? currentGoal(goals.data, today) : null;
  const plan = useGoalPlan(goal?.id ?? null);
  return (
    <DashboardCard
      title="Goals"
      badge={
        goal ? (
          <Text size="sm" c="dimmed">
            {goal.name}
          </Text>
        ) : undefined
      }
    >
      {goals.isPending || (goal && plan.isPending) ? (
        <Loader size="sm" aria-label="Loading the goal" />
      ) : goals.isError || plan.isError ? (
        <ErrorAlert error={goals.error ?? plan.error} title="The goal could not be loaded" />
      ) : goal && plan.data ? (
        <Stack gap="xs">
          <GoalProgress plan={plan.data} />
          <RouterAnchor to="/goals" search={{ goal: goal.id }} size="sm">
            Open the goal planner
          </RouterAnchor>
        </Stack>
      ) : (
        <Stack gap="xs">
          <EmptyText>
            No revenue goal yet. Set one, and the planner works out the opportunities, SQLs and MQLs it takes
            from your measured conversion rates.
          </EmptyText>
          <RouterAnchor to="/goals" size="sm">
            Open the goal planner
          </RouterAnchor>
        </Stack>
      )}
    </DashboardCard>
  );
}

type FunnelQuery = ReturnType<typeof useFunnelHealth>;

function ReportState({
  funnel,
  what,
  children,
}: {
  funnel: FunnelQuery;
  what: string;
  children: (data: FunnelHealth) => ReactNode;
}) {
  if (funnel.isPending) return <Loader size="sm" aria-label={`Loading ${what}`} />;
  if (funnel.isError)
    return (
      <ErrorAlert
        error={funnel.error}
        title={`The ${what} could not be loaded`}
        onRetry={() => void funnel.refetch()}
      />
    );
  return <>{children(funnel.data)}</>;
}

function FunnelCard({ funnel }: { funnel: FunnelQuery }) {
  return (
    <DashboardCard title="Funnel">
      <ReportState funnel={funnel} what="funnel">
        {(data) =>
          data.counts.leads === 0 ? (
            <EmptyText>No lead moved through the funnel in this period.</EmptyText>
          ) : (
            <Stack gap="xs">
              <FunnelChart bars={funnelBars(data)} />
              <Group gap="md">
                <RouterAnchor to="/reports/cohorts" size="sm">
                  MQL cohorts
                </RouterAnchor>
                <RouterAnchor to="/reports/forecast" size="sm">
                  Forecast
                </RouterAnchor>
              </Group>
            </Stack>
          )
        }
      </ReportState>
    </DashboardCard>
  );
}

function SlaCard({ funnel }: { funnel: FunnelQuery }) {
  return (
    <DashboardCard title="SLA">
      <ReportState funnel={funnel} what="service levels">
        {(data) => {
          const speed = speedSummary(data.speedToLead.rows);
          return (
            <Stack gap="sm">
              <SimpleGrid cols={2}>
                {slaSides(data.speedToLead.attainment).map((side) => (
                  <Stack key={side.side} gap={2} data-side={side.side}>
                    <Text size="xs" c="dimmed">
                      {side.label}
                    </Text>
                    <Text fz={26} fw={700} lh={1.1} data-testid={`sla-${side.side}`}>
                      {formatShare(side.rate)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {side.met} met · {side.breached} late{side.open > 0 ? ` · ${side.open} running` : ''}
                    </Text>
                    {side.kinds.map((k) => (
                      <Text key={k.kind} size="xs">
                        {k.label}: {formatShare(k.rate)}
                      </Text>
                    ))}
                  </Stack>
                ))}
              </SimpleGrid>
              <Stack gap={2} aria-label="Speed to lead">
                <Text size="sm" fw={600}>
                  Speed to lead
                </Text>
                {speed.leads === 0 ? (
                  <EmptyText>No MQL in this period.</EmptyText>
                ) : (
                  <Text size="sm">
                    {formatShare(speed.within60)} of {formatCount(speed.leads)} MQLs touched within an hour (
                    {formatShare(speed.within5)} within 5 minutes); {formatShare(speed.touched)} touched at
                    all.
                    {speed.slowest
                      ? ` Slowest source: ${speed.slowest.group}, median ${formatMinutes(speed.slowest.p50Minutes)}.`
                      : ''}
                  </Text>
                )}
              </Stack>
            </Stack>
          );
        }}
      </ReportState>
    </DashboardCard>
  );
}

function ReasonsCard({ funnel }: { funnel: FunnelQuery }) {
  return (
    <DashboardCard title="Top rejection reasons">
      <ReportState funnel={funnel} what="rejection reasons">
        {(data) => {
          const reasons = topReasons(data.leakage);
          return reasons.length === 0 ? (
            <EmptyText>Sales returned no MQL in this period.</EmptyText>
          ) : (
            <Table verticalSpacing={4} aria-label="Top rejection reasons">
              <Table.Tbody>
                {reasons.map((r) => (
                  <Table.Tr key={r.reason}>
                    <Table.Td>{r.reason}</Table.Td>
                    <Table.Td ta="right">{formatCount(r.count)}</Table.Td>
                    <Table.Td ta="right" c="dimmed">
                      {formatShare(r.share)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          );
        }}
      </ReportState>
    </DashboardCard>
  );
}
