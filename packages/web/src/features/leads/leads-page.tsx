import { Button, Center, Loader, Select, Stack, Text } from '@mantine/core';
import { type LeadStage, leadStages } from '@tandem/contracts';
import { getRouteApi } from '@tanstack/react-router';
import { ErrorAlert } from '../../ui/error-alert.js';
import { PageHeader } from '../../ui/page-header.js';
import { useCurrentSession } from '../auth/use-session.js';
import { canSeeLeads, leadsTitleFor } from '../shell/nav-items.js';
import { NoAccess } from '../shell/no-access.js';
import { useLeads } from './leads-api.js';
import { LeadsTable } from './leads-table.js';
import { stageLabels } from './stage-badge.js';

const route = getRouteApi('/_app/leads');

const descriptions: Record<string, string> = {
  sales_rep: 'Leads assigned to you.',
  sales_manager: 'Leads owned by your team.',
};

export function LeadsPage() {
  const { user } = useCurrentSession();
  const { stage } = route.useSearch();
  const navigate = route.useNavigate();
  const leads = useLeads(stage, canSeeLeads(user.role));

  if (!canSeeLeads(user.role)) return <NoAccess what="leads" />;

  const loadError = leads.error;
  const rows = leads.data?.pages.flatMap((page) => page.items) ?? [];
  const setStage = (value: string | null) => {
    const next = leadStages.find((s) => s === value);
    void navigate({ search: next ? { stage: next } : {} });
  };

  return (
    <Stack gap={0}>
      <PageHeader
        title={leadsTitleFor(user.role)}
        description={descriptions[user.role] ?? 'Every lead in the workspace.'}
        actions={
          <Select
            aria-label="Filter by stage"
            placeholder="All stages"
            clearable
            w={200}
            value={stage ?? null}
            onChange={setStage}
            data={leadStages.map((s: LeadStage) => ({ value: s, label: stageLabels[s] }))}
          />
        }
      />
      {leads.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading leads" />
        </Center>
      ) : leads.isError ? (
        <ErrorAlert
          error={leads.error}
          title="Leads could not be loaded"
          onRetry={() => void leads.refetch()}
        />
      ) : rows.length === 0 ? (
        <Text c="dimmed" py="xl" ta="center">
          {stage
            ? `No leads in stage ${stageLabels[stage]}.`
            : 'No leads yet. They appear here as contacts arrive from forms, imports and tracked events.'}
        </Text>
      ) : (
        <Stack>
          <LeadsTable leads={rows} />
          <Text size="sm" c="dimmed">
            Showing {rows.length} lead{rows.length === 1 ? '' : 's'}
          </Text>
          {leads.hasNextPage ? (
            <Button
              variant="light"
              onClick={() => void leads.fetchNextPage()}
              loading={leads.isFetchingNextPage}
            >
              Load more
            </Button>
          ) : null}
          {leads.isFetchNextPageError ? (
            <ErrorAlert error={loadError} title="More leads could not be loaded" />
          ) : null}
        </Stack>
      )}
    </Stack>
  );
}
