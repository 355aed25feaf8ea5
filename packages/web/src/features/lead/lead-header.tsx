import { Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { formatDateTime } from '../../lib/format.js';
import { FitGradeBadge } from '../leads/fit-grade-badge.js';
import type { Lead } from '../leads/leads-api.js';
import { StageBadge } from '../leads/stage-badge.js';

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

/** Who the lead is and where it stands: contact, stage, owner, fit grade and interest now. */
export function LeadHeader({ lead }: { lead: Lead }) {
  return (
    <Card withBorder padding="md" component="section" aria-label="Lead">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Title order={2}>{lead.contact.name || lead.contact.email || 'Unnamed lead'}</Title>
            <Text c="dimmed" size="sm">
              {lead.contact.email ?? 'No e-mail address'}
              {lead.source ? ` · source ${lead.source}` : ''}
            </Text>
          </Stack>
          <StageBadge stage={lead.stage} />
        </Group>
        <SimpleGrid cols={{ base: 2, md: 5 }}>
          <Fact label="Owner">{lead.owner?.name ?? <Text c="dimmed">Unassigned</Text>}</Fact>
          <Fact label="Fit grade">
            <Group gap={6}>
              <FitGradeBadge grade={lead.fitGrade} />
              <Text size="sm" data-testid="lead-fit-points">
                {lead.fitPoints} points
              </Text>
            </Group>
          </Fact>
          <Fact label="Interest now">
            <Text fw={700} data-testid="lead-interest-now">
              {lead.interestNow.toFixed(2)}
            </Text>
          </Fact>
          <Fact label="MQL since">{lead.mqlAt ? formatDateTime(lead.mqlAt) : '—'}</Fact>
          <Fact label="Contract version">{lead.contractVersion ?? '—'}</Fact>
        </SimpleGrid>
      </Stack>
    </Card>
  );
}
