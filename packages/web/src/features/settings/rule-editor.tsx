import {
  ActionIcon,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { RepCapacity } from '../team/team-api.js';
import {
  formatList,
  parseList,
  poolStrategies,
  type RoutingRule,
  type RoutingTarget,
  type RuleKind,
  ruleKindLabel,
  ruleKinds,
  strategyLabel,
  withKind,
} from './routing-rules.js';
import type { Team } from './settings-api.js';

export interface RuleChoices {
  reps: RepCapacity[];
  teams: Team[];
  fallback: RoutingTarget;
}

function TargetEditor({
  target,
  onChange,
  choices,
  errors,
}: {
  target: RoutingTarget;
  onChange: (target: RoutingTarget) => void;
  choices: RuleChoices;
  errors: Record<string, string>;
}) {
  return (
    <Group align="flex-start" gap="sm">
      <Select
        label="Assign to"
        allowDeselect={false}
        w={150}
        data={[
          { value: 'team', label: 'A team' },
          { value: 'user', label: 'One rep' },
        ]}
        value={target.kind}
        onChange={(value) =>
          onChange(
            value === 'user'
              ? { kind: 'user', userId: choices.reps[0]?.userId ?? '' }
              : { kind: 'team', teamId: choices.teams[0]?.id ?? '', strategy: 'round_robin' },
          )
        }
      />
      {target.kind === 'user' ? (
        <Select
          label="Rep"
          allowDeselect={false}
          w={220}
          data={choices.reps.map((r) => ({ value: r.userId, label: r.name }))}
          value={target.userId || null}
          onChange={(value) => onChange({ kind: 'user', userId: value ?? '' })}
          error={errors['target/userId'] ?? errors.target}
        />
      ) : (
        <>
          <Select
            label="Team"
            allowDeselect={false}
            w={220}
            data={choices.teams
              .filter((t) => t.kind === 'sales')
              .map((t) => ({ value: t.id, label: t.name }))}
            value={target.teamId || null}
            onChange={(value) => onChange({ ...target, teamId: value ?? '' })}
            error={errors['target/teamId'] ?? errors.target}
          />
          <Select
            label="Within the team"
            allowDeselect={false}
            w={220}
            data={poolStrategies.map((s) => ({ value: s, label: strategyLabel(s) }))}
            value={target.strategy}
            onChange={(value) =>
              onChange({ ...target, strategy: poolStrategies.find((s) => s === value) ?? 'round_robin' })
            }
            error={errors['target/strategy']}
          />
        </>
      )}
    </Group>
  );
}

function ListInput({
  label,
  description,
  value,
  onChange,
  error,
}: {
  label: string;
  description: string;
  value: string[] | undefined;
  onChange: (list: string[]) => void;
  error: string | undefined;
}) {
  return (
    <Textarea
      label={label}
      description={description}
      autosize
      minRows={1}
      maxRows={4}
      defaultValue={formatList(value)}
      onBlur={(e) => onChange(parseList(e.currentTarget.value))}
      error={error}
    />
  );
}

function KindFields({
  rule,
  onChange,
  errors,
}: {
  rule: RoutingRule;
  onChange: (rule: RoutingRule) => void;
  errors: Record<string, string>;
}) {
  switch (rule.kind) {
    case 'account_owner':
      return (
        <Text size="sm" c="dimmed">
          Leads at an account with an owner go to that owner.
        </Text>
      );
    case 'named_accounts':
      return (
        <Group grow align="flex-start">
          <ListInput
            label="Domains"
            description="e.g. acme.com, globex.com"
            value={rule.domains}
            onChange={(domains) => onChange({ ...rule, domains })}
            error={errors.domains}
          />
          <ListInput
            label="Account ids"
            description="Optional"
            value={rule.accountIds}
            onChange={(accountIds) => onChange({ ...rule, accountIds })}
            error={errors.accountIds}
          />
        </Group>
      );
    case 'territory':
      return (
        <Group grow align="flex-start">
          <ListInput
            label="Countries"
            description="Two-letter codes, e.g. DE, FR"
            value={rule.countries}
            onChange={(countries) => onChange({ ...rule, countries })}
            error={errors.countries}
          />
          <ListInput
            label="Regions"
            description="e.g. EMEA"
            value={rule.regions}
            onChange={(regions) => onChange({ ...rule, regions })}
            error={errors.regions}
          />
        </Group>
      );
    case 'segment':
      return (
        <Group grow align="flex-start">
          <NumberInput
            label="Minimum employees"
            min={0}
            allowDecimal={false}
            value={rule.minEmployees ?? ''}
            onChange={(v) => onChange({ ...rule, minEmployees: typeof v === 'number' ? v : null })}
            error={errors.minEmployees}
          />
          <NumberInput
            label="Maximum employees"
            min={0}
            allowDecimal={false}
            value={rule.maxEmployees ?? ''}
            onChange={(v) => onChange({ ...rule, maxEmployees: typeof v === 'number' ? v : null })}
            error={errors.maxEmployees}
          />
        </Group>
      );
    case 'catch_all':
      return (
        <Text size="sm" c="dimmed">
          Every lead no rule above took.
        </Text>
      );
  }
}

/** One rule: order buttons, id, name, kind, flags, the kind's parameters and its target. */
export function RuleEditor({
  rule,
  index,
  count,
  choices,
  errors,
  onChange,
  onMove,
  onRemove,
}: {
  rule: RoutingRule;
  index: number;
  count: number;
  choices: RuleChoices;
  errors: Record<string, string>;
  onChange: (rule: RoutingRule) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}) {
  const title = rule.name || rule.id;
  return (
    <Paper withBorder p="sm" component="section" aria-label={`Rule ${index + 1}: ${title}`}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Group align="flex-start" gap="sm">
            <Text fw={700} mt={28} w={24}>
              {index + 1}.
            </Text>
            <TextInput
              label="Name"
              w={260}
              value={rule.name ?? ''}
              onChange={(e) => onChange({ ...rule, name: e.currentTarget.value })}
              error={errors.name}
            />
            <TextInput
              label="Id"
              w={160}
              value={rule.id}
              onChange={(e) => onChange({ ...rule, id: e.currentTarget.value })}
              error={errors.id}
            />
            <Select
              label="Kind"
              allowDeselect={false}
              w={210}
              data={ruleKinds.map((k) => ({ value: k, label: ruleKindLabel(k) }))}
              value={rule.kind}
              onChange={(value) => {
                const kind = ruleKinds.find((k) => k === value) as RuleKind | undefined;
                if (kind) onChange(withKind(rule, kind, choices.fallback));
              }}
              error={errors.kind}
            />
          </Group>
          <Group gap={4} mt={24}>
            <ActionIcon
              variant="default"
              aria-label={`Move ${title} up`}
              disabled={index === 0}
              onClick={() => onMove(-1)}
            >
              ↑
            </ActionIcon>
            <ActionIcon
              variant="default"
              aria-label={`Move ${title} down`}
              disabled={index === count - 1}
              onClick={() => onMove(1)}
            >
              ↓
            </ActionIcon>
            <ActionIcon variant="light" color="red" aria-label={`Remove ${title}`} onClick={onRemove}>
              ×
            </ActionIcon>
          </Group>
        </Group>
        <Group gap="lg">
          <Switch
            label="Enabled"
            checked={rule.enabled !== false}
            onChange={(e) => onChange({ ...rule, enabled: e.currentTarget.checked })}
          />
          <Checkbox
            label="Ignore capacity caps"
            checked={rule.ignoreCapacity === true}
            onChange={(e) => onChange({ ...rule, ignoreCapacity: e.currentTarget.checked })}
          />
        </Group>
        <KindFields rule={rule} onChange={onChange} errors={errors} />
        {'target' in rule ? (
          <TargetEditor
            target={rule.target}
            choices={choices}
            errors={errors}
            onChange={(target) => onChange({ ...rule, target } as RoutingRule)}
          />
        ) : null}
        {errors[''] ? (
          <Text size="sm" c="red">
            {errors['']}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
