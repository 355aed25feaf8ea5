import { Alert, Button, Group, Modal, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import type { ApiKeyKind } from '@tandem/contracts';
import { type FormEvent, useState } from 'react';
import { describeError } from '../../lib/describe-error.js';
import { type CreatedApiKey, useCreateApiKey } from './settings-api.js';

const kindHelp: Record<ApiKeyKind, string> = {
  write:
    'Write keys send events from websites and apps (tracking snippet, Segment-compatible /v1 API). They can be public.',
  secret: 'Secret keys call the REST API with administrator rights. Keep them on servers only.',
};

export function CreateApiKeyModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (key: CreatedApiKey) => void;
}) {
  const create = useCreateApiKey();
  const [kind, setKind] = useState<ApiKeyKind>('write');
  const [name, setName] = useState('');

  const close = () => {
    create.reset();
    setKind('write');
    setName('');
    onClose();
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate(
      { kind, ...(name.trim() ? { name: name.trim() } : {}) },
      {
        onSuccess: (key) => {
          close();
          onCreated(key);
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={close} title="Create an API key">
      <form onSubmit={onSubmit} noValidate aria-label="Create an API key">
        <Stack>
          {create.error ? (
            <Alert color="red" variant="light" role="alert">
              {describeError(create.error)}
            </Alert>
          ) : null}
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Kind
            </Text>
            <SegmentedControl
              aria-label="Key kind"
              data={[
                { value: 'write', label: 'Write key' },
                { value: 'secret', label: 'Secret key' },
              ]}
              value={kind}
              onChange={(value) => setKind(value === 'secret' ? 'secret' : 'write')}
            />
            <Text size="xs" c="dimmed">
              {kindHelp[kind]}
            </Text>
          </Stack>
          <TextInput
            label="Name"
            placeholder="e.g. Marketing website"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create key
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
