import { Card, Stack, Text } from '@mantine/core';
import { PageHeader } from '../../ui/page-header.js';
import { useCurrentSession } from '../auth/use-session.js';
import { NoAccess } from '../shell/no-access.js';

export function PartnerDealsPage() {
  const { user } = useCurrentSession();
  if (user.role !== 'partner') return <NoAccess what="partner deals" />;
  return (
    <Stack gap={0}>
      <PageHeader title="Partner deals" description="Register deals and follow their approval." />
      <Card withBorder padding="xl">
        <Text c="dimmed">
          Deal registration is coming. You will register an opportunity here, see whether it was approved, and
          when the registration expires.
        </Text>
      </Card>
    </Stack>
  );
}
