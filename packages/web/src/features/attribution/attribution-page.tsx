import {
  Card,
  Center,
  Group,
  Loader,
  NativeSelect,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { formatCents, formatRoi, formatShare } from '../../lib/money.js';
import { ErrorAlert } from '../../ui/error-alert.js';
import { PageHeader } from '../../ui/page-header.js';
import { RouterAnchor } from '../../ui/router-links.js';
import {
  type AttributionModel,
  attributionModels,
  type MarketingShare,
  useAttributionReport,
} from './attribution-api.js';
import { type AttributionSearch, parseAttributionSearch } from './attribution-search.js';
import { HorizontalBars, ShareBar } from './bars.js';
import { modelLabels } from './models.js';
import { modelTable, type ReportLine, topBars } from './report-data.js';

const dayMs = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const isModel = (value: string): value is AttributionModel =>
  (attributionModels as readonly string[]).includes(value);

/** The report's window: whole days, `to` inclusive (the API's `to` is exclusive). */
function windowOf(fromDay: string, toDay: string): { from: string; to: string } | null {
  const from = new Date(`${fromDay}T00:00:00Z`);
  const to = new Date(new Date(`${toDay}T00:00:00Z`).getTime() + dayMs);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to) return null;
  return { from: from.toISOString(), to: to.toISOString() };
}

const route = getRouteApi('/_app/attribution');

export function AttributionPage() {
  const [today] = useState(() => new Date());
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const model = search.model ?? 'w_shaped';
  const by = search.by ?? 'campaign';
  const fromDay = search.from ?? isoDay(new Date(today.getTime() - 365 * dayMs));
  const toDay = search.to ?? isoDay(today);
  const halfLife = search.halfLife ?? 7;
  // The half-life input is edited freely; the address (and the report) follow valid values.
  const [halfLifeText, setHalfLifeText] = useState<number | string>(halfLife);
  const update = (changes: Partial<AttributionSearch>) =>
    void navigate({ search: (prev) => parseAttributionSearch({ ...prev, ...changes }), replace: true });
  const setModel = (value: AttributionModel) => update({ model: value });
  const setBy = (value: 'campaign' | 'channel') =>
    update({ by: value === 'channel' ? 'channel' : undefined });
  const setFromDay = (value: string) => update({ from: value });
  const setToDay = (value: string) => update({ to: value });
  const setHalfLife = (value: number | string) => {
    setHalfLifeText(value);
    const n = typeof value === 'number' ? value : Number(value);
    if (Number.isFinite(n) && n > 0 && n <= 3650) update({ halfLife: n });
  };

  const window = windowOf(fromDay, toDay);
  const report = useAttributionReport({
    from: window?.from ?? new Date(today.getTime() - 365 * dayMs).toISOString(),
    to: window?.to ?? today.toISOString(),
    by,
    halfLifeDays: model === 'time_decay' ? halfLife : undefined,
  });

  const data = report.data;
  const table = data ? modelTable(data, model) : null;
  const money = (cents: number) => formatCents(cents, data?.currency ?? 'USD', { whole: true });
  const groupLabel = by === 'campaign' ? 'campaign' : 'channel';

  return (
    <Stack gap="lg">
      <PageHeader
        title="Attribution"
        description="Which campaigns and channels produced pipeline and revenue, under the attribution model you choose. Every model credits the same deals, so totals stay equal."
      />
      <Group align="flex-end" gap="md" wrap="wrap">
        <NativeSelect
          label="Model"
          w={220}
          value={model}
          onChange={(e) => isModel(e.currentTarget.value) && setModel(e.currentTarget.value)}
          data={attributionModels.map((m) => ({ value: m, label: modelLabels[m] }))}
        />
        {model === 'time_decay' ? (
          <NumberInput
            label="Half-life (days)"
            w={140}
            min={0.5}
            max={3650}
            step={1}
            value={halfLifeText}
            onChange={setHalfLife}
            error={
              Number(halfLifeText) > 0 && Number(halfLifeText) <= 3650 ? null : 'between 0 and 3650 days'
            }
          />
        ) : null}
        <TextInput
          label="From"
          type="date"
          w={170}
          value={fromDay}
          onChange={(e) => setFromDay(e.currentTarget.value)}
          error={window ? null : 'must be before To'}
        />
        <TextInput
          label="To"
          type="date"
          w={170}
          value={toDay}
          onChange={(e) => setToDay(e.currentTarget.value)}
        />
        <SegmentedControl
          aria-label="Group by"
          value={by}
          onChange={(value) => setBy(value === 'channel' ? 'channel' : 'campaign')}
          data={[
            { value: 'campaign', label: 'By campaign' },
            { value: 'channel', label: 'By channel' },
          ]}
        />
        {report.isFetching && data ? <Loader size="sm" aria-label="Updating report" /> : null}
      </Group>

      {report.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading attribution" />
        </Center>
      ) : report.isError ? (
        <ErrorAlert
          error={report.error}
          title="The report could not be loaded"
          onRetry={() => void report.refetch()}
        />
      ) : data && table ? (
        <>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <ShareCard title="Pipeline" share={data.marketing.pipeline} money={money} testId="pipeline" />
            <ShareCard title="Revenue" share={data.marketing.revenue} money={money} testId="revenue" />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Card withBorder>
              <HorizontalBars
                title={`Pipeline by ${groupLabel} · ${modelLabels[model]}`}
                bars={topBars(table.lines, 'pipelineCents')}
                format={money}
              />
            </Card>
            <Card withBorder>
              <HorizontalBars
                title={`Revenue by ${groupLabel} · ${modelLabels[model]}`}
                bars={topBars(table.lines, 'revenueCents')}
                format={money}
                color="var(--mantine-color-teal-6)"
              />
            </Card>
          </SimpleGrid>
          <ReportTable
            title={`Attribution by ${groupLabel}`}
            by={by}
            lines={table.lines}
            unattributed={table.unattributed}
            total={table.total}
            money={(cents) => formatCents(cents, data.currency)}
          />
        </>
      ) : null}
    </Stack>
  );
}

