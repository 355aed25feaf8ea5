import {
  Alert,
  Button,
  Center,
  Group,
  Loader,
  Menu,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { ApiError } from '../../lib/api.js';
import { describeError } from '../../lib/describe-error.js';
import { ErrorAlert } from '../../ui/error-alert.js';
import { fetchLeads } from '../leads/leads-api.js';
import { useRepCapacity } from '../team/team-api.js';
import { useDryRun, useRoutingRules, useSaveRoutingRules } from './routing-api.js';
import {
  moveItem,
  newRule,
  type RoutingRule,
  type RoutingTarget,
  removeItem,
  ruleErrors,
  ruleKindLabel,
  ruleKinds,
} from './routing-rules.js';
import { type RuleChoices, RuleEditor } from './rule-editor.js';
import { useTeams } from './settings-api.js';

/** A rule in the editor, with a key that survives reordering and id edits. */
interface DraftRule {
  key: number;
  rule: RoutingRule;
}

let nextKey = 1;
const draft = (rule: RoutingRule): DraftRule => ({ key: nextKey++, rule });

function DryRunBox() {
  const dryRun = useDryRun();
  const recent = useQuery({
    queryKey: ['leads', 'recent-mqls'],
    queryFn: async () => (await fetchLeads({ stage: 'mql', limit: 20 })).items,
  });
  const [leadId, setLeadId] = useState('');
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (leadId.trim()) dryRun.mutate(leadId.trim());
  };
  return (
    <Paper withBorder p="md" component="section" aria-label="Dry run">
      <Title order={5} mb={4}>
        Dry run
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Who would get a lead now under the saved rules, and why. Nothing is stored.
      </Text>
      <form onSubmit={onSubmit} aria-label="Dry-run a lead">
        <Group align="flex-end">
          <Select
            label="A recent MQL"
            placeholder="Pick one"
            searchable
            w={320}
            data={(recent.data ?? []).map((l) => ({
              value: l.id,
              label: l.contact.name ?? l.contact.email ?? l.id,
            }))}
            value={(recent.data ?? []).some((l) => l.id === leadId) ? leadId : null}
            onChange={(value) => setLeadId(value ?? '')}
          />
          <TextInput
            label="Lead id"
            w={340}
            value={leadId}
            onChange={(e) => setLeadId(e.currentTarget.value)}
            error={
              dryRun.error instanceof ApiError && dryRun.error.isAbout('leadId') ? dryRun.error.detail : null
            }
          />
          <Button type="submit" variant="light" loading={dryRun.isPending} disabled={!leadId.trim()}>
            Dry run
          </Button>
        </Group>
      </form>
      {dryRun.error && !(dryRun.error instanceof ApiError && dryRun.error.isAbout('leadId')) ? (
        <Alert color="red" variant="light" role="alert" mt="sm">
          {describeError(dryRun.error)}
        </Alert>
      ) : null}
      {dryRun.data ? (
        <Stack gap={4} mt="sm" data-testid="dry-run-result">
          <Text fw={600}>
            {dryRun.data.assigneeName
              ? `Would go to ${dryRun.data.assigneeName}`
              : 'No rep would get it now (it would wait unassigned)'}
            {dryRun.data.ruleId ? ` by rule ${dryRun.data.ruleId}` : ''}
          </Text>
          <Stack gap={0} component="ol" m={0} pl="lg">
            {dryRun.data.explanation.map((line, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the explanation is read-only text in order
              <Text key={i} size="sm" component="li">
                {line}
              </Text>
            ))}
          </Stack>
        </Stack>
      ) : null}
    </Paper>
  );
}

/** The ordered routing rules of the default funnel: edit, reorder, save, and try one lead. */
export function RoutingTab() {
  const rules = useRoutingRules();
  const reps = useRepCapacity();
  const teams = useTeams();
  const save = useSaveRoutingRules();
  const [items, setItems] = useState<DraftRule[] | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (rules.data && items === null) setItems(rules.data.rules.map(draft));
  }, [rules.data, items]);

  const choices: RuleChoices = useMemo(() => {
    const salesTeam = (teams.data ?? []).find((t) => t.kind === 'sales');
    const fallback: RoutingTarget = salesTeam
      ? { kind: 'team', teamId: salesTeam.id, strategy: 'round_robin' }
      : { kind: 'user', userId: reps.data?.[0]?.userId ?? '' };
    return { reps: reps.data ?? [], teams: teams.data ?? [], fallback };
  }, [reps.data, teams.data]);

  const errors = useMemo(() => {
    if (!(save.error instanceof ApiError)) return new Map<number, Record<string, string>>();
    const problems = save.error.errors?.length
      ? save.error.errors
      : save.error.field
        ? [{ field: save.error.field, detail: save.error.detail }]
        : [];
    return ruleErrors(problems);
  }, [save.error]);

  if (rules.isPending || items === null) {
    if (rules.isError) {
      return (
        <ErrorAlert
          error={rules.error}
          title="Routing rules could not be loaded"
          onRetry={() => void rules.refetch()}
        />
      );
    }
    return (
      <Center py="xl">
        <Loader aria-label="Loading routing rules" />
      </Center>
    );
  }

  const edit = (next: DraftRule[]) => {
    setItems(next);
    setSaved(false);
    if (save.error) save.reset();
  };
  const onSave = () => {
    setSaved(false);
    save.mutate(
      items.map((i) => i.rule),
      { onSuccess: () => setSaved(true) },
    );
  };

  return (
    <Stack>
      <Text c="dimmed" size="sm">
        Rules are tried in order; the first that matches and finds a rep with room assigns the lead.
      </Text>
      {items.length === 0 ? <Text c="dimmed">No rules: new leads wait unassigned.</Text> : null}
      {items.map((item, index) => (
        <RuleEditor
          key={item.key}
          rule={item.rule}
          index={index}
          count={items.length}
          choices={choices}
          errors={errors.get(index) ?? {}}
          onChange={(rule) => edit(items.map((i) => (i.key === item.key ? { ...i, rule } : i)))}
          onMove={(delta) => edit(moveItem(items, index, delta))}
          onRemove={() => edit(removeItem(items, index))}
        />
      ))}
      <Group justify="space-between">
        <Menu position="bottom-start">
          <Menu.Target>
            <Button variant="default">Add a rule</Button>
          </Menu.Target>
          <Menu.Dropdown>
            {ruleKinds.map((kind) => (
              <Menu.Item
                key={kind}
                onClick={() =>
                  edit([
                    ...items,
                    draft(
                      newRule(
                        kind,
                        items.map((i) => i.rule.id),
                        choices.fallback,
                      ),
                    ),
                  ])
                }
              >
                {ruleKindLabel(kind)}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
        <Group>
          {saved ? (
            <Text size="sm" c="green" role="status">
              Rules saved.
            </Text>
          ) : null}
          <Button
            variant="default"
            onClick={() => {
              setItems(null);
              setSaved(false);
              save.reset();
            }}
          >
            Discard changes
          </Button>
          <Button onClick={onSave} loading={save.isPending}>
            Save rules
          </Button>
        </Group>
      </Group>
      {save.error && errors.size === 0 ? (
        <Alert color="red" variant="light" role="alert">
          {describeError(save.error)}
        </Alert>
      ) : save.error ? (
        <Alert color="red" variant="light" role="alert">
          The rules were not saved: {describeError(save.error)} (see the rule marked below its field).
        </Alert>
      ) : null}
      <DryRunBox />
    </Stack>
  );
}
