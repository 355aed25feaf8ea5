import { Anchor, Badge, Center, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../ui/error-alert.js';
import { PageHeader } from '../../ui/page-header.js';
import { RouterAnchor } from '../../ui/router-links.js';
import { useCurrentSession } from '../auth/use-session.js';
import { NoAccess } from '../shell/no-access.js';
import { clockKindLabel, formatDuration } from './countdown.js';
import { ReassignMenu } from './reassign-menu.js';
import { ReassignModal } from './reassign-modal.js';
import {
  type Breach,
  type RepCapacity,
  type RepLoad,
  useRefreshOnNotifications,
  useRepCapacity,
  useTeamHandoff,
} from './team-api.js';
import { useNow } from './use-now.js';

/** Breaches listed at once; the rest are counted (the oldest come first). */
const breachListLimit = 50;

function capacityText(capacity: RepCapacity | undefined): string {
  if (!capacity) return '—';
  return capacity.capacity === null ? `${capacity.load} / no cap` : `${capacity.load} / ${capacity.capacity}`;
}

function RepsTable({
  reps,
  capacities,
  onReassign,
}: {
  reps: RepLoad[];
  capacities: RepCapacity[];
  onReassign: (rep: RepLoad) => void;
}) {
  return (
    <Table aria-label="Reps" striped highlightOnHover>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Rep</Table.Th>
          <Table.Th ta="right">MQL</Table.Th>
          <Table.Th ta="right">Accepted</Table.Th>
          <Table.Th ta="right">SQL</Table.Th>
          <Table.Th ta="right">Open clocks</Table.Th>
          <Table.Th ta="right">Breached</Table.Th>
          <Table.Th>Load / capacity</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {reps.map((rep) => (
          <Table.Tr key={rep.id} data-testid={`rep-${rep.id}`}>
            <Table.Td>
              <Group gap="xs">
                <Text size="sm" fw={500}>
                  {rep.name}
                </Text>
                {rep.role === 'sales_manager' ? (
                  <Badge size="xs" variant="light" color="gray">
                    Manager
                  </Badge>
                ) : null}
                {rep.outOfOffice ? (
                  <Badge size="xs" color="orange">
                    Out of office
                  </Badge>
                ) : null}
                {!rep.active ? (
                  <Badge size="xs" color="gray">
                    Disabled
                  </Badge>
                ) : null}
              </Group>
            </Table.Td>
            <Table.Td ta="right" data-testid="load-mql">
              {rep.load.mql}
            </Table.Td>
            <Table.Td ta="right" data-testid="load-accepted">
              {rep.load.accepted}
            </Table.Td>
            <Table.Td ta="right" data-testid="load-sql">
              {rep.load.sql}
            </Table.Td>
            <Table.Td ta="right">{rep.openClocks}</Table.Td>
            <Table.Td ta="right">
              {rep.breached > 0 ? (
                <Text span c="red" fw={600} size="sm">
                  {rep.breached}
                </Text>
              ) : (
                0
              )}
            </Table.Td>
            <Table.Td>{capacityText(capacities.find((c) => c.userId === rep.id))}</Table.Td>
            <Table.Td ta="right">
              {rep.load.mql + rep.load.accepted + rep.load.sql > 0 ? (
                <Anchor component="button" type="button" size="sm" onClick={() => onReassign(rep)}>
                  Reassign leads…
                </Anchor>
              ) : null}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function BreachesTable({ breaches, reps }: { breaches: Breach[]; reps: RepLoad[] }) {
  const now = useNow();
  const shown = breaches.slice(0, breachListLimit);
  const repName = (id: string | null) => reps.find((r) => r.id === id)?.name ?? 'Unassigned';
  return (
    <Stack gap="xs">
      <Table aria-label="Breached clocks" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Lead</Table.Th>
            <Table.Th>Rep</Table.Th>
            <Table.Th>Clock</Table.Th>
            <Table.Th>Overdue by</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((breach) => {
            const label = breach.leadName ?? 'Unnamed lead';
            return (
              <Table.Tr key={breach.id}>
                <Table.Td>
                  <RouterAnchor to="/leads/$id" params={{ id: breach.leadId }}>
                    {label}
                  </RouterAnchor>
                </Table.Td>
                <Table.Td>{repName(breach.assigneeId)}</Table.Td>
                <Table.Td>{clockKindLabel(breach.kind)}</Table.Td>
                <Table.Td>
                  <Text span c="red" size="sm" ff="monospace" data-testid="overdue-by">
                    {formatDuration(now - Date.parse(breach.dueAt))}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <ReassignMenu
                    leadId={breach.leadId}
                    leadLabel={label}
                    currentOwnerId={breach.assigneeId}
                    reps={reps}
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {breaches.length > shown.length ? (
        <Text size="sm" c="dimmed">
          Showing the {shown.length} longest overdue of {breaches.length} breached clocks.
        </Text>
      ) : null}
    </Stack>
  );
}

/** The manager's team: load and clocks per rep, breaches now (ticking), and reassigning. */
export function TeamPage() {
  const { user } = useCurrentSession();
  const allowed = user.role === 'sales_manager' || user.role === 'admin';
  if (!allowed) return <NoAccess what="the team view" />;
  return <TeamView />;
}

function TeamView() {
  const team = useTeamHandoff();
  const capacity = useRepCapacity();
  const [reassigning, setReassigning] = useState<RepLoad | null>(null);
  useRefreshOnNotifications();
  return (
    <Stack gap="lg">
      <PageHeader
        title="Team"
        description="Each rep’s load and clocks, the clocks in breach now, and reassigning leads."
      />
      {team.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading the team" />
        </Center>
      ) : team.isError ? (
        <ErrorAlert
          error={team.error}
          title="The team could not be loaded"
          onRetry={() => void team.refetch()}
        />
      ) : (
        <>
          <Paper withBorder p="md" component="section" aria-label="Reps and load">
            <Title order={4} mb="sm">
              Reps
            </Title>
            {team.data.reps.length === 0 ? (
              <Text c="dimmed">No reps in this team.</Text>
            ) : (
              <RepsTable reps={team.data.reps} capacities={capacity.data ?? []} onReassign={setReassigning} />
            )}
          </Paper>
          <Paper withBorder p="md" component="section" aria-label="Breaches now">
            <Group justify="space-between" mb="sm">
              <Title order={4}>Breaches now</Title>
              <Badge color={team.data.breaches.length > 0 ? 'red' : 'green'} variant="light">
                {team.data.breaches.length}
              </Badge>
            </Group>
            {team.data.breaches.length === 0 ? (
              <Text c="dimmed">No clock is overdue.</Text>
            ) : (
              <BreachesTable breaches={team.data.breaches} reps={team.data.reps} />
            )}
          </Paper>
          <ReassignModal rep={reassigning} reps={team.data.reps} onClose={() => setReassigning(null)} />
        </>
      )}
    </Stack>
  );
}
