import { Badge, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { ErrorAlert } from '../../ui/error-alert.js';
import { RouterAnchor } from '../../ui/router-links.js';
import { useCurrentSession } from '../auth/use-session.js';
import { SharedDashboard } from '../dashboard/shared-dashboard.js';
import { FitGradeBadge } from '../leads/fit-grade-badge.js';
import { hottestLeads } from '../leads/hottest-leads.js';
import { useVisibleLeadCount } from '../leads/leads-api.js';
import { StageBadge } from '../leads/stage-badge.js';
import { canSeeLeads, leadsTitleFor, roleLabel, seesSharedDashboard } from '../shell/nav-items.js';
import { DashboardCard, EmptyText } from './dashboard-card.js';
import { stageCounts } from './stage-counts.js';

function LeadsCard({ title }: { title: string }) {
  const leads = useVisibleLeadCount(true);
  return (
    <DashboardCard title={title}>
      {leads.isPending ? (
        <Loader size="sm" aria-label="Counting leads" />
      ) : leads.isError ? (
        <ErrorAlert error={leads.error} title="Leads could not be counted" />
      ) : (
        <Stack gap="xs">
          <Text fz={32} fw={700} lh={1} data-testid="visible-lead-count">
            {leads.data.count}
            {leads.data.more ? '+' : ''}
          </Text>
          <EmptyText>
            {leads.data.count === 0
              ? 'No leads yet. They appear as contacts arrive from forms, imports and tracked events.'
              : `${leads.data.count === 1 && !leads.data.more ? 'lead' : 'leads'} visible to you.`}
          </EmptyText>
          {leads.data.count > 0 ? (
            <Group gap={6}>
              {stageCounts(leads.data.items).map(({ stage, count }) => (
                <Group key={stage} gap={4}>
                  <StageBadge stage={stage} />
                  <Text size="sm">{count}</Text>
                </Group>
              ))}
            </Group>
          ) : null}
          {hottestLeads(leads.data.items, 5).length > 0 ? (
            <Stack gap={4} aria-label="Most interested now">
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                Most interested now
              </Text>
              {hottestLeads(leads.data.items, 5).map((lead) => (
                <Group key={lead.id} gap="xs" justify="space-between" wrap="nowrap">
                  <RouterAnchor to="/leads/$id" params={{ id: lead.id }} size="sm" truncate>
                    {lead.contact.name || lead.contact.email || 'Unnamed lead'}
                  </RouterAnchor>
                  <Group gap={6} wrap="nowrap">
                    <FitGradeBadge grade={lead.fitGrade} />
                    <Text size="sm" fw={600} title="Interest now">
                      {Math.round(lead.interestNow)}
                    </Text>
                  </Group>
                </Group>
              ))}
            </Stack>
          ) : null}
          <RouterAnchor to="/leads" size="sm">
            Open {title.toLowerCase()}
          </RouterAnchor>
        </Stack>
      )}
    </DashboardCard>
  );
}

export function HomePage() {
  const { user, workspace } = useCurrentSession();
  const showLeads = canSeeLeads(user.role);
  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>Welcome, {user.name}</Title>
        <Group gap="xs" mt={4}>
          <Badge variant="light">{roleLabel(user.role)}</Badge>
          <Text c="dimmed" size="sm">
            {workspace.name}
          </Text>
        </Group>
      </div>
      {seesSharedDashboard(user.role) ? (
        <SharedDashboard
          role={user.role}
          leadsCard={showLeads ? <LeadsCard title={leadsTitleFor(user.role)} /> : null}
        />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {showLeads ? <LeadsCard title={leadsTitleFor(user.role)} /> : null}
          <DashboardCard title="Funnel" badge={<Badge variant="outline">Soon</Badge>}>
            <EmptyText>
              Conversion from lead to MQL, accepted, SQL, opportunity and won, with the time spent at each
              stage, will appear here once leads move through the funnel.
            </EmptyText>
          </DashboardCard>
          <DashboardCard title="SLA" badge={<Badge variant="outline">Soon</Badge>}>
            <EmptyText>
              Response clocks for new MQLs and marketing requests: what is due, what is overdue, and
              attainment for each team against the lead contract.
            </EmptyText>
          </DashboardCard>
          <DashboardCard title="Sourced pipeline" badge={<Badge variant="outline">Soon</Badge>}>
            <EmptyText>
              Pipeline and revenue sourced and influenced by marketing campaigns, traced from won deals back
              to the touches that led to them.
            </EmptyText>
          </DashboardCard>
          {user.role === 'partner' ? (
            <DashboardCard title="Deal registrations" badge={<Badge variant="outline">Soon</Badge>}>
              <EmptyText>
                Your registered deals, their approval status and expiry dates will appear here.
              </EmptyText>
            </DashboardCard>
          ) : null}
        </SimpleGrid>
      )}
    </Stack>
  );
}
