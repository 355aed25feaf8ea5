import { Alert, Button, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { describeError } from '../../lib/describe-error.js';
import { fieldError, isFieldError } from '../../lib/field-error.js';
import { kindLabel, type RequestKind, requestKinds } from './board.js';
import { useCreateRequest } from './requests-api.js';

const fields = ['kind', 'title', 'detail', 'leadId', 'accountId', 'opportunityId'] as const;

/** Sales asks marketing for something, optionally about a lead, an account or an opportunity. */
export function CreateRequestModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const create = useCreateRequest();
  const [kind, setKind] = useState<RequestKind>('campaign');
  const [title, setTitle] = useState('');
  const [detail, setDetail] = useState('');
  const [leadId, setLeadId] = useState('');
  const [accountId, setAccountId] = useState('');
  const [opportunityId, setOpportunityId] = useState('');
  const close = () => {
    create.reset();
    onClose();
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const link = (value: string) => value.trim() || undefined;
    create.mutate(
      {
        kind,
        title: title.trim(),
        ...(detail.trim() ? { detail: detail.trim() } : {}),
        ...(link(leadId) ? { leadId: leadId.trim() } : {}),
        ...(link(accountId) ? { accountId: accountId.trim() } : {}),
        ...(link(opportunityId) ? { opportunityId: opportunityId.trim() } : {}),
      },
      {
        onSuccess: () => {
          setTitle('');
          setDetail('');
          setLeadId('');
          setAccountId('');
          setOpportunityId('');
          close();
        },
      },
    );
  };
  return (
    <Modal opened={opened} onClose={close} title="Ask marketing" size="lg">
      <form onSubmit={onSubmit} noValidate aria-label="New request">
        <Stack gap="sm">
          <Select
            label="Kind"
            allowDeselect={false}
            data={requestKinds.map((k) => ({ value: k, label: kindLabel(k) }))}
            value={kind}
            onChange={(value) => setKind(requestKinds.find((k) => k === value) ?? 'campaign')}
            error={fieldError(create.error, 'kind')}
          />
          <TextInput
            label="Title"
            required
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={fieldError(create.error, 'title')}
          />
          <Textarea
            label="Details"
            autosize
            minRows={3}
            value={detail}
            onChange={(e) => setDetail(e.currentTarget.value)}
            error={fieldError(create.error, 'detail')}
          />
          <Group grow align="flex-start">
            <TextInput
              label="Lead id"
              description="Optional"
              value={leadId}
              onChange={(e) => setLeadId(e.currentTarget.value)}
              error={fieldError(create.error, 'leadId')}
            />
            <TextInput
              label="Account id"
              description="Optional"
              value={accountId}
              onChange={(e) => setAccountId(e.currentTarget.value)}
              error={fieldError(create.error, 'accountId')}
            />
            <TextInput
              label="Opportunity id"
              description="Optional"
              value={opportunityId}
              onChange={(e) => setOpportunityId(e.currentTarget.value)}
              error={fieldError(create.error, 'opportunityId')}
            />
          </Group>
          {create.error && !isFieldError(create.error, fields) ? (
            <Alert color="red" variant="light" role="alert">
              {describeError(create.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!title.trim()}>
              Send request
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
