import { Button, Menu, Stack, Text } from '@mantine/core';
import { describeError } from '../../lib/describe-error.js';
import type { RepLoad } from './team-api.js';
import { useReassign } from './team-api.js';

/** Who a lead can go to: active reps in the office other than its current owner. */
export function reassignTargets(reps: RepLoad[], currentOwnerId: string | null): RepLoad[] {
  return reps.filter((r) => r.active && !r.outOfOffice && r.role === 'sales_rep' && r.id !== currentOwnerId);
}

/** A menu to reassign one lead: to a named rep, or "Route again" (routing picks, skipping the owner). */
export function ReassignMenu({
  leadId,
  leadLabel,
  currentOwnerId,
  reps,
  onDone,
}: {
  leadId: string;
  leadLabel: string;
  currentOwnerId: string | null;
  reps: RepLoad[];
  onDone?: () => void;
}) {
  const reassign = useReassign();
  const send = (userId?: string) =>
    reassign.mutate({ leadId, ...(userId ? { userId } : {}) }, { onSuccess: () => onDone?.() });
  return (
    <Stack gap={2} align="flex-end">
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button size="xs" variant="light" loading={reassign.isPending} aria-label={`Reassign ${leadLabel}`}>
            Reassign
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => send()}>Route again</Menu.Item>
          <Menu.Divider />
          <Menu.Label>To a rep</Menu.Label>
          {reassignTargets(reps, currentOwnerId).map((rep) => (
            <Menu.Item key={rep.id} onClick={() => send(rep.id)}>
              {rep.name}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      {reassign.error ? (
        <Text size="xs" c="red" role="alert">
          {describeError(reassign.error)}
        </Text>
      ) : null}
    </Stack>
  );
}
