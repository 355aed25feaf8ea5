import { Alert, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { describeError } from '../../lib/describe-error.js';
import { useSalesReps } from './handoff-api.js';

const byRouting = '__routing__';

/** Moves an open lead to a named rep, or to whoever routing picks next (managers and admins). */
export function ReassignModal({
  opened,
  ownerId,
  pending,
  error,
  onSubmit,
  onClose,
}: {
  opened: boolean;
  ownerId: string | null;
  pending: boolean;
  error: unknown;
  onSubmit: (input: { userId?: string }) => void;
  onClose: () => void;
}) {
  const reps = useSalesReps(opened);
  const [choice, setChoice] = useState<string | null>(byRouting);
  const options = [
    { value: byRouting, label: 'Whoever routing picks next' },
    ...(reps.data ?? [])
      .filter((r) => r.active && r.id !== ownerId)
      .map((r) => ({ value: r.id, label: `${r.name}${r.outOfOffice ? ' (out of office)' : ''}` })),
  ];
  return (
    <Modal opened={opened} onClose={onClose} title="Reassign the lead">
      <Stack>
        <Select
          label="New owner"
          data={options}
          value={choice}
          onChange={setChoice}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
        {reps.isError ? <Text c="red">{describeError(reps.error)}</Text> : null}
        <Text size="xs" c="dimmed">
          Running clocks stop; new ones start for the new owner.
        </Text>
        {error ? (
          <Alert color="red" variant="light" role="alert">
            {describeError(error)}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            loading={pending}
            onClick={() => onSubmit(choice && choice !== byRouting ? { userId: choice } : {})}
          >
            Reassign
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
