import type { LeadContract } from '@tandem/contracts';

/** Statuses as the server names them (docs/lead-contract.md, "Versions and sign-off"). */
export const contractStatuses = [
  'draft',
  'submitted',
  'approved',
  'active',
  'superseded',
  'rejected',
  'withdrawn',
] as const;
export type ContractStatus = (typeof contractStatuses)[number];
export type SignOffSide = 'marketing' | 'sales';

export interface ContractSignature {
  userId: string;
  name: string;
  side: SignOffSide;
  decision: 'approve' | 'reject';
  comment: string | null;
  at: string;
}

/** One version as `GET /api/v1/lead-contracts/{version}` answers it. */
export interface ContractVersion {
  id: string;
  version: number;
  status: ContractStatus;
  document: LeadContract;
  sourceFormat: 'yaml' | 'json';
  /** The YAML text as written, comments included; null for a version sent as JSON. */
  source: string | null;
  author: { id: string; name: string } | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  effectiveAt: string | null;
  activatedAt: string | null;
  rolledBackFrom: number | null;
  note: string | null;
  signatures: ContractSignature[];
}

export interface FieldChange {
  path: string;
  from: unknown;
  to: unknown;
}

export interface ContractDiff {
  from: number;
  to: number;
  identical: boolean;
  lines: string[];
  rules: Array<{
    section: 'fit' | 'interest' | 'exclusion';
    kind: 'added' | 'removed' | 'changed';
    id: string;
    label: string;
    changes: FieldChange[];
    text: string;
  }>;
  settings: FieldChange[];
}
