import {
  Card,
  Center,
  Group,
  Loader,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { formatDateTime } from '../../lib/format.js';
import { formatCents, formatShare } from '../../lib/money.js';
import { formatCount } from '../../lib/report-links.js';
import { ErrorAlert } from '../../ui/error-alert.js';
import { ExportLinks } from '../../ui/export-links.js';
import { PageHeader } from '../../ui/page-header.js';
import { HorizontalBars } from '../attribution/bars.js';
import { useCurrentSession } from '../auth/use-session.js';
import { stageLabels } from '../dashboard/dashboard-data.js';
import { canSeeReports } from '../shell/nav-items.js';
import { NoAccess } from '../shell/no-access.js';
import { type ForecastReport, forecastPath, useForecast } from './forecast-api.js';
import { accuracyVerdict, forecastParts, monthBars, stageBars } from './forecast-data.js';

const horizons = [
  { value: '', label: 'No limit' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '180', label: '180 days' },
];
const accuracyOptions = [30, 60, 90, 180];

export function ForecastPage() {
  const { user } = useCurrentSession();
  if (!canSeeReports(user.role)) return <NoAccess what="the forecast" />;
  return <Forecast />;
}

function Forecast() {
  const [horizon, setHorizon] = useState('');
  const [accuracyDays, setAccuracyDays] = useState(90);
  const query = {
    horizonDays: horizon === '' ? undefined : Number(horizon),
    accuracyDays,
    lookbackDays: 365,
  };
  const report = useForecast(query);
  return (
    <Stack gap="lg">
      <PageHeader
        title="Forecast"
        description="Revenue to come: open deals weighted by their stage’s probability, plus what today’s MQLs, accepted leads and SQLs should bring at the conversion rates and deal size measured over the last year. The two never count a lead twice."
        actions={<ExportLinks path={forecastPath} query={query} name="the forecast" />}
      />
      <Group align="flex-end" gap="md">
        <NativeSelect
          label="Leads closing within"
          w={200}
          value={horizon}
          onChange={(e) => setHorizon(e.currentTarget.value)}
          data={horizons}
        />
        <NativeSelect
          label="Check the forecast made"
          w={200}
          value={String(accuracyDays)}
          onChange={(e) => setAccuracyDays(Number(e.currentTarget.value))}
          data={accuracyOptions.map((d) => ({ value: String(d), label: `${d} days ago` }))}
        />
        {report.isFetching && report.data ? <Loader size="sm" aria-label="Updating the forecast" /> : null}
      </Group>
      {report.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading the forecast" />
        </Center>
      ) : report.isError ? (
        <ErrorAlert
          error={report.error}
          title="The forecast could not be loaded"
          onRetry={() => void report.refetch()}
        />
      ) : (
        <ForecastBody report={report.data} />
      )}
    </Stack>
  );
}

function ForecastBody({ report }: { report: ForecastReport }) {
  const money = (cents: number) => formatCents(cents, report.currency, { whole: true });
  const parts = forecastParts(report);
  const f = report.funnelForecast;
  const a = report.accuracy;
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Figure label="Expected revenue" value={money(parts.totalCents)} testId="forecast-total" />
        <Figure
          label={`Weighted pipeline (${formatCount(report.pipeline.stages.reduce((s, x) => s + x.count, 0))} open deals)`}
          value={money(parts.weightedCents)}
          testId="forecast-weighted"
        />
        <Figure
          label={`From the funnel (${formatShare(parts.funnelShare)} of the total)`}
          value={money(parts.funnelCents)}
          testId="forecast-funnel"
        />
      </SimpleGrid>
      {report.pipeline.weightedCents === 0 ? (
        <Text c="dimmed">No open deal in {report.currency}: the weighted pipeline is empty.</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Card withBorder>
            <HorizontalBars
              title="Weighted pipeline by stage"
              bars={stageBars(report.pipeline)}
              format={money}
            />
          </Card>
          <Card withBorder>
            <HorizontalBars
              title="Weighted pipeline by close month"
              bars={monthBars(report.pipeline)}
              format={money}
              color="var(--mantine-color-teal-6)"
            />
            {report.pipeline.undated > 0 ? (
              <Text size="xs" c="orange.8" mt="xs">
                {report.pipeline.undated} open deals have no close date and are left out of the months.
              </Text>
            ) : null}
          </Card>
        </SimpleGrid>
      )}
      <Card withBorder component="section" aria-label="Funnel-based forecast">
        <Title order={4} mb="xs">
          Funnel-based forecast
        </Title>
        <Table verticalSpacing="xs" aria-label="Funnel forecast by stage">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Stage today</Table.Th>
              <Table.Th ta="right">Leads</Table.Th>
              <Table.Th ta="right">Chance to win</Table.Th>
              {f.horizonEnd ? <Table.Th ta="right">Closing in time</Table.Th> : null}
              <Table.Th ta="right">Expected revenue</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {f.stages.map((s) => (
              <Table.Tr key={s.stage} data-stage={s.stage}>
                <Table.Td>{stageLabels[s.stage]}</Table.Td>
                <Table.Td ta="right">{formatCount(s.count)}</Table.Td>
                <Table.Td ta="right">{formatShare(s.winProbability)}</Table.Td>
                {f.horizonEnd ? <Table.Td ta="right">{formatCount(s.inHorizon)}</Table.Td> : null}
                <Table.Td ta="right">{money(s.expectedRevenueCents)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="xs" c="dimmed" mt="xs">
          Average won deal {f.averageDealCents === null ? '—' : money(f.averageDealCents)}, rates measured
          since {formatDateTime(f.measuredFrom)}
          {f.horizonEnd ? `; only leads expected to close by ${formatDateTime(f.horizonEnd)}` : ''}. Leads
          already in a deal are counted in the pipeline above.
        </Text>
      </Card>
      <Card withBorder component="section" aria-label="Forecast accuracy">
        <Title order={4} mb="xs">
          Forecast accuracy
        </Title>
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          <Figure label={`Forecast on ${formatDateTime(a.madeAt)}`} value={money(a.forecastCents)} small />
          <Figure
            label={`Won by those leads since (${a.wonDeals} deals)`}
            value={money(a.actualCents)}
            small
          />
          <Figure label="Accuracy" value={formatShare(a.accuracy)} small testId="forecast-accuracy" />
          <Figure label="Every deal won since" value={money(a.allWonCents)} small />
        </SimpleGrid>
        <Text size="sm" mt="xs">
          {accuracyVerdict(a)}
        </Text>
      </Card>
    </>
  );
}

function Figure({
  label,
  value,
  testId,
  small = false,
}: {
  label: string;
  value: string;
  testId?: string;
  small?: boolean;
}) {
  const body = (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fz={small ? 20 : 28} fw={700} lh={1.1} data-testid={testId}>
        {value}
      </Text>
    </Stack>
  );
  return small ? body : <Card withBorder>{body}</Card>;
}
