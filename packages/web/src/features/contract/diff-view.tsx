import { Badge, Center, Group, List, Loader, Select, Stack, Table, Text } from '@mantine/core';
import { ErrorAlert } from '../../ui/error-alert.js';
import { useContractDiff, useContractVersions } from './contract-api.js';
import type { ContractDiff, FieldChange } from './contract-types.js';

const kindColors = { added: 'green', removed: 'red', changed: 'blue' } as const;
const sectionLabels = { fit: 'Fit', interest: 'Interest', exclusion: 'Exclusion' } as const;

function show(value: unknown): string {
  if (value === undefined) return '—';
  if (Array.isArray(value)) return value.map(show).join(', ');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function ChangeRows({ changes }: { changes: FieldChange[] }) {
  return (
    <>
      {changes.map((c) => (
        <Text key={c.path} size="xs" ff="monospace">
          {c.path}: <s>{show(c.from)}</s> → <b>{show(c.to)}</b>
        </Text>
      ))}
    </>
  );
}

function DiffBody({ diff }: { diff: ContractDiff }) {
  if (diff.identical) {
    return (
      <Text c="dimmed">
        Versions {diff.from} and {diff.to} say the same thing.
      </Text>
    );
  }
  return (
    <Stack>
      <List spacing={4} size="sm" aria-label="Changes in words">
        {diff.lines.map((line) => (
          <List.Item key={line}>{line}</List.Item>
        ))}
      </List>
      {diff.rules.length > 0 ? (
        <Table verticalSpacing="xs" aria-label="Rule changes">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Rule</Table.Th>
              <Table.Th>Section</Table.Th>
              <Table.Th>Change</Table.Th>
              <Table.Th>Details</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {diff.rules.map((r) => (
              <Table.Tr key={`${r.section}-${r.id}`}>
                <Table.Td>
                  {r.label}
                  <Text size="xs" c="dimmed" ff="monospace">
                    {r.id}
                  </Text>
                </Table.Td>
                <Table.Td>{sectionLabels[r.section]}</Table.Td>
                <Table.Td>
                  <Badge color={kindColors[r.kind]} variant="light">
                    {r.kind}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {r.kind === 'changed' ? (
                    <ChangeRows changes={r.changes} />
                  ) : (
                    <Text size="sm">{r.text}</Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {diff.settings.length > 0 ? (
        <Stack gap={2} aria-label="Setting changes">
          <Text size="sm" fw={600}>
            Settings, field by field
          </Text>
          <ChangeRows changes={diff.settings} />
        </Stack>
      ) : null}
    </Stack>
  );
}

/** What a version changes compared with the active one, or with any other version. */
export function DiffView({
  version,
  against,
  onAgainstChange,
}: {
  version: number;
  against: number | undefined;
  onAgainstChange: (against: number | undefined) => void;
}) {
  const versions = useContractVersions();
  const diff = useContractDiff(version, against ?? 'active');
  const options = [
    { value: 'active', label: 'The active version' },
    ...(versions.data ?? [])
      .filter((v) => v.version !== version)
      .map((v) => ({ value: String(v.version), label: `Version ${v.version} — ${v.document.name}` })),
  ];
  return (
    <Stack>
      <Group>
        <Select
          label="Compare with"
          w={360}
          value={against ? String(against) : 'active'}
          data={options}
          allowDeselect={false}
          onChange={(value) => onAgainstChange(value && value !== 'active' ? Number(value) : undefined)}
        />
      </Group>
      {diff.isPending ? (
        <Center py="md">
          <Loader size="sm" aria-label="Loading changes" />
        </Center>
      ) : diff.isError ? (
        <ErrorAlert error={diff.error} title="The changes could not be loaded" />
      ) : (
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            From version {diff.data.from} to version {diff.data.to}
          </Text>
          <DiffBody diff={diff.data} />
        </Stack>
      )}
    </Stack>
  );
}
