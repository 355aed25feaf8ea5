import { Center, Group, Loader, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { formatDateTime } from '../../lib/format.js';
import { ErrorAlert } from '../../ui/error-alert.js';
import { PageHeader } from '../../ui/page-header.js';
import { RouterAnchor } from '../../ui/router-links.js';
import { useCurrentSession } from '../auth/use-session.js';
import { useActiveContract } from '../contract/contract-api.js';
import { NoAccess } from '../shell/no-access.js';
import { ReasonBars } from './reason-bars.js';
import { actionLabel, dateRangeQuery, reasonBars, reasonLabel, reasonLabels } from './reason-labels.js';
import { useReturnedLeads } from './returned-api.js';

/** Marketing's view of what sales sent back: who, why (with the contract's labels), and counts. */
export function ReturnedPage() {
  const { user } = useCurrentSession();
  if (!['marketing', 'sales_manager', 'admin'].includes(user.role)) return <NoAccess what="returned leads" />;
  return <ReturnedView />;
}

function ReturnedView() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const range = useMemo(() => dateRangeQuery(from, to), [from, to]);
  const returned = useReturnedLeads(range);
  const contract = useActiveContract();
  const labels = useMemo(() => reasonLabels(contract.data?.document), [contract.data]);
  return (
    <Stack gap="lg">
      <PageHeader
        title="Returned leads"
        description="Leads sales rejected, recycled or disqualified, with the contract’s reason for each."
        actions={
          <Group gap="xs" align="flex-end">
            <TextInput
              type="date"
              label="From"
              value={from}
              onChange={(e) => setFrom(e.currentTarget.value)}
            />
            <TextInput type="date" label="To" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
          </Group>
        }
      />
      {returned.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading returned leads" />
        </Center>
      ) : returned.isError ? (
        <ErrorAlert
          error={returned.error}
          title="Returned leads could not be loaded"
          onRetry={() => void returned.refetch()}
        />
      ) : (
        <>
          <Paper withBorder p="md" component="section" aria-label="By reason">
            <Title order={4} mb="sm">
              By reason
            </Title>
            <ReasonBars bars={reasonBars(returned.data.byReason, labels)} />
          </Paper>
          <Paper withBorder p="md" component="section" aria-label="Returned">
            <Group justify="space-between" mb="sm">
              <Title order={4}>Returned</Title>
              <Text size="sm" c="dimmed">
                {returned.data.items.length} {returned.data.items.length === 1 ? 'lead' : 'leads'}
              </Text>
            </Group>
            {returned.data.items.length === 0 ? (
              <Text c="dimmed">Nothing returned in this range.</Text>
            ) : (
              <Table aria-label="Returned leads" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Lead</Table.Th>
                    <Table.Th>Action</Table.Th>
                    <Table.Th>Reason</Table.Th>
                    <Table.Th>Note</Table.Th>
                    <Table.Th>By</Table.Th>
                    <Table.Th>When</Table.Th>
                    <Table.Th>Stage now</Table.Th>
                    <Table.Th>Contract</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {returned.data.items.map((item) => (
                    <Table.Tr key={`${item.leadId}:${item.at}`}>
                      <Table.Td>
                        <RouterAnchor to="/leads/$id" params={{ id: item.leadId }}>
                          {item.leadName ?? 'Unnamed lead'}
                        </RouterAnchor>
                      </Table.Td>
                      <Table.Td>{actionLabel(item.action)}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{reasonLabel(labels, item.reasonCode)}</Text>
                        {item.reasonCode ? (
                          <Text size="xs" c="dimmed" ff="monospace">
                            {item.reasonCode}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td maw={260}>
                        <Text size="sm" lineClamp={2}>
                          {item.note ?? '—'}
                        </Text>
                      </Table.Td>
                      <Table.Td>{item.actorName ?? '—'}</Table.Td>
                      <Table.Td>{formatDateTime(item.at)}</Table.Td>
                      <Table.Td>{item.currentStage}</Table.Td>
                      <Table.Td>{item.contractVersion === null ? '—' : `v${item.contractVersion}`}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Paper>
        </>
      )}
    </Stack>
  );
}
