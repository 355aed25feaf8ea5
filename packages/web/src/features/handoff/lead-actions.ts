import type { LeadStage, Role } from '@tandem/contracts';

export type LeadAction =
  | 'accept'
  | 'reject'
  | 'recycle'
  | 'disqualify'
  | 'qualify'
  | 'convert'
  | 'activity'
  | 'reassign';

/**
 * The stages each sales action may start from: the server's transition table
 * (core/lifecycle/transitions.ts) restated, so the page offers only legal steps. The server still
 * decides; a stale page gets a 409 with the reason.
 */
const fromStages: Record<LeadAction, readonly LeadStage[]> = {
  accept: ['mql'],
  reject: ['mql', 'accepted'],
  recycle: ['accepted', 'sql'],
  disqualify: ['mql', 'accepted', 'sql'],
  qualify: ['accepted'],
  convert: ['sql'],
  activity: ['mql', 'accepted', 'sql'],
  reassign: ['mql', 'accepted', 'sql'],
};

const actionOrder: readonly LeadAction[] = [
  'accept',
  'activity',
  'qualify',
  'convert',
  'reject',
  'recycle',
  'disqualify',
  'reassign',
];

export interface ActionViewer {
  id: string;
  role: Role;
}

/**
 * The actions the viewer may take on a lead in `stage` owned by `ownerId`: sales actions for its
 * owner and for managers (the server checks the manager's team), reassignment for managers and
 * admins only.
 */
export function availableActions(
  stage: LeadStage,
  ownerId: string | null,
  viewer: ActionViewer,
): LeadAction[] {
  const manager = viewer.role === 'sales_manager';
  const owner = ownerId !== null && ownerId === viewer.id;
  return actionOrder.filter((action) => {
    if (!fromStages[action].includes(stage)) return false;
    if (action === 'reassign') return manager || viewer.role === 'admin';
    return owner || manager;
  });
}
