import { Button, Checkbox, Group, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { fieldError } from '../../lib/field-error.js';
import { centsToInput, parseMoney } from '../../lib/money.js';
import { FormErrorAlert } from '../../ui/form-error-alert.js';
import { channelKey } from './campaign-months.js';
import { type Campaign, useSaveCampaign, useTeamOptions } from './campaigns-api.js';

const formFields = [
  'name',
  'channel',
  'ownerTeamId',
  'startsOn',
  'endsOn',
  'costCents',
  'utm/campaign',
  'utm/sourcePattern',
  'utm/mediumPattern',
] as const;

/** Creates a campaign (no `campaign`) or edits one; closes on success and hands back the saved campaign. */
export function CampaignFormModal({
  opened,
  campaign,
  onClose,
  onSaved,
}: {
  opened: boolean;
  campaign: Campaign | null;
  onClose: () => void;
  onSaved?: (saved: Campaign) => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={campaign ? 'Edit campaign' : 'New campaign'} size="lg">
      {opened ? <CampaignForm campaign={campaign} onClose={onClose} onSaved={onSaved} /> : null}
    </Modal>
  );
}

function CampaignForm({
  campaign,
  onClose,
  onSaved,
}: {
  campaign: Campaign | null;
  onClose: () => void;
  onSaved?: ((saved: Campaign) => void) | undefined;
}) {
  const teams = useTeamOptions();
  const save = useSaveCampaign(campaign?.id ?? null);
  const [name, setName] = useState(campaign?.name ?? '');
  const [channel, setChannel] = useState(campaign?.channel ?? '');
  const [ownerTeamId, setOwnerTeamId] = useState<string | null>(campaign?.ownerTeamId ?? null);
  const [startsOn, setStartsOn] = useState(campaign?.startsOn ?? '');
  const [endsOn, setEndsOn] = useState(campaign?.endsOn ?? '');
  const [cost, setCost] = useState(campaign ? centsToInput(campaign.costCents) : '');
  const [utmCampaign, setUtmCampaign] = useState(campaign?.utm.campaign ?? '');
  const [sourcePattern, setSourcePattern] = useState(campaign?.utm.sourcePattern ?? '');
  const [mediumPattern, setMediumPattern] = useState(campaign?.utm.mediumPattern ?? '');
  const [requestedBySales, setRequestedBySales] = useState(campaign?.requestedBySales ?? false);

  const costCents = cost.trim() === '' ? 0 : parseMoney(cost);
  const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (costCents === null) return;
    save.mutate(
      {
        name,
        channel: channelKey(channel),
        ownerTeamId,
        startsOn: orNull(startsOn),
        endsOn: orNull(endsOn),
        costCents,
        utm: {
          campaign: orNull(utmCampaign),
          sourcePattern: orNull(sourcePattern),
          mediumPattern: orNull(mediumPattern),
        },
        requestedBySales,
      },
      {
        onSuccess: (saved) => {
          onSaved?.(saved);
          onClose();
        },
      },
    );
  };

  const error = save.error;
  return (
    <form onSubmit={onSubmit} noValidate aria-label={campaign ? 'Edit campaign' : 'New campaign'}>
      <Stack>
        <FormErrorAlert error={error} fields={formFields} />
        <TextInput
          label="Name"
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldError(error, 'name')}
        />
        <SimpleGrid cols={2}>
          <TextInput
            label="Channel"
            description="e.g. webinar, paid_search, event"
            required
            value={channel}
            onChange={(e) => setChannel(e.currentTarget.value)}
            onBlur={() => setChannel(channelKey(channel))}
            error={fieldError(error, 'channel')}
          />
          <Select
            label="Owner team"
            description="A marketing team's campaigns count as marketing"
            placeholder="No team"
            clearable
            data={(teams.data ?? []).map((t) => ({ value: t.id, label: `${t.name} (${t.kind})` }))}
            value={ownerTeamId}
            onChange={setOwnerTeamId}
            error={fieldError(error, 'ownerTeamId')}
          />
          <TextInput
            label="Starts on"
            type="date"
            value={startsOn}
            onChange={(e) => setStartsOn(e.currentTarget.value)}
            error={fieldError(error, 'startsOn')}
          />
          <TextInput
            label="Ends on"
            type="date"
            value={endsOn}
            onChange={(e) => setEndsOn(e.currentTarget.value)}
            error={fieldError(error, 'endsOn')}
          />
        </SimpleGrid>
        <TextInput
          label="Fixed cost"
          description="Counted when the campaign has no monthly costs"
          inputMode="decimal"
          value={cost}
          onChange={(e) => setCost(e.currentTarget.value)}
          error={costCents === null ? 'Enter an amount such as 1250.00' : fieldError(error, 'costCents')}
        />
        <SimpleGrid cols={3}>
          <TextInput
            label="utm_campaign"
            description="Matched ignoring case"
            value={utmCampaign}
            onChange={(e) => setUtmCampaign(e.currentTarget.value)}
            error={fieldError(error, 'utm/campaign')}
          />
          <TextInput
            label="utm_source pattern"
            description="* any run, ? one character"
            value={sourcePattern}
            onChange={(e) => setSourcePattern(e.currentTarget.value)}
            error={fieldError(error, 'utm/sourcePattern')}
          />
          <TextInput
            label="utm_medium pattern"
            description="* any run, ? one character"
            value={mediumPattern}
            onChange={(e) => setMediumPattern(e.currentTarget.value)}
            error={fieldError(error, 'utm/mediumPattern')}
          />
        </SimpleGrid>
        <Checkbox
          label="Requested by sales"
          checked={requestedBySales}
          onChange={(e) => setRequestedBySales(e.currentTarget.checked)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            type="submit"
            loading={save.isPending}
            disabled={!name.trim() || !channelKey(channel) || costCents === null}
          >
            {campaign ? 'Save campaign' : 'Create campaign'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
