import { Alert, Button, Center, Group, Loader, NumberInput, Stack, Switch, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError } from '../../lib/describe-error.js';
import { fieldError } from '../../lib/field-error.js';
import { ErrorAlert } from '../../ui/error-alert.js';
import { type RepCapacity, teamKeys, useRepCapacity } from '../team/team-api.js';
import { useSaveCapacity } from './routing-api.js';
import { useTeams, useUpdateUser } from './settings-api.js';

function RepRow({ rep, teamName }: { rep: RepCapacity; teamName: string }) {
  const client = useQueryClient();
  const update = useUpdateUser();
  const save = useSaveCapacity();
  const [capacity, setCapacity] = useState<number | ''>(rep.capacity ?? '');
  const [weight, setWeight] = useState<number>(rep.weight);
  const dirty = (capacity === '' ? null : capacity) !== rep.capacity || weight !== rep.weight;
  const error = update.error ?? save.error;
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={500}>
          {rep.name}
        </Text>
        {!rep.active ? (
          <Text size="xs" c="dimmed">
            Disabled
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>{teamName}</Table.Td>
      <Table.Td ta="right">{rep.load}</Table.Td>
      <Table.Td>
        <Switch
          aria-label={`${rep.name} is out of office`}
          checked={rep.outOfOffice}
          disabled={update.isPending}
          onChange={(e) =>
            update.mutate(
              { id: rep.userId, changes: { outOfOffice: e.currentTarget.checked } },
              { onSuccess: () => client.invalidateQueries({ queryKey: teamKeys.all }) },
            )
          }
        />
      </Table.Td>
      <Table.Td>
        <NumberInput
          aria-label={`${rep.name} capacity`}
          placeholder="No cap"
          min={0}
          allowDecimal={false}
          w={110}
          value={capacity}
          onChange={(v) => setCapacity(typeof v === 'number' ? v : '')}
          error={fieldError(save.error, 'capacity')}
        />
      </Table.Td>
      <Table.Td>
        <NumberInput
          aria-label={`${rep.name} weight`}
          min={0}
          allowDecimal={false}
          w={90}
          value={weight}
          onChange={(v) => setWeight(typeof v === 'number' ? v : 0)}
          error={fieldError(save.error, 'weight')}
        />
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Button
            size="xs"
            variant="light"
            disabled={!dirty}
            loading={save.isPending}
            onClick={() =>
              save.mutate({ userId: rep.userId, capacity: capacity === '' ? null : capacity, weight })
            }
          >
            Save
          </Button>
          {error && !fieldError(error, 'capacity') && !fieldError(error, 'weight') ? (
            <Text size="xs" c="red" role="alert">
              {describeError(error)}
            </Text>
          ) : null}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** Per rep: out of office (routing skips them), capacity cap on open leads, and weight. */
export function AvailabilityTab() {
  const reps = useRepCapacity();
  const teams = useTeams();
  const teamName = (id: string | null) => teams.data?.find((t) => t.id === id)?.name ?? '—';
  return (
    <Stack>
      <Text c="dimmed" size="sm">
        Routing skips reps out of office and reps at their cap of open leads (unless a rule ignores caps);
        weight shares leads in a weighted round robin.
      </Text>
      {reps.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading reps" />
        </Center>
      ) : reps.isError ? (
        <ErrorAlert error={reps.error} title="Reps could not be loaded" onRetry={() => void reps.refetch()} />
      ) : reps.data.length === 0 ? (
        <Alert variant="light">No sales reps yet.</Alert>
      ) : (
        <Table aria-label="Availability" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Rep</Table.Th>
              <Table.Th>Team</Table.Th>
              <Table.Th ta="right">Open leads</Table.Th>
              <Table.Th>Out of office</Table.Th>
              <Table.Th>Capacity cap</Table.Th>
              <Table.Th>Weight</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {reps.data.map((rep) => (
              <RepRow key={rep.userId} rep={rep} teamName={teamName(rep.teamId)} />
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
