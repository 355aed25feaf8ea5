import { Badge } from '@mantine/core';
import type { LeadStage } from '@tandem/contracts';

const stageColors: Record<LeadStage, string> = {
  lead: 'gray',
  mql: 'blue',
  accepted: 'cyan',
  sql: 'teal',
  opportunity: 'violet',
  won: 'green',
  lost: 'dark',
  recycled: 'yellow',
  disqualified: 'red',
};

export const stageLabels: Record<LeadStage, string> = {
  lead: 'Lead',
  mql: 'MQL',
  accepted: 'Accepted',
  sql: 'SQL',
  opportunity: 'Opportunity',
  won: 'Won',
  lost: 'Lost',
  recycled: 'Recycled',
  disqualified: 'Disqualified',
};

export function StageBadge({ stage }: { stage: LeadStage }) {
  return (
    <Badge color={stageColors[stage]} variant="light">
      {stageLabels[stage]}
    </Badge>
  );
}
