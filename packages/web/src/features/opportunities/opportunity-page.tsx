import {
  Badge,
  Card,
  Center,
  Group,
  Loader,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { ApiError } from '../../lib/api.js';
import { formatDateTime } from '../../lib/format.js';
import { formatCents } from '../../lib/money.js';
import { ErrorAlert } from '../../ui/error-alert.js';
import { PageHeader } from '../../ui/page-header.js';
import { RouterAnchor, RouterButton } from '../../ui/router-links.js';
import { modelLabel } from '../attribution/models.js';
import { creditTable } from './deal-credits.js';
import {
  type Opportunity,
  useDealAttribution,
  useOpportunity,
  usePipelineStages,
} from './opportunities-api.js';
import { DealStatusBadge } from './status-badge.js';

const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const formatDate = (iso: string) => day.format(new Date(iso));

const route = getRouteApi('/_app/opportunities/$id');

export function OpportunityPage() {
  const { id } = route.useParams();
  const deal = useOpportunity(id);
  if (deal.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading opportunity" />
      </Center>
    );
  }
  if (deal.isError) {
    if (deal.error instanceof ApiError && deal.error.status === 404) {
      return (
        <Stack align="flex-start">
          <Title order={3}>Opportunity not found</Title>
          <RouterButton to="/opportunities" variant="light">
            All opportunities
          </RouterButton>
        </Stack>
      );
    }
    return (
      <ErrorAlert
        error={deal.error}
        title="The opportunity could not be loaded"
        onRetry={() => void deal.refetch()}
      />
    );
  }
  return <OpportunityDetail deal={deal.data} />;
}

