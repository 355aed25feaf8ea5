import { Alert, Button, Group, Modal, Select, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { describeError } from '../../lib/describe-error.js';
import { type ReturnType, useContractReasons } from './handoff-api.js';

const titles: Record<ReturnType, string> = {
  reject: 'Reject the lead back to marketing',
  recycle: 'Recycle the lead to nurture',
  disqualify: 'Disqualify the lead',
};
const verbs: Record<ReturnType, string> = { reject: 'Reject', recycle: 'Recycle', disqualify: 'Disqualify' };

/**
 * Asks for the reason (from the active contract's list) and a note before a lead goes back to
 * marketing. A rejection needs a note; the server checks both again.
 */
export function ReasonModal({
  type,
  leadName,
  pending,
  error,
  onSubmit,
  onClose,
}: {
  type: ReturnType | null;
  leadName: string;
  pending: boolean;
  error: unknown;
  onSubmit: (input: { reasonCode: string; note: string }) => void;
  onClose: () => void;
}) {
  const reasons = useContractReasons();
  const [reasonCode, setReasonCode] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const close = () => {
    setReasonCode(null);
    setNote('');
    setTried(false);
    onClose();
  };
  const options = type ? reasons[type] : [];
  const noteNeeded = type === 'reject' || reasonCode === 'other';
  const submit = () => {
    setTried(true);
    if (!reasonCode || (noteNeeded && !note.trim())) return;
    onSubmit({ reasonCode, note: note.trim() });
  };
  return (
    <Modal opened={type !== null} onClose={close} title={type ? titles[type] : ''}>
      {type ? (
        <Stack>
          <Select
            label="Reason"
            description={`Why ${leadName} goes back; the list is the lead contract’s.`}
            placeholder={reasons.isPending ? 'Loading the contract’s reasons…' : 'Pick a reason'}
            data={options.map((r) => ({ value: r.code, label: r.label }))}
            value={reasonCode}
            onChange={setReasonCode}
            required
            error={tried && !reasonCode ? 'Pick a reason' : undefined}
            comboboxProps={{ withinPortal: true }}
            data-testid="reason-select"
          />
          {options.length === 0 && !reasons.isPending ? (
            <Alert color="yellow" variant="light">
              No lead contract in force lists reasons; sign one before returning leads.
            </Alert>
          ) : null}
          <Textarea
            label="Note for marketing"
            required={noteNeeded}
            autosize
            minRows={2}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={tried && noteNeeded && !note.trim() ? 'A note is required' : undefined}
          />
          {error ? (
            <Alert color="red" variant="light" role="alert">
              {describeError(error)}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button color={type === 'recycle' ? 'yellow' : 'red'} loading={pending} onClick={submit}>
              {verbs[type]}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
