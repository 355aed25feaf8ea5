import { Table, Text } from '@mantine/core';
import { RouterAnchor } from '../../ui/router-links.js';
import { FitGradeBadge } from './fit-grade-badge.js';
import type { LeadListItem } from './leads-api.js';
import { StageBadge } from './stage-badge.js';

export function LeadsTable({ leads }: { leads: LeadListItem[] }) {
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover verticalSpacing="xs" aria-label="Leads">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Contact</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th>Stage</Table.Th>
            <Table.Th>Fit</Table.Th>
            <Table.Th ta="right" title="Interest now, after recency decay">
              Interest
            </Table.Th>
            <Table.Th>Owner</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {leads.map((lead) => (
            <Table.Tr key={lead.id}>
              <Table.Td>
                <RouterAnchor to="/leads/$id" params={{ id: lead.id }}>
                  {lead.contact.name || lead.contact.email || 'Unnamed lead'}
                </RouterAnchor>
              </Table.Td>
              <Table.Td>{lead.contact.email ?? '—'}</Table.Td>
              <Table.Td>
                <StageBadge stage={lead.stage} />
              </Table.Td>
              <Table.Td>
                <FitGradeBadge grade={lead.fitGrade} points={lead.fitPoints} />
              </Table.Td>
              <Table.Td ta="right">{Math.round(lead.interestNow)}</Table.Td>
              <Table.Td>{lead.owner?.name ?? <Text c="dimmed">Unassigned</Text>}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
