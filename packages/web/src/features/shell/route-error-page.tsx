import { Center, Stack } from '@mantine/core';
import { type ErrorComponentProps, useRouter } from '@tanstack/react-router';
import { ErrorAlert } from '../../ui/error-alert.js';

/** A route that failed to load, e.g. the server is down while the session is checked. */
export function RouteErrorPage({ error, reset }: ErrorComponentProps) {
  const router = useRouter();
  return (
    <Center mih="60vh" p="md">
      <Stack w={520}>
        <ErrorAlert
          error={error}
          title="Tandem could not load this page"
          onRetry={() => {
            reset();
            void router.invalidate();
          }}
        />
      </Stack>
    </Center>
  );
}
