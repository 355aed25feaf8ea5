import type { Role } from '@tandem/contracts';
import type { ContractStatus, ContractVersion, SignOffSide } from './contract-types.js';

/** The roles that write drafts, submit, withdraw and roll back (the server checks again). */
const editorRoles: readonly Role[] = ['admin', 'marketing', 'sales_manager'];
/** The one role that signs each side. */
export const signingRole: Record<SignOffSide, Role> = { marketing: 'marketing', sales: 'sales_manager' };

export function canEditContracts(role: Role): boolean {
  return editorRoles.includes(role);
}

/** Everyone in the workspace may read the contract; partners have no use for it in the app. */
export function canSeeContracts(role: Role): boolean {
  return role !== 'partner';
}

export interface SignOffActions {
  edit: boolean;
  submit: boolean;
  withdraw: boolean;
  rollback: boolean;
  /** The side this viewer may sign (approve or reject), if any. */
  sign: SignOffSide | null;
  /** Why the viewer cannot sign a submitted version, to say so instead of hiding it silently. */
  signNote: string | null;
}

const signable: readonly ContractStatus[] = ['submitted'];

/**
 * Which buttons a viewer sees on a version, by role and status. It mirrors the server's rules so
 * that nobody is offered a button that can only fail; the server still decides, and its 403/409
 * messages are shown when it refuses.
 */
export function signOffActions(
  viewer: { id: string; role: Role },
  version: Pick<ContractVersion, 'status' | 'signatures'>,
): SignOffActions {
  const editor = canEditContracts(viewer.role);
  const { status, signatures } = version;
  const side =
    (Object.keys(signingRole) as SignOffSide[]).find((s) => signingRole[s] === viewer.role) ?? null;
  let sign: SignOffSide | null = null;
  let signNote: string | null = null;
  if (signable.includes(status)) {
    const mine = signatures.find((s) => s.userId === viewer.id);
    if (!side) signNote = 'Marketing users and sales managers sign; your role does not.';
    else if (mine) signNote = `You signed the ${mine.side} side already.`;
    else if (signatures.some((s) => s.side === side)) signNote = `The ${side} side is signed already.`;
    else sign = side;
  }
  return {
    edit: editor && status === 'draft',
    submit: editor && status === 'draft',
    withdraw: editor && (status === 'draft' || status === 'submitted'),
    rollback: editor && status === 'superseded',
    sign,
    signNote,
  };
}

const statusLabels: Record<ContractStatus, string> = {
  draft: 'Draft',
  submitted: 'Awaiting signatures',
  approved: 'Approved, not yet in force',
  active: 'Active',
  superseded: 'Superseded',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
};
const statusColors: Record<ContractStatus, string> = {
  draft: 'gray',
  submitted: 'yellow',
  approved: 'teal',
  active: 'green',
  superseded: 'dark',
  rejected: 'red',
  withdrawn: 'gray',
};

export function statusLabel(status: ContractStatus): string {
  return statusLabels[status];
}
export function statusColor(status: ContractStatus): string {
  return statusColors[status];
}

/** Who signed each side, for the versions list and the sign-off panel. */
export function sideSignatures(version: Pick<ContractVersion, 'signatures'>) {
  return {
    marketing: version.signatures.find((s) => s.side === 'marketing') ?? null,
    sales: version.signatures.find((s) => s.side === 'sales') ?? null,
  };
}
