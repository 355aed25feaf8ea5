import {
  Alert,
  Badge,
  Button,
  Card,
  FileInput,
  Group,
  Progress,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { UploadProgress } from '../../lib/upload.js';
import { ErrorAlert } from '../../ui/error-alert.js';
import { PageHeader } from '../../ui/page-header.js';
import { useCurrentSession } from '../auth/use-session.js';
import { NoAccess } from '../shell/no-access.js';
import {
  describeProblem,
  type ImportKind,
  type ImportOutcome,
  importKindsFor,
  progressPercent,
  runImport,
} from './imports-api.js';

type Step = 'preview' | 'import' | 'good-rows';

export function ImportsPage() {
  const { user } = useCurrentSession();
  const kinds = importKindsFor(user.role);
  const client = useQueryClient();
  const [kind, setKind] = useState<ImportKind>(kinds[0]?.kind ?? 'campaign-costs');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState<Step | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [preview, setPreview] = useState<ImportOutcome | null>(null);
  const [done, setDone] = useState<ImportOutcome | null>(null);
  const [error, setError] = useState<unknown>(null);

  if (kinds.length === 0) return <NoAccess what="imports" />;
  const info = kinds.find((k) => k.kind === kind) ?? kinds[0]!;

  const reset = () => {
    setPreview(null);
    setDone(null);
    setError(null);
    setProgress(null);
  };
  const run = async (step: Step) => {
    if (!file) return;
    setBusy(step);
    setError(null);
    setProgress({ loaded: 0, total: file.size, processing: false });
    try {
      const outcome = await runImport(kind, file, step, setProgress);
      if (step === 'preview') setPreview(outcome);
      else {
        setDone(outcome);
        setPreview(null);
        void client.invalidateQueries();
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack gap="lg">
      <PageHeader
        title="Imports"
        description="Upload a CSV file. Every row is checked first; nothing is imported until you say so."
      />
      <Card withBorder component="section" aria-label="Upload">
        <Stack>
          <SegmentedControl
            aria-label="What to import"
            value={kind}
            onChange={(v) => {
              const next = kinds.find((k) => k.kind === v);
              if (next) {
                setKind(next.kind);
                reset();
              }
            }}
            data={kinds.map((k) => ({ value: k.kind, label: k.label }))}
          />
          <Text size="sm" c="dimmed">
            Columns (* required, any order, header row first): {info.columns}
          </Text>
          <Group align="flex-end">
            <FileInput
              label="CSV file"
              placeholder="Choose a .csv file"
              accept=".csv,text/csv"
              w={360}
              clearable
              value={file}
              onChange={(f) => {
                setFile(f);
                reset();
              }}
            />
            <Button
              onClick={() => void run('preview')}
              disabled={!file || busy !== null}
              loading={busy === 'preview'}
            >
              Check file
            </Button>
          </Group>
          {busy || (progress && !preview && !done && !error) ? (
            <Stack gap={4}>
              <Progress
                value={progressPercent(progress)}
                animated={progress?.processing ?? false}
                aria-label="Upload progress"
              />
              <Text size="xs" c="dimmed">
                {progress?.processing
                  ? busy === 'preview'
                    ? 'Checking every row…'
                    : 'Importing…'
                  : `Uploading ${progressPercent(progress)} %`}
              </Text>
            </Stack>
          ) : null}
          {error ? <ErrorAlert error={error} title="The file could not be processed" /> : null}
        </Stack>
      </Card>
      {preview ? (
        <PreviewCard
          preview={preview}
          busy={busy}
          onImport={() => void run('import')}
          onImportGood={() => void run('good-rows')}
        />
      ) : null}
      {done ? (
        <Alert color="teal" variant="light" title="Import finished" role="status">
          {done.imported} row{done.imported === 1 ? '' : 's'} imported
          {done.skipped > 0 ? `, ${done.skipped} bad row${done.skipped === 1 ? '' : 's'} skipped` : ''}.
        </Alert>
      ) : null}
    </Stack>
  );
}

function PreviewCard({
  preview,
  busy,
  onImport,
  onImportGood,
}: {
  preview: ImportOutcome;
  busy: Step | null;
  onImport: () => void;
  onImportGood: () => void;
}) {
  const columns = [...new Set(preview.preview.flatMap((r) => Object.keys(r.values)))];
  return (
    <Card withBorder component="section" aria-label="Preview">
      <Stack>
        <Group justify="space-between">
          <Title order={4}>Preview</Title>
          <Group gap="xs">
            <Badge variant="light">{preview.totalRows} rows</Badge>
            <Badge variant="light" color="teal">
              {preview.goodRows} good
            </Badge>
            <Badge variant="light" color={preview.badRows > 0 ? 'red' : 'gray'}>
              {preview.badRows} bad
            </Badge>
          </Group>
        </Group>
        {preview.problems.length > 0 ? (
          <Table verticalSpacing={4} aria-label="Problems" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={80}>Line</Table.Th>
                <Table.Th w={180}>Column</Table.Th>
                <Table.Th>Reason</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.problems.map((p) => (
                <Table.Tr key={`${p.line}:${p.column ?? ''}:${p.reason}`} title={describeProblem(p)}>
                  <Table.Td>{p.line}</Table.Td>
                  <Table.Td>{p.column ?? '—'}</Table.Td>
                  <Table.Td>{p.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text size="sm" c="teal">
            No problems: every row can be imported.
          </Text>
        )}
        {preview.problemsTruncated ? (
          <Text size="sm" c="dimmed">
            Only the first {preview.problems.length} problems are listed.
          </Text>
        ) : null}
        {preview.preview.length > 0 ? (
          <Table.ScrollContainer minWidth={480}>
            <Table striped verticalSpacing={4} aria-label="Rows to import" fz="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Line</Table.Th>
                  {columns.map((c) => (
                    <Table.Th key={c}>{c}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.preview.map((r) => (
                  <Table.Tr key={r.line}>
                    <Table.Td>{r.line}</Table.Td>
                    {columns.map((c) => (
                      <Table.Td key={c}>{cell(r.values[c])}</Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
        <Group justify="flex-end">
          {preview.clean ? (
            <Button
              onClick={onImport}
              loading={busy === 'import'}
              disabled={busy !== null || preview.goodRows === 0}
            >
              Import
            </Button>
          ) : (
            <Button
              color="orange"
              onClick={onImportGood}
              loading={busy === 'good-rows'}
              disabled={busy !== null || preview.goodRows === 0}
            >
              Import only the good rows ({preview.goodRows})
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
