import { Button, Card, Group, MultiSelect, Stack, Text, Textarea, Title } from '@mantine/core';
import { capPeriods, fitFields, fitGrades, scoringEventTypes } from '@tandem/contracts';
import { type ReactNode, useEffect, useState } from 'react';
import { ConditionInputs } from './condition-inputs.js';
import { type ContractPath, problemCountUnder, problemsAt } from './contract-pointer.js';
import { freshRuleId, listAt, valueAt } from './form-fields.js';
import { type FormContext, NumberAt, SelectAt, TextAt } from './form-inputs.js';
import { RuleCard } from './rule-card.js';

function Section({
  ctx,
  path,
  title,
  children,
}: {
  ctx: FormContext;
  path: ContractPath;
  title: string;
  children: ReactNode;
}) {
  const count = problemCountUnder(ctx.problems, path);
  return (
    <Card withBorder padding="md" component="section" aria-label={title}>
      <Stack gap="sm">
        <Title order={4}>
          {title}
          {count > 0 ? (
            <Text span c="red" size="sm" ml="xs">
              ({count} to fix)
            </Text>
          ) : null}
        </Title>
        {problemsAt(ctx.problems, path).map((d) => (
          <Text key={d} c="red" size="sm">
            {d}
          </Text>
        ))}
        {children}
      </Stack>
    </Card>
  );
}

const ruleTitle = (rule: unknown, fallback: string) =>
  String(valueAt(rule, ['label']) ?? valueAt(rule, ['id']) ?? fallback);

function AddButton({
  ctx,
  onClick,
  children,
}: {
  ctx: FormContext;
  onClick: () => void;
  children: ReactNode;
}) {
  if (ctx.readOnly) return null;
  return (
    <Group>
      <Button variant="light" size="xs" onClick={onClick}>
        {children}
      </Button>
    </Group>
  );
}

function IdAndLabel({ ctx, path }: { ctx: FormContext; path: ContractPath }) {
  return (
    <>
      <TextAt ctx={ctx} path={[...path, 'id']} label="Id" w={200} optional={false} />
      <TextAt ctx={ctx} path={[...path, 'label']} label="Label" w={260} />
    </>
  );
}

function FieldInput({ ctx, path }: { ctx: FormContext; path: ContractPath }) {
  return (
    <TextAt
      ctx={ctx}
      path={[...path, 'field']}
      label="Field"
      description={`e.g. ${fitFields.slice(0, 2).join(', ')}, account.traits.crm`}
      w={260}
      optional={false}
    />
  );
}

export function GeneralSection({ ctx }: { ctx: FormContext }) {
  return (
    <Section ctx={ctx} path={['name']} title="General">
      <TextAt ctx={ctx} path={['name']} label="Name" optional={false} />
      <TextAt ctx={ctx} path={['description']} label="Description" />
    </Section>
  );
}

export function FitSection({ ctx }: { ctx: FormContext }) {
  const rules = listAt(ctx.document, ['fit', 'rules']);
  return (
    <Section ctx={ctx} path={['fit']} title="Fit">
      <Text size="sm" c="dimmed">
        Who the lead is: points for each matching rule; the grade comes from the total.
      </Text>
      {rules.map((rule, i) => {
        const path = ['fit', 'rules', i];
        return (
          <RuleCard
            // biome-ignore lint/suspicious/noArrayIndexKey: list items are addressed by position in the YAML text
            key={`fit-${i}-${String(valueAt(rule, ['id']))}`}
            ctx={ctx}
            path={path}
            title={`Fit rule ${ruleTitle(rule, String(i + 1))}`}
          >
            <Group align="flex-start" gap="sm">
              <IdAndLabel ctx={ctx} path={path} />
              <NumberAt ctx={ctx} path={[...path, 'points']} label="Points" w={100} />
            </Group>
            <Group align="flex-start" gap="sm">
              <FieldInput ctx={ctx} path={path} />
              <ConditionInputs ctx={ctx} path={path} />
            </Group>
          </RuleCard>
        );
      })}
      <AddButton
        ctx={ctx}
        onClick={() =>
          ctx.edit({
            kind: 'append',
            path: ['fit', 'rules'],
            value: {
              id: freshRuleId(ctx.document, 'fit'),
              field: 'contact.title',
              op: 'contains_word',
              values: ['director'],
              points: 10,
            },
          })
        }
      >
        Add fit rule
      </AddButton>
      <Text fw={600} size="sm">
        Grades (minimum fit points)
      </Text>
      <Group gap="sm" align="flex-start">
        {fitGrades.map((g) => (
          <NumberAt key={g} ctx={ctx} path={['fit', 'grades', g]} label={`Grade ${g}`} w={110} />
        ))}
      </Group>
    </Section>
  );
}

