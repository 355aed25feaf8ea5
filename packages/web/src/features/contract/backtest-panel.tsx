import {
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Progress,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { type BacktestResult, type FlippedLead, type OutcomeStage, outcomeStages } from '@tandem/contracts';
import { useState } from 'react';
import { ErrorAlert } from '../../ui/error-alert.js';
import { RouterAnchor } from '../../ui/router-links.js';
import { BarChart } from './bar-chart.js';
import {
  gradeDistribution,
  interestBands,
  metricCards,
  progressPercent,
  weeklyMqls,
  windowFor,
  windowPresets,
} from './chart-data.js';
import { type BacktestBody, useBacktestRun, useStartBacktest } from './contract-api.js';
import { SignalLiftPanel } from './signal-lift-panel.js';

/** What to test: a stored version, or the editor's unsaved text. */
export type BacktestSource = { version: number } | { yaml: string };

export interface BacktestSettings {
  days: number;
  outcome: OutcomeStage;
  withinDays: number;
}

const outcomeLabels: Record<OutcomeStage, string> = {
  sql: 'Became SQL',
  opportunity: 'Opportunity',
  won: 'Won',
};

function MetricCards({ result }: { result: BacktestResult }) {
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }}>
      {metricCards(result).map((m) => (
        <Card key={m.label} withBorder padding="sm" aria-label={m.label}>
          <Text size="xs" c="dimmed">
            {m.label}
          </Text>
          <Text fz={24} fw={700}>
            {m.candidate}
          </Text>
          {m.active !== null ? (
            <Text size="xs" c={m.better === null ? 'dimmed' : m.better ? 'green' : 'red'}>
              active {m.active}
              {m.delta ? ` (${m.delta})` : ''}
            </Text>
          ) : null}
        </Card>
      ))}
    </SimpleGrid>
  );
}

function FlipTable({ title, leads, total }: { title: string; leads: FlippedLead[]; total: number }) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {title} ({total})
      </Text>
      {leads.length === 0 ? (
        <Text size="sm" c="dimmed">
          None.
        </Text>
      ) : (
        <Table verticalSpacing={4} aria-label={title}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Lead</Table.Th>
              <Table.Th>Fit</Table.Th>
              <Table.Th ta="right">Interest</Table.Th>
              <Table.Th>Converted</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {leads.map((l) => (
              <Table.Tr key={l.leadId}>
                <Table.Td>
                  <RouterAnchor to="/leads/$id" params={{ id: l.leadId }} size="sm">
                    {l.name || l.email || 'Unnamed lead'}
                  </RouterAnchor>
                </Table.Td>
                <Table.Td>{l.fitGrade ?? '—'}</Table.Td>
                <Table.Td ta="right">{Math.round(l.interest)}</Table.Td>
                <Table.Td>
                  {l.converted ? (
                    <Badge color="green" variant="light">
                      yes
                    </Badge>
                  ) : (
                    'no'
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function Results({ result }: { result: BacktestResult }) {
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {result.leads.toLocaleString()} leads and {result.events.toLocaleString()} events
        {result.activeVersion ? `, compared with version ${result.activeVersion} (active)` : ''}.
      </Text>
      <MetricCards result={result} />
      <BarChart title="MQLs per week" data={weeklyMqls(result)} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <BarChart title="Fit grades" data={gradeDistribution(result.fitGrades)} />
        <BarChart title="Interest at the end of the window" data={interestBands(result.interestHistogram)} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <FlipTable title="Would become MQLs" leads={result.flips.gained} total={result.flips.gainedCount} />
        <FlipTable title="Would no longer be MQLs" leads={result.flips.lost} total={result.flips.lostCount} />
      </SimpleGrid>
    </Stack>
  );
}

/**
 * Runs a contract over history and compares it with the active version: MQLs per week, grades,
 * interest, precision, recall and lift against what really happened, and the leads that flip.
 */
export function BacktestPanel({ source, title }: { source: BacktestSource; title: string }) {
  const [settings, setSettings] = useState<BacktestSettings>({ days: 180, outcome: 'sql', withinDays: 90 });
  const [runId, setRunId] = useState<string | null>(null);
  const start = useStartBacktest();
  const run = useBacktestRun(runId);
  const span = windowFor(settings.days, new Date());

  const onRun = () => {
    const request: BacktestBody = {
      ...source,
      ...span,
      outcome: settings.outcome,
      withinDays: settings.withinDays,
    };
    start.mutate(request, { onSuccess: (created) => setRunId(created.id) });
  };
  const current = run.data;
  const running =
    start.isPending ||
    (current !== undefined && (current.status === 'queued' || current.status === 'running'));

  return (
    <Card withBorder padding="md" component="section" aria-label={title}>
      <Stack>
        <Title order={4}>{title}</Title>
        <Group align="flex-end" gap="sm">
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Window
            </Text>
            <SegmentedControl
              aria-label="Backtest window"
              value={String(settings.days)}
              onChange={(v) => setSettings((s) => ({ ...s, days: Number(v) }))}
              data={windowPresets.map((d) => ({ value: String(d), label: `${d} days` }))}
            />
          </Stack>
          <Select
            label="Counts as converted"
            w={170}
            value={settings.outcome}
            allowDeselect={false}
            data={outcomeStages.map((s) => ({ value: s, label: outcomeLabels[s] }))}
            onChange={(v) => {
              const outcome = outcomeStages.find((s) => s === v);
              if (outcome) setSettings((s) => ({ ...s, outcome }));
            }}
          />
          <NumberInput
            label="Within days of MQL"
            w={150}
            min={1}
            max={730}
            value={settings.withinDays}
            onChange={(v) => typeof v === 'number' && setSettings((s) => ({ ...s, withinDays: v }))}
          />
          <Button onClick={onRun} loading={running}>
            Run backtest
          </Button>
        </Group>
        {start.isError ? <ErrorAlert error={start.error} title="The backtest could not start" /> : null}
        {run.isError ? <ErrorAlert error={run.error} title="The backtest could not be followed" /> : null}
        {current && (current.status === 'queued' || current.status === 'running') ? (
          <Stack gap={4}>
            <Progress value={progressPercent(current.progress)} aria-label="Backtest progress" animated />
            <Text size="xs" c="dimmed">
              {current.status === 'queued'
                ? 'Waiting to start…'
                : `${current.progress.done.toLocaleString()} of ${current.progress.total.toLocaleString()}`}
            </Text>
          </Stack>
        ) : null}
        {current?.status === 'failed' ? (
          <Text c="red" size="sm" role="alert">
            The backtest failed: {current.error ?? 'no reason given'}
          </Text>
        ) : null}
        {current?.status === 'done' && current.result ? <Results result={current.result} /> : null}
        <SignalLiftPanel settings={settings} />
      </Stack>
    </Card>
  );
}
