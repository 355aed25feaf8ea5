import { Alert, Center, Loader, Stack } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { ApiError } from '../../lib/api.js';
import { ErrorAlert } from '../../ui/error-alert.js';
import { RouterAnchor } from '../../ui/router-links.js';
import { useCurrentSession } from '../auth/use-session.js';
import type { Lead } from '../leads/leads-api.js';
import { canSeeLeads, leadsTitleFor } from '../shell/nav-items.js';
import { NoAccess } from '../shell/no-access.js';
import { HandoffSection } from './handoff-section.js';
import { useLead, useLeadScore } from './lead-api.js';
import { LeadHeader } from './lead-header.js';
import { ScoreExplanationSection } from './score-explanation.js';

const route = getRouteApi('/_app/leads/$id');

function ScoreSection({ lead }: { lead: Lead }) {
  const score = useLeadScore(lead.id, true);
  if (score.isPending) {
    return (
      <Center py="md">
        <Loader size="sm" aria-label="Loading the score explanation" />
      </Center>
    );
  }
  if (score.isError) {
    return (
      <ErrorAlert
        error={score.error}
        title="The score could not be explained"
        onRetry={() => void score.refetch()}
      />
    );
  }
  if (score.data === null) {
    return (
      <Alert color="gray" variant="light" title="No lead contract in force">
        Leads are scored once marketing and sales have signed a lead contract.
      </Alert>
    );
  }
  return <ScoreExplanationSection x={score.data} />;
}

/**
 * One lead. The page is a stack of sections, one component each: header, hand-off (sales actions,
 * SLA clocks, stage history, activities, the account's people, the event timeline), score explanation.
 */
export function LeadPage() {
  const { user } = useCurrentSession();
  const { id } = route.useParams();
  const lead = useLead(id);
  if (!canSeeLeads(user.role)) return <NoAccess what="leads" />;
  const back = (
    <RouterAnchor to="/leads" size="sm">
      ← {leadsTitleFor(user.role)}
    </RouterAnchor>
  );
  if (lead.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading the lead" />
      </Center>
    );
  }
  if (lead.isError) {
    const missing =
      lead.error instanceof ApiError && (lead.error.status === 404 || lead.error.status === 400);
    return (
      <Stack>
        {back}
        {missing ? (
          <Alert color="gray" variant="light" title="Lead not found">
            There is no such lead, or it is not yours to see.
          </Alert>
        ) : (
          <ErrorAlert
            error={lead.error}
            title="The lead could not be loaded"
            onRetry={() => void lead.refetch()}
          />
        )}
      </Stack>
    );
  }
  return (
    <Stack>
      {back}
      <LeadHeader lead={lead.data} />
      <HandoffSection lead={lead.data} />
      <ScoreSection lead={lead.data} />
    </Stack>
  );
}
