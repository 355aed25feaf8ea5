import { Card, Group, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** One dashboard tile: a title, what it measures, and either data or an empty state. */
export function DashboardCard({
  title,
  badge,
  children,
}: {
  title: string;
  badge?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card withBorder padding="lg" component="section" aria-label={title}>
      <Group justify="space-between" mb="xs">
        <Title order={4}>{title}</Title>
        {badge}
      </Group>
      {children}
    </Card>
  );
}

export function EmptyText({ children }: { children: ReactNode }) {
  return (
    <Text c="dimmed" size="sm">
      {children}
    </Text>
  );
}
