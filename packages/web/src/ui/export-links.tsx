import { Anchor, Group, Text } from '@mantine/core';
import { reportHref } from '../lib/report-links.js';

/** Download links for a report as the API exports it: CSV (for spreadsheets) and JSON. */
export function ExportLinks({
  path,
  query,
  name,
}: {
  path: string;
  query: Record<string, string | number | null | undefined>;
  /** What is exported, for the links' accessible names, e.g. "cohorts". */
  name: string;
}) {
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm" c="dimmed">
        Export
      </Text>
      <Anchor size="sm" href={reportHref(path, query, 'csv')} download aria-label={`Export ${name} as CSV`}>
        CSV
      </Anchor>
      <Anchor
        size="sm"
        href={reportHref(path, query, 'json')}
        target="_blank"
        rel="noopener"
        aria-label={`Export ${name} as JSON`}
      >
        JSON
      </Anchor>
    </Group>
  );
}
