import { Button, Group, Stack, Text } from '@mantine/core';
import type { LeadStage } from '@tandem/contracts';
import { useState } from 'react';
import { describeError } from '../../lib/describe-error.js';
import { useCurrentSession } from '../auth/use-session.js';
import { ActivityModal } from './activity-modal.js';
import { ConvertModal } from './convert-modal.js';
import { type Handoff, type LeadCommand, type ReturnType, useLeadCommand } from './handoff-api.js';
import { availableActions, type LeadAction } from './lead-actions.js';
import { ReasonModal } from './reason-modal.js';
import { ReassignModal } from './reassign-modal.js';

type Dialog = ReturnType | 'activity' | 'convert' | 'reassign' | null;

const labels: Record<LeadAction, string> = {
  accept: 'Accept',
  activity: 'Log activity',
  qualify: 'Qualify to SQL',
  convert: 'Convert',
  reject: 'Reject',
  recycle: 'Recycle',
  disqualify: 'Disqualify',
  reassign: 'Reassign',
};
const colors: Partial<Record<LeadAction, string>> = {
  accept: 'green',
  qualify: 'teal',
  convert: 'violet',
  reject: 'red',
  recycle: 'yellow',
  disqualify: 'red',
};

/**
 * The sales actions on one lead, as buttons for the legal steps of its stage, with their dialogs.
 * The inbox shows a subset per row (`only`); the lead page shows them all. A refusal (e.g. 409
 * when another rep accepted first) is shown as the server said it, and the views refresh.
 */
export function LeadActionBar({
  lead,
  only,
  people = [],
  size = 'sm',
}: {
  lead: { id: string; stage: LeadStage; ownerId: string | null; name: string };
  only?: readonly LeadAction[];
  people?: Handoff['accountPeople'];
  size?: 'xs' | 'sm';
}) {
  const { user } = useCurrentSession();
  const command = useLeadCommand(lead.id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [failed, setFailed] = useState<{ action: string; error: unknown } | null>(null);
  const actions = availableActions(lead.stage, lead.ownerId, user).filter((a) => !only || only.includes(a));

  const run = (action: LeadAction, input: LeadCommand) => {
    setFailed(null);
    command.mutate(input, {
      onSuccess: () => setDialog(null),
      onError: (error) => {
        // Dialogs show their own error; one-click actions show it under the buttons.
        if (dialog === null) setFailed({ action: labels[action], error });
      },
    });
  };
  const open = (action: LeadAction) => {
    command.reset();
    setFailed(null);
    if (action === 'accept' || action === 'qualify') run(action, { type: action });
    else setDialog(action);
  };
  const dialogError = dialog !== null ? command.error : null;
  const close = () => {
    command.reset();
    setDialog(null);
  };

  return (
    <Stack gap={4}>
      {actions.length > 0 ? (
        <Group gap={6} wrap="wrap">
          {actions.map((action) => (
            <Button
              key={action}
              size={size}
              variant={
                action === 'accept' || action === 'qualify' || action === 'convert' ? 'filled' : 'light'
              }
              color={colors[action] ?? 'blue'}
              loading={
                command.isPending && command.variables?.type === (action === 'activity' ? 'activity' : action)
              }
              disabled={command.isPending}
              onClick={() => open(action)}
            >
              {labels[action]}
            </Button>
          ))}
        </Group>
      ) : null}
      {failed ? (
        <Text size="xs" c="red" role="alert" data-testid="action-error">
          {failed.action} failed: {describeError(failed.error)}
        </Text>
      ) : null}
      {/* Mounted only while open, so each opening starts with an empty form. */}
      {dialog === 'reject' || dialog === 'recycle' || dialog === 'disqualify' ? (
        <ReasonModal
          type={dialog}
          leadName={lead.name}
          pending={command.isPending}
          error={dialogError}
          onSubmit={({ reasonCode, note }) =>
            run(dialog, { type: dialog, reasonCode, ...(note ? { note } : {}) })
          }
          onClose={close}
        />
      ) : null}
      {dialog === 'activity' ? (
        <ActivityModal
          opened
          leadName={lead.name}
          pending={command.isPending}
          error={dialogError}
          onSubmit={({ kind, subject, note }) =>
            run('activity', {
              type: 'activity',
              kind,
              ...(subject ? { subject } : {}),
              ...(note ? { note } : {}),
            })
          }
          onClose={close}
        />
      ) : null}
      {dialog === 'convert' ? (
        <ConvertModal
          opened
          people={people}
          pending={command.isPending}
          error={dialogError}
          onSubmit={(input) => run('convert', { type: 'convert', ...input })}
          onClose={close}
        />
      ) : null}
      {dialog === 'reassign' ? (
        <ReassignModal
          opened
          ownerId={lead.ownerId}
          pending={command.isPending}
          error={dialogError}
          onSubmit={(input) => run('reassign', { type: 'reassign', ...input })}
          onClose={close}
        />
      ) : null}
    </Stack>
  );
}
