import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import type { CreatedApiKey } from './settings-api.js';

/** The only time a key is visible: the server stores a hash and cannot show it again. */
export function CreatedKeyModal({
  created,
  onClose,
}: {
  created: CreatedApiKey | null;
  onClose: () => void;
}) {
  return (
    <Modal opened={created !== null} onClose={onClose} title="Your new API key" closeOnClickOutside={false}>
      {created ? (
        <Stack>
          <Alert color="yellow" variant="light" title="Copy it now">
            This key is shown only once. Store it somewhere safe; if it is lost, revoke it and create another.
          </Alert>
          <Text size="sm">
            {created.name} ({created.kind === 'write' ? 'write key' : 'secret key'})
          </Text>
          <Code block data-testid="created-api-key" style={{ wordBreak: 'break-all' }}>
            {created.key}
          </Code>
          <Group justify="flex-end">
            <CopyButton value={created.key}>
              {({ copied, copy }) => (
                <Button variant="light" color={copied ? 'green' : undefined} onClick={copy}>
                  {copied ? 'Copied' : 'Copy key'}
                </Button>
              )}
            </CopyButton>
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
