import { Alert, Badge, Button, Card, Center, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { formatDateTime } from '../../lib/format.js';
import { ErrorAlert } from '../../ui/error-alert.js';
import { RouterAnchor } from '../../ui/router-links.js';
import { useCurrentSession } from '../auth/use-session.js';
import { clockLabel } from '../handoff/countdown.js';
import {
  type Handoff,
  type ReasonOption,
  useContactEvents,
  useContractReasons,
  useLeadHandoff,
  useLiveHandoff,
} from '../handoff/handoff-api.js';
import { LeadActionBar } from '../handoff/lead-action-bar.js';
import { SlaCountdown } from '../handoff/sla-countdown.js';
import type { Lead } from '../leads/leads-api.js';
import { StageBadge } from '../leads/stage-badge.js';

function Section({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Card withBorder padding="md" component="section" aria-label={label}>
      <Stack gap="sm">
        <Title order={3} size="h4">
          {label}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}

const causeLabels: Record<string, string> = { rule: 'contract rule', user: 'person', system: 'system' };

function reasonLabel(code: string | null, lists: ReasonOption[][]): string | null {
  if (!code) return null;
  for (const list of lists) {
    const found = list.find((r) => r.code === code);
    if (found) return found.label;
  }
  return null;
}

function History({ handoff, lead }: { handoff: Handoff; lead: Lead }) {
  const { user } = useCurrentSession();
  const reasons = useContractReasons();
  const actorName = (id: string | null) =>
    id === null ? '—' : id === user.id ? 'you' : id === lead.owner?.id ? lead.owner.name : 'a colleague';
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="xs" aria-label="Stage history" data-testid="stage-history">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Stage</Table.Th>
            <Table.Th>Cause</Table.Th>
            <Table.Th>By</Table.Th>
            <Table.Th>Reason</Table.Th>
            <Table.Th>Note</Table.Th>
            <Table.Th>Contract</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...handoff.history].reverse().map((h) => {
            const label = reasonLabel(h.reason_code, [reasons.reject, reasons.recycle]);
            return (
              <Table.Tr key={`${h.at}-${h.to_stage}-${h.from_stage ?? ''}`} data-testid="history-row">
                <Table.Td>{formatDateTime(h.at)}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap" miw="max-content">
                    {h.from_stage ? <StageBadge stage={h.from_stage} /> : null}
                    {h.from_stage ? '→' : null}
                    <StageBadge stage={h.to_stage} />
                  </Group>
                </Table.Td>
                <Table.Td>{causeLabels[h.cause] ?? h.cause}</Table.Td>
                <Table.Td>{actorName(h.actor_id)}</Table.Td>
                <Table.Td>
                  {h.reason_code ? (
                    <Text size="sm" title={h.reason_code}>
                      {label ?? h.reason_code}
                    </Text>
                  ) : (
                    '—'
                  )}
                </Table.Td>
                <Table.Td>{h.note ?? '—'}</Table.Td>
                <Table.Td>{h.contract_version === null ? '—' : `v${h.contract_version}`}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Clocks({ handoff }: { handoff: Handoff }) {
  const running = handoff.clocks.filter((c) => c.stoppedAt === null);
  const stopped = handoff.clocks.filter((c) => c.stoppedAt !== null).slice(-5);
  if (handoff.clocks.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No service-level clock has run on this lead.
      </Text>
    );
  return (
    <Stack gap={6}>
      {running.map((c) => (
        <SlaCountdown key={c.id} clock={c} />
      ))}
      {stopped.map((c) => (
        <Text key={c.id} size="sm" c="dimmed">
          {clockLabel(c.kind)}: {c.outcome ?? 'stopped'} ({c.stopCause ?? '—'}) {formatDateTime(c.stoppedAt)}
        </Text>
      ))}
    </Stack>
  );
}

function Activities({ handoff }: { handoff: Handoff }) {
  if (handoff.activities.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No calls, emails or meetings logged yet.
      </Text>
    );
  return (
    <Stack gap={6} data-testid="activities">
      {handoff.activities.map((a) => (
        <Group key={a.id} gap="xs" align="flex-start" wrap="nowrap">
          <Badge variant="light" color="gray" w={80}>
            {a.kind}
          </Badge>
          <Stack gap={0}>
            <Text size="sm" fw={500}>
              {a.subject || '(no subject)'}
            </Text>
            {a.note ? <Text size="sm">{a.note}</Text> : null}
            <Text size="xs" c="dimmed">
              {formatDateTime(a.occurred_at)}
            </Text>
          </Stack>
        </Group>
      ))}
    </Stack>
  );
}

function People({ handoff }: { handoff: Handoff }) {
  if (!handoff.account)
    return (
      <Text size="sm" c="dimmed">
        No company known.
      </Text>
    );
  if (handoff.accountPeople.length === 0)
    return (
      <Text size="sm" c="dimmed">
        Nobody else at {handoff.account.name} yet.
      </Text>
    );
  return (
    <Table verticalSpacing={4} aria-label="People at the account">
      <Table.Tbody>
        {handoff.accountPeople.map((p) => (
          <Table.Tr key={p.id}>
            <Table.Td>
              {p.leadId ? (
                <RouterAnchor to="/leads/$id" params={{ id: p.leadId }} size="sm">
                  {p.name ?? 'Unnamed'}
                </RouterAnchor>
              ) : (
                <Text size="sm">{p.name ?? 'Unnamed'}</Text>
              )}
            </Table.Td>
            <Table.Td>{p.title ?? '—'}</Table.Td>
            <Table.Td>
              {p.stage ? <StageBadge stage={p.stage} /> : <Text c="dimmed">no open lead</Text>}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Timeline({ contactId }: { contactId: string }) {
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const cursor = cursors.at(-1) ?? null;
  const page = useContactEvents(contactId, cursor);
  if (page.isPending) return <Loader size="sm" aria-label="Loading the timeline" />;
  if (page.isError)
    return (
      <ErrorAlert
        error={page.error}
        title="The timeline could not be loaded"
        onRetry={() => void page.refetch()}
      />
    );
  return (
    <Stack gap={6}>
      {page.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No events.
        </Text>
      ) : (
        <Table verticalSpacing={4} aria-label="Event timeline">
          <Table.Tbody>
            {page.data.items.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td w={180}>{formatDateTime(e.occurredAt)}</Table.Td>
                <Table.Td w={90}>
                  <Badge variant="outline" color="gray">
                    {e.type}
                  </Badge>
                </Table.Td>
                <Table.Td>{e.name ?? e.pageUrl ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group gap="xs">
        <Button
          size="xs"
          variant="default"
          disabled={cursors.length <= 1}
          onClick={() => setCursors((c) => c.slice(0, -1))}
        >
          Newer
        </Button>
        <Button
          size="xs"
          variant="default"
          disabled={!page.data.nextCursor}
          onClick={() => setCursors((c) => [...c, page.data.nextCursor])}
        >
          Older
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * The lead's hand-off between marketing and sales: the actions its stage allows, the running
 * clocks, the stage history with reasons, activities, the account's people and the event timeline.
 */
export function HandoffSection({ lead }: { lead: Lead }) {
  const handoff = useLeadHandoff(lead.id);
  useLiveHandoff();
  if (handoff.isPending)
    return (
      <Center py="md">
        <Loader size="sm" aria-label="Loading the hand-off" />
      </Center>
    );
  if (handoff.isError)
    return (
      <ErrorAlert
        error={handoff.error}
        title="The hand-off could not be loaded"
        onRetry={() => void handoff.refetch()}
      />
    );
  const h = handoff.data;
  const name = lead.contact.name || lead.contact.email || 'this lead';
  return (
    <Stack>
      <Section label="Sales actions">
        <LeadActionBar
          lead={{ id: h.id, stage: h.stage, ownerId: h.ownerId, name }}
          people={h.accountPeople}
        />
        {['recycled', 'disqualified', 'won', 'lost', 'lead'].includes(h.stage) ? (
          <Text size="sm" c="dimmed">
            The lead is not with sales now; nothing to do here.
          </Text>
        ) : null}
        {h.ownerId === null && h.stage === 'mql' ? (
          <Alert color="yellow" variant="light">
            Nobody owns this lead yet: it waits in the team queue of the inbox.
          </Alert>
        ) : null}
      </Section>
      <Section label="Service-level clocks">
        <Clocks handoff={h} />
      </Section>
      <Section label="Stage history">
        <History handoff={h} lead={lead} />
      </Section>
      <Section label="Activities">
        <Activities handoff={h} />
      </Section>
      <Section label={h.account ? `People at ${h.account.name}` : 'People at the account'}>
        <People handoff={h} />
      </Section>
      <Section label="Event timeline">
        <Timeline contactId={lead.contact.id} />
      </Section>
    </Stack>
  );
}
