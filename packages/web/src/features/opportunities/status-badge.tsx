import { Badge } from '@mantine/core';
import type { OpportunityStatus } from './opportunities-api.js';

const colors: Record<OpportunityStatus, string> = { open: 'blue', won: 'teal', lost: 'gray' };

export function DealStatusBadge({ status }: { status: OpportunityStatus }) {
  return (
    <Badge variant="light" color={colors[status]}>
      {status}
    </Badge>
  );
}
