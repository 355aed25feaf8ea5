import { Alert, Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { formatDateTime } from '../../lib/format.js';
import { RouterAnchor } from '../../ui/router-links.js';
import {
  centsText,
  decayText,
  explanationTotals,
  hitNote,
  hitsNewestFirst,
  pointsText,
} from './explanation.js';
import type { ScoreExplanation } from './lead-api.js';

const valueText = (v: string | number | boolean | null) => (v === null ? '—' : String(v));

function FitExplanation({ x }: { x: ScoreExplanation }) {
  return (
    <Stack gap="xs" aria-label="Fit" component="section">
      <Group justify="space-between">
        <Title order={4}>Fit</Title>
        <Text size="sm">
          Grade <b>{x.fit.grade ?? 'none'}</b> from <b data-testid="fit-total">{x.fit.points}</b> points
        </Text>
      </Group>
      {x.fit.hits.length === 0 ? (
        <Text size="sm" c="dimmed">
          No fit rule matches this contact and account.
        </Text>
      ) : (
        <Table verticalSpacing={4} aria-label="Fit rules hit">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Rule</Table.Th>
              <Table.Th>Field</Table.Th>
              <Table.Th>Value</Table.Th>
              <Table.Th ta="right">Points</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {x.fit.hits.map((h) => (
              <Table.Tr key={h.ruleId}>
                <Table.Td>{h.label}</Table.Td>
                <Table.Td ff="monospace" fz="xs">
                  {h.field}
                </Table.Td>
                <Table.Td>{valueText(h.value)}</Table.Td>
                <Table.Td ta="right">{pointsText(h.points)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th colSpan={3}>Total</Table.Th>
              <Table.Th ta="right">{x.fit.points}</Table.Th>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      )}
    </Stack>
  );
}

function InterestExplanation({ x }: { x: ScoreExplanation }) {
  const hits = hitsNewestFirst(x.interest.hits);
  return (
    <Stack gap="xs" aria-label="Interest" component="section">
      <Group justify="space-between">
        <Title order={4}>Interest</Title>
        <Text size="sm">
          <b data-testid="interest-total">{centsText(x.interest.totalCents)}</b> now · half-life{' '}
          {x.interest.halfLifeDays} days · cap {x.interest.totalCap} · {x.interest.events} events considered
        </Text>
      </Group>
      {hits.length === 0 ? (
        <Text size="sm" c="dimmed">
          No tracked activity matches an interest rule yet.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing={4} aria-label="Interest rules hit">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Event</Table.Th>
                <Table.Th>Rule</Table.Th>
                <Table.Th ta="right">Points</Table.Th>
                <Table.Th ta="right">Applied</Table.Th>
                <Table.Th ta="right">Kept after decay</Table.Th>
                <Table.Th ta="right">Counts now</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {hits.map((h) => {
                const note = hitNote(h);
                return (
                  <Table.Tr key={`${h.event.id}-${h.ruleId}`}>
                    <Table.Td fz="sm">{formatDateTime(h.event.at)}</Table.Td>
                    <Table.Td fz="sm">
                      {h.event.type}
                      {h.event.name ? `: ${h.event.name}` : ''}
                    </Table.Td>
                    <Table.Td fz="sm">
                      <Group gap={4}>
                        {h.label}
                        {h.handRaiser ? (
                          <Badge size="xs" color="grape" variant="light">
                            hand-raiser
                          </Badge>
                        ) : null}
                      </Group>
                      {note ? (
                        <Text size="xs" c="orange">
                          {note}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td ta="right">{pointsText(h.points)}</Table.Td>
                    <Table.Td ta="right">{pointsText(h.applied)}</Table.Td>
                    <Table.Td ta="right">{decayText(h.decay)}</Table.Td>
                    <Table.Td ta="right">{centsText(h.contributionCents)}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th colSpan={6}>Total</Table.Th>
                <Table.Th ta="right">{centsText(x.interest.totalCents)}</Table.Th>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function MqlDecision({ x }: { x: ScoreExplanation }) {
  const excluded = x.exclusions.length > 0;
  return (
    <Stack gap="xs" aria-label="MQL" component="section">
      <Title order={4}>MQL</Title>
      {excluded ? (
        <Alert color="red" variant="light" title="Excluded">
          {x.exclusions.map((e) => `${e.label} (${e.field} = ${valueText(e.value)})`).join('; ')}: never an
          MQL under this contract.
        </Alert>
      ) : x.mql.qualifies ? (
        <Alert color="green" variant="light" title="Qualifies as an MQL">
          {x.mql.reason}
        </Alert>
      ) : (
        <Alert
          color="blue"
          variant="light"
          title="What is missing to become an MQL"
          data-testid="mql-missing"
        >
          {x.mql.missing
            ? `${x.mql.missing.charAt(0).toUpperCase()}${x.mql.missing.slice(1)}.`
            : x.mql.reason}
        </Alert>
      )}
    </Stack>
  );
}

/**
 * Why the lead has its score under the contract in force: every fit rule hit, every interest hit
 * with its event, decay and caps, totals equal to the stored score, and what is missing to qualify.
 */
export function ScoreExplanationSection({ x }: { x: ScoreExplanation }) {
  const totals = explanationTotals(x);
  return (
    <Card withBorder padding="md" component="section" aria-label="Score explanation">
      <Stack gap="lg">
        <Group justify="space-between">
          <Title order={3}>Why this score</Title>
          <Text size="sm" c="dimmed">
            Under{' '}
            <RouterAnchor to="/contract/$version" params={{ version: String(x.contractVersion) }} size="sm">
              contract version {x.contractVersion}
            </RouterAnchor>
            , as of {formatDateTime(x.now)}
          </Text>
        </Group>
        <FitExplanation x={x} />
        <InterestExplanation x={x} />
        <Text size="sm" c={totals.consistent ? 'dimmed' : 'orange'} data-testid="score-totals">
          {totals.consistent
            ? `Totals match the stored score: fit ${totals.fitPoints}, interest ${centsText(totals.interestCents)}.`
            : `The stored score (fit ${x.stored.fitPoints}, interest ${
                totals.storedCents === null ? 'not scored' : centsText(totals.storedCents)
              }) is being brought up to date with this explanation.`}
        </Text>
        <MqlDecision x={x} />
      </Stack>
    </Card>
  );
}
