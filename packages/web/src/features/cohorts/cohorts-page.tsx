import { Badge, Card, Center, Group, Loader, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { formatShare } from '../../lib/money.js';
import { formatCount, monthLabel } from '../../lib/report-links.js';
import { ErrorAlert } from '../../ui/error-alert.js';
import { ExportLinks } from '../../ui/export-links.js';
import { PageHeader } from '../../ui/page-header.js';
import { useCurrentSession } from '../auth/use-session.js';
import { canSeeReports } from '../shell/nav-items.js';
import { NoAccess } from '../shell/no-access.js';
import { cohortGrid, heatColor } from './cohort-grid.js';
import { cohortsPath, useCohorts } from './cohorts-api.js';

const stageNames: Record<string, string> = { sql: 'SQL', opportunity: 'Opportunity', won: 'Won' };
const withinOptions = [30, 60, 90, 180, 365];
const monthOptions = [6, 12, 24];

export function CohortsPage() {
  const { user } = useCurrentSession();
  if (!canSeeReports(user.role)) return <NoAccess what="the funnel cohorts" />;
  return <Cohorts />;
}

function Cohorts() {
  const [withinDays, setWithinDays] = useState(90);
  const [months, setMonths] = useState(12);
  const query = { months, withinDays };
  const report = useCohorts(query);
  const grid = report.data ? cohortGrid(report.data) : null;
  return (
    <Stack gap="lg">
      <PageHeader
        title="MQL cohorts"
        description="Leads grouped by the month they first became MQLs, and the share of each month that went on to SQL, opportunity and won within the chosen number of days. Darker cells convert better."
        actions={<ExportLinks path={cohortsPath} query={query} name="cohorts" />}
      />
      <Group align="flex-end" gap="md">
        <NativeSelect
          label="Reached within"
          w={160}
          value={String(withinDays)}
          onChange={(e) => setWithinDays(Number(e.currentTarget.value))}
          data={withinOptions.map((d) => ({ value: String(d), label: `${d} days` }))}
        />
        <NativeSelect
          label="Months"
          w={140}
          value={String(months)}
          onChange={(e) => setMonths(Number(e.currentTarget.value))}
          data={monthOptions.map((m) => ({ value: String(m), label: `Last ${m}` }))}
        />
        {report.isFetching && report.data ? <Loader size="sm" aria-label="Updating cohorts" /> : null}
      </Group>
      {report.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading cohorts" />
        </Center>
      ) : report.isError ? (
        <ErrorAlert
          error={report.error}
          title="The cohorts could not be loaded"
          onRetry={() => void report.refetch()}
        />
      ) : grid && grid.rows.length === 0 ? (
        <Text c="dimmed">No lead became an MQL in these months.</Text>
      ) : grid && report.data ? (
        <Card withBorder>
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="xs" aria-label="MQL cohorts" withColumnBorders>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>First MQL</Table.Th>
                  <Table.Th ta="right">MQLs</Table.Th>
                  {grid.stages.map((stage) => (
                    <Table.Th key={stage} ta="center">
                      {stageNames[stage] ?? stage} within {report.data.withinDays} d
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {grid.rows.map((row) => (
                  <Table.Tr key={row.month} data-month={row.month}>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        {monthLabel(row.month)}
                        {row.complete ? null : (
                          <Badge
                            size="xs"
                            variant="outline"
                            color="gray"
                            title="Some of this month’s MQLs still have time to convert"
                          >
                            still open
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td ta="right">{formatCount(row.size)}</Table.Td>
                    {row.cells.map((cell) => (
                      <Table.Td
                        key={cell.stage}
                        ta="center"
                        data-stage={cell.stage}
                        data-share={cell.share}
                        style={{ backgroundColor: heatColor(cell.heat) }}
                        title={`${formatCount(cell.count)} of ${formatCount(row.size)}`}
                      >
                        <Text size="sm" fw={600} span>
                          {formatShare(cell.share)}
                        </Text>{' '}
                        <Text size="xs" c="dimmed" span>
                          ({formatCount(cell.count)})
                        </Text>
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Text size="xs" c="dimmed" mt="xs">
            Months are cut in the workspace’s time zone ({report.data.timeZone}). A month is still open until
            every one of its MQLs has had {report.data.withinDays} days.
          </Text>
        </Card>
      ) : null}
    </Stack>
  );
}
