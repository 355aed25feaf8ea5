import { Badge, Button, Checkbox, Group, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import type { Signal } from '@tandem/contracts';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { ErrorAlert } from '../../ui/error-alert.js';
import type { BacktestSettings } from './backtest-panel.js';
import { pickableSignals, type SignalSortKey, sortSignals, windowFor } from './chart-data.js';
import { type SignalLiftQuery, useDraftFromSignals, useSignalLift } from './contract-api.js';

const rate = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

function SortHeader({
  label,
  column,
  sort,
  onSort,
  right,
}: {
  label: string;
  column: SignalSortKey;
  sort: { key: SignalSortKey; direction: 'asc' | 'desc' };
  onSort: (key: SignalSortKey) => void;
  right?: boolean;
}) {
  const active = sort.key === column;
  return (
    <Table.Th
      ta={right ? 'right' : undefined}
      aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <UnstyledButton onClick={() => onSort(column)} fw={600} fz="sm">
        {label}
        {active ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
      </UnstyledButton>
    </Table.Th>
  );
}

/**
 * For each behaviour and firmographic signal: conversion with and without it, lift, sample size
 * and a suggested weight; ticked suggestions become a new draft in one click.
 */
export function SignalLiftPanel({ settings }: { settings: BacktestSettings }) {
  const [query, setQuery] = useState<SignalLiftQuery | null>(null);
  const [sort, setSort] = useState<{ key: SignalSortKey; direction: 'asc' | 'desc' }>({
    key: 'lift',
    direction: 'desc',
  });
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const lift = useSignalLift(query);
  const draft = useDraftFromSignals();
  const navigate = useNavigate();

  const measure = () =>
    setQuery({
      ...windowFor(settings.days, new Date()),
      outcome: settings.outcome,
      withinDays: settings.withinDays,
    });
  const onSort = (key: SignalSortKey) =>
    setSort((s) => ({ key, direction: s.key === key && s.direction === 'desc' ? 'asc' : 'desc' }));
  const toggle = (key: string) =>
    setTicked((set) => {
      const next = new Set(set);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  const createDraft = () => {
    if (!query) return;
    draft.mutate(
      { ...query, keys: [...ticked] },
      {
        onSuccess: (created) =>
          void navigate({
            to: '/contract/$version',
            params: { version: String(created.version) },
            search: { tab: 'edit' },
          }),
      },
    );
  };

  const signals: Signal[] = lift.data ? sortSignals(lift.data.signals, sort.key, sort.direction) : [];
  const pickable = lift.data ? pickableSignals(lift.data.signals) : new Set<string>();

  return (
    <Stack gap="sm" aria-label="Signal lift" component="section">
      <Group justify="space-between">
        <Text fw={600}>Signal lift</Text>
        <Group gap="xs">
          <Button variant="light" onClick={measure} loading={lift.isFetching}>
            Measure signal lift
          </Button>
          {lift.data ? (
            <Button onClick={createDraft} disabled={ticked.size === 0} loading={draft.isPending}>
              Create draft from {ticked.size} suggestion{ticked.size === 1 ? '' : 's'}
            </Button>
          ) : null}
        </Group>
      </Group>
      {lift.isError ? <ErrorAlert error={lift.error} title="Signal lift could not be measured" /> : null}
      {draft.isError ? <ErrorAlert error={draft.error} title="The draft could not be created" /> : null}
      {lift.data ? (
        <>
          <Text size="sm" c="dimmed">
            {lift.data.leads.toLocaleString()} leads, base conversion {rate(lift.data.baseRate)}. Rows marked
            “few leads” rest on too small a sample to trust.
          </Text>
          <Table.ScrollContainer minWidth={820}>
            <Table verticalSpacing={4} aria-label="Signals">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th aria-label="Pick" />
                  <SortHeader label="Signal" column="label" sort={sort} onSort={onSort} />
                  <SortHeader label="Leads with it" column="leads" sort={sort} onSort={onSort} right />
                  <SortHeader label="Converted with" column="withRate" sort={sort} onSort={onSort} right />
                  <Table.Th ta="right">Converted without</Table.Th>
                  <SortHeader label="Lift" column="lift" sort={sort} onSort={onSort} right />
                  <Table.Th ta="right">Points now</Table.Th>
                  <SortHeader label="Suggested" column="suggestedPoints" sort={sort} onSort={onSort} right />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {signals.map((s) => (
                  <Table.Tr key={s.key}>
                    <Table.Td>
                      <Checkbox
                        aria-label={`Use the suggestion for ${s.label}`}
                        disabled={!pickable.has(s.key)}
                        checked={ticked.has(s.key)}
                        onChange={() => toggle(s.key)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6}>
                        <Text size="sm">{s.label}</Text>
                        <Badge size="xs" variant="outline">
                          {s.kind}
                        </Badge>
                        {s.lowSample ? (
                          <Badge size="xs" color="yellow" variant="light">
                            few leads
                          </Badge>
                        ) : null}
                      </Group>
                    </Table.Td>
                    <Table.Td ta="right">{s.withSignal.leads.toLocaleString()}</Table.Td>
                    <Table.Td ta="right">{rate(s.withSignal.rate)}</Table.Td>
                    <Table.Td ta="right">{rate(s.withoutSignal.rate)}</Table.Td>
                    <Table.Td ta="right">{s.lift === null ? '—' : `${s.lift.toFixed(2)}×`}</Table.Td>
                    <Table.Td ta="right">{s.currentPoints ?? '—'}</Table.Td>
                    <Table.Td ta="right">{s.suggestedPoints ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      ) : null}
    </Stack>
  );
}