function ShareCard({
  title,
  share,
  money,
  testId,
}: {
  title: string;
  share: MarketingShare;
  money: (cents: number) => string;
  testId: string;
}) {
  return (
    <Card withBorder aria-label={`Marketing-sourced ${title.toLowerCase()}`} component="section">
      <Stack gap={6}>
        <Text size="sm" c="dimmed">
          Marketing-sourced {title.toLowerCase()}
        </Text>
        <Title order={3} data-testid={`sourced-share-${testId}`}>
          {formatShare(share.sourcedShare)}
        </Title>
        <ShareBar label={`Marketing-sourced share of ${title.toLowerCase()}`} share={share.sourcedShare} />
        <Text size="sm">
          {money(share.sourcedCents)} sourced of {money(share.totalCents)} ·{' '}
          <Text span fw={600}>
            {formatShare(share.influencedShare)}
          </Text>{' '}
          influenced ({money(share.influencedCents)})
        </Text>
      </Stack>
    </Card>
  );
}

function ReportTable({
  title,
  by,
  lines,
  unattributed,
  total,
  money,
}: {
  title: string;
  by: 'campaign' | 'channel';
  lines: ReportLine[];
  unattributed: ReportLine | null;
  total: ReportLine;
  money: (cents: number) => string;
}) {
  const row = (line: ReportLine, strong = false) => (
    <Table.Tr key={line.key} data-key={line.key} fw={strong ? 700 : undefined}>
      <Table.Td>
        {line.campaignId ? (
          <RouterAnchor to="/campaigns/$id" params={{ id: line.campaignId }}>
            {line.label}
          </RouterAnchor>
        ) : (
          line.label
        )}
      </Table.Td>
      {by === 'campaign' ? <Table.Td>{line.channel || ''}</Table.Td> : null}
      <Table.Td ta="right">{line.key === 'unattributed' ? '' : money(line.costCents)}</Table.Td>
      <Table.Td ta="right" data-col="pipeline">
        {money(line.pipelineCents)}
      </Table.Td>
      <Table.Td ta="right" data-col="revenue">
        {money(line.revenueCents)}
      </Table.Td>
      <Table.Td ta="right">{formatRoi(line.roi)}</Table.Td>
    </Table.Tr>
  );
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped verticalSpacing="xs" aria-label={title}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{by === 'campaign' ? 'Campaign' : 'Channel'}</Table.Th>
            {by === 'campaign' ? <Table.Th>Channel</Table.Th> : null}
            <Table.Th ta="right">Cost</Table.Th>
            <Table.Th ta="right">Pipeline</Table.Th>
            <Table.Th ta="right">Revenue</Table.Th>
            <Table.Th ta="right" title="(revenue − cost) / cost">
              ROI
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((l) => row(l))}
          {unattributed ? row(unattributed) : null}
        </Table.Tbody>
        <Table.Tfoot>{row(total, true)}</Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}