function PropertyConditions({ ctx, path }: { ctx: FormContext; path: ContractPath }) {
  const list = listAt(ctx.document, [...path, 'properties']);
  return (
    <Stack gap="xs">
      {list.map((_, j) => {
        const p = [...path, 'properties', j];
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: list items are addressed by position in the YAML text
          <RuleCard key={`prop-${j}`} ctx={ctx} path={p} title={`Property condition ${j + 1}`}>
            <Group align="flex-start" gap="sm">
              <TextAt ctx={ctx} path={[...p, 'property']} label="Property" w={180} optional={false} />
              <ConditionInputs ctx={ctx} path={p} />
            </Group>
          </RuleCard>
        );
      })}
      <AddButton
        ctx={ctx}
        onClick={() =>
          ctx.edit({
            kind: 'append',
            path: [...path, 'properties'],
            value: { property: 'plan', op: 'equals', value: 'pro' },
          })
        }
      >
        Add property condition
      </AddButton>
    </Stack>
  );
}

export function InterestSection({ ctx }: { ctx: FormContext }) {
  const rules = listAt(ctx.document, ['interest', 'rules']);
  return (
    <Section ctx={ctx} path={['interest']} title="Interest">
      <Text size="sm" c="dimmed">
        What the lead does: points per matching event, halved every half-life, capped per rule and in total.
      </Text>
      <Group gap="sm" align="flex-start">
        <NumberAt ctx={ctx} path={['interest', 'halfLifeDays']} label="Half-life (days)" w={150} />
        <NumberAt ctx={ctx} path={['interest', 'totalCap']} label="Total cap" w={150} />
      </Group>
      {rules.map((rule, i) => {
        const path = ['interest', 'rules', i];
        const type = valueAt(rule, ['type']);
        return (
          <RuleCard
            // biome-ignore lint/suspicious/noArrayIndexKey: list items are addressed by position in the YAML text
            key={`interest-${i}-${String(valueAt(rule, ['id']))}`}
            ctx={ctx}
            path={path}
            title={`Interest rule ${ruleTitle(rule, String(i + 1))}`}
          >
            <Group align="flex-start" gap="sm">
              <IdAndLabel ctx={ctx} path={path} />
              <NumberAt ctx={ctx} path={[...path, 'points']} label="Points" w={100} />
            </Group>
            <Group align="flex-start" gap="sm">
              <SelectAt
                ctx={ctx}
                path={[...path, 'type']}
                label="Event type"
                data={[...scoringEventTypes]}
                w={130}
              />
              {type !== 'identify' && type !== 'group' ? (
                <TextAt ctx={ctx} path={[...path, 'event']} label="Event or page name" w={220} />
              ) : null}
              {type === 'page' ? (
                <TextAt ctx={ctx} path={[...path, 'path']} label="Page path (glob)" w={200} />
              ) : null}
              <NumberAt ctx={ctx} path={[...path, 'cap', 'count']} label="Cap: times" w={100} />
              <SelectAt
                ctx={ctx}
                path={[...path, 'cap', 'per']}
                label="per"
                data={[...capPeriods]}
                w={110}
                clearable
              />
            </Group>
            <PropertyConditions ctx={ctx} path={path} />
          </RuleCard>
        );
      })}
      <AddButton
        ctx={ctx}
        onClick={() =>
          ctx.edit({
            kind: 'append',
            path: ['interest', 'rules'],
            value: { id: freshRuleId(ctx.document, 'interest'), type: 'page', path: '/pricing*', points: 5 },
          })
        }
      >
        Add interest rule
      </AddButton>
    </Section>
  );
}

export function MqlSection({ ctx }: { ctx: FormContext }) {
  const interestIds = listAt(ctx.document, ['interest', 'rules']).map((r) =>
    String(valueAt(r, ['id']) ?? ''),
  );
  const handRaisers = listAt(ctx.document, ['mql', 'handRaisers']).map(String);
  const exclusions = listAt(ctx.document, ['mql', 'exclusions']);
  const handRaiserErrors = [
    ...problemsAt(ctx.problems, ['mql', 'handRaisers']),
    ...handRaisers.flatMap((_, i) => problemsAt(ctx.problems, ['mql', 'handRaisers', i])),
  ];
  return (
    <Section ctx={ctx} path={['mql']} title="MQL condition">
      <Group gap="sm" align="flex-start">
        <SelectAt ctx={ctx} path={['mql', 'minGrade']} label="Minimum grade" data={[...fitGrades]} w={140} />
        <NumberAt ctx={ctx} path={['mql', 'minInterest']} label="Minimum interest" w={150} />
        <MultiSelect
          label="Hand-raisers (qualify at once)"
          w={420}
          data={[...new Set([...interestIds.filter(Boolean), ...handRaisers])]}
          value={handRaisers}
          readOnly={ctx.readOnly}
          error={handRaiserErrors.join('; ') || undefined}
          onChange={(ids) => ctx.edit({ kind: 'set', path: ['mql', 'handRaisers'], value: ids })}
        />
      </Group>
      <Text fw={600} size="sm">
        Exclusions (never an MQL)
      </Text>
      {exclusions.map((rule, i) => {
        const path = ['mql', 'exclusions', i];
        return (
          <RuleCard
            // biome-ignore lint/suspicious/noArrayIndexKey: list items are addressed by position in the YAML text
            key={`exclusion-${i}-${String(valueAt(rule, ['id']))}`}
            ctx={ctx}
            path={path}
            title={`Exclusion ${ruleTitle(rule, String(i + 1))}`}
          >
            <Group align="flex-start" gap="sm">
              <IdAndLabel ctx={ctx} path={path} />
            </Group>
            <Group align="flex-start" gap="sm">
              <FieldInput ctx={ctx} path={path} />
              <ConditionInputs ctx={ctx} path={path} />
            </Group>
          </RuleCard>
        );
      })}
      <AddButton
        ctx={ctx}
        onClick={() =>
          ctx.edit({
            kind: 'append',
            path: ['mql', 'exclusions'],
            value: {
              id: freshRuleId(ctx.document, 'exclusion'),
              field: 'account.domain',
              op: 'email_domain_in',
              values: ['competitor.example'],
            },
          })
        }
      >
        Add exclusion
      </AddButton>
    </Section>
  );
}

