import { Button, Checkbox, CopyButton, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { FormErrorAlert } from '../../ui/form-error-alert.js';
import { useLeads } from '../leads/leads-api.js';
import { type Asset, type CreatedShare, useShareAsset } from './content-api.js';

/** Picks one of the rep's contacts (from their leads) and gives the tracked link once. */
export function ShareAssetModal({ asset, onClose }: { asset: Asset | null; onClose: () => void }) {
  const leads = useLeads(undefined, asset !== null);
  const share = useShareAsset();
  const [contactId, setContactId] = useState<string | null>(null);
  const [emailGate, setEmailGate] = useState(false);
  const [created, setCreated] = useState<CreatedShare | null>(null);
  const contacts = new Map<string, string>();
  for (const page of leads.data?.pages ?? [])
    for (const lead of page.items)
      if (lead.contact.email)
        contacts.set(
          lead.contact.id,
          lead.contact.name ? `${lead.contact.name} <${lead.contact.email}>` : lead.contact.email,
        );
  const close = () => {
    setCreated(null);
    setContactId(null);
    setEmailGate(false);
    share.reset();
    onClose();
  };
  return (
    <Modal opened={asset !== null} onClose={close} title={asset ? `Share “${asset.title}”` : ''}>
      {created ? (
        <Stack>
          <Text size="sm">
            Send this link. Its views, time spent and downloads are tracked, and you are notified.
          </Text>
          <TextInput label="Link" value={created.url} readOnly data-testid="share-link" />
          <Group justify="flex-end">
            <CopyButton value={created.url}>
              {({ copied, copy }) => <Button onClick={copy}>{copied ? 'Copied' : 'Copy link'}</Button>}
            </CopyButton>
            <Button variant="default" onClick={close}>
              Done
            </Button>
          </Group>
        </Stack>
      ) : (
        <form
          aria-label="Share an asset"
          onSubmit={(e) => {
            e.preventDefault();
            if (!asset || !contactId) return;
            share.mutate({ assetId: asset.id, contactId, emailGate }, { onSuccess: setCreated });
          }}
        >
          <Stack>
            <Select
              label="Contact"
              placeholder={leads.isPending ? 'Loading your contacts…' : 'Pick a contact'}
              searchable
              data={[...contacts].map(([value, label]) => ({ value, label }))}
              value={contactId}
              onChange={setContactId}
            />
            <Checkbox
              label="Ask for their email before showing it"
              checked={emailGate}
              onChange={(e) => setEmailGate(e.currentTarget.checked)}
            />
            {share.error ? <FormErrorAlert error={share.error} fields={['contactId']} /> : null}
            <Group justify="flex-end">
              <Button type="submit" disabled={!contactId} loading={share.isPending}>
                Create link
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
