import {
  ActionIcon,
  Alert,
  Button,
  Center,
  Group,
  Loader,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { ApiError } from '../../lib/api.js';
import { describeError } from '../../lib/describe-error.js';
import { ErrorAlert } from '../../ui/error-alert.js';
import { dayLabel, draftField, fromDraft, type HoursDraft, toDraft, weekDays } from './business-hours.js';
import { useBusinessHours, useSaveBusinessHours } from './routing-api.js';
import { useTeams } from './settings-api.js';

const fallbackKey = 'default';

function serverErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const problems = error.errors?.length
    ? error.errors
    : error.field
      ? [{ field: error.field, detail: error.detail }]
      : [];
  const out: Record<string, string> = {};
  for (const p of problems) {
    const key = draftField(p.field);
    if (!(key in out)) out[key] = p.detail;
  }
  return out;
}

/** Business hours per team (or the workspace's fallback): zone, working hours per day, holidays. */
export function BusinessHoursTab() {
  const teams = useTeams();
  const hours = useBusinessHours();
  const [team, setTeam] = useState<string | null>(null);
  const options = useMemo(
    () => [
      ...(teams.data ?? []).map((t) => ({ value: t.id, label: `${t.name} (${t.kind})` })),
      { value: fallbackKey, label: 'Workspace default' },
    ],
    [teams.data],
  );
  if (teams.isError || hours.isError) {
    return <ErrorAlert error={teams.error ?? hours.error} title="Business hours could not be loaded" />;
  }
  if (!teams.data || !hours.data) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading business hours" />
      </Center>
    );
  }
  const selected = team ?? teams.data[0]?.id ?? fallbackKey;
  const current = hours.data.find((h) => (h.teamId ?? fallbackKey) === selected);
  return (
    <Stack maw={760}>
      <Text c="dimmed" size="sm">
        Service-level clocks run only in the responsible team’s working hours. Write hours like 09:00-12:00,
        13:00-17:30; leave a day empty when the team does not work.
      </Text>
      <Select
        label="Team"
        allowDeselect={false}
        w={300}
        data={options}
        value={selected}
        onChange={(v) => v && setTeam(v)}
      />
      <HoursForm key={selected} team={selected} initial={toDraft(current?.hours)} />
    </Stack>
  );
}

function HoursForm({ team, initial }: { team: string; initial: HoursDraft }) {
  const save = useSaveBusinessHours();
  const [form, setForm] = useState<HoursDraft>(initial);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const errors = { ...serverErrors(save.error), ...local };
  const change = (next: HoursDraft) => {
    setForm(next);
    setSaved(false);
    setLocal({});
    if (save.error) save.reset();
  };
  const onSave = () => {
    const parsed = fromDraft(form);
    if (!parsed.ok) {
      setLocal(parsed.errors);
      return;
    }
    save.mutate({ team, hours: parsed.hours }, { onSuccess: () => setSaved(true) });
  };
  const hasFieldErrors = Object.keys(errors).length > 0;

  return (
    <Stack>
      <TextInput
        label="Time zone"
        description="IANA name, e.g. Europe/Berlin"
        w={260}
        value={form.timeZone}
        onChange={(e) => change({ ...form, timeZone: e.currentTarget.value })}
        error={errors.timeZone}
      />
      <Table aria-label="Working hours" withRowBorders={false}>
        <Table.Tbody>
          {weekDays.map((day) => (
            <Table.Tr key={day}>
              <Table.Td w={120}>{dayLabel(day)}</Table.Td>
              <Table.Td>
                <TextInput
                  aria-label={`${dayLabel(day)} hours`}
                  placeholder="Closed"
                  value={form.days[day]}
                  onChange={(e) => change({ ...form, days: { ...form.days, [day]: e.currentTarget.value } })}
                  error={errors[`week/${day}`]}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text fw={600}>Holidays</Text>
      {form.holidays.length === 0 ? (
        <Text size="sm" c="dimmed">
          No holidays.
        </Text>
      ) : null}
      {form.holidays.map((holiday, i) => {
        const set = (patch: Partial<HoursDraft['holidays'][number]>) =>
          change({ ...form, holidays: form.holidays.map((h, j) => (j === i ? { ...h, ...patch } : h)) });
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity beyond their place
          <Group key={i} align="flex-start" gap="sm">
            <TextInput
              type="date"
              aria-label={`Holiday ${i + 1} date`}
              value={holiday.date}
              onChange={(e) => set({ date: e.currentTarget.value })}
              error={errors[`holidays/${i}/date`]}
            />
            <TextInput
              aria-label={`Holiday ${i + 1} name`}
              placeholder="Name"
              value={holiday.name}
              onChange={(e) => set({ name: e.currentTarget.value })}
              error={errors[`holidays/${i}/name`]}
            />
            <TextInput
              aria-label={`Holiday ${i + 1} hours`}
              placeholder="Closed all day"
              value={holiday.hours}
              onChange={(e) => set({ hours: e.currentTarget.value })}
              error={errors[`holidays/${i}/hours`]}
            />
            <ActionIcon
              variant="light"
              color="red"
              mt={4}
              aria-label={`Remove holiday ${i + 1}`}
              onClick={() => change({ ...form, holidays: form.holidays.filter((_, j) => j !== i) })}
            >
              ×
            </ActionIcon>
          </Group>
        );
      })}
      <Group justify="space-between">
        <Button
          variant="default"
          onClick={() => change({ ...form, holidays: [...form.holidays, { date: '', name: '', hours: '' }] })}
        >
          Add a holiday
        </Button>
        <Group>
          {saved ? (
            <Text size="sm" c="green" role="status">
              Business hours saved.
            </Text>
          ) : null}
          <Button onClick={onSave} loading={save.isPending}>
            Save business hours
          </Button>
        </Group>
      </Group>
      {save.error && !hasFieldErrors ? (
        <Alert color="red" variant="light" role="alert">
          {describeError(save.error)}
        </Alert>
      ) : null}
    </Stack>
  );
}
