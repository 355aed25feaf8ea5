import { ActionIcon, Badge, Card, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { type ContractPath, problemCountUnder, problemsAt } from './contract-pointer.js';
import type { FormContext } from './form-inputs.js';

/** One rule (or reason, or condition) in a list, with its problems counted and a remove button. */
export function RuleCard({
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
  const own = problemsAt(ctx.problems, path);
  return (
    <Card withBorder padding="sm" aria-label={title} component="fieldset" style={{ minWidth: 0 }}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap="xs">
            <Text fw={600} size="sm">
              {title}
            </Text>
            {count > 0 ? (
              <Badge color="red" variant="light" size="sm">
                {count} problem{count === 1 ? '' : 's'}
              </Badge>
            ) : null}
          </Group>
          {ctx.readOnly ? null : (
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Remove ${title}`}
              onClick={() => ctx.edit({ kind: 'delete', path })}
            >
              ✕
            </ActionIcon>
          )}
        </Group>
        {own.map((detail) => (
          <Text key={detail} size="sm" c="red">
            {detail}
          </Text>
        ))}
        {children}
      </Stack>
    </Card>
  );
}
