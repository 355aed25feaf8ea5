import { Alert, Button, Card, Center, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { describeError } from '../../lib/describe-error.js';
import { ErrorAlert } from '../../ui/error-alert.js';
import { PageHeader } from '../../ui/page-header.js';
import { RouterAnchor } from '../../ui/router-links.js';
import { useCurrentSession } from '../auth/use-session.js';
import { FitGradeBadge } from '../leads/fit-grade-badge.js';
import { StageBadge } from '../leads/stage-badge.js';
import { NoAccess } from '../shell/no-access.js';
import { type InboxItem, useInbox, useLeadCommand, useLiveHandoff, useTeamQueue } from './handoff-api.js';
import { LeadActionBar } from './lead-action-bar.js';
import { SlaCountdowns } from './sla-countdown.js';

const inboxRoles = new Set(['sales_rep', 'sales_manager', 'admin']);
const rowActions = ['accept', 'reject', 'recycle', 'activity'] as const;
/** The server's default page of the inbox. */
const inboxLimit = 100;

/** Keeps a badge whole: a narrow table column would otherwise cut its label to an ellipsis. */
function Whole({ children }: { children: ReactNode }) {
  return <div style={{ minWidth: 'max-content' }}>{children}</div>;
}

const nameOf = (item: InboxItem) => item.contact.name || item.contact.email || 'Unnamed lead';

function LeadCells({ item }: { item: InboxItem }) {
  return (
    <>
      <Table.Td>
        <RouterAnchor to="/leads/$id" params={{ id: item.id }} fw={600}>
          {nameOf(item)}
        </RouterAnchor>
        {item.contact.title ? (
          <Text size="xs" c="dimmed">
            {item.contact.title}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>{item.account?.name ?? <Text c="dimmed">—</Text>}</Table.Td>
      <Table.Td>
        <Whole>
          <StageBadge stage={item.stage} />
        </Whole>
      </Table.Td>
      <Table.Td>
        <Whole>
          <FitGradeBadge grade={item.fitGrade} points={item.fitPoints} />
        </Whole>
      </Table.Td>
      <Table.Td ta="right">{Math.round(item.interest)}</Table.Td>
      <Table.Td>{item.source ?? <Text c="dimmed">—</Text>}</Table.Td>
    </>
  );
}

function LeadHead({ last }: { last: string }) {
  return (
    <Table.Thead>
      <Table.Tr>
        <Table.Th>Contact</Table.Th>
        <Table.Th>Company</Table.Th>
        <Table.Th>Stage</Table.Th>
        <Table.Th>Fit</Table.Th>
        <Table.Th ta="right">Interest</Table.Th>
        <Table.Th>Source</Table.Th>
        <Table.Th>SLA</Table.Th>
        <Table.Th>{last}</Table.Th>
      </Table.Tr>
    </Table.Thead>
  );
}

function MyLeads() {
  const inbox = useInbox();
  if (inbox.isPending)
    return (
      <Center py="xl">
        <Loader aria-label="Loading your inbox" />
      </Center>
    );
  if (inbox.isError)
    return (
      <ErrorAlert
        error={inbox.error}
        title="The inbox could not be loaded"
        onRetry={() => void inbox.refetch()}
      />
    );
  if (inbox.data.length === 0)
    return (
      <Alert color="gray" variant="light" title="Inbox zero">
        No open leads right now. New ones appear here the moment routing assigns them.
      </Alert>
    );
  return (
    <Table.ScrollContainer minWidth={1000}>
      {inbox.data.length >= inboxLimit ? (
        <Text size="sm" c="dimmed" mb="xs">
          The first {inboxLimit} open leads by priority; work these and the rest move up.
        </Text>
      ) : null}
      <Table verticalSpacing="sm" highlightOnHover aria-label="My open leads" data-testid="inbox-table">
        <LeadHead last="Actions" />
        <Table.Tbody>
          {inbox.data.map((item) => (
            <Table.Tr key={item.id} data-testid="inbox-row" data-lead-id={item.id} data-stage={item.stage}>
              <LeadCells item={item} />
              <Table.Td miw={170}>
                <SlaCountdowns clocks={item.clocks} />
              </Table.Td>
              <Table.Td>
                <LeadActionBar
                  lead={{ id: item.id, stage: item.stage, ownerId: item.ownerId, name: nameOf(item) }}
                  only={rowActions}
                  size="xs"
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ClaimButton({ item }: { item: InboxItem }) {
  const claim = useLeadCommand(item.id);
  const [error, setError] = useState<unknown>(null);
  return (
    <Stack gap={2}>
      <Button
        size="xs"
        variant="light"
        loading={claim.isPending}
        onClick={() => {
          setError(null);
          claim.mutate({ type: 'claim' }, { onError: setError });
        }}
      >
        Claim
      </Button>
      {error ? (
        <Text size="xs" c="red" role="alert" maw={220}>
          {describeError(error)}
        </Text>
      ) : null}
    </Stack>
  );
}

function TeamQueue() {
  const queue = useTeamQueue();
  const { user } = useCurrentSession();
  return (
    <Card withBorder padding="md" component="section" aria-label="Team queue">
      <Stack gap="sm">
        <Title order={3} size="h4">
          Team queue
        </Title>
        <Text size="sm" c="dimmed">
          MQLs routing could not give to anyone (everyone out of office or at capacity). Claim one to make it
          yours; its clocks start then.
        </Text>
        {queue.isPending ? (
          <Loader size="sm" aria-label="Loading the team queue" />
        ) : queue.isError ? (
          <ErrorAlert
            error={queue.error}
            title="The queue could not be loaded"
            onRetry={() => void queue.refetch()}
          />
        ) : queue.data.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="queue-empty">
            Nobody is waiting.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={1000}>
            <Table verticalSpacing="xs" aria-label="Unowned leads" data-testid="queue-table">
              <LeadHead last="" />
              <Table.Tbody>
                {queue.data.map((item) => (
                  <Table.Tr key={item.id} data-testid="queue-row">
                    <LeadCells item={item} />
                    <Table.Td>
                      <Text size="xs" c="dimmed">
                        starts on claim
                      </Text>
                    </Table.Td>
                    <Table.Td>{user.role === 'admin' ? null : <ClaimButton item={item} />}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}

/**
 * The rep's inbox: open leads by priority (fit grade, then interest) with live SLA countdowns and
 * one-click actions, and the team queue of unowned MQLs. Notifications about leads and clocks
 * refresh it live.
 */
export function InboxPage() {
  const { user } = useCurrentSession();
  useLiveHandoff();
  if (!inboxRoles.has(user.role)) return <NoAccess what="the inbox" />;
  return (
    <Stack>
      <PageHeader
        title="Inbox"
        description="Your open leads, best fit first. Accept or reject before the clock runs out; the first call, email or meeting stops the first-touch clock."
      />
      <MyLeads />
      <TeamQueue />
    </Stack>
  );
}
