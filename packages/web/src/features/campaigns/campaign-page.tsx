import {
  Badge,
  Button,
  Card,
  Center,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { ApiError } from '../../lib/api.js';
import { formatCents } from '../../lib/money.js';
import { ErrorAlert } from '../../ui/error-alert.js';
import { PageHeader } from '../../ui/page-header.js';
import { RouterButton } from '../../ui/router-links.js';
import { useAttributionReport } from '../attribution/attribution-api.js';
import { modelLabel } from '../attribution/models.js';
import { campaignByModel, windowEndingAt } from '../attribution/report-data.js';
import { useCurrentSession } from '../auth/use-session.js';
import { canEditCampaigns } from '../shell/nav-items.js';
import { CampaignFormModal } from './campaign-form-modal.js';
import { monthRows, spentToDate } from './campaign-months.js';
import { type Campaign, useCampaign, useCampaignCosts, useTeamOptions } from './campaigns-api.js';
import { MonthCosts } from './month-costs.js';

const route = getRouteApi('/_app/campaigns/$id');

export function CampaignPage() {
  const { id } = route.useParams();
  const campaign = useCampaign(id);

  if (campaign.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading campaign" />
      </Center>
    );
  }
  if (campaign.isError) {
    if (campaign.error instanceof ApiError && campaign.error.status === 404) {
      return (
        <Stack align="flex-start">
          <Title order={3}>Campaign not found</Title>
          <RouterButton to="/campaigns" variant="light">
            All campaigns
          </RouterButton>
        </Stack>
      );
    }
    return (
      <ErrorAlert
        error={campaign.error}
        title="The campaign could not be loaded"
        onRetry={() => void campaign.refetch()}
      />
    );
  }
  return <CampaignDetail campaign={campaign.data} />;
}

function CampaignDetail({ campaign }: { campaign: Campaign }) {
  const { user } = useCurrentSession();
  const costs = useCampaignCosts(campaign.id);
  const teams = useTeamOptions();
  const [editing, setEditing] = useState(false);
  const today = new Date().toISOString().slice(0, 10);
  const canEdit = canEditCampaigns(user.role);
  const team = campaign.ownerTeamId ? teams.data?.find((t) => t.id === campaign.ownerTeamId) : undefined;

  return (
    <Stack gap="lg">
      <PageHeader
        title={campaign.name}
        description={
          <Group gap="xs" component="span">
            <span>{campaign.channel}</span>
            {campaign.requestedBySales ? (
              <Badge variant="light" color="grape">
                Requested by sales
              </Badge>
            ) : null}
          </Group>
        }
        actions={canEdit ? <Button onClick={() => setEditing(true)}>Edit campaign</Button> : null}
      />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder component="section" aria-label="Details">
          <Title order={4} mb="sm">
            Details
          </Title>
          <Table variant="vertical" layout="fixed" withRowBorders={false}>
            <Table.Tbody>
              <Field label="Owner team" value={team ? `${team.name} (${team.kind})` : '—'} />
              <Field label="Starts on" value={campaign.startsOn ?? '—'} />
              <Field label="Ends on" value={campaign.endsOn ?? '—'} />
              <Field label="Fixed cost" value={formatCents(campaign.costCents)} />
              <Field label="utm_campaign" value={campaign.utm.campaign ?? '—'} />
              <Field label="utm_source pattern" value={campaign.utm.sourcePattern ?? '—'} />
              <Field label="utm_medium pattern" value={campaign.utm.mediumPattern ?? '—'} />
            </Table.Tbody>
          </Table>
        </Card>
        <Card withBorder component="section" aria-label="Costs">
          <Group justify="space-between" mb="sm">
            <Title order={4}>Monthly costs</Title>
            {costs.data ? (
              <Text size="sm" c="dimmed">
                Spent to date: {formatCents(spentToDate(costs.data, today))}
              </Text>
            ) : null}
          </Group>
          {costs.isPending ? (
            <Loader size="sm" aria-label="Loading costs" />
          ) : costs.isError ? (
            <ErrorAlert error={costs.error} title="Costs could not be loaded" />
          ) : (
            <MonthCosts
              campaignId={campaign.id}
              rows={monthRows(campaign, costs.data, today)}
              canEdit={canEdit}
            />
          )}
        </Card>
      </SimpleGrid>
      <CampaignAttribution campaignId={campaign.id} />
      <CampaignFormModal opened={editing} campaign={campaign} onClose={() => setEditing(false)} />
    </Stack>
  );
}

function Field({ label, value }: { label: string; value: string }) {
  return (
    <Table.Tr>
      <Table.Th w={170}>{label}</Table.Th>
      <Table.Td>{value}</Table.Td>
    </Table.Tr>
  );
}

/** The campaign's pipeline and revenue over the last year: sourced, influenced, and under every model. */
function CampaignAttribution({ campaignId }: { campaignId: string }) {
  const [window] = useState(() => windowEndingAt(365, new Date()));
  const report = useAttributionReport({ ...window, by: 'campaign' });
  if (report.isPending) return <Loader size="sm" aria-label="Loading attribution" />;
  if (report.isError) return <ErrorAlert error={report.error} title="Attribution could not be loaded" />;
  const rows = campaignByModel(report.data, campaignId);
  const of = (model: string) => rows.find((r) => r.model === model);
  const money = (cents: number) => formatCents(cents, report.data.currency);
  const sourced = of('first_touch');
  const influenced = of('linear');
  return (
    <Card withBorder component="section" aria-label="Pipeline and revenue">
      <Title order={4}>Pipeline and revenue, last 12 months</Title>
      <Text size="sm" c="dimmed" mb="sm">
        Sourced: credited under first touch, the deals this campaign brought in. Influenced: its linear share
        of every deal it touched. Pipeline counts deals created in the window, revenue deals won in it.
      </Text>
      <SimpleGrid cols={{ base: 2, md: 4 }} mb="md">
        <Figure label="Sourced pipeline" value={money(sourced?.pipelineCents ?? 0)} />
        <Figure label="Sourced revenue" value={money(sourced?.revenueCents ?? 0)} />
        <Figure label="Influenced pipeline" value={money(influenced?.pipelineCents ?? 0)} />
        <Figure label="Influenced revenue" value={money(influenced?.revenueCents ?? 0)} />
      </SimpleGrid>
      <Table striped verticalSpacing={4} aria-label="Campaign credit by model">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Model</Table.Th>
            <Table.Th ta="right">Pipeline</Table.Th>
            <Table.Th ta="right">Revenue</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.model}>
              <Table.Td>{modelLabel(r.model)}</Table.Td>
              <Table.Td ta="right">{money(r.pipelineCents)}</Table.Td>
              <Table.Td ta="right">{money(r.revenueCents)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700}>{value}</Text>
    </Stack>
  );
}
