import { Center, Loader, Modal, Table, Text } from '@mantine/core';
import { ErrorAlert } from '../../ui/error-alert.js';
import { RouterAnchor } from '../../ui/router-links.js';
import { formatDeadline } from './countdown.js';
import { ReassignMenu } from './reassign-menu.js';
import { type RepLoad, useOpenLeadsOf } from './team-api.js';
import { useNow } from './use-now.js';

/** A rep's open leads, each with its next deadline and a reassign menu. */
export function ReassignModal({
  rep,
  reps,
  onClose,
}: {
  rep: RepLoad | null;
  reps: RepLoad[];
  onClose: () => void;
}) {
  const leads = useOpenLeadsOf(rep?.id ?? null);
  const now = useNow();
  return (
    <Modal opened={rep !== null} onClose={onClose} title={`Reassign ${rep?.name ?? ''}’s leads`} size="xl">
      {leads.isPending ? (
        <Center py="lg">
          <Loader aria-label="Loading open leads" />
        </Center>
      ) : leads.isError ? (
        <ErrorAlert error={leads.error} title="Open leads could not be loaded" />
      ) : leads.data.length === 0 ? (
        <Text c="dimmed">No open leads.</Text>
      ) : (
        <Table aria-label="Open leads" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Lead</Table.Th>
              <Table.Th>Stage</Table.Th>
              <Table.Th>Next deadline</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {leads.data.map((lead) => {
              const label = lead.contact.name ?? lead.contact.email ?? 'Unnamed lead';
              return (
                <Table.Tr key={lead.id}>
                  <Table.Td>
                    <RouterAnchor to="/leads/$id" params={{ id: lead.id }}>
                      {label}
                    </RouterAnchor>
                    {lead.account ? (
                      <Text size="xs" c="dimmed">
                        {lead.account.name}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{lead.stage}</Table.Td>
                  <Table.Td>{lead.nextDueAt ? formatDeadline(lead.nextDueAt, now) : '—'}</Table.Td>
                  <Table.Td>
                    <ReassignMenu
                      leadId={lead.id}
                      leadLabel={label}
                      currentOwnerId={rep?.id ?? null}
                      reps={reps}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Modal>
  );
}
