import { Button, Center, Loader, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { formatCents } from '../../lib/money.js';
import { ErrorAlert } from '../../ui/error-alert.js';
import { PageHeader } from '../../ui/page-header.js';
import { RouterAnchor } from '../../ui/router-links.js';
import { useCurrentSession } from '../auth/use-session.js';
import { type OpportunityStatus, useOpportunities, usePipelineStages } from './opportunities-api.js';
import { DealStatusBadge } from './status-badge.js';

const descriptions: Record<string, string> = {
  sales_rep: 'Your deals.',
  sales_manager: 'Your team’s deals.',
  partner: 'Your partner’s deals.',
};

export function OpportunitiesPage() {
  const { user } = useCurrentSession();
  const [status, setStatus] = useState<OpportunityStatus | undefined>(undefined);
  const deals = useOpportunities(status);
  const stages = usePipelineStages();
  const stageName = (key: string) => stages.data?.find((s) => s.key === key)?.name ?? key;
  const rows = deals.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack gap={0}>
      <PageHeader
        title="Opportunities"
        description={`${descriptions[user.role] ?? 'Every deal in the workspace.'} Newest first.`}
        actions={
          <SegmentedControl
            aria-label="Filter by status"
            value={status ?? 'all'}
            onChange={(v) => setStatus(v === 'open' || v === 'won' || v === 'lost' ? v : undefined)}
            data={[
              { value: 'all', label: 'All' },
              { value: 'open', label: 'Open' },
              { value: 'won', label: 'Won' },
              { value: 'lost', label: 'Lost' },
            ]}
          />
        }
      />
      {deals.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading opportunities" />
        </Center>
      ) : deals.isError ? (
        <ErrorAlert
          error={deals.error}
          title="Opportunities could not be loaded"
          onRetry={() => void deals.refetch()}
        />
      ) : rows.length === 0 ? (
        <Text c="dimmed" py="xl" ta="center">
          No opportunities{status ? ` with status ${status}` : ''}.
        </Text>
      ) : (
        <Stack>
          <Table.ScrollContainer minWidth={720}>
            <Table striped highlightOnHover verticalSpacing="xs" aria-label="Opportunities">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Opportunity</Table.Th>
                  <Table.Th>Account</Table.Th>
                  <Table.Th>Stage</Table.Th>
                  <Table.Th ta="right">Amount</Table.Th>
                  <Table.Th>Close date</Table.Th>
                  <Table.Th>Status</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((o) => (
                  <Table.Tr key={o.id}>
                    <Table.Td>
                      <RouterAnchor to="/opportunities/$id" params={{ id: o.id }}>
                        {o.name}
                      </RouterAnchor>
                    </Table.Td>
                    <Table.Td>{o.account?.name ?? '—'}</Table.Td>
                    <Table.Td>{stageName(o.stage)}</Table.Td>
                    <Table.Td ta="right">{formatCents(o.amountCents, o.currency)}</Table.Td>
                    <Table.Td>{o.closeDate ?? '—'}</Table.Td>
                    <Table.Td>
                      <DealStatusBadge status={o.status} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Text size="sm" c="dimmed">
            Showing {rows.length} opportunit{rows.length === 1 ? 'y' : 'ies'}
          </Text>
          {deals.hasNextPage ? (
            <Button
              variant="light"
              onClick={() => void deals.fetchNextPage()}
              loading={deals.isFetchingNextPage}
            >
              Load more
            </Button>
          ) : null}
        </Stack>
      )}
    </Stack>
  );
}
