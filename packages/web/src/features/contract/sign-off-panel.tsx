import { Badge, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { formatDateTime } from '../../lib/format.js';
import { ErrorAlert } from '../../ui/error-alert.js';
import { useCurrentSession } from '../auth/use-session.js';
import { type ContractCommand, useContractCommand } from './contract-api.js';
import type { ContractSignature, ContractVersion, SignOffSide } from './contract-types.js';
import { sideSignatures, signOffActions } from './sign-off-actions.js';

const sideTitles: Record<SignOffSide, string> = { marketing: 'Marketing', sales: 'Sales' };

function SideStatus({ side, signature }: { side: SignOffSide; signature: ContractSignature | null }) {
  return (
    <Stack gap={2} data-testid={`signature-${side}`}>
      <Text size="sm" fw={600}>
        {sideTitles[side]}
      </Text>
      {signature ? (
        <>
          <Group gap={6}>
            <Badge color={signature.decision === 'approve' ? 'green' : 'red'} variant="light">
              {signature.decision === 'approve' ? 'Approved' : 'Rejected'}
            </Badge>
            <Text size="sm">
              {signature.name}, {formatDateTime(signature.at)}
            </Text>
          </Group>
          {signature.comment ? (
            <Text size="sm" c="dimmed">
              “{signature.comment}”
            </Text>
          ) : null}
        </>
      ) : (
        <Text size="sm" c="dimmed">
          Awaiting signature
        </Text>
      )}
    </Stack>
  );
}

/**
 * Who has signed a version for each team, and the steps the viewer may take on it. The buttons
 * follow the viewer's role and the version's status; the server decides, and when it refuses its
 * message is shown as it is.
 */
export function SignOffPanel({ version }: { version: ContractVersion }) {
  const { user } = useCurrentSession();
  const actions = signOffActions(user, version);
  const command = useContractCommand(version.version);
  const navigate = useNavigate();
  const [comment, setComment] = useState('');
  const [rejecting, setRejecting] = useState(false);
  const signed = sideSignatures(version);

  const run = (c: ContractCommand) =>
    command.mutate(c, {
      onSuccess: (result) => {
        setComment('');
        setRejecting(false);
        if (result.version !== version.version) {
          void navigate({
            to: '/contract/$version',
            params: { version: String(result.version) },
            search: { tab: 'edit' },
          });
        }
      },
    });
  const side = actions.sign;

  return (
    <Card withBorder padding="md" component="section" aria-label="Sign-off">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>Sign-off</Title>
          {version.effectiveAt ? (
            <Text size="sm" c="dimmed">
              Effective {formatDateTime(version.effectiveAt)}
            </Text>
          ) : null}
        </Group>
        <Group align="flex-start" grow>
          <SideStatus side="marketing" signature={signed.marketing} />
          <SideStatus side="sales" signature={signed.sales} />
        </Group>
        {side ? (
          <Stack gap="xs">
            <Textarea
              label={rejecting ? 'Why you reject it (required)' : 'Comment (optional)'}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
              autosize
              minRows={2}
              maxLength={2000}
            />
            <Group gap="xs">
              <Button
                color="green"
                loading={command.isPending && command.variables?.action === 'approve'}
                onClick={() =>
                  run({ action: 'approve', side, ...(comment.trim() ? { comment: comment.trim() } : {}) })
                }
              >
                Approve for {side}
              </Button>
              <Button
                color="red"
                variant="light"
                loading={command.isPending && command.variables?.action === 'reject'}
                onClick={() => {
                  if (!comment.trim()) {
                    setRejecting(true);
                    return;
                  }
                  run({ action: 'reject', side, comment: comment.trim() });
                }}
              >
                Reject for {side}
              </Button>
            </Group>
            {rejecting && !comment.trim() ? (
              <Text size="sm" c="red">
                Say why you reject it: the author reads this.
              </Text>
            ) : null}
          </Stack>
        ) : actions.signNote ? (
          <Text size="sm" c="dimmed">
            {actions.signNote}
          </Text>
        ) : null}
        <Group gap="xs">
          {actions.submit ? (
            <Button
              onClick={() => run({ action: 'submit' })}
              loading={command.isPending && command.variables?.action === 'submit'}
            >
              Submit for signature
            </Button>
          ) : null}
          {actions.withdraw ? (
            <Button variant="default" onClick={() => run({ action: 'withdraw' })}>
              Withdraw
            </Button>
          ) : null}
          {actions.rollback ? (
            <Button variant="light" onClick={() => run({ action: 'rollback' })}>
              Roll back to this version
            </Button>
          ) : null}
        </Group>
        {actions.rollback ? (
          <Text size="xs" c="dimmed">
            Rolling back drafts a new version with this content; it takes effect once both teams sign it.
          </Text>
        ) : null}
        {command.isError ? <ErrorAlert error={command.error} title="The server refused" /> : null}
      </Stack>
    </Card>
  );
}
