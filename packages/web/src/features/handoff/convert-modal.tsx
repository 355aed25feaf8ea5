import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { describeError } from '../../lib/describe-error.js';
import type { Handoff } from './handoff-api.js';

const contactRoles = ['decision_maker', 'economic_buyer', 'champion', 'influencer', 'user', 'technical'];
const roleLabel = (role: string) => role.replaceAll('_', ' ');

export interface ConvertInput {
  amountCents: number;
  currency: string;
  closeDate: string;
  contactRoles: Array<{ contactId: string; role: string }>;
}

/** Opens the opportunity: amount, currency, close date, and the account's people with their roles. */
export function ConvertModal({
  opened,
  people,
  pending,
  error,
  onSubmit,
  onClose,
}: {
  opened: boolean;
  people: Handoff['accountPeople'];
  pending: boolean;
  error: unknown;
  onSubmit: (input: ConvertInput) => void;
  onClose: () => void;
}) {
  const [amount, setAmount] = useState<number | string>('');
  const [currency, setCurrency] = useState('USD');
  const [closeDate, setCloseDate] = useState('');
  const [roles, setRoles] = useState<Record<string, string>>({});
  const [tried, setTried] = useState(false);
  const amountOk = typeof amount === 'number' && amount >= 0;
  const currencyOk = /^[A-Z]{3}$/.test(currency);
  const submit = () => {
    setTried(true);
    if (!amountOk || !currencyOk || !closeDate) return;
    onSubmit({
      amountCents: Math.round(amount * 100),
      currency,
      closeDate,
      contactRoles: Object.entries(roles).map(([contactId, role]) => ({ contactId, role })),
    });
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Convert to an opportunity" size="lg">
      <Stack>
        <Group grow align="flex-start">
          <NumberInput
            label="Amount"
            required
            min={0}
            decimalScale={2}
            thousandSeparator=","
            value={amount}
            onChange={setAmount}
            error={tried && !amountOk ? 'Enter the amount' : undefined}
          />
          <TextInput
            label="Currency"
            required
            maxLength={3}
            value={currency}
            onChange={(e) => setCurrency(e.currentTarget.value.toUpperCase())}
            error={tried && !currencyOk ? 'Three letters, e.g. USD' : undefined}
          />
          <TextInput
            label="Close date"
            type="date"
            required
            value={closeDate}
            onChange={(e) => setCloseDate(e.currentTarget.value)}
            error={tried && !closeDate ? 'Pick the expected close date' : undefined}
          />
        </Group>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Contact roles
          </Text>
          <Text size="xs" c="dimmed">
            The lead’s own contact is always on the opportunity; add the account’s other people.
          </Text>
          {people.length === 0 ? (
            <Text size="sm" c="dimmed">
              Nobody else at the account.
            </Text>
          ) : (
            <Table>
              <Table.Tbody>
                {people.map((p) => {
                  const role = roles[p.id];
                  return (
                    <Table.Tr key={p.id}>
                      <Table.Td>
                        <Checkbox
                          label={`${p.name ?? 'Unnamed'}${p.title ? ` · ${p.title}` : ''}`}
                          checked={role !== undefined}
                          onChange={(e) => {
                            const checked = e.currentTarget.checked;
                            setRoles((current) => {
                              const next = { ...current };
                              if (checked) next[p.id] = 'influencer';
                              else delete next[p.id];
                              return next;
                            });
                          }}
                        />
                      </Table.Td>
                      <Table.Td w={200}>
                        {role !== undefined ? (
                          <Select
                            aria-label={`Role of ${p.name ?? 'this person'}`}
                            size="xs"
                            data={contactRoles.map((r) => ({ value: r, label: roleLabel(r) }))}
                            value={role}
                            allowDeselect={false}
                            onChange={(value) =>
                              value && setRoles((current) => ({ ...current, [p.id]: value }))
                            }
                          />
                        ) : null}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
        {error ? (
          <Alert color="red" variant="light" role="alert">
            {describeError(error)}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="violet" loading={pending} onClick={submit}>
            Convert
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
