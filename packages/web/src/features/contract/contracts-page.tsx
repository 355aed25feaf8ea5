import { Button, Center, Loader, Stack, Table, Text } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { formatDateTime } from '../../lib/format.js';
import { ErrorAlert } from '../../ui/error-alert.js';
import { PageHeader } from '../../ui/page-header.js';
import { RouterAnchor } from '../../ui/router-links.js';
import { useCurrentSession } from '../auth/use-session.js';
import { NoAccess } from '../shell/no-access.js';
import { useContractVersions, useCreateDraft } from './contract-api.js';
import type { ContractSignature, ContractVersion } from './contract-types.js';
import { RescoringBanner } from './rescoring-banner.js';
import { canEditContracts, canSeeContracts, sideSignatures } from './sign-off-actions.js';
import { ContractStatusBadge } from './status-badge.js';

function SignedBy({ signature }: { signature: ContractSignature | null }) {
  if (!signature) return <Text c="dimmed">—</Text>;
  return (
    <Text size="sm" c={signature.decision === 'reject' ? 'red' : undefined}>
      {signature.decision === 'reject' ? 'Rejected by ' : ''}
      {signature.name}
      <Text span c="dimmed" size="xs" display="block">
        {formatDateTime(signature.at)}
      </Text>
    </Text>
  );
}

function effectiveText(v: ContractVersion): string {
  if (v.activatedAt) return formatDateTime(v.activatedAt);
  if (v.effectiveAt) return `from ${formatDateTime(v.effectiveAt)}`;
  return '—';
}

/** The base for a new draft: the version in force, else the newest one. */
function draftBase(versions: ContractVersion[]): ContractVersion | undefined {
  return versions.find((v) => v.status === 'active') ?? versions[0];
}

/** Every version of the lead contract, newest first, with its status and signatures. */
export function ContractsPage() {
  const { user } = useCurrentSession();
  const versions = useContractVersions();
  const createDraft = useCreateDraft();
  const navigate = useNavigate();
  if (!canSeeContracts(user.role)) return <NoAccess what="the lead contract" />;

  const base = versions.data ? draftBase(versions.data) : undefined;
  const newDraft = () => {
    if (!base) return;
    const body = base.source
      ? { yaml: base.source }
      : { document: base.document, note: `Started from version ${base.version}` };
    createDraft.mutate(body, {
      onSuccess: (draft) =>
        void navigate({
          to: '/contract/$version',
          params: { version: String(draft.version) },
          search: { tab: 'edit' },
        }),
    });
  };

  return (
    <Stack gap={0}>
      <PageHeader
        title="Lead contract"
        description="What marketing and sales agree a qualified lead is. A version is in force once both teams have signed it."
        actions={
          canEditContracts(user.role) && base ? (
            <Button onClick={newDraft} loading={createDraft.isPending}>
              New draft from version {base.version}
            </Button>
          ) : null
        }
      />
      <Stack>
        <RescoringBanner />
        {createDraft.isError ? (
          <ErrorAlert error={createDraft.error} title="The draft could not be created" />
        ) : null}
        {versions.isPending ? (
          <Center py="xl">
            <Loader aria-label="Loading versions" />
          </Center>
        ) : versions.isError ? (
          <ErrorAlert
            error={versions.error}
            title="Versions could not be loaded"
            onRetry={() => void versions.refetch()}
          />
        ) : versions.data.length === 0 ? (
          <Text c="dimmed" py="xl" ta="center">
            No lead contract yet. An administrator, a marketing user or a sales manager can write the first
            draft through the API (see the documentation of the lead contract).
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table striped highlightOnHover verticalSpacing="xs" aria-label="Contract versions">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Version</Table.Th>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>In force</Table.Th>
                  <Table.Th>Marketing</Table.Th>
                  <Table.Th>Sales</Table.Th>
                  <Table.Th>Author</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {versions.data.map((v) => {
                  const signed = sideSignatures(v);
                  return (
                    <Table.Tr key={v.id}>
                      <Table.Td>
                        <RouterAnchor to="/contract/$version" params={{ version: String(v.version) }}>
                          Version {v.version}
                        </RouterAnchor>
                      </Table.Td>
                      <Table.Td>
                        {v.document.name}
                        {v.rolledBackFrom ? (
                          <Text size="xs" c="dimmed">
                            Restores version {v.rolledBackFrom}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <ContractStatusBadge status={v.status} />
                      </Table.Td>
                      <Table.Td>{effectiveText(v)}</Table.Td>
                      <Table.Td>
                        <SignedBy signature={signed.marketing} />
                      </Table.Td>
                      <Table.Td>
                        <SignedBy signature={signed.sales} />
                      </Table.Td>
                      <Table.Td>{v.author?.name ?? '—'}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Stack>
  );
}
