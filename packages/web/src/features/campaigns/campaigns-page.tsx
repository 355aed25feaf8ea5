import { Badge, Button, Center, Loader, Stack, Table, Text } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { formatCents } from '../../lib/money.js';
import { ErrorAlert } from '../../ui/error-alert.js';
import { PageHeader } from '../../ui/page-header.js';
import { RouterAnchor } from '../../ui/router-links.js';
import { useCurrentSession } from '../auth/use-session.js';
import { canEditCampaigns, canSeeCampaigns } from '../shell/nav-items.js';
import { NoAccess } from '../shell/no-access.js';
import { CampaignFormModal } from './campaign-form-modal.js';
import { useCampaigns, useTeamOptions } from './campaigns-api.js';

const dateRange = (startsOn: string | null, endsOn: string | null) =>
  !startsOn && !endsOn ? '—' : `${startsOn ?? '…'} – ${endsOn ?? '…'}`;

export function CampaignsPage() {
  const { user } = useCurrentSession();
  const campaigns = useCampaigns();
  const teams = useTeamOptions();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);

  if (!canSeeCampaigns(user.role)) return <NoAccess what="campaigns" />;
  const teamName = (id: string | null) => (id ? (teams.data?.find((t) => t.id === id)?.name ?? '—') : '—');

  return (
    <Stack gap={0}>
      <PageHeader
        title="Campaigns"
        description="Every campaign, its channel, owner team, dates and what it has cost so far. Touchpoints join a campaign by its UTM values."
        actions={
          canEditCampaigns(user.role) ? <Button onClick={() => setCreating(true)}>New campaign</Button> : null
        }
      />
      {campaigns.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading campaigns" />
        </Center>
      ) : campaigns.isError ? (
        <ErrorAlert
          error={campaigns.error}
          title="Campaigns could not be loaded"
          onRetry={() => void campaigns.refetch()}
        />
      ) : campaigns.data.length === 0 ? (
        <Text c="dimmed" py="xl" ta="center">
          No campaigns yet.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover verticalSpacing="xs" aria-label="Campaigns">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Campaign</Table.Th>
                <Table.Th>Channel</Table.Th>
                <Table.Th>Owner team</Table.Th>
                <Table.Th>Dates</Table.Th>
                <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
                  Cost to date
                </Table.Th>
                <Table.Th>Requested by sales</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {campaigns.data.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <RouterAnchor to="/campaigns/$id" params={{ id: c.id }}>
                      {c.name}
                    </RouterAnchor>
                  </Table.Td>
                  <Table.Td>{c.channel}</Table.Td>
                  <Table.Td>{teamName(c.ownerTeamId)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{dateRange(c.startsOn, c.endsOn)}</Table.Td>
                  <Table.Td ta="right">{formatCents(c.costToDateCents)}</Table.Td>
                  <Table.Td>
                    {c.requestedBySales ? (
                      <Badge variant="light" color="grape">
                        Yes
                      </Badge>
                    ) : (
                      ''
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <CampaignFormModal
        opened={creating}
        campaign={null}
        onClose={() => setCreating(false)}
        onSaved={(saved) => void navigate({ to: '/campaigns/$id', params: { id: saved.id } })}
      />
    </Stack>
  );
}
