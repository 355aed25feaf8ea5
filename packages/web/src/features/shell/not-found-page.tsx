import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { RouterButton } from '../../ui/router-links.js';

export function NotFoundPage() {
  return (
    <Center mih="60vh" p="md">
      <Stack align="center" gap="sm">
        <Title order={2}>Page not found</Title>
        <Text c="dimmed" ta="center" maw={420}>
          There is nothing at this address. It may have moved, or the link may be mistyped.
        </Text>
        <RouterButton to="/" variant="light">
          Go to home
        </RouterButton>
        <Button variant="subtle" size="xs" onClick={() => window.history.back()}>
          Go back
        </Button>
      </Stack>
    </Center>
  );
}
