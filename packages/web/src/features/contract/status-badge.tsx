import { Badge } from '@mantine/core';
import type { ContractStatus } from './contract-types.js';
import { statusColor, statusLabel } from './sign-off-actions.js';

export function ContractStatusBadge({ status }: { status: ContractStatus }) {
  return (
    <Badge color={statusColor(status)} variant={status === 'active' ? 'filled' : 'light'}>
      {statusLabel(status)}
    </Badge>
  );
}
