import { Alert } from '@mantine/core';
import { describeError } from '../lib/describe-error.js';
import { isFieldError } from '../lib/field-error.js';

/**
 * A form's failure that no input shows already: nothing when there is no error, or when the
 * error names one of the form's own fields (its input displays it).
 */
export function FormErrorAlert({ error, fields }: { error: unknown; fields: readonly string[] }) {
  if (!error || isFieldError(error, fields)) return null;
  return (
    <Alert color="red" variant="light" role="alert">
      {describeError(error)}
    </Alert>
  );
}