function OpportunityDetail({ deal }: { deal: Opportunity }) {
  const stages = usePipelineStages();
  const stage = stages.data?.find((s) => s.key === deal.stage)?.name ?? deal.stage;
  const reason = deal.status === 'won' ? deal.wonReason : deal.status === 'lost' ? deal.lostReason : null;
  return (
    <Stack gap="lg">
      <PageHeader
        title={deal.name}
        description={
          <Group gap="xs" component="span">
            <span>{deal.account?.name ?? 'No account'}</span>
            <DealStatusBadge status={deal.status} />
          </Group>
        }
      />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder component="section" aria-label="Details">
          <Title order={4} mb="sm">
            Details
          </Title>
          <Table variant="vertical" layout="fixed" withRowBorders={false}>
            <Table.Tbody>
              <Field
                label="Amount"
                value={formatCents(deal.amountCents, deal.currency)}
                testId="deal-amount"
              />
              <Field label="Stage" value={`${stage} (${deal.probability} %)`} />
              <Field label="Close date" value={deal.closeDate ?? '—'} />
              {deal.closedAt ? <Field label="Closed" value={formatDateTime(deal.closedAt)} /> : null}
              {reason ? (
                <Field label={deal.status === 'won' ? 'Won because' : 'Lost because'} value={reason} />
              ) : null}
              <Field label="Created" value={formatDateTime(deal.createdAt)} />
            </Table.Tbody>
          </Table>
          {deal.sourceLeadId ? (
            <RouterAnchor to="/leads/$id" params={{ id: deal.sourceLeadId }} size="sm">
              Source lead
            </RouterAnchor>
          ) : null}
        </Card>
        <Card withBorder component="section" aria-label="Contact roles">
          <Title order={4} mb="sm">
            Contact roles
          </Title>
          {(deal.contactRoles ?? []).length === 0 ? (
            <Text c="dimmed" size="sm">
              No contacts on this deal.
            </Text>
          ) : (
            <Table verticalSpacing={4} aria-label="Contact roles">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Contact</Table.Th>
                  <Table.Th>Role</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(deal.contactRoles ?? []).map((r) => (
                  <Table.Tr key={r.contactId}>
                    <Table.Td>
                      <Text size="sm">{r.name ?? r.email ?? 'Unnamed contact'}</Text>
                      {r.name && r.email ? (
                        <Text size="xs" c="dimmed">
                          {r.email}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs">
                        {r.role.replace(/_/g, ' ')}
                        {r.isPrimary ? (
                          <Badge size="xs" variant="light">
                            primary
                          </Badge>
                        ) : null}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Card>
      </SimpleGrid>
      <DealCredits id={deal.id} />
    </Stack>
  );
}

function Field({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Table.Tr>
      <Table.Th w={140}>{label}</Table.Th>
      <Table.Td data-testid={testId}>{value}</Table.Td>
    </Table.Tr>
  );
}

/** Every touch of the deal with its credit under each model side by side, and the total row. */
function DealCredits({ id }: { id: string }) {
  const [halfLife, setHalfLife] = useState<number>(7);
  const attribution = useDealAttribution(id, halfLife > 0 ? halfLife : undefined);
  return (
    <Card withBorder component="section" aria-label="Attribution">
      <Group justify="space-between" align="flex-end" mb="sm">
        <Stack gap={2}>
          <Title order={4}>Attribution</Title>
          {attribution.data ? (
            <Text size="sm" c="dimmed">
              {attribution.data.basis === 'revenue' ? 'Revenue' : 'Pipeline'}: touches up to{' '}
              {formatDateTime(attribution.data.conversionAt)}. Each column sums to the amount.
            </Text>
          ) : null}
        </Stack>
        <NumberInput
          label="Time-decay half-life (days)"
          size="xs"
          w={190}
          min={0.5}
          max={3650}
          value={halfLife}
          onChange={(v) => setHalfLife(typeof v === 'number' ? v : Number(v) || 0)}
        />
      </Group>
      {attribution.isPending ? (
        <Loader size="sm" aria-label="Loading attribution" />
      ) : attribution.isError ? (
        <ErrorAlert error={attribution.error} title="Attribution could not be loaded" />
      ) : (
        <CreditTable deal={attribution.data} />
      )}
    </Card>
  );
}

function CreditTable({ deal }: { deal: NonNullable<ReturnType<typeof useDealAttribution>['data']> }) {
  const money = (cents: number) => formatCents(cents, deal.opportunity.currency);
  const table = creditTable(deal, (t) => t.campaign?.name ?? `${t.channel} · ${t.kind.replace(/_/g, ' ')}`);
  if (table.rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No touches: the whole amount is unattributed under every model.
      </Text>
    );
  }
  const touchById = new Map(deal.touches.map((t) => [t.id, t]));
  return (
    <Table.ScrollContainer minWidth={300 + table.models.length * 110}>
      <Table striped verticalSpacing={4} aria-label="Credit per touch and model" fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Touch</Table.Th>
            <Table.Th>When</Table.Th>
            {table.models.map((m) => (
              <Table.Th key={m} ta="right">
                {modelLabel(m)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {table.rows.map((row) => {
            const touch = touchById.get(row.key);
            return (
              <Table.Tr key={row.key}>
                <Table.Td>
                  {touch?.campaign ? (
                    <RouterAnchor to="/campaigns/$id" params={{ id: touch.campaign.id }}>
                      {row.label}
                    </RouterAnchor>
                  ) : (
                    row.label
                  )}
                  {touch?.campaign ? (
                    <Text size="xs" c="dimmed">
                      {`${touch.channel} · ${touch.kind.replace(/_/g, ' ')}`}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{touch ? formatDate(touch.at) : ''}</Table.Td>
                {row.cents.map((c, i) => (
                  <Table.Td key={table.models[i]} ta="right" c={c === 0 ? 'dimmed' : undefined}>
                    {money(c)}
                  </Table.Td>
                ))}
              </Table.Tr>
            );
          })}
          {table.unattributed ? (
            <Table.Tr>
              <Table.Td colSpan={2}>Unattributed</Table.Td>
              {table.unattributed.cents.map((c, i) => (
                <Table.Td key={table.models[i]} ta="right">
                  {money(c)}
                </Table.Td>
              ))}
            </Table.Tr>
          ) : null}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr fw={700} data-testid="credit-total-row">
            <Table.Td colSpan={2}>Total {table.balanced ? '= amount' : '≠ amount'}</Table.Td>
            {table.total.cents.map((c, i) => (
              <Table.Td key={table.models[i]} ta="right" data-cents={c}>
                {money(c)}
              </Table.Td>
            ))}
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}
