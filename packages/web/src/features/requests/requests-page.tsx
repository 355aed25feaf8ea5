import {
  Alert,
  Badge,
  Button,
  Card,
  Center,
  Group,
  Loader,
  Modal,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import type { Role } from '@tandem/contracts';
import { type FormEvent, useState } from 'react';
import { describeError } from '../../lib/describe-error.js';
import { fieldError } from '../../lib/field-error.js';
import { formatDateTime } from '../../lib/format.js';
import { ErrorAlert } from '../../ui/error-alert.js';
import { PageHeader } from '../../ui/page-header.js';
import { RouterAnchor } from '../../ui/router-links.js';
import { useCurrentSession } from '../auth/use-session.js';
import { NoAccess } from '../shell/no-access.js';
import { clockState, formatDeadline } from '../team/countdown.js';
import { useRefreshOnNotifications } from '../team/team-api.js';
import { useNow } from '../team/use-now.js';
import {
  canCreateRequests,
  groupByStatus,
  kindLabel,
  movesFor,
  type RequestMove,
  requestStatuses,
  statusLabel,
} from './board.js';
import { CreateRequestModal } from './create-request-modal.js';
import { type MarketingRequest, requestsKey, useAnswerRequest, useRequests } from './requests-api.js';

const moveLabels: Record<RequestMove, string> = { accept: 'Accept', deliver: 'Deliver', decline: 'Decline' };
const stateColors = { running: 'blue', warning: 'orange', overdue: 'red', stopped: 'gray' } as const;

function Countdown({ clock, now }: { clock: NonNullable<MarketingRequest['clock']>; now: number }) {
  const state = clockState(clock, now);
  if (state === 'stopped') {
    return (
      <Text size="xs" c="dimmed">
        Clock {clock.outcome === 'breached' ? 'breached' : 'met'}
      </Text>
    );
  }
  return (
    <Text size="xs" c={stateColors[state]} ff="monospace" data-testid="request-countdown">
      {formatDeadline(clock.dueAt, now)}
    </Text>
  );
}

function DeclineModal({ request, onClose }: { request: MarketingRequest | null; onClose: () => void }) {
  const answer = useAnswerRequest();
  const [reason, setReason] = useState('');
  const close = () => {
    answer.reset();
    setReason('');
    onClose();
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!request) return;
    answer.mutate({ id: request.id, move: 'decline', reason: reason.trim() }, { onSuccess: close });
  };
  const reasonError = fieldError(answer.error, 'reason');
  return (
    <Modal opened={request !== null} onClose={close} title={`Decline “${request?.title ?? ''}”`}>
      <form onSubmit={onSubmit} noValidate aria-label="Decline the request">
        <Stack gap="sm">
          <Textarea
            label="Reason"
            description="Sales sees it on the board."
            required
            autosize
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={reasonError}
          />
          {answer.error && !reasonError ? (
            <Alert color="red" variant="light" role="alert">
              {describeError(answer.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={answer.isPending} disabled={!reason.trim()}>
              Decline
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function RequestCard({
  request,
  role,
  now,
  onDecline,
}: {
  request: MarketingRequest;
  role: Role;
  now: number;
  onDecline: (request: MarketingRequest) => void;
}) {
  const answer = useAnswerRequest();
  const moves = movesFor(request.status, role);
  return (
    <Card withBorder padding="sm" component="article" aria-label={request.title}>
      <Stack gap={6}>
        <Badge size="xs" variant="light" style={{ alignSelf: 'flex-start' }}>
          {kindLabel(request.kind)}
        </Badge>
        <Text fw={600} size="sm">
          {request.title}
        </Text>
        {request.detail ? (
          <Text size="xs" lineClamp={3}>
            {request.detail}
          </Text>
        ) : null}
        <Text size="xs" c="dimmed">
          {request.requestedByName ?? 'Someone'} · {formatDateTime(request.createdAt)}
        </Text>
        {request.assigneeName ? (
          <Text size="xs" c="dimmed">
            Taken by {request.assigneeName}
          </Text>
        ) : null}
        {request.leadId ? (
          <RouterAnchor to="/leads/$id" params={{ id: request.leadId }} size="xs">
            Open the lead
          </RouterAnchor>
        ) : null}
        {request.declineReason ? (
          <Text size="xs" c="red">
            Declined: {request.declineReason}
          </Text>
        ) : null}
        {request.resolutionNote ? <Text size="xs">Delivered: {request.resolutionNote}</Text> : null}
        {request.clock ? <Countdown clock={request.clock} now={now} /> : null}
        {moves.length > 0 ? (
          <Group gap={6}>
            {moves.map((move) => (
              <Button
                key={move}
                size="compact-xs"
                variant={move === 'decline' ? 'subtle' : 'light'}
                color={move === 'decline' ? 'red' : undefined}
                loading={answer.isPending && answer.variables?.move === move}
                onClick={() =>
                  move === 'decline' ? onDecline(request) : answer.mutate({ id: request.id, move })
                }
              >
                {moveLabels[move]}
              </Button>
            ))}
          </Group>
        ) : null}
        {answer.error ? (
          <Text size="xs" c="red" role="alert">
            {describeError(answer.error)}
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}

/** Requests from sales to marketing by status, with marketing's clock counting down live. */
export function RequestsPage() {
  const { user } = useCurrentSession();
  if (user.role === 'partner') return <NoAccess what="requests" />;
  return <RequestsBoard role={user.role} />;
}

function RequestsBoard({ role }: { role: Role }) {
  const requests = useRequests();
  const now = useNow();
  const [creating, setCreating] = useState(false);
  const [declining, setDeclining] = useState<MarketingRequest | null>(null);
  // A new request, an answer or a clock warning arrives as a notification: the board follows.
  useRefreshOnNotifications(requestsKey);
  return (
    <Stack gap="lg">
      <PageHeader
        title="Requests"
        description={
          role === 'marketing'
            ? 'What sales asked for: accept, deliver or decline each before marketing’s clock runs out.'
            : 'Ask marketing for a campaign, an asset, event support or help on a deal, and follow it here.'
        }
        actions={
          canCreateRequests(role) ? <Button onClick={() => setCreating(true)}>New request</Button> : null
        }
      />
      {requests.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading requests" />
        </Center>
      ) : requests.isError ? (
        <ErrorAlert
          error={requests.error}
          title="Requests could not be loaded"
          onRetry={() => void requests.refetch()}
        />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
          {requestStatuses.map((status) => {
            const column = groupByStatus(requests.data)[status];
            return (
              <Stack key={status} gap="sm" component="section" aria-label={statusLabel(status)}>
                <Group justify="space-between">
                  <Title order={5}>{statusLabel(status)}</Title>
                  <Badge variant="light" color="gray">
                    {column.length}
                  </Badge>
                </Group>
                {column.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    None
                  </Text>
                ) : (
                  column.map((request) => (
                    <RequestCard
                      key={request.id}
                      request={request}
                      role={role}
                      now={now}
                      onDecline={setDeclining}
                    />
                  ))
                )}
              </Stack>
            );
          })}
        </SimpleGrid>
      )}
      <CreateRequestModal opened={creating} onClose={() => setCreating(false)} />
      <DeclineModal request={declining} onClose={() => setDeclining(null)} />
    </Stack>
  );
}
