import { Alert, Button, Center, Group, Loader, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { describeError } from '../../lib/describe-error.js';
import { fieldError } from '../../lib/field-error.js';
import { ErrorAlert } from '../../ui/error-alert.js';
import { type TeamKind, useCreateTeam, useTeams } from './settings-api.js';

const kinds: Array<{ value: TeamKind; label: string }> = [
  { value: 'sales', label: 'Sales' },
  { value: 'marketing', label: 'Marketing' },
  { value: 'partner', label: 'Partner' },
];

function CreateTeamForm() {
  const create = useCreateTeam();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<TeamKind>('sales');
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate({ name: name.trim(), kind }, { onSuccess: () => setName('') });
  };
  const nameError = fieldError(create.error, 'name');
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Create a team">
      <Stack gap="xs">
        <Group align="flex-start">
          <TextInput
            label="Team name"
            placeholder="e.g. EMEA inbound"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={nameError}
          />
          <Select
            label="Kind"
            allowDeselect={false}
            data={kinds}
            value={kind}
            onChange={(value) => setKind(kinds.find((k) => k.value === value)?.value ?? 'sales')}
            w={160}
          />
          <Button type="submit" mt={25} loading={create.isPending} disabled={!name.trim()}>
            Create team
          </Button>
        </Group>
        {create.error && !nameError ? (
          <Alert color="red" variant="light" role="alert">
            {describeError(create.error)}
          </Alert>
        ) : null}
      </Stack>
    </form>
  );
}

export function TeamsTab() {
  const teams = useTeams();
  return (
    <Stack>
      <Text c="dimmed" size="sm">
        Teams own leads and share an SLA calendar; routing assigns within a team.
      </Text>
      <CreateTeamForm />
      {teams.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading teams" />
        </Center>
      ) : teams.isError ? (
        <ErrorAlert
          error={teams.error}
          title="Teams could not be loaded"
          onRetry={() => void teams.refetch()}
        />
      ) : teams.data.length === 0 ? (
        <Text c="dimmed">No teams yet.</Text>
      ) : (
        <Table striped aria-label="Teams">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Kind</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {teams.data.map((team) => (
              <Table.Tr key={team.id}>
                <Table.Td>{team.name}</Table.Td>
                <Table.Td>{team.kind}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
