import { Alert, Button, Group } from '@mantine/core';
import { describeError } from '../lib/describe-error.js';

/** A failed request, said plainly, with a retry when one makes sense. */
export function ErrorAlert({
  error,
  title,
  onRetry,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}) {
  return (
    <Alert color="red" variant="light" title={title ?? 'Something went wrong'} role="alert">
      <Group justify="space-between" wrap="nowrap">
        <span>{describeError(error)}</span>
        {onRetry ? (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            Retry
          </Button>
        ) : null}
      </Group>
    </Alert>
  );
}
