import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../ui/error-alert.js';
import { PageHeader } from '../../ui/page-header.js';
import { useCurrentSession } from '../auth/use-session.js';
import { NoAccess } from '../shell/no-access.js';
import { type Asset, type AssetStage, assetStages, useApproveAsset, useAssets } from './content-api.js';
import { ShareAssetModal } from './share-asset-modal.js';

const statusColor = { draft: 'gray', approved: 'green', retired: 'red' } as const;

/** The asset library: search, filter by stage, preview, approve (marketing) and share (sales). */
export function ContentPage() {
  const { user } = useCurrentSession();
  const [q, setQ] = useState('');
  const [stage, setStage] = useState<AssetStage | null>(null);
  const [sharing, setSharing] = useState<Asset | null>(null);
  const assets = useAssets({ q, stage });
  const approve = useApproveAsset();
  if (user.role === 'partner') return <NoAccess what="the content library" />;
  const marketing = user.role === 'marketing' || user.role === 'admin';
  const sales = user.role === 'sales_rep' || user.role === 'sales_manager' || user.role === 'admin';
  return (
    <Stack gap={0}>
      <PageHeader
        title="Content"
        description="The asset library. Share an asset with a contact to see when they read it."
      />
      <Card withBorder padding="md">
        <Group mb="md">
          <TextInput
            aria-label="Search content"
            placeholder="Search titles, descriptions and tags"
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            w={320}
          />
          <SegmentedControl
            aria-label="Funnel stage"
            value={stage ?? 'all'}
            onChange={(value) => setStage(value === 'all' ? null : (value as AssetStage))}
            data={[
              { value: 'all', label: 'All stages' },
              ...assetStages.map((s) => ({ value: s, label: s })),
            ]}
          />
        </Group>
        {assets.error ? <ErrorAlert error={assets.error} onRetry={() => void assets.refetch()} /> : null}
        {approve.error ? <ErrorAlert error={approve.error} /> : null}
        <Table aria-label="Assets" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Title</Table.Th>
              <Table.Th>Stage</Table.Th>
              <Table.Th>Type</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(assets.data?.items ?? []).map((asset) => (
              <Table.Tr key={asset.id}>
                <Table.Td>
                  <Text fw={500}>{asset.title}</Text>
                  <Text size="xs" c="dimmed">
                    {[...asset.personas, ...asset.products, ...asset.industries, ...asset.tags].join(' · ')}
                  </Text>
                </Table.Td>
                <Table.Td>{asset.stage}</Table.Td>
                <Table.Td>{asset.format ?? '—'}</Table.Td>
                <Table.Td>
                  <Badge color={statusColor[asset.status]} variant="light">
                    {asset.status}
                  </Badge>
                  {asset.origin === 'sales' ? (
                    <Badge ml={4} variant="outline" color="grape">
                      from sales
                    </Badge>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    {asset.format && asset.format !== 'link' ? (
                      <Anchor href={`/api/v1/assets/${asset.id}/file`} target="_blank" size="sm">
                        Preview
                      </Anchor>
                    ) : null}
                    {marketing && asset.status === 'draft' && asset.currentVersion > 0 ? (
                      <Button
                        size="xs"
                        variant="light"
                        aria-label={`Approve ${asset.title}`}
                        onClick={() => approve.mutate(asset.id)}
                      >
                        Approve
                      </Button>
                    ) : null}
                    {sales && asset.status !== 'retired' && asset.currentVersion > 0 ? (
                      <Button size="xs" aria-label={`Share ${asset.title}`} onClick={() => setSharing(asset)}>
                        Share
                      </Button>
                    ) : null}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
            {assets.data && assets.data.items.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={5}>
                  <Text c="dimmed">No assets match.</Text>
                </Table.Td>
              </Table.Tr>
            ) : null}
          </Table.Tbody>
        </Table>
      </Card>
      <ShareAssetModal asset={sharing} onClose={() => setSharing(null)} />
    </Stack>
  );
}
