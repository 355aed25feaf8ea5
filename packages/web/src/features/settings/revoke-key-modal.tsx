import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { describeError } from '../../lib/describe-error.js';
import { type ApiKey, useRevokeApiKey } from './settings-api.js';

export function RevokeKeyModal({ apiKey, onClose }: { apiKey: ApiKey | null; onClose: () => void }) {
  const revoke = useRevokeApiKey();
  const close = () => {
    revoke.reset();
    onClose();
  };
  return (
    <Modal opened={apiKey !== null} onClose={close} title="Revoke API key?">
      {apiKey ? (
        <Stack>
          <Text size="sm">
            Anything still using <b>{apiKey.name}</b> (<code>{apiKey.prefix}…</code>) will be refused from now
            on. This cannot be undone.
          </Text>
          {revoke.error ? (
            <Alert color="red" variant="light" role="alert">
              {describeError(revoke.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={revoke.isPending}
              onClick={() => revoke.mutate(apiKey.id, { onSuccess: close })}
            >
              Revoke key
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
