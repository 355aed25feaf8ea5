import { Button, Group, Modal, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { fieldError } from '../../lib/field-error.js';
import { centsToInput, parseMoney } from '../../lib/money.js';
import { FormErrorAlert } from '../../ui/form-error-alert.js';
import { type Goal, useSaveGoal } from './goals-api.js';
import { type GoalForm, goalFormProblems, nextQuarter } from './plan-data.js';

const serverFields = ['name', 'periodStart', 'periodEnd', 'targetCents', 'currency'] as const;

/** Creates a goal (no `goal`) or edits one; closes on success and hands back the saved goal. */
export function GoalFormModal({
  opened,
  goal,
  onClose,
  onSaved,
}: {
  opened: boolean;
  goal: Goal | null;
  onClose: () => void;
  onSaved: (saved: Goal) => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={goal ? 'Edit goal' : 'New goal'}>
      {opened ? <GoalFormBody goal={goal} onClose={onClose} onSaved={onSaved} /> : null}
    </Modal>
  );
}

function GoalFormBody({
  goal,
  onClose,
  onSaved,
}: {
  goal: Goal | null;
  onClose: () => void;
  onSaved: (saved: Goal) => void;
}) {
  const save = useSaveGoal(goal?.id ?? null);
  const [form, setForm] = useState<GoalForm>(() =>
    goal
      ? {
          name: goal.name,
          periodStart: goal.periodStart,
          periodEnd: goal.periodEnd,
          target: centsToInput(goal.targetCents),
          currency: goal.currency,
        }
      : { name: '', ...nextQuarter(new Date()), target: '', currency: 'USD' },
  );
  const [submitted, setSubmitted] = useState(false);
  const problems = goalFormProblems(form, parseMoney);
  // Read the value now: the event's currentTarget is gone by the time a state updater runs.
  const set = (key: keyof GoalForm) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setForm((f) => ({ ...f, [key]: value }));
  };
  const error = save.error;
  const shown = (key: keyof GoalForm, server: string) =>
    (submitted ? problems[key] : undefined) ?? fieldError(error, server);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    const targetCents = parseMoney(form.target);
    if (Object.keys(problems).length > 0 || targetCents === null) return;
    save.mutate(
      {
        name: form.name.trim(),
        periodStart: form.periodStart,
        periodEnd: form.periodEnd,
        targetCents,
        currency: form.currency,
      },
      {
        onSuccess: (saved) => {
          onSaved(saved);
          onClose();
        },
      },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={goal ? 'Edit goal' : 'New goal'}>
      <Stack>
        <FormErrorAlert error={error} fields={serverFields} />
        <TextInput
          label="Name"
          required
          value={form.name}
          onChange={set('name')}
          error={shown('name', 'name')}
        />
        <SimpleGrid cols={2}>
          <TextInput
            label="First day"
            type="date"
            required
            value={form.periodStart}
            onChange={set('periodStart')}
            error={shown('periodStart', 'periodStart')}
          />
          <TextInput
            label="Last day"
            type="date"
            required
            value={form.periodEnd}
            onChange={set('periodEnd')}
            error={shown('periodEnd', 'periodEnd')}
          />
        </SimpleGrid>
        <SimpleGrid cols={2}>
          <TextInput
            label="Revenue target"
            description="Won in the period"
            inputMode="decimal"
            required
            value={form.target}
            onChange={set('target')}
            error={shown('target', 'targetCents')}
          />
          <TextInput
            label="Currency"
            description="Deals in this currency count"
            maxLength={3}
            value={form.currency}
            onChange={(e) => {
              const currency = e.currentTarget.value.toUpperCase();
              setForm((f) => ({ ...f, currency }));
            }}
            error={shown('currency', 'currency')}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {goal ? 'Save goal' : 'Create goal'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
