import { Badge, Button, Center, Code, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { formatDateTime } from '../../lib/format.js';
import { ErrorAlert } from '../../ui/error-alert.js';
import { CreateApiKeyModal } from './create-api-key-modal.js';
import { CreatedKeyModal } from './created-key-modal.js';
import { RevokeKeyModal } from './revoke-key-modal.js';
import { type ApiKey, type CreatedApiKey, useApiKeys } from './settings-api.js';

export function ApiKeysTab() {
  const keys = useApiKeys();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          Write keys send events; secret keys call the REST API. Keys are stored hashed and shown only when
          created.
        </Text>
        <Button onClick={() => setCreating(true)}>Create API key</Button>
      </Group>
      {keys.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading API keys" />
        </Center>
      ) : keys.isError ? (
        <ErrorAlert
          error={keys.error}
          title="API keys could not be loaded"
          onRetry={() => void keys.refetch()}
        />
      ) : keys.data.length === 0 ? (
        <Text c="dimmed">No API keys yet.</Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped aria-label="API keys">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Key</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th>Last used</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {keys.data.map((key) => (
                <Table.Tr key={key.id}>
                  <Table.Td>{key.name}</Table.Td>
                  <Table.Td>{key.kind === 'write' ? 'Write' : 'Secret'}</Table.Td>
                  <Table.Td>
                    <Code>{key.prefix}…</Code>
                  </Table.Td>
                  <Table.Td>{formatDateTime(key.createdAt)}</Table.Td>
                  <Table.Td>{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : 'Never'}</Table.Td>
                  <Table.Td>
                    {key.revokedAt ? (
                      <Badge color="gray" variant="light">
                        revoked
                      </Badge>
                    ) : (
                      <Badge color="green" variant="light">
                        active
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">
                    {key.revokedAt ? null : (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        onClick={() => setRevoking(key)}
                        aria-label={`Revoke ${key.name}`}
                      >
                        Revoke
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <CreateApiKeyModal opened={creating} onClose={() => setCreating(false)} onCreated={setCreated} />
      <CreatedKeyModal created={created} onClose={() => setCreated(null)} />
      <RevokeKeyModal apiKey={revoking} onClose={() => setRevoking(null)} />
    </Stack>
  );
}
