import { Button, Group, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { fieldError } from '../../lib/field-error.js';
import { centsToInput, formatCents, parseMoney } from '../../lib/money.js';
import { ErrorAlert } from '../../ui/error-alert.js';
import type { MonthRow } from './campaign-months.js';
import { useSetMonthCost } from './campaigns-api.js';

/** The campaign's cost per month; editors change one month at a time (empty removes it). */
export function MonthCosts({
  campaignId,
  rows,
  canEdit,
}: {
  campaignId: string;
  rows: MonthRow[];
  canEdit: boolean;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const [text, setText] = useState('');
  const save = useSetMonthCost(campaignId);
  const cents = text.trim() === '' ? null : parseMoney(text);
  const invalid = text.trim() !== '' && cents === null;

  const start = (row: MonthRow) => {
    save.reset();
    setEditing(row.month);
    setText(row.amountCents === null ? '' : centsToInput(row.amountCents));
  };
  const submit = (month: string) => {
    if (invalid) return;
    save.mutate({ month, amountCents: cents }, { onSuccess: () => setEditing(null) });
  };
  const total = rows.reduce((s, r) => s + (r.amountCents ?? 0), 0);

  return (
    <>
      {save.error && !fieldError(save.error, 'amountCents') ? (
        <ErrorAlert error={save.error} title="The cost could not be saved" />
      ) : null}
      <Table verticalSpacing={6} aria-label="Monthly costs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Month</Table.Th>
            <Table.Th ta="right">Cost</Table.Th>
            {canEdit ? <Table.Th w={220} /> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.month} data-month={row.month}>
              <Table.Td>{row.month}</Table.Td>
              {editing === row.month ? (
                <Table.Td colSpan={canEdit ? 2 : 1}>
                  <form
                    onSubmit={(e) => {
                      e.preventDefault();
                      submit(row.month);
                    }}
                  >
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      <TextInput
                        aria-label={`Cost of ${row.month}`}
                        placeholder="Empty removes the month"
                        inputMode="decimal"
                        size="xs"
                        w={160}
                        autoFocus
                        value={text}
                        onChange={(e) => setText(e.currentTarget.value)}
                        error={
                          invalid ? 'Enter an amount such as 1250.00' : fieldError(save.error, 'amountCents')
                        }
                      />
                      <Button size="xs" type="submit" loading={save.isPending} disabled={invalid}>
                        Save
                      </Button>
                      <Button size="xs" variant="default" onClick={() => setEditing(null)}>
                        Cancel
                      </Button>
                    </Group>
                  </form>
                </Table.Td>
              ) : (
                <>
                  <Table.Td ta="right" data-testid={`cost-${row.month}`}>
                    {row.amountCents === null ? <Text c="dimmed">—</Text> : formatCents(row.amountCents)}
                  </Table.Td>
                  {canEdit ? (
                    <Table.Td ta="right">
                      <Button
                        size="xs"
                        variant="subtle"
                        aria-label={`Edit cost of ${row.month}`}
                        onClick={() => start(row)}
                      >
                        Edit
                      </Button>
                    </Table.Td>
                  ) : null}
                </>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr fw={700}>
            <Table.Td>Total</Table.Td>
            <Table.Td ta="right" data-testid="cost-total">
              {formatCents(total)}
            </Table.Td>
            {canEdit ? <Table.Td /> : null}
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </>
  );
}
