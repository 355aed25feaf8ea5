import type { Role } from '@tandem/contracts';

export const requestKinds = ['campaign', 'asset', 'event_support', 'deal_help'] as const;
export type RequestKind = (typeof requestKinds)[number];
export const requestStatuses = ['open', 'accepted', 'delivered', 'declined'] as const;
export type RequestStatus = (typeof requestStatuses)[number];
export type RequestMove = 'accept' | 'deliver' | 'decline';

const kindLabels: Record<RequestKind, string> = {
  campaign: 'Campaign',
  asset: 'Asset',
  event_support: 'Event support',
  deal_help: 'Deal help',
};

const statusLabels: Record<RequestStatus, string> = {
  open: 'Open',
  accepted: 'Accepted',
  delivered: 'Delivered',
  declined: 'Declined',
};

export function kindLabel(kind: string): string {
  return kindLabels[kind as RequestKind] ?? kind;
}

export function statusLabel(status: RequestStatus): string {
  return statusLabels[status];
}

/** The board's columns: every status, each with its requests in the order given. */
export function groupByStatus<T extends { status: RequestStatus }>(items: T[]): Record<RequestStatus, T[]> {
  const columns: Record<RequestStatus, T[]> = { open: [], accepted: [], delivered: [], declined: [] };
  for (const item of items) columns[item.status].push(item);
  return columns;
}

// Mirrors the server's rules; the server still has the final word (and says why it refuses).
const movesFrom: Record<RequestStatus, RequestMove[]> = {
  open: ['accept', 'deliver', 'decline'],
  accepted: ['deliver', 'decline'],
  delivered: [],
  declined: [],
};

/** The answers a viewer may give a request in a status: marketing and admins only. */
export function movesFor(status: RequestStatus, role: Role): RequestMove[] {
  return role === 'marketing' || role === 'admin' ? movesFrom[status] : [];
}

/** Who may ask marketing for something. */
export function canCreateRequests(role: Role): boolean {
  return role === 'sales_rep' || role === 'sales_manager' || role === 'admin';
}
