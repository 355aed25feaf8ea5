import {
  Alert,
  Button,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { describeError } from '../../lib/describe-error.js';
import type { ActivityKind } from './handoff-api.js';

const kinds: Array<{ value: ActivityKind; label: string }> = [
  { value: 'call', label: 'Call' },
  { value: 'email', label: 'Email' },
  { value: 'meeting', label: 'Meeting' },
];

/** Logs a call, email or meeting; the first one stops the lead's first-touch clock. */
export function ActivityModal({
  opened,
  leadName,
  pending,
  error,
  onSubmit,
  onClose,
}: {
  opened: boolean;
  leadName: string;
  pending: boolean;
  error: unknown;
  onSubmit: (input: { kind: ActivityKind; subject: string; note: string }) => void;
  onClose: () => void;
}) {
  const [kind, setKind] = useState<ActivityKind>('call');
  const [subject, setSubject] = useState('');
  const [note, setNote] = useState('');
  const close = () => {
    setKind('call');
    setSubject('');
    setNote('');
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={`Log activity with ${leadName}`}>
      <Stack>
        <SegmentedControl
          aria-label="Activity kind"
          data={kinds}
          value={kind}
          onChange={(value) => setKind(value as ActivityKind)}
        />
        <TextInput
          label="Subject"
          maxLength={300}
          value={subject}
          onChange={(e) => setSubject(e.currentTarget.value)}
        />
        <Textarea
          label="Note"
          autosize
          minRows={2}
          maxLength={5000}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        <Text size="xs" c="dimmed">
          The first call, email or meeting counts as the first touch.
        </Text>
        {error ? (
          <Alert color="red" variant="light" role="alert">
            {describeError(error)}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            loading={pending}
            onClick={() => onSubmit({ kind, subject: subject.trim(), note: note.trim() })}
          >
            Log {kind}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
