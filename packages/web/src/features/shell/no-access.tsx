import { Stack, Text } from '@mantine/core';
import { RouterButton } from '../../ui/router-links.js';

/** Shown when a role opens a page its navigation does not offer (the server refuses it anyway). */
export function NoAccess({ what }: { what: string }) {
  return (
    <Stack align="flex-start">
      <Text fw={600}>You do not have access to {what}.</Text>
      <Text c="dimmed" size="sm">
        Ask a workspace administrator if you need it.
      </Text>
      <RouterButton to="/" variant="light">
        Back to home
      </RouterButton>
    </Stack>
  );
}
