import { Badge, Button, Center, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../ui/error-alert.js';
import { roleLabel } from '../shell/nav-items.js';
import { CreateUserModal } from './create-user-modal.js';
import { EditUserModal } from './edit-user-modal.js';
import { useTeams, useUsers, type WorkspaceUser } from './settings-api.js';

export function UsersTab() {
  const users = useUsers();
  const teams = useTeams();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<WorkspaceUser | null>(null);
  const teamName = (id: string | null) => (id ? (teams.data?.find((t) => t.id === id)?.name ?? '—') : '—');

  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          People who can log in to this workspace, their role and team.
        </Text>
        <Button onClick={() => setCreating(true)}>Add user</Button>
      </Group>
      {users.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading users" />
        </Center>
      ) : users.isError ? (
        <ErrorAlert
          error={users.error}
          title="Users could not be loaded"
          onRetry={() => void users.refetch()}
        />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover aria-label="Users">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Team</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.map((user) => (
                <Table.Tr key={user.id}>
                  <Table.Td>{user.name}</Table.Td>
                  <Table.Td>{user.email}</Table.Td>
                  <Table.Td>{roleLabel(user.role)}</Table.Td>
                  <Table.Td>{teamName(user.teamId)}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <Badge color={user.status === 'active' ? 'green' : 'gray'} variant="light">
                        {user.status}
                      </Badge>
                      {user.outOfOffice ? (
                        <Badge color="yellow" variant="light">
                          out of office
                        </Badge>
                      ) : null}
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => setEditing(user)}
                      aria-label={`Edit ${user.name}`}
                    >
                      Edit
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <CreateUserModal opened={creating} onClose={() => setCreating(false)} />
      <EditUserModal user={editing} onClose={() => setEditing(null)} />
    </Stack>
  );
}