function Reasons({ ctx, list }: { ctx: FormContext; list: 'reject' | 'recycle' }) {
  const reasons = listAt(ctx.document, ['reasons', list]);
  return (
    <Stack gap="xs">
      <Text fw={600} size="sm">
        {list === 'reject' ? 'Reject reasons' : 'Recycle reasons'}
      </Text>
      {problemsAt(ctx.problems, ['reasons', list]).map((d) => (
        <Text key={d} c="red" size="sm">
          {d}
        </Text>
      ))}
      {reasons.map((_, i) => {
        const path = ['reasons', list, i];
        return (
          <RuleCard
            // biome-ignore lint/suspicious/noArrayIndexKey: list items are addressed by position in the YAML text
            key={`${list}-${i}`}
            ctx={ctx}
            path={path}
            title={`${list === 'reject' ? 'Reject' : 'Recycle'} reason ${i + 1}`}
          >
            <Group gap="sm" align="flex-start">
              <TextAt ctx={ctx} path={[...path, 'code']} label="Code" w={180} optional={false} />
              <TextAt ctx={ctx} path={[...path, 'label']} label="Label" w={380} optional={false} />
            </Group>
          </RuleCard>
        );
      })}
      <AddButton
        ctx={ctx}
        onClick={() =>
          ctx.edit({
            kind: 'append',
            path: ['reasons', list],
            value: { code: 'new-reason', label: 'Describe it' },
          })
        }
      >
        Add {list} reason
      </AddButton>
    </Stack>
  );
}

/** One criterion per line; blank lines are kept while typing and dropped from the contract. */
function CriteriaInput({
  ctx,
  criteria,
  error,
}: {
  ctx: FormContext;
  criteria: string[];
  error: string | undefined;
}) {
  const external = criteria.join('\n');
  const [text, setText] = useState(external);
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    if (!focused) setText(external);
  }, [external, focused]);
  return (
    <Textarea
      label="Acceptance criteria (one per line)"
      autosize
      minRows={3}
      value={text}
      readOnly={ctx.readOnly}
      error={error}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
      onChange={(e) => {
        const next = e.currentTarget.value;
        setText(next);
        ctx.edit({
          kind: 'set',
          path: ['acceptance', 'criteria'],
          value: next.split('\n').filter((line) => line.trim() !== ''),
        });
      }}
    />
  );
}

export function AcceptanceSection({ ctx }: { ctx: FormContext }) {
  const criteria = listAt(ctx.document, ['acceptance', 'criteria']).map(String);
  const criteriaErrors = [
    ...problemsAt(ctx.problems, ['acceptance', 'criteria']),
    ...criteria.flatMap((_, i) =>
      problemsAt(ctx.problems, ['acceptance', 'criteria', i]).map((d) => `line ${i + 1}: ${d}`),
    ),
  ];
  return (
    <Section ctx={ctx} path={['acceptance']} title="Acceptance and reasons">
      <CriteriaInput ctx={ctx} criteria={criteria} error={criteriaErrors.join('; ') || undefined} />
      <Reasons ctx={ctx} list="reject" />
      <Reasons ctx={ctx} list="recycle" />
    </Section>
  );
}

export function SlaSection({ ctx }: { ctx: FormContext }) {
  const fields: Array<[string, string]> = [
    ['firstTouchMinutes', 'First touch (minutes)'],
    ['acceptMinutes', 'Accept or return (minutes)'],
    ['marketingRequestHours', 'Marketing request (hours)'],
    ['warnAtShare', 'Warn at share (0–1)'],
    ['reassignAfterMinutes', 'Reassign after (minutes)'],
  ];
  return (
    <Section ctx={ctx} path={['sla']} title="Service levels">
      <Group gap="sm" align="flex-start">
        {fields.map(([key, label]) => (
          <NumberAt key={key} ctx={ctx} path={['sla', key]} label={label} w={200} />
        ))}
      </Group>
    </Section>
  );
}
