import { Anchor, Box, Center, Group, Loader, Stack, Tabs, Text } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { formatDateTime } from '../../lib/format.js';
import { ErrorAlert } from '../../ui/error-alert.js';
import { PageHeader } from '../../ui/page-header.js';
import { RouterAnchor } from '../../ui/router-links.js';
import { useCurrentSession } from '../auth/use-session.js';
import { NoAccess } from '../shell/no-access.js';
import { NotFoundPage } from '../shell/not-found-page.js';
import { BacktestPanel } from './backtest-panel.js';
import { agreementUrl, useContractVersion } from './contract-api.js';
import { ContractEditor } from './contract-editor.js';
import { parseVersionParam, type VersionTab, versionTabs } from './contract-search.js';
import type { ContractVersion } from './contract-types.js';
import { DiffView } from './diff-view.js';
import { RescoringBanner } from './rescoring-banner.js';
import { canEditContracts, canSeeContracts } from './sign-off-actions.js';
import { SignOffPanel } from './sign-off-panel.js';
import { ContractStatusBadge } from './status-badge.js';

const route = getRouteApi('/_app/contract/$version');

function Agreement({ version }: { version: number }) {
  const url = agreementUrl(version);
  return (
    <Stack gap="xs">
      <Group justify="flex-end">
        <Anchor href={url} target="_blank" rel="noopener" size="sm">
          Open as a page
        </Anchor>
      </Group>
      {/* The server escapes everything people wrote and forbids scripts; the sandbox says so twice. */}
      <Box
        component="iframe"
        title={`Agreement, version ${version}`}
        src={url}
        sandbox=""
        w="100%"
        h={640}
        style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4, background: 'white' }}
      />
    </Stack>
  );
}

function describe(v: ContractVersion): string {
  const parts = [v.author ? `Written by ${v.author.name}` : null, `updated ${formatDateTime(v.updatedAt)}`];
  if (v.activatedAt) parts.push(`in force since ${formatDateTime(v.activatedAt)}`);
  if (v.rolledBackFrom) parts.push(`restores version ${v.rolledBackFrom}`);
  return parts.filter(Boolean).join(' · ');
}

function VersionBody({ version, tab }: { version: ContractVersion; tab: VersionTab }) {
  const { user } = useCurrentSession();
  const { against } = route.useSearch();
  const navigate = route.useNavigate();
  const editable = version.status === 'draft' && canEditContracts(user.role);
  const shown = tab === 'edit' && !editable ? 'agreement' : tab;
  const setTab = (value: string | null) => {
    const next = versionTabs.find((t) => t === value);
    if (next) void navigate({ search: (s) => ({ ...s, tab: next }) });
  };
  return (
    <Stack>
      <PageHeader
        title={`Version ${version.version} — ${version.document.name}`}
        description={describe(version)}
        actions={<ContractStatusBadge status={version.status} />}
      />
      <RescoringBanner />
      {version.note ? (
        <Text size="sm" c="dimmed">
          Note: {version.note}
        </Text>
      ) : null}
      <SignOffPanel version={version} />
      <Tabs value={shown} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="agreement">Agreement</Tabs.Tab>
          <Tabs.Tab value="changes">Changes</Tabs.Tab>
          {editable ? <Tabs.Tab value="edit">Edit draft</Tabs.Tab> : null}
          <Tabs.Tab value="backtest">Backtest</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="agreement" pt="md">
          <Agreement version={version.version} />
        </Tabs.Panel>
        <Tabs.Panel value="changes" pt="md">
          <DiffView
            version={version.version}
            against={against}
            onAgainstChange={(next) =>
              void navigate({ search: (s) => ({ tab: s.tab, ...(next ? { against: next } : {}) }) })
            }
          />
        </Tabs.Panel>
        {editable ? (
          <Tabs.Panel value="edit" pt="md">
            <ContractEditor key={version.id} version={version} />
          </Tabs.Panel>
        ) : null}
        <Tabs.Panel value="backtest" pt="md">
          <BacktestPanel
            source={{ version: version.version }}
            title={`Backtest version ${version.version}`}
          />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

/** One version of the lead contract: the agreement, its sign-off, what it changes, its editor. */
export function ContractVersionPage() {
  const { user } = useCurrentSession();
  const params = route.useParams();
  const { tab } = route.useSearch();
  const number = parseVersionParam(params.version);
  const version = useContractVersion(number ?? 0, number !== null);
  if (!canSeeContracts(user.role)) return <NoAccess what="the lead contract" />;
  if (number === null) return <NotFoundPage />;
  if (version.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading the version" />
      </Center>
    );
  }
  if (version.isError) {
    return (
      <Stack>
        <ErrorAlert
          error={version.error}
          title={`Version ${number} could not be loaded`}
          onRetry={() => void version.refetch()}
        />
        <RouterAnchor to="/contract">All versions</RouterAnchor>
      </Stack>
    );
  }
  const defaultTab: VersionTab =
    version.data.status === 'draft' && canEditContracts(user.role) ? 'edit' : 'agreement';
  return <VersionBody version={version.data} tab={tab ?? defaultTab} />;
}
