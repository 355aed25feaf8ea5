import { Alert, Progress, Stack, Text } from '@mantine/core';
import { progressPercent } from './chart-data.js';
import { useRescoring } from './contract-api.js';

/**
 * After a version becomes active every open lead is rescored in the background; this says how far
 * that has got. Nothing shows when no rescoring runs (or the server does not offer it).
 */
export function RescoringBanner() {
  const rescoring = useRescoring(true);
  const run = rescoring.data;
  if (!run) return null;
  if (run.status === 'failed') {
    return (
      <Alert color="red" variant="light" title={`Rescoring under version ${run.version} failed`} role="alert">
        Leads keep the scores they had; the server log says why.
      </Alert>
    );
  }
  if (run.status === 'done') return null;
  const percent = progressPercent(run.progress);
  return (
    <Alert color="blue" variant="light" title={`Rescoring leads under version ${run.version}`} role="status">
      <Stack gap={6}>
        <Progress value={percent} aria-label="Rescoring progress" animated />
        <Text size="sm">
          {run.progress.done.toLocaleString()} of {run.progress.total.toLocaleString()} open leads ({percent}
          %)
          {run.newMqls > 0 ? `; ${run.newMqls} became MQLs` : ''}. Ingestion carries on meanwhile.
        </Text>
      </Stack>
    </Alert>
  );
}
